#!/usr/bin/env python3
"""Two web nodes, two workers and one scheduler on one PostgreSQL, behind HAProxy.

The many-server deployment of docs/deployment.md, on one machine: each web node is a
`lotrinh serve --no-worker` on its own port with its own var/ directory (nothing shared
but the database, the media directory and the SECRET_KEY), HAProxy balances them round
robin and checks /healthz every second, two `lotrinh worker` share the job queue, and one
`lotrinh scheduler` holds the scheduler lease.

    .venv/bin/python scripts/multinode.py up [--dir DIR] [--base-port 8180] [--for SECONDS]

creates the database afresh (LOTRINH_MULTINODE_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/lotrinh_multinode), loads the demo data, starts
everything, waits until HAProxy sees both nodes healthy (bounded), prints the address,
and runs until Ctrl+C, SIGTERM or --for seconds; then stops everything: SIGTERM first
(graceful), SIGKILL for what is still running after the grace period.

tests/ops/test_multinode.py drives the same `Cluster` class.
"""

import argparse
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lotrinh_multinode"
HAPROXY_CANDIDATES = ("haproxy", "/usr/sbin/haproxy")


def find_haproxy() -> str | None:
    for candidate in HAPROXY_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def recreate_database(url: str) -> None:
    """Drop and create the database named in `url` (through the `postgres` database)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected database name {name!r}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (from /proc), children first found first."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


@dataclass
class Proc:
    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        handle.close()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def tree(self) -> list[int]:
        return [self.pid, *descendants(self.pid)] if self.running() else []

    def kill_hard(self) -> None:
        """SIGKILL the process and everything it started, at once (a crashed machine)."""
        for pid in self.tree():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.process is not None:
            self.process.wait(timeout=10)

    def terminate(self) -> None:
        if self.running():
            assert self.process is not None
            self.process.send_signal(signal.SIGTERM)

    def wait_or_kill(self, deadline: float) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.kill_hard()
        # What the process started in its own sessions (gunicorn's workers) must not
        # outlive it.
        for pid in descendants(self.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@dataclass
class Cluster:
    """The processes of the two-node deployment, started and stopped together."""

    workdir: Path
    database_url: str = DEFAULT_DATABASE_URL
    base_port: int = 8180
    web_threads: int = 4
    # Short heartbeats and lease so a killed worker or scheduler is replaced in seconds
    # (the defaults are 15 s / 60 s: see docs/deployment.md).
    heartbeat_seconds: int = 2
    silent_seconds: int = 6
    lease_seconds: int = 6
    procs: dict[str, Proc] = field(default_factory=dict)
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))

    @property
    def lb_port(self) -> int:
        return self.base_port

    def web_port(self, index: int) -> int:
        return self.base_port + index  # web-1 on base+1, web-2 on base+2

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.lb_port}"

    @property
    def media_root(self) -> Path:
        return self.workdir / "shared-media"

    def env(self, name: str, **extra: str) -> dict[str, str]:
        """The environment of one process: shared database, media and key; its own var/."""
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("LOTRINH_", "DJANGO_")) and k not in ("DATABASE_URL", "DEBUG")
        }
        var = self.workdir / "nodes" / name
        var.mkdir(parents=True, exist_ok=True)
        env.update(
            {
                "DATABASE_URL": self.database_url,
                "SECRET_KEY": self.secret_key,
                "LOTRINH_VAR_DIR": str(var),
                "LOTRINH_MEDIA_ROOT": str(self.media_root),
                "LOTRINH_NODE_NAME": name,
                "LOTRINH_WORKER_HEARTBEAT_SECONDS": str(self.heartbeat_seconds),
                "LOTRINH_WORKER_SILENT_SECONDS": str(self.silent_seconds),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(extra)
        return env

    def lotrinh(self, name: str, *args: str, **extra: str) -> Proc:
        return Proc(
            name,
            [python(), "-m", "lotrinh.cli", *args],
            self.env(name, **extra),
            self.workdir / "logs" / f"{name}.log",
        )

    def run_once(self, name: str, *args: str, timeout: float = 300) -> None:
        setup = self.lotrinh(name, *args)
        setup.start()
        assert setup.process is not None
        if setup.process.wait(timeout=timeout) != 0:
            raise RuntimeError(f"lotrinh {' '.join(args)} failed: see {setup.log}")

    def create_database(self, fresh: bool = True) -> None:
        """A fresh database with its tables (the web nodes can answer /healthz on it)."""
        (self.workdir / "logs").mkdir(parents=True, exist_ok=True)
        self.media_root.mkdir(parents=True, exist_ok=True)
        if fresh:
            recreate_database(self.database_url)
        self.run_once("migrate", "migrate", "--no-input")

    def load_demo(self) -> None:
        """The demo data (accounts, reports): before any worker or scheduler runs."""
        self.run_once("setup", "demo", "--no-serve")

    def start_web(self) -> None:
        """The two web nodes and HAProxy."""
        haproxy = find_haproxy()
        if haproxy is None:
            raise RuntimeError("HAProxy is not installed (scripts/install-system-deps.sh)")
        ports = [self.lb_port, self.web_port(1), self.web_port(2)]
        busy = [p for p in ports if not port_free(p)]
        if busy:
            raise RuntimeError(f"ports already in use: {busy}")
        (self.workdir / "logs").mkdir(parents=True, exist_ok=True)
        for index in (1, 2):
            name = f"web-{index}"
            self.procs[name] = self.lotrinh(
                name,
                "serve",
                "--no-worker",
                "--port",
                str(self.web_port(index)),
                LOTRINH_WEB_WORKERS="1",
                LOTRINH_WEB_THREADS=str(self.web_threads),
                LOTRINH_GRACEFUL_TIMEOUT="5",
            )
        config = self.workdir / "haproxy.cfg"
        config.write_text(self.haproxy_config())
        check = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True)
        if check.returncode != 0:
            raise RuntimeError(f"haproxy config refused: {check.stderr.decode()}")
        self.procs["haproxy"] = Proc(
            "haproxy",
            [haproxy, "-db", "-f", str(config)],
            dict(os.environ),
            self.workdir / "logs" / "haproxy.log",
        )
        for name in ("web-1", "web-2", "haproxy"):
            self.procs[name].start()

    def start_jobs(self) -> None:
        """The two workers and the scheduler."""
        for index in (1, 2):
            name = f"worker-{index}"
            self.procs[name] = self.lotrinh(name, "worker", "--interval", "0.2")
            self.procs[name].start()
        self.procs["scheduler"] = self.scheduler_proc("scheduler")
        self.procs["scheduler"].start()

    def scheduler_proc(self, name: str) -> Proc:
        return self.lotrinh(
            name, "scheduler", "--interval", "2", "--lease-seconds", str(self.lease_seconds)
        )

    def haproxy_config(self) -> str:
        servers = "\n".join(
            f"    server web-{i} 127.0.0.1:{self.web_port(i)} check" for i in (1, 2)
        )
        return f"""# Generated by scripts/multinode.py
