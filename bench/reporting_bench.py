"""Benchmark: the compliance page and an agency's report page on national-scale data.

All ministries and the 63 pre-2025 provinces (34 from the 2025 period), six yearly
periods (2020–2025), every task: an entry for every task each agency accounts for.
Prints the median time of each page over several requests and its query count.
Target (issue 4): both under 200 ms at the median; query counts independent of size.

Run: .venv/bin/python bench/reporting_bench.py [--runs 15]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
workdir = tempfile.mkdtemp(prefix="lotrinh-bench-")
# LOTRINH_BENCH_DATABASE_URL (a PostgreSQL URL): the data set is built there instead, in
# a database of that name dropped and created afresh (production runs on PostgreSQL).
BENCH_DATABASE_URL = os.environ.get("LOTRINH_BENCH_DATABASE_URL", "")
if BENCH_DATABASE_URL:
    import urllib.parse

    import psycopg

    _parts = urllib.parse.urlsplit(BENCH_DATABASE_URL)
    _name = _parts.path.lstrip("/")
    try:
        with psycopg.connect(
            urllib.parse.urlunsplit(_parts._replace(path="/postgres")),
            autocommit=True,
            connect_timeout=5,
        ) as _admin:
            _admin.execute(f'DROP DATABASE IF EXISTS "{_name}" WITH (FORCE)')
            _admin.execute(f'CREATE DATABASE "{_name}"')
    except psycopg.OperationalError as error:
        sys.exit(
            f"PostgreSQL is not reachable at {BENCH_DATABASE_URL} ({error}); "
            "pages_bench.py --sqlite measures on SQLite"
        )
os.environ["DATABASE_URL"] = BENCH_DATABASE_URL or f"sqlite:///{workdir}/bench.sqlite3"
os.environ["LOTRINH_VAR_DIR"] = workdir
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from lotrinh.accounts.models import Role, User  # noqa: E402
from lotrinh.core.setup import load_all  # noqa: E402
from lotrinh.programmes.services import current_programme  # noqa: E402
from lotrinh.reporting import services  # noqa: E402
from lotrinh.reporting.models import AgencyReport, ReportEntry, ReportStatus  # noqa: E402


def build(until_year: int = 2025) -> tuple[int, int]:
    """The national data set: every expected report of every year from 2020 to
    `until_year`, each with an entry for every task its agency accounts for."""
    call_command("migrate", verbosity=0)
    load_all()
    regime = current_programme("50/NQ-CP").reporting_regimes.get(code="annual-report")
    periods = [p for p in services.generate_periods(regime, until_year) if p.year >= 2020]
    reports = 0
    for period in periods:
        for agency in services.expected_reporters(regime, period):
            report = services.ensure_report(agency, period)
            reports += 1
            ReportEntry.objects.filter(report=report).update(
                status="in_progress", result="Đang triển khai theo kế hoạch."
            )
            AgencyReport.objects.filter(pk=report.pk).update(
                status=ReportStatus.ACCEPTED,
                first_submitted_at=timezone.now(),
                submitted_at=timezone.now(),
            )
    return reports, ReportEntry.objects.count()


def measure(client: Client, url: str, runs: int) -> tuple[float, int]:
    client.get(url)  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    started = time.perf_counter()
    reports, entries = build()
    print(
        f"data set: {reports} reports, {entries} task entries (built in {time.perf_counter() - started:.1f} s)"
    )
    most = User.objects.create_user("bench-most", role=Role.MOST_MONITOR, agency_id=None)
    most.agency = services.Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe")
    most.save()
    client = Client()
    client.force_login(most)
    report = AgencyReport.objects.filter(
        agency__code="bo-khoa-hoc-va-cong-nghe", period__year=2025
    ).get()
    for name, url in (
        ("compliance page", "/bao-cao/tinh-hinh/"),
        ("agency report page", f"/bao-cao/{report.pk}/"),
    ):
        median, queries = measure(client, url, args.runs)
        print(f"{name}: median {median:.0f} ms over {args.runs} requests, {queries} queries")


if __name__ == "__main__":
    main()
