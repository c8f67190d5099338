import datetime
import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone

from lotrinh.core import jobs

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the background task worker (django-tasks database backend), recording a "
        "heartbeat every 15 s and failing jobs that outlived their timeout."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run the queued tasks, then exit")
        parser.add_argument("--interval", type=float, default=1, help="seconds between polls")

    def handle(self, *args: object, **options: object) -> None:
        worker_id = jobs.start_worker_identity()
        started = timezone.now()
        stop = threading.Event()
        look_after(worker_id, started)  # seen (and the sweep done) before the first task
        thread = threading.Thread(
            target=_heartbeat, args=(worker_id, started, stop), name="heartbeat", daemon=True
        )
        thread.start()
        try:
            arguments = ["--worker-id", worker_id, "--no-reload", "--no-startup-delay"]
            arguments += ["--interval", str(options["interval"])]
            if options["batch"]:
                arguments.append("--batch")
            call_command("db_worker", *arguments)
        finally:
            stop.set()
            thread.join(timeout=5)


def look_after(worker_id: str, started: datetime.datetime) -> None:
    """One heartbeat: say this worker is alive, and fail jobs nobody is running any more."""
    from lotrinh.documents.services import sweep_failed_jobs

    jobs.beat(worker_id, started)
    sweep_failed_jobs()


def _heartbeat(worker_id: str, started: datetime.datetime, stop: threading.Event) -> None:
    while not stop.wait(jobs.HEARTBEAT_SECONDS):
        try:
            close_old_connections()
            look_after(worker_id, started)
        except Exception:  # a lost beat is retried at the next one; the worker goes on
            logger.exception("heartbeat failed")
        finally:
            connection.close()
