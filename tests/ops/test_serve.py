"""`lotrinh serve` supervises its helpers and stops gracefully.

These run the real command in a subprocess on a SQLite file of their own.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


PORT = free_port()


def server_env(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOTRINH_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(
        {
            "LOTRINH_VAR_DIR": str(var),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "LOTRINH_WEB_WORKERS": "2",
            "LOTRINH_WEB_THREADS": "2",
            "LOTRINH_GRACEFUL_TIMEOUT": "5",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@pytest.fixture(scope="module")
def migrated_var(tmp_path_factory):
    var = tmp_path_factory.mktemp("serve-var")
    subprocess.run(
        [sys.executable, "-m", "lotrinh.cli", "migrate", "-v", "0"],
        cwd=ROOT,
        env=server_env(var),
        check=True,
        timeout=300,
    )
    return var


class Server:
    def __init__(self, var: Path) -> None:
        self.log = var / f"serve-{time.monotonic_ns()}.log"
        self.handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lotrinh.cli", "serve", "--port", str(PORT)],
            cwd=ROOT,
            env=server_env(var),
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, pattern: str, timeout: float = 60, after: int = 0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.compile(pattern).search(self.output(), after)
            if match:
                return match
            assert self.process.poll() is None, self.output()
            time.sleep(0.2)
        raise AssertionError(f"{pattern!r} not seen in:\n{self.output()}")

    def stop(self) -> None:
        """Stop the whole tree, whatever state the test left it in."""
        tree = descendants(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in tree:
            if state(pid) is not None:
                os.kill(pid, signal.SIGKILL)
        self.handle.close()


def descendants(pid: int) -> list[int]:
    """Every process whose parent chain leads to `pid` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def get(path: str) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
        return response.status


def wait_http(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            get("/static/css/site.css")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_a_killed_worker_is_reaped_and_restarted(migrated_var):
    server = Server(migrated_var)
    try:
        first = int(server.wait_for(r"worker: started, pid (\d+)").group(1))
        server.wait_for(r"scheduler: started, pid (\d+)")
        wait_http()
        os.kill(first, signal.SIGKILL)
        seen = server.wait_for(rf"worker: pid {first} exited with status -9")
        second = int(server.wait_for(r"worker: started, pid (\d+)", after=seen.end()).group(1))
        assert second != first
        assert state(first) is None  # reaped: no zombie left behind
        assert state(second) in {"R", "S", "D"}
    finally:
        server.stop()


def test_sigterm_stops_gunicorn_and_the_helpers_gracefully_leaving_no_zombie(migrated_var):
    server = Server(migrated_var)
    try:
        server.wait_for(r"worker: started, pid (\d+)")
        server.wait_for(r"scheduler: started, pid (\d+)")
        wait_http()
        assert get("/static/css/site.css") == 200
        tree = descendants(server.process.pid)
        assert len(tree) >= 5  # gunicorn + 2 web workers + worker + scheduler
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        code = server.process.wait(timeout=5 + 10)
        took = time.monotonic() - started
        assert code == 0, server.output()
        assert took < 5 + 5, took
        leftovers = [pid for pid in tree if state(pid) is not None]
        assert leftovers == [], [(pid, state(pid)) for pid in leftovers]
        log = server.output()
        assert "Handling signal: term" in log  # gunicorn's graceful stop, not a kill
        assert "did not stop in time" not in log
    finally:
        server.stop()


def test_web_workers_and_threads_come_from_the_environment(migrated_var):
    server = Server(migrated_var)
    try:
        line = server.wait_for(r"web: gunicorn pid \d+, (\d+) workers × (\d+) threads")
        assert line.groups() == ("2", "2")
        server.wait_for(r"Booting worker with pid")
    finally:
        server.stop()


def test_a_restart_does_not_collect_the_static_files_again(migrated_var):
    (migrated_var / "static-manifest.json").unlink(missing_ok=True)
    first = Server(migrated_var)
    try:
        first.wait_for(r"static: collected \(\d+ files\)")
        wait_http()
    finally:
        first.stop()
    second = Server(migrated_var)
    try:
        second.wait_for(r"static: up to date")
        wait_http()
        assert get("/static/css/site.css") == 200
        assert "static: collected" not in second.output()
    finally:
        second.stop()
