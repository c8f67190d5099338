import os
import signal
import subprocess
import sys
from types import FrameType

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Serve Lộ trình with gunicorn on 127.0.0.1 (PORT or --port), with a task worker beside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start the background worker"
        )

    def handle(self, *args: object, **options: object) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        signal.signal(signal.SIGTERM, _stop)
        helpers: list[subprocess.Popen[bytes]] = []
        if not options["no_worker"]:
            # The worker and the daily scheduler are their own processes (never threads
            # in the web process).
            helpers.append(subprocess.Popen([sys.executable, "-m", "lotrinh.cli", "worker"]))
            helpers.append(subprocess.Popen([sys.executable, "-m", "lotrinh.cli", "scheduler"]))
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Lộ trình đang chạy tại http://{address}/ (Ctrl+C để dừng)")
        try:
            subprocess.call(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "lotrinh.wsgi:application",
                    "--bind",
                    address,
                    "--workers",
                    "2",
                    "--access-logfile",
                    "-",
                ],
                cwd=settings.BASE_DIR,
            )
        except KeyboardInterrupt:
            pass
        finally:
            for process in helpers:
                process.terminate()
                process.wait(timeout=10)


def _stop(signum: int, frame: FrameType | None) -> None:
    # Stop like Ctrl+C, so the worker and the scheduler are stopped with the server.
    raise KeyboardInterrupt
