"""Two web nodes, two workers and a scheduler behind HAProxy, on one PostgreSQL.

Started by scripts/multinode.py (the deployment of docs/deployment.md): a session
survives requests landing on either node; every job completes exactly once across two
workers; the daily reminders are queued once, by one scheduler, and sent once; killing
one web node mid-load loses no acknowledged save; killing one worker mid-job gets the
job run again, and completed, by the other.

Runs when PostgreSQL (LOTRINH_TEST_DATABASE_URL: the database server used, with a
database `<name>_multinode` created afresh) and HAProxy are available; skipped with the
reason otherwise. Bounded: every wait has a deadline.
"""

import http.client
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

from lotrinh.accounts.demo import DEMO_ACCOUNTS

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("multinode", ROOT / "scripts" / "multinode.py")
assert spec is not None and spec.loader is not None
multinode = importlib.util.module_from_spec(spec)
sys.modules["multinode"] = multinode
spec.loader.exec_module(multinode)

PG_URL = os.environ.get("LOTRINH_TEST_DATABASE_URL", "")
pytestmark = [
    pytest.mark.skipif(
        not PG_URL.startswith("postgres"),
        reason="needs PostgreSQL: set LOTRINH_TEST_DATABASE_URL (the CI PostgreSQL pass does)",
    ),
    pytest.mark.skipif(
        multinode.find_haproxy() is None,
        reason="needs HAProxy (scripts/install-system-deps.sh installs it when root)",
    ),
]
# The demo data's reporter of Bộ Y tế, with the password the demo gives her.
REPORTER = next((a.username, a.password) for a in DEMO_ACCOUNTS if a.username == "byt-baocao")


def free_base_port() -> int:
    configured = os.environ.get("LOTRINH_MULTINODE_BASE_PORT")
    if configured:
        return int(configured)
    for _ in range(50):
        base = random.randrange(20000, 30000)
        if all(multinode.port_free(base + i) for i in range(3)):
            return base
    raise RuntimeError("no three free ports")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    parts = urlsplit(PG_URL)
    url = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_multinode"))
    workdir = tmp_path_factory.mktemp("multinode")
    with multinode.running_cluster(workdir, database_url=url, base_port=free_base_port()) as c:
        yield c


def sql(cluster: Any, query: str, *params: Any) -> list[tuple]:
    import psycopg

    with psycopg.connect(cluster.database_url, autocommit=True) as conn:
        return conn.execute(query, params).fetchall()


class Browser:
    """One person's browser: its own cookies, no automatic redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect
        )

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.jar if c.name == name), "")

    def request(
        self, method: str, path: str, data: dict[str, Any] | None = None
    ) -> tuple[int, str, str]:
        """(status, node that answered, body); status 0 when no answer came."""
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if path.startswith("/bao-cao/") and "/muc/" in path:
            request.add_header("HX-Request", "true")  # as the page saves: answered in place
        if method == "POST":
            request.add_header("X-CSRFToken", self.cookie("csrftoken"))
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(request, timeout=15) as response:
                node = response.headers.get("X-Lotrinh-Node", "")
                return response.status, node, response.read().decode()
        except urllib.error.HTTPError as exc:
            node = exc.headers.get("X-Lotrinh-Node", "") if exc.headers else ""
            return exc.code, node, exc.read().decode(errors="replace")
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            # No answer, or one cut off mid-body (IncompleteRead) by the node's death.
            return 0, "", ""

    def log_in(self, username: str, password: str) -> None:
        # Before any node is killed, the balancer may still hold a node down whose health
        # check timed out on a loaded machine (a 503 with both down): wait for it, up to
        # 30 s, rather than fail the sign-in. What the tests check comes after.
        deadline = time.monotonic() + 30
        status, _, _ = self.request("GET", "/tai-khoan/dang-nhap/")
        while status in (0, 502, 503) and time.monotonic() < deadline:
            time.sleep(0.5)
            status, _, _ = self.request("GET", "/tai-khoan/dang-nhap/")
        assert status == 200 and self.cookie("csrftoken")
        status, _, _ = self.request(
            "POST",
            "/tai-khoan/dang-nhap/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookie("csrftoken"),
            },
        )
        assert status == 302 and self.cookie("sessionid"), f"login answered {status}"


def editable_entries(cluster: Any) -> list[tuple[int, int, int]]:
    """(report, entry, version) of the reporter's editable reports."""
    return [
        (report, entry, version)
        for report, entry, version in sql(
            cluster,
            """SELECT r.id, e.id, e.version FROM reporting_reportentry e
               JOIN reporting_agencyreport r ON r.id = e.report_id
               JOIN accounts_user u ON u.agency_id = r.agency_id
               WHERE u.username = %s AND r.status IN ('draft', 'returned')
               ORDER BY e.id""",
            REPORTER[0],
        )
    ]


