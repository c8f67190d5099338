"""Serve Lộ trình: gunicorn, plus the background worker and the scheduler, supervised.

One parent process starts three children, each in its own process group so that a
Ctrl+C in the terminal reaches only the parent, which then stops them in order:
- gunicorn (workers and threads from the environment);
- `lotrinh worker` and `lotrinh scheduler`, restarted with a growing back-off when one
  exits (and reaped, so no zombie is left).
SIGTERM or SIGINT to the parent is passed on as SIGTERM (gunicorn's graceful stop);
children still running after the graceful timeout are killed.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from types import FrameType

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandParser

from lotrinh.core.static_collection import collect_if_stale

# A helper that ran this long before exiting is considered to have been healthy: its
# back-off starts again from the shortest delay.
HEALTHY_RUN_SECONDS = 60.0
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0


def env_positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be a positive integer, got {raw!r}")
    return value


def default_web_workers() -> int:
    # Gunicorn's rule of thumb: two per core plus one.
    return 2 * (os.cpu_count() or 1) + 1


@dataclass
class Helper:
    """A supervised child (`lotrinh worker`, `lotrinh scheduler`)."""

    name: str
    argv: list[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    backoff: float = BACKOFF_FIRST
    restart_at: float | None = None
    restarts: int = field(default=0)


class Command(BaseCommand):
    help = (
        "Serve Lộ trình with gunicorn on 127.0.0.1 (PORT or --port), with the background "
        "worker and the scheduler beside it, restarted if they stop."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start the background worker"
        )

    def handle(self, *args: object, **options: object) -> None:
        workers = env_positive_int("LOTRINH_WEB_WORKERS", default_web_workers())
        threads = env_positive_int("LOTRINH_WEB_THREADS", 4)
        timeout = env_positive_int("LOTRINH_WEB_TIMEOUT", 60)
        graceful = env_positive_int("LOTRINH_GRACEFUL_TIMEOUT", 30)
        # Collected only when the installed static files changed: a restart stays quick.
        collected = collect_if_stale()
        if collected is None:
            self.say("static: up to date")
        else:
            self.say(f"static: collected ({collected} files)")

        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)

        address = f"{options['host']}:{options['port']}"
        gunicorn_argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "lotrinh.wsgi:application",
            "--bind",
            address,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            str(graceful),
            "--access-logfile",
            "-",
            *control_socket_args(),
        ]
        helpers: list[Helper] = []
        if not options["no_worker"]:
            # The worker and the daily scheduler are their own processes (never threads
            # in the web process).
            helpers = [
                Helper("worker", [sys.executable, "-m", "lotrinh.cli", "worker"]),
                Helper("scheduler", [sys.executable, "-m", "lotrinh.cli", "scheduler"]),
            ]
        web = spawn(gunicorn_argv)
        self.say(f"web: gunicorn pid {web.pid}, {workers} workers × {threads} threads")
        for helper in helpers:
            self.start(helper)
        self.stdout.write(f"Lộ trình đang chạy tại http://{address}/ (Ctrl+C để dừng)")
        self.stdout.flush()

        exit_code = 0
        while not stop.wait(0.2):
            code = web.poll()
            if code is not None:
                self.say(f"web: gunicorn exited with status {code}; stopping")
                exit_code = code or 1
                break
            self.supervise(helpers)
        self.shutdown(web, helpers, graceful)
        if exit_code:
            raise SystemExit(exit_code)

    def say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def start(self, helper: Helper) -> None:
        helper.process = spawn(helper.argv)
        helper.started_at = time.monotonic()
        helper.restart_at = None
        self.say(f"{helper.name}: started, pid {helper.process.pid}")

    def supervise(self, helpers: list[Helper]) -> None:
        now = time.monotonic()
        for helper in helpers:
            if helper.process is not None:
                code = helper.process.poll()  # reaps an exited child
                if code is None:
                    continue
                ran = now - helper.started_at
                if ran >= HEALTHY_RUN_SECONDS:
                    helper.backoff = BACKOFF_FIRST
                helper.restart_at = now + helper.backoff
                self.say(
                    f"{helper.name}: pid {helper.process.pid} exited with status {code}; "
                    f"restarting in {helper.backoff:.0f} s"
                )
                helper.backoff = min(helper.backoff * 2, BACKOFF_MAX)
                helper.process = None
            elif helper.restart_at is not None and now >= helper.restart_at:
                helper.restarts += 1
                self.start(helper)

    def shutdown(self, web: subprocess.Popen[bytes], helpers: list[Helper], graceful: int) -> None:
        self.say("stopping: SIGTERM to gunicorn, the worker and the scheduler")
        children = [web, *(h.process for h in helpers if h.process is not None)]
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + graceful + 5
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.say(f"pid {child.pid} did not stop in time; killing its process group")
                try:
                    os.killpg(child.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                child.wait()
        self.say("stopped")


def control_socket_args() -> list[str]:
    """Gunicorn ≥ 24 opens a control socket in ~/.gunicorn by default: one per user, so
    two servers on one machine would share it. Ours lives under var/."""
    from gunicorn.config import KNOWN_SETTINGS

    if any(setting.name == "control_socket" for setting in KNOWN_SETTINGS):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        return ["--control-socket", str(settings.VAR_DIR / "gunicorn.ctl")]
    return []


def spawn(argv: list[str]) -> subprocess.Popen[bytes]:
    # Own process group: the terminal's Ctrl+C reaches only this parent, which stops the
    # children in order (gunicorn treats SIGINT as a quick, not graceful, stop).
    return subprocess.Popen(
        argv, cwd=settings.BASE_DIR, start_new_session=True, preexec_fn=stop_with_parent
    )


def stop_with_parent() -> None:
    """In the child: ask Linux for SIGTERM if this supervisor dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the children outlive a killed supervisor