global
    maxconn 2000

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A connection refused by a dead node is retried on the other one.
    retries 2
    option redispatch

frontend lotrinh
    bind 127.0.0.1:{self.lb_port}
    default_backend web

backend web
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    # A dead node refuses at once (down after 2 s); a slow one under load gets 10 s.
    timeout check 10s
    default-server inter 1s fall 2 rise 1
{servers}
"""

    def wait_healthy(self, timeout: float = 120) -> None:
        """Until both nodes answer /healthz directly and through HAProxy (bounded)."""
        deadline = time.monotonic() + timeout
        pending = {f"web-{i}": f"http://127.0.0.1:{self.web_port(i)}/healthz" for i in (1, 2)}
        while pending:
            for name, url in list(pending.items()):
                if healthz(url):
                    del pending[name]
            for name, proc in self.procs.items():
                if not proc.running():
                    raise RuntimeError(f"{name} stopped during start-up: see {proc.log}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"not healthy after {timeout:.0f} s: {sorted(pending)}")
            time.sleep(0.5)
        seen: set[str] = set()
        while len(seen) < 2:
            node = healthz(f"{self.url}/healthz")
            if node:
                seen.add(node)
            if time.monotonic() > deadline:
                raise TimeoutError(f"HAProxy routes to {sorted(seen)} only")
            time.sleep(0.2)

    def stop(self, grace: float = 15) -> None:
        """SIGTERM to everything (web nodes finish their requests), then SIGKILL."""
        for proc in self.procs.values():
            proc.terminate()
        deadline = time.monotonic() + grace
        for proc in self.procs.values():
            proc.wait_or_kill(deadline)


def healthz(url: str) -> str:
    """The answering node's name if `url` says ok, else ""."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return response.headers.get("X-Lotrinh-Node", "") or "?"
    except (urllib.error.URLError, OSError, http.client.HTTPException):
        pass  # no answer, or a garbled one from a node going down
    return ""


@contextmanager
def running_cluster(workdir: Path, **options: object) -> Iterator[Cluster]:
    cluster = Cluster(workdir=workdir, **options)  # type: ignore[arg-type]
    try:
        cluster.create_database()
        cluster.start_web()  # the nodes boot while the demo data loads
        cluster.load_demo()
        cluster.start_jobs()
        cluster.wait_healthy()
        yield cluster
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["up"])
    parser.add_argument("--dir", type=Path, help="working directory (default: a temporary one)")
    parser.add_argument("--base-port", type=int, default=8180)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOTRINH_MULTINODE_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="recreated from scratch",
    )
    parser.add_argument("--for", dest="seconds", type=float, help="stop after this many seconds")
    args = parser.parse_args()
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="lotrinh-multinode-"))
    stop = {"now": False}

    def request_stop(signum: int, frame: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    started = time.monotonic()
    print(f"logs and configuration in {workdir}", flush=True)
    with running_cluster(
        workdir, database_url=args.database_url, base_port=args.base_port
    ) as cluster:
        print(
            f"Lộ trình on {cluster.url}/ (HAProxy → web-1 :{cluster.web_port(1)}, "
            f"web-2 :{cluster.web_port(2)}; 2 workers, 1 scheduler). Ctrl+C stops.",
            flush=True,
        )
        while not stop["now"]:
            if args.seconds is not None and time.monotonic() - started > args.seconds:
                break
            time.sleep(0.5)
        print("stopping…", flush=True)
    print("stopped", flush=True)


if __name__ == "__main__":
    main()
