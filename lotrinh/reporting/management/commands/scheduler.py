import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from lotrinh.reporting.models import JobRun
from lotrinh.reporting.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Enqueue the scheduled jobs once a day (the reminders); the worker runs them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="enqueue today's jobs if not done, then exit"
        )
        parser.add_argument("--interval", type=int, default=300, help="seconds between checks")

    def handle(self, *args: object, **options: object) -> None:
        while True:
            today = timezone.localdate()
            if not JobRun.objects.filter(name="send_due_reminders", run_for=today).exists():
                send_due_reminders.enqueue(today.isoformat())
                self.stdout.write(
                    f"Đã đưa việc nhắc báo cáo ngày {today.isoformat()} vào hàng đợi."
                )
            if options["once"]:
                return
            time.sleep(int(options["interval"]))  # type: ignore[call-overload]
