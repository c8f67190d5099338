import datetime
import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lotrinh.core import jobs

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the background task worker (django-tasks database backend), recording a "
        "heartbeat every 15 s, queueing again the jobs of workers gone silent and failing "
        "jobs that outlived their timeout. Start as many as needed, on any machine."
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
    """One heartbeat: say this worker is alive, queue again the jobs of workers gone
    silent (another worker runs them), and fail documents past their timeout."""
    from lotrinh.documents.services import sweep_failed_jobs

    jobs.beat(worker_id, started)
    for result in jobs.requeue_orphaned_tasks(on_requeue=back_in_queue):
        logger.warning(
            "job %s (%s) queued again: its worker went silent", result.pk, result.task_path
        )
    sweep_failed_jobs()


def back_in_queue(result: DBTaskResult) -> None:
    """The domain row of a job queued again returns to "queued" (not failed, not running)."""
    from lotrinh.documents.services import document_back_in_queue
    from lotrinh.importer.service import import_back_in_queue
    from lotrinh.reporting.form_uploads import upload_back_in_queue

    hooks = {
        "lotrinh.documents.services.generate_document": document_back_in_queue,
        "lotrinh.importer.service.parse_import": import_back_in_queue,
        "lotrinh.reporting.form_uploads.process_form_upload": upload_back_in_queue,
    }
    hook = hooks.get(result.task_path)
    args = result.args_kwargs.get("args") or []
    if hook is not None and args:
        hook(int(args[0]))


def _heartbeat(worker_id: str, started: datetime.datetime, stop: threading.Event) -> None:
    while not stop.wait(jobs.HEARTBEAT_SECONDS):
        try:
            close_old_connections()
            look_after(worker_id, started)
        except Exception:  # a lost beat is retried at the next one; the worker goes on
            logger.exception("heartbeat failed")
        finally:
            connection.close()
