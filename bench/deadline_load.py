"""Deadline day: hundreds of reporters at once against `lotrinh serve` + PostgreSQL.

Builds the national data set (every ministry and province, six yearly periods
2020–2025: 527 reports, 3,132 entries, as bench/reporting_bench.py), every report open
for editing, one reporter and one approver per agency; starts `lotrinh serve` as an
operator would (gunicorn sized to the machine, worker and scheduler beside it) on
loopback; then runs:

1. 200 concurrent reporters (signed in beforehand, as in every later phase: the logins
   are measured in 3.), each thinking 5–10 s between visits: open their
   report, save one entry with the version they read; about one visit in twenty, the
   agency's approver approves and the reporter submits, each through the confirmation
   page (the reporter then takes another report). Beyond one reporter per report,
   several share a report, each saving her own entries (never the same one), and none
   of them submits it. p50/p95/p99 of every request and the errors (5xx, no answer, or
   any answer other than the expected one);
2. a capacity search: the largest number of such reporters with p95 ≤ 500 ms and no
   errors (doubling from 200, then bisecting; bounded by --max-users and the time budget);
3. 50 logins at the same instant (a barrier): their p95.

The load generator is threads and the standard library's http.client, not locust: a
virtual reporter sleeps > 99 % of the time, so a thread each costs nothing, phases are
bounded and deterministic, and nothing is added to the project's dependencies. The
generator shares the machine's cores with the server (loopback only); its own CPU time
is printed.

Run: .venv/bin/python bench/deadline_load.py [--quick] [--database-url URL] [--port P]
The database (default postgres://postgres@127.0.0.1:5432/lotrinh_bench_load) is
created afresh unless --reuse. Last line:
users=200 p95_ms=N errors=N capacity_users=N login_p95_ms=N
"""

import argparse
import http.client
import os
import random
import re
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lotrinh_bench_load"
PASSWORD = "bench-deadline-2025"
TARGET_P95_MS = 500.0
LOGIN_URL = "/tai-khoan/dang-nhap/"
INPUT_TAG = re.compile(r"<input\b[^>]*>", re.I)
ATTR = re.compile(r'\b(name|value)="([^"]*)"')


# ------------------------------------------------------------------ data