def save(browser: Browser, report: int, entry: int, version: int, text: str) -> tuple[int, str]:
    status, node, _ = browser.request(
        "POST",
        f"/bao-cao/{report}/muc/{entry}/",
        {f"e{entry}-status": "in_progress", f"e{entry}-result": text, f"e{entry}-version": version},
    )
    return status, node


def saved_texts(cluster: Any, entry: int) -> set[str]:
    """Every result text the audit log recorded for the entry's saves."""
    rows = sql(
        cluster,
        "SELECT after FROM core_auditevent WHERE action = 'report.entry_saved'",
    )
    texts = set()
    for (after,) in rows:
        data = after if isinstance(after, dict) else json.loads(after or "{}")
        if isinstance(data, dict) and str(data.get("result", "")).startswith(f"e{entry}:"):
            texts.add(data["result"])
    return texts


def test_a_session_survives_requests_landing_on_either_node(cluster: Any) -> None:
    browser = Browser(cluster.url)
    browser.log_in(*REPORTER)
    nodes = []
    for _ in range(12):
        status, node, _ = browser.request("GET", "/bao-cao/")
        assert status == 200, f"{node} answered {status}: the session was not found there"
        nodes.append(node)
    assert set(nodes) == {"web-1", "web-2"}  # round robin: both nodes served the session
    report, entry, version = editable_entries(cluster)[0]
    for expected in (version, version + 1):  # a save on each node, one after the other
        status, node = save(browser, report, entry, expected, f"e{entry}:session-{expected}")
        assert status == 200, f"save on {node}: {status}"
    assert sql(cluster, "SELECT version FROM reporting_reportentry WHERE id = %s", entry) == [
        (version + 2,)
    ]


