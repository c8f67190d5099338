import os
import subprocess
import sys

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
        worker = None
        if not options["no_worker"]:
            # The worker is its own process (never a thread in the web process).
            worker = subprocess.Popen([sys.executable, "-m", "lotrinh.cli", "worker"])
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
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