def build_data(database_url: str, var_dir: str, reuse: bool) -> list[tuple[int, str, str]]:
    """The national data set; returns (report id, reporter, approver) of every report."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["LOTRINH_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    if not reuse:
        import psycopg

        parts = urllib.parse.urlsplit(database_url)
        name = parts.path.lstrip("/")
        admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')

    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction

    from lotrinh.accounts.models import Role, User
    from lotrinh.core.setup import load_all
    from lotrinh.programmes.services import current_programme
    from lotrinh.reporting import services
    from lotrinh.reporting.models import AgencyReport, ReportEntry

    if not reuse:
        call_command("migrate", verbosity=0)
        load_all()
        regime = current_programme("50/NQ-CP").reporting_regimes.get(code="annual-report")
        periods = [p for p in services.generate_periods(regime, 2025) if p.year >= 2020]
        with transaction.atomic():
            for period in periods:
                for agency in services.expected_reporters(regime, period):
                    services.ensure_report(agency, period)
            ReportEntry.objects.update(status="in_progress", result="Đang triển khai.")
            # One password hash (Argon2id, the production hasher) for every bench account.
            hashed = make_password(PASSWORD)
            agencies = {r.agency for r in AgencyReport.objects.select_related("agency")}
            User.objects.bulk_create(
                User(
                    username=f"{prefix}-{agency.code}"[:150],
                    password=hashed,
                    agency=agency,
                    role=role,
                    full_name=f"{label} {agency.name_vi}"[:200],
                )
                for agency in agencies
                for prefix, role, label in (
                    ("r", Role.REPORTER, "Cán bộ"),
                    ("a", Role.APPROVER, "Lãnh đạo"),
                )
            )
        # Today's daily job (open the current cycle, send reminders) runs now, as it would
        # have at midnight, not on the worker in the middle of the measurement.
        from django.utils import timezone

        from lotrinh.reporting.reminders import send_due_reminders

        send_due_reminders.call(timezone.localdate().isoformat())
    reset_reports()
    national = AgencyReport.objects.filter(period__year__range=(2020, 2025))
    rows = [
        (pk, f"r-{code}"[:150], f"a-{code}"[:150])
        for pk, code in national.values_list("pk", "agency__code").order_by("pk")
    ]
    print(
        f"data set: {len(rows)} reports 2020–2025, "
        f"{ReportEntry.objects.filter(report__in=national).count()} entries, "
        f"{User.objects.filter(username__startswith='r-').count()} agencies with a reporter "
        f"(and {AgencyReport.objects.count() - len(rows)} reports of the cycle the daily job "
        "opened, not used)",
        flush=True,
    )
    connection.close()
    return rows


def reset_reports() -> None:
    """Every report back to an editable draft (between phases: submitted ones reopen)."""
    from django.db import connection

    from lotrinh.reporting.models import AgencyReport, ReportStatus

    AgencyReport.objects.update(status=ReportStatus.DRAFT)
    connection.close()


# ------------------------------------------------------------------ HTTP


class Answer(Exception):
    """A request that did not get the expected answer (counted as an error)."""


@dataclass
class Recorder:
    """Each request's (start, duration ms, ok, kind), from all threads."""

    samples: list[tuple[float, float, bool, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Requests sent and not yet answered: {token: (start, kind)}.
    pending: dict[object, tuple[float, str]] = field(default_factory=dict)

    def begin(self, token: object, started: float, kind: str) -> None:
        with self.lock:
            self.pending[token] = (started, kind)

    def add(self, started: float, ms: float, ok: bool, kind: str, token: object = None) -> None:
        with self.lock:
            self.pending.pop(token, None)
            self.samples.append((started, ms, ok, kind))

    def unanswered(self) -> None:
        """Requests still without an answer when the phase ends count as errors (no
        answer), with the time they had waited: a phase never drops its slowest requests."""
        now = time.monotonic()
        with self.lock:
            for started, kind in self.pending.values():
                self.samples.append((started, (now - started) * 1000, False, kind))
            self.pending.clear()


class Browser:
    """One person's cookies; one short-lived connection per request (think times are far
    longer than gunicorn's keep-alive, so a browser would reconnect as well)."""

    def __init__(self, port: int, recorder: Recorder) -> None:
        self.port = port
        self.recorder = recorder
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        kind: str,
        expect: int,
        data: dict[str, object] | None = None,
        htmx: bool = False,
    ) -> str:
        headers = {"Host": "127.0.0.1", "Connection": "close"}
        if htmx:  # as the page's htmx sends it: the answer is the form, in place
            headers["HX-Request"] = "true"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        started = time.monotonic()
        token, recorder = object(), self.recorder  # the phase this request belongs to
        recorder.begin(token, started, kind)
        ok, text = False, ""
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                for value in response.headers.get_all("Set-Cookie") or []:
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
                ok = response.status == expect
            finally:
                conn.close()
        except (OSError, http.client.HTTPException):
            ok = False
        finally:
            recorder.add(started, (time.monotonic() - started) * 1000, ok, kind, token)
        if not ok:
            raise Answer(f"{method} {path}")
        return text

    def log_in(self, username: str) -> None:
        self.request("GET", LOGIN_URL, "login_page", 200)
        self.post_login(username)

    def post_login(self, username: str) -> None:
        self.request(
            "POST",
            LOGIN_URL,
            "login",
            302,
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            },
        )


def confirm_and_act(browser: Browser, report: int, action: str) -> None:
    """A workflow step as a person takes it: the confirmation page (its summary and the
    report's version), then the confirmed POST."""
    page = browser.request("GET", f"/bao-cao/{report}/xac-nhan/{action}/", "confirm", 200)
    version = next(
        (
            attrs["value"]
            for attrs in (dict(ATTR.findall(tag)) for tag in INPUT_TAG.findall(page))
            if attrs.get("name") == "confirm"
        ),
        None,
    )
    if version is None:
        raise Answer(f"no confirmation of {action} on report {report}")
    browser.request("POST", f"/bao-cao/{report}/{action}/", action, 302, {"confirm": version})


