"""`lotrinh scheduler`: enqueue the daily jobs (the reminders); the workers run them.

Exactly one scheduler acts, however many are started (one per server, or a second one
by mistake): each renews a lease row in the database (`core.Lease` "scheduler") every
few seconds, and only the holder enqueues. The others stand by and take over when the
holder stops renewing (stopped, killed, or its machine gone) and the lease expires.
"""

import datetime
import os
import signal
import socket
import threading
import time
import uuid
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lotrinh.core import jobs
from lotrinh.core.dates import show_day
from lotrinh.reporting.models import JobRun
from lotrinh.reporting.reminders import send_due_reminders

LEASE = "scheduler"


def reminders_pending(day: datetime.date) -> bool:
    """Done for `day`, or already queued or running (not to be queued a second time)."""
    if JobRun.objects.filter(name="send_due_reminders", run_for=day).exists():
        return True
    waiting = DBTaskResult.objects.filter(
        task_path=send_due_reminders.module_path,
        status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING),
    ).values_list("args_kwargs", flat=True)
    return any(list(a.get("args") or []) == [day.isoformat()] for a in waiting)


class Command(BaseCommand):
    help = (
        "Enqueue the scheduled jobs once a day (the reminders); the worker runs them. "
        "Only one scheduler acts at a time (a lease in the database); others stand by."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="enqueue today's jobs if not done, then exit"
        )
        parser.add_argument("--interval", type=int, default=300, help="seconds between checks")
        parser.add_argument(
            "--lease-seconds",
            type=int,
            default=60,
            help="how long the lease lasts unrenewed (a standby takes over after it)",
        )

    def handle(self, *args: object, **options: object) -> None:
        holder = f"{socket.gethostname()[:60]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        lease_seconds = max(3, int(options["lease_seconds"]))  # type: ignore[call-overload]
        interval = max(1, int(options["interval"]))  # type: ignore[call-overload]
        # Renew three times per lease period, so one slow round does not lose it.
        tick = min(lease_seconds / 3, interval)
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        held: bool | None = None
        next_check = 0.0
        try:
            while not stop.is_set():
                if jobs.hold_lease(LEASE, holder, lease_seconds):
                    if held is not True:
                        self.say(f"Bộ lập lịch {holder} đang chạy (giữ quyền lập lịch).")
                    held = True
                    if time.monotonic() >= next_check:
                        self.enqueue_due()
                        next_check = time.monotonic() + interval
                else:
                    if held is not False:
                        self.say(
                            "Một bộ lập lịch khác đang chạy: bộ này chờ, không đưa việc nào "
                            "vào hàng đợi."
                        )
                    held = False
                if options["once"]:
                    return
                stop.wait(tick)
                close_old_connections()  # a connection lost while waiting is replaced
        finally:
            if held:
                jobs.release_lease(LEASE, holder)

    def say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def enqueue_due(self) -> None:
        today = timezone.localdate()
        if not reminders_pending(today):
            send_due_reminders.enqueue(today.isoformat())
            self.say(f"Đã đưa việc nhắc báo cáo ngày {show_day(today)} vào hàng đợi.")