def probe(cluster: Any, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [multinode.python(), "-m", "lotrinh.cli", "jobs_probe", *args],
        cwd=ROOT,
        env=cluster.env("probe"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_every_job_is_completed_exactly_once_by_the_two_workers(cluster: Any) -> None:
    done = probe(
        cluster, "--count", "40", "--seconds", "0.2", "--prefix", "once", "--timeout", "90"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "probes=40 finished=40 finished_twice=0 restarted=0 workers=2" in done.stdout
    runs = sql(
        cluster,
        "SELECT token, count(*) FROM core_jobprobe WHERE token LIKE 'once-%%' GROUP BY token",
    )
    assert len(runs) == 40 and all(count == 1 for _, count in runs)
    claims = sql(
        cluster,
        """SELECT status, jsonb_array_length(worker_ids::jsonb) FROM django_tasks_database_dbtaskresult
           WHERE task_path = 'lotrinh.core.tasks.probe' AND args_kwargs::text LIKE '%%"once-%%'""",
    )
    assert len(claims) == 40 and set(claims) == {("SUCCESSFUL", 1)}  # claimed once each


def wait_for(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(0.25)


def test_reminders_are_queued_once_by_one_scheduler_and_sent_once(cluster: Any) -> None:
    def reminder_jobs() -> list[tuple]:
        return sql(
            cluster,
            """SELECT status FROM django_tasks_database_dbtaskresult
               WHERE task_path = 'lotrinh.reporting.reminders.send_due_reminders'""",
        )

    wait_for(lambda: sql(cluster, "SELECT 1 FROM reporting_jobrun"), 60, "the daily job ran")
    second = cluster.scheduler_proc("scheduler-2")
    second.start()
    try:
        wait_for(lambda: "bộ này chờ" in second.log.read_text(), 60, "the second one stands by")
        time.sleep(3)  # the first checks every 2 s: the day is not queued again
        assert reminder_jobs() == [("SUCCESSFUL",)]
        cluster.procs["scheduler"].kill_hard()  # the acting scheduler's machine dies
        wait_for(
            lambda: "đang chạy" in second.log.read_text(), 60, "the standby took the lease over"
        )
        time.sleep(3)
        assert reminder_jobs() == [("SUCCESSFUL",)]  # today's job is done: not queued again
    finally:
        cluster.procs["scheduler"] = second  # stopped with the others
    sent = sql(cluster, "SELECT count(*) FROM reporting_remindersent")[0][0]
    again = subprocess.run(
        [multinode.python(), "-m", "lotrinh.cli", "remind"],
        cwd=ROOT,
        env=cluster.env("remind"),
        capture_output=True,
        text=True,
        timeout=60,
    )  # the day's rules run a second time (a job run twice) send nothing new
    assert again.returncode == 0, again.stderr
    assert "0 lời nhắc" in again.stdout
    assert sql(cluster, "SELECT count(*) FROM reporting_remindersent")[0][0] == sent
    duplicates = sql(
        cluster,
        # One reminder per report: an agency's own, or each of its units' (a province's
        # departments report to it in the same period, one reminder each).
        """SELECT agency_id, unit_id, period_id, kind, sent_on FROM reporting_remindersent
           WHERE kind <> 'manual' GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1""",
    )
    assert duplicates == []


def test_killing_a_web_node_mid_load_loses_no_acknowledged_save(cluster: Any) -> None:
    entries = editable_entries(cluster)[1:5]
    assert len(entries) == 4, "the demo reporter has editable entries"
    browsers = []
    for _ in entries:
        browser = Browser(cluster.url)
        browser.log_in(*REPORTER)
        browsers.append(browser)
    stop = threading.Event()
    killed = threading.Event()
    # Per entry: (text, status, node, started after the kill)
    results: dict[int, list[tuple[str, int, str, bool]]] = {e[1]: [] for e in entries}

    def reporter(browser: Browser, report: int, entry: int, version: int) -> None:
        log = results[entry]
        n = 0
        while not stop.is_set():
            n += 1
            text = f"e{entry}:save-{n}"
            after_kill = killed.is_set()
            status, node = save(browser, report, entry, version, text)
            log.append((text, status, node, after_kill))
            if status == 200:
                version += 1
            else:  # no answer: the save may or may not have happened; read where it is
                version = sql(
                    cluster, "SELECT version FROM reporting_reportentry WHERE id = %s", entry
                )[0][0]
            time.sleep(0.05)

    def acks(after_kill: bool) -> int:
        return min(
            sum(1 for *_, s, _, k in log if s == 200 and k == after_kill)
            for log in results.values()
        )

    threads = [
        threading.Thread(target=reporter, args=(browser, *e))
        for browser, e in zip(browsers, entries, strict=True)
    ]
    for thread in threads:
        thread.start()
    web1 = cluster.procs["web-1"]
    try:
        wait_for(lambda: acks(False) >= 2, 60, "two saves of each reporter before the kill")
        web1.kill_hard()  # SIGKILL to the node's every process, mid-load
        killed.set()
        try:
            wait_for(lambda: acks(True) >= 4, 60, "four saves of each reporter after the kill")
        except AssertionError as exc:
            lb = (cluster.workdir / "logs" / "haproxy.log").read_text()[-1500:]
            tails = {entry: log[-4:] for entry, log in results.items()}
            raise AssertionError(f"{exc}\nsaves: {tails}\nhaproxy: {lb}") from None
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    try:
        for _, entry, _ in entries:
            log = results[entry]
            acknowledged = [text for text, status, _, _ in log if status == 200]
            assert set(acknowledged) <= saved_texts(cluster, entry)  # none lost
            final = sql(cluster, "SELECT result FROM reporting_reportentry WHERE id = %s", entry)
            attempted = [text for text, _, _, _ in log]
            last_ack = attempted.index(acknowledged[-1])
            assert final[0][0] in attempted[last_ack:]  # nothing older came back
            # Once HAProxy has seen the node down, every save lands on the other.
            assert [(s, node) for _, s, node, _ in log[-3:]] == [(200, "web-2")] * 3, log[-6:]
        before = {node for log in results.values() for _, s, node, k in log if s == 200 and not k}
        assert before == {"web-1", "web-2"}
        failures = [s for log in results.values() for _, s, _, _ in log if s != 200]
        # Only requests in flight on the killed node may fail (no answer or 502).
        assert all(s in (0, 502, 503) for s in failures) and len(failures) <= 4 * 3, failures
    finally:
        web1.start()
        cluster.wait_healthy(timeout=120)


def test_a_job_whose_worker_is_killed_is_completed_by_the_other(cluster: Any) -> None:
    worker1 = cluster.procs["worker-1"]
    run = subprocess.Popen(
        [multinode.python(), "-m", "lotrinh.cli", "jobs_probe"]
        + ["--count", "6", "--seconds", "3", "--prefix", "kill", "--timeout", "100"],
        cwd=ROOT,
        env=cluster.env("probe"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    marker = f"-{worker1.pid}-"
    try:
        wait_for(
            lambda: sql(
                cluster,
                """SELECT 1 FROM core_jobprobe WHERE token LIKE 'kill-%%'
                   AND worker_id LIKE %s AND finished_at IS NULL""",
                f"%{marker}%",
            ),
            60,
            "worker-1 is running a probe",
        )
        worker1.kill_hard()  # mid-job
        output, _ = run.communicate(timeout=110)
    finally:
        if run.poll() is None:
            run.kill()
        worker1.start()
    assert run.returncode == 0, output
    assert re.search(r"probes=6 finished=6 finished_twice=0 restarted=[1-9]", output), output
    interrupted = sql(
        cluster,
        """SELECT token FROM core_jobprobe WHERE token LIKE 'kill-%%'
           AND worker_id LIKE %s AND finished_at IS NULL""",
        f"%{marker}%",
    )
    assert interrupted
    for (token,) in interrupted:  # started again elsewhere, and finished there once
        finished = sql(
            cluster,
            "SELECT worker_id FROM core_jobprobe WHERE token = %s AND finished_at IS NOT NULL",
            token,
        )
        assert len(finished) == 1 and marker not in finished[0][0]