def entry_versions(page: str) -> dict[int, int]:
    """{entry id: version} from the report page's hidden `e<id>-version` inputs."""
    found = {}
    for tag in INPUT_TAG.findall(page):
        attrs = dict(ATTR.findall(tag))
        match = re.fullmatch(r"e(\d+)-version", attrs.get("name", ""))
        if match and attrs.get("value", "").isdigit():
            found[int(match.group(1))] = int(attrs["value"])
    return found


# ------------------------------------------------------------------ load


@dataclass
class Pool:
    """Reports no virtual reporter has yet (taken by one who submitted hers)."""

    rows: list[tuple[int, str, str]]
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> tuple[int, str, str] | None:
        with self.lock:
            return self.rows.pop() if self.rows else None


@dataclass(frozen=True)
class Assignment:
    """A virtual reporter's report, and her share of its entries: beyond one reporter per
    report, several share a report, each saving her own entries (entry `i` of the page
    is hers when i % slots == slot), so no two people ever save the same entry."""

    row: tuple[int, str, str]
    slot: int = 0
    slots: int = 1


def assignments(rows: list[tuple[int, str, str]], users: int) -> list[Assignment]:
    slots = max(1, -(-users // len(rows)))
    return [Assignment(rows[u % len(rows)], u // len(rows), slots) for u in range(users)]


@dataclass
class Phase:
    users: int
    warmup: float
    measure: float
    think: tuple[float, float] = (5.0, 10.0)
    submit_share: float = 0.05


def signed_in(
    sessions: dict[str, Browser], port: int, recorder: Recorder, username: str, key: str
) -> Browser:
    """The session of the person `key` (kept across phases: several people of one agency,
    each with a report, each signed in once)."""
    browser = sessions.get(key)
    if browser is None:
        browser = Browser(port, recorder)
        browser.log_in(username)
        sessions[key] = browser
    browser.recorder = recorder
    return browser


def reporter(
    port: int,
    mine: Assignment,
    pool: Pool,
    sessions: dict[str, Browser],
    phase: Phase,
    recorder: Recorder,
    stop: threading.Event,
    rng: random.Random,
) -> None:
    # Users arrive over the first think period, not all at once.
    if stop.wait(rng.uniform(0, phase.think[1])):
        return
    report, username, approver_name = mine.row
    try:
        browser = signed_in(sessions, port, recorder, username, f"{report}#{mine.slot}")
    except Answer:
        return
    approver: Browser | None = None
    n = 0
    while not stop.is_set():
        try:
            page = browser.request("GET", f"/bao-cao/{report}/", "report", 200)
            versions = entry_versions(page)
            if not versions:
                raise Answer(f"no editable entry on report {report}")
            own = [e for i, e in enumerate(sorted(versions)) if i % mine.slots == mine.slot]
            if not own:  # a shared report with fewer entries than sharers: a reading visit
                if stop.wait(rng.uniform(*phase.think)):
                    return
                continue
            entry = rng.choice(own)
            n += 1
            browser.request(
                "POST",
                f"/bao-cao/{report}/muc/{entry}/",
                "save",
                200,
                {
                    f"e{entry}-status": "in_progress",
                    f"e{entry}-result": f"Cập nhật lần {n}: đã triển khai {rng.randint(1, 99)} %.",
                    f"e{entry}-version": versions[entry],
                },
                htmx=True,
            )
            # Only a report's sole writer submits it (the others would find it closed).
            if mine.slots == 1 and rng.random() < phase.submit_share:
                if approver is None:
                    approver = Browser(port, recorder)
                    approver.log_in(approver_name)
                approver.recorder = recorder
                confirm_and_act(approver, report, "approve")
                confirm_and_act(browser, report, "submit")
                following = pool.take()
                if following is None:
                    return  # every report submitted: this reporter is done
                report, username, approver_name = following
                approver = None
                browser = signed_in(sessions, port, recorder, username, f"{report}#0")
        except Answer:
            pass  # counted; the person tries again after thinking
        if stop.wait(rng.uniform(*phase.think)):
            return


@dataclass
class Result:
    users: int
    requests: int
    p50: float
    p95: float
    p99: float
    errors: int
    rps: float

    @property
    def passed(self) -> bool:
        return self.requests > 0 and self.p95 <= TARGET_P95_MS and self.errors == 0

    def line(self) -> str:
        return (
            f"reporters={self.users:<5} requests={self.requests:<6} p50_ms={self.p50:.0f} "
            f"p95_ms={self.p95:.0f} p99_ms={self.p99:.0f} errors={self.errors} "
            f"rps={self.rps:.1f} {'ok' if self.passed else 'over target'}"
        )


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def sign_in_everyone(
    port: int, rows: list[tuple[int, str, str]], sessions: dict[str, Browser], users: int
) -> int:
    """Every reporter of the first phase signs in before it starts (a few at a time), so
    that each phase measures the same work: visits of people already signed in. The burst
    of logins is measured on its own (`simultaneous_logins`). Returns the failed logins."""
    recorder = Recorder()
    todo = [(mine.row[1], f"{mine.row[0]}#{mine.slot}") for mine in assignments(rows, users)]
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                if not todo:
                    return
                username, key = todo.pop()
            try:
                signed_in(sessions, port, recorder, username, key)
            except Answer:
                pass

    threads = [threading.Thread(target=work, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(1 for s in recorder.samples if not s[2])


def run_phase(
    port: int, rows: list[tuple[int, str, str]], sessions: dict[str, Browser], phase: Phase
) -> Result:
    reset_reports()
    recorder = Recorder()
    pool = Pool(list(reversed(rows[phase.users :])))  # the reports nobody has
    stop = threading.Event()
    seed = random.Random(phase.users)
    threads = [
        threading.Thread(
            target=reporter,
            args=(port, mine, pool, sessions, phase, recorder, stop, random.Random(seed.random())),
            daemon=True,
        )
        for mine in assignments(rows, phase.users)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(phase.warmup + phase.measure)
    stop.set()
    # Requests in flight finish (bounded: a straggler still without an answer 30 s after
    # the end is counted as an error of this phase, with the time it had waited).
    join_deadline = time.monotonic() + 30
    for thread in threads:
        thread.join(timeout=max(0.0, join_deadline - time.monotonic()))
    recorder.unanswered()
    window_start = began + phase.warmup
    window_end = window_start + phase.measure
    measured = [s for s in recorder.samples if window_start <= s[0] < window_end]
    times = sorted(ms for _, ms, _, _ in measured)
    errors = sum(1 for s in recorder.samples if not s[2] and s[0] >= began)
    return Result(
        users=phase.users,
        requests=len(measured),
        p50=percentile(times, 0.50),
        p95=percentile(times, 0.95),
        p99=percentile(times, 0.99),
        errors=errors,
        rps=len(measured) / phase.measure,
    )


def simultaneous_logins(port: int, usernames: list[str]) -> tuple[float, int]:
    """p95 (ms) of logins sent at the same instant, and their errors."""
    recorder = Recorder()
    browsers = [Browser(port, recorder) for _ in usernames]
    for browser in browsers:
        browser.request("GET", LOGIN_URL, "login_page", 200)
    barrier = threading.Barrier(len(browsers))
    recorder.samples.clear()

    def go(browser: Browser, username: str) -> None:
        barrier.wait(timeout=60)
        try:
            browser.post_login(username)
        except Answer:
            pass

    threads = [
        threading.Thread(target=go, args=pair) for pair in zip(browsers, usernames, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    recorder.unanswered()
    times = sorted(ms for _, ms, _, _ in recorder.samples)
    errors = sum(1 for s in recorder.samples if not s[2]) + len(usernames) - len(times)
    return percentile(times, 0.95), errors


def capacity_search(
    measure: Callable[[int], Result], first: Result, max_users: int, deadline: float, step: float
) -> int:
    """Largest user count meeting the target: doubling from the first, then bisecting."""
    lo, hi = (first.users, None) if first.passed else (0, first.users)
    while time.monotonic() + step < deadline:
        if hi is None:
            candidate = min(lo * 2, max_users)
            if candidate <= lo:
                break
        else:
            if hi - lo <= max(10, lo // 10):
                break
            candidate = (lo + hi) // 2
        result = measure(candidate)
        if result.passed:
            lo = candidate
        else:
            hi = candidate
    return lo


# ------------------------------------------------------------------ server


def start_server(port: int, database_url: str, var_dir: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOTRINH_", "DJANGO_"))} | {
        "DATABASE_URL": database_url,
        "LOTRINH_VAR_DIR": var_dir,
        "SECRET_KEY": os.environ["SECRET_KEY"],
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    for name in ("LOTRINH_WEB_WORKERS", "LOTRINH_WEB_THREADS", "LOTRINH_CONN_MAX_AGE"):
        if name in os.environ:
            env[name] = os.environ[name]
    log = open(Path(var_dir) / "serve.log", "ab")  # noqa: SIM115 (closed with the process)
    python = ROOT / ".venv" / "bin" / "python"
    server = subprocess.Popen(
        [str(python if python.exists() else sys.executable), "-m", "lotrinh.cli", "serve"]
        + ["--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"lotrinh serve stopped: see {var_dir}/serve.log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise TimeoutError("lotrinh serve did not answer within 120 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=45)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter phases: under 5 minutes")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--port", type=int, default=8185)
    parser.add_argument("--reuse", action="store_true", help="keep the database already built")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--max-users", type=int, default=None)
    parser.add_argument("--logins", type=int, default=50)
    args = parser.parse_args()
    if args.quick:
        budget, warmup, measure, step_measure, max_users = 280.0, 10.0, 30.0, 20.0, 800
    else:
        budget, warmup, measure, step_measure, max_users = 1800.0, 12.0, 90.0, 45.0, 3200
    max_users = args.max_users or max_users
    began = time.monotonic()
    deadline = began + budget
    var_dir = tempfile.mkdtemp(prefix="lotrinh-load-")
    rows = build_data(args.database_url, var_dir, args.reuse)
    if len(rows) < args.users:
        print(f"note: {len(rows)} reports for {args.users} reporters: several share a report")
    server = start_server(args.port, args.database_url, var_dir)
    print(
        f"server: lotrinh serve on 127.0.0.1:{args.port} (ready {time.monotonic() - began:.0f} s "
        f"after start; {os.cpu_count()} cores; see {var_dir}/serve.log)",
        flush=True,
    )
    sessions: dict[str, Browser] = {}
    try:

        def measure_users(users: int, seconds: float = step_measure) -> Result:
            result = run_phase(args.port, rows, sessions, Phase(users, warmup, seconds))
            print(result.line(), flush=True)
            return result

        failed = sign_in_everyone(args.port, rows, sessions, args.users)
        print(f"{args.users} reporters signed in before the first phase ({failed} failed)")
        main_result = measure_users(args.users, measure)
        # The login burst needs its own time at the end: keep 40 s for it.
        capacity = capacity_search(
            measure_users, main_result, max_users, deadline - 40, warmup + step_measure + 5
        )
        login_users = [r[1] for r in rows[: args.logins]]
        login_p95, login_errors = simultaneous_logins(args.port, login_users)
        print(
            f"{len(login_users)} simultaneous logins: p95 {login_p95:.0f} ms, {login_errors} errors"
        )
    finally:
        stop_server(server)
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"load generator CPU: {cpu.ru_utime + cpu.ru_stime:.0f} s over "
        f"{time.monotonic() - began:.0f} s; capacity search bounded at {max_users} reporters"
    )
    print(
        f"users={main_result.users} p95_ms={main_result.p95:.0f} errors={main_result.errors} "
        f"capacity_users={capacity} login_p95_ms={login_p95:.0f}"
    )


if __name__ == "__main__":
    main()
