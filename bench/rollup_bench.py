"""Benchmark: the cascade's roll-up at national scale (issue 14, docs/cascade.md).

Every province valid in 2025 (34) with its plan as a child programme of 50/NQ-CP:
20 departments, one plan task each, each task linked to two national tasks the province
leads; every department's report accepted for each of six years (2020–2025). Measured:
a province's pre-filled report to MOST (roll-up + pre-fill, rolled back after each run)
and the national task page for a MOST monitor (as rendered for the first visitor after a
change; the page cache's answer to the next is printed beside), median of several runs,
with their query counts on a small data set (2 provinces) and on the national one: the
counts must be equal (flat in data size). Targets: pre-fill ≤ 300 ms, task page ≤ 200 ms.

Run: .venv/bin/python bench/rollup_bench.py [--runs 9] [--provinces 34] [--profile]
Last line: `rollup prefill_ms=… prefill_cpu_ms=… task_page_ms=… task_page_cpu_ms=…
prefill_queries=S/N task_page_queries=S/N`. Times are medians of wall time and of the
process's CPU time (the figure to read on a shared machine); queries are counted on a
separate run, so that recording them does not slow the timed runs.
"""

import argparse
import cProfile
import datetime
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
workdir = tempfile.mkdtemp(prefix="lotrinh-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
os.environ["LOTRINH_VAR_DIR"] = workdir
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from lotrinh.accounts.models import Role, User  # noqa: E402
from lotrinh.agencies.models import Agency, Unit  # noqa: E402
from lotrinh.agencies.services import agencies_for_generic  # noqa: E402
from lotrinh.core.setup import load_all  # noqa: E402
from lotrinh.programmes.models import (  # noqa: E402
    Clause,
    Programme,
    Task,
    TaskGroup,
    TaskLink,
    UnitAssignment,
)
from lotrinh.programmes.services import current_programme  # noqa: E402
from lotrinh.reporting import rollup, services  # noqa: E402
from lotrinh.reporting.models import (  # noqa: E402
    AgencyReport,
    Frequency,
    ReportEntry,
    ReportingRegime,
    ReportStatus,
)

YEARS = range(2020, 2026)
DEPARTMENTS = 20


def add_province(province: Agency, national: Programme, lead: list[Task]) -> None:
    child = Programme.objects.create(
        code=f"KH-{province.code}"[:60],
        slug=f"kh-{province.code}"[:80],
        kind="plan",
        title="Kế hoạch",
        issuer=province,
        issue_date=datetime.date(2020, 7, 1),
        implements=national,
        status="published",
        lineage="agency_plan",
    )
    group = TaskGroup.objects.create(programme=child, ref="KH", title="Nhiệm vụ")
    regime = ReportingRegime.objects.create(
        programme=child,
        code=rollup.UNIT_REGIME,
        name="Báo cáo của các đơn vị",
        frequency=Frequency.ANNUAL,
        deadline_month=11,
        deadline_day=15,
        cutoff_start="11-16",
        cutoff_end="11-15",
        first_year=2020,
    )
    periods = [p for p in services.generate_periods(regime, 2025) if p.year in YEARS]
    units, tasks = [], []
    for n in range(DEPARTMENTS):
        unit = Unit.objects.create(
            agency=province, code=f"so-{n}", name_vi=f"Sở số {n}", kind="department"
        )
        clause = Clause.objects.create(
            programme=child, ref=str(n + 1), kind="item", text="x", position=n
        )
        task = Task.objects.create(
            programme=child,
            group=group,
            clause=clause,
            ref=str(n + 1),
            text=f"Nhiệm vụ {n}",
            position=n,
        )
        UnitAssignment.objects.create(task=task, unit=unit, role="lead")
        TaskLink.objects.bulk_create(
            TaskLink(
                task=task, parent_task=lead[(n + k) % len(lead)], method="manual", confirmed=True
            )
            for k in range(2)
        )
        units.append(unit)
        tasks.append(task)
    reports = AgencyReport.objects.bulk_create(
        AgencyReport(agency=province, unit=unit, period=period, status=ReportStatus.ACCEPTED)
        for period in periods
        for unit in units
    )
    ReportEntry.objects.bulk_create(
        ReportEntry(
            report=report,
            task=tasks[units.index(report.unit)],
            status="done_on_time" if report.period.year < 2024 else "in_progress",
            result="Đã triển khai theo kế hoạch.",
            evidence_number="12/QĐ-S",
        )
        for report in reports
    )


def _prefill_once(report: AgencyReport, reporter: User) -> None:
    with transaction.atomic():
        rollup.prefill_report(report, reporter)
        transaction.set_rollback(True)


def _page_once(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and 'id="cascade"' in response.content.decode()


def _timed(action: Any, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of the process (ms). On a shared machine the
    CPU time is the figure to read: it does not count waiting for other processes."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def measure(
    report: AgencyReport, reporter: User, client: Client, url: str, runs: int
) -> dict[str, float]:
    """Query counts from one run of each (after a first run: what a process reads once,
    such as content types, is not counted), times from `runs` more (queries not captured).

    The task page is served from the page cache while its rows are unchanged
    (`core/replay_cache.py`): its queries and time are measured as rendered (cache emptied
    before each run: the first visitor after a change) and as served from the cache (the
    next visitor: its queries replayed)."""
    _prefill_once(report, reporter)
    with CaptureQueriesContext(connection) as prefill_queries:
        _prefill_once(report, reporter)
    prefill_count = len(prefill_queries)  # read now: a request empties the query log

    def rendered() -> None:
        cache.clear()
        _page_once(client, url)

    rendered()
    with CaptureQueriesContext(connection) as page_queries:
        rendered()
    page_count = len(page_queries)
    with CaptureQueriesContext(connection) as cached_queries:
        _page_once(client, url)
    cached_count = len(cached_queries)
    prefill = _timed(lambda: _prefill_once(report, reporter), runs)
    page = _timed(rendered, runs)
    _page_once(client, url)
    cached = _timed(lambda: _page_once(client, url), runs)
    return {
        "prefill_ms": prefill[0],
        "prefill_cpu_ms": prefill[1],
        "prefill_queries": prefill_count,
        "page_ms": page[0],
        "page_cpu_ms": page[1],
        "page_queries": page_count,
        "cached_ms": cached[0],
        "cached_queries": cached_count,
    }


def profile(action: Any, title: str) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    action()
    profiler.disable()
    print(f"--- profile: {title}")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--profile", action="store_true", help="cProfile one run of each")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    load_all()
    national = current_programme("50/NQ-CP")
    regime = national.reporting_regimes.get(code="annual-report")
    period = next(p for p in services.generate_periods(regime, 2025) if p.year == 2025)
    provinces = list(
        agencies_for_generic("all_provinces", datetime.date(2025, 8, 1)).order_by("name_vi")
    )
    provinces = provinces[: args.provinces]
    first = provinces[0]
    lead = [t for t, _via in services.tasks_for_report(first, period)[0]]
    report = services.ensure_report(first, period)
    reporter = User.objects.create_user(
        "bench_reporter", password="x", agency=first, role=Role.REPORTER
    )
    most = User.objects.create_user(
        "bench_most",
        password="x",
        agency=Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe"),
        role=Role.MOST_MONITOR,
    )
    client = Client()
    client.force_login(most)
    url = reverse("programmes:task", args=[national.slug, lead[0].clause.anchor])
    started = time.perf_counter()
    for province in provinces[:2]:
        add_province(province, national, lead)
    small = measure(report, reporter, client, url, 3)
    for province in provinces[2:]:
        add_province(province, national, lead)
    print(
        f"data: {len(provinces)} provinces × {DEPARTMENTS} departments × {len(YEARS)} years, "
        f"{ReportEntry.objects.filter(report__unit__isnull=False).count()} unit entries "
        f"(built in {time.perf_counter() - started:.0f} s)"
    )
    big = measure(report, reporter, client, url, args.runs)
    if args.profile:
        profile(lambda: _prefill_once(report, reporter), "pre-filled report")
        profile(lambda: _page_once(client, url), "national task page")
    print(
        f"pre-filled report of {first.name_vi}: median {big['prefill_ms']:.0f} ms "
        f"(CPU {big['prefill_cpu_ms']:.0f} ms), {big['prefill_queries']} queries "
        f"(small data: {small['prefill_queries']})"
    )
    print(
        f"national task page {lead[0].ref}, rendered: median {big['page_ms']:.0f} ms "
        f"(CPU {big['page_cpu_ms']:.0f} ms), {big['page_queries']} queries "
        f"(small data: {small['page_queries']}); from the page cache: median "
        f"{big['cached_ms']:.0f} ms, {big['cached_queries']} queries "
        f"(small data: {small['cached_queries']})"
    )
    print(
        f"rollup prefill_ms={big['prefill_ms']:.0f} prefill_cpu_ms={big['prefill_cpu_ms']:.0f} "
        f"task_page_ms={big['page_ms']:.0f} task_page_cpu_ms={big['page_cpu_ms']:.0f} "
        f"prefill_queries={small['prefill_queries']}/{big['prefill_queries']} "
        f"task_page_queries={small['page_queries']}/{big['page_queries']}"
    )


if __name__ == "__main__":
    main()
