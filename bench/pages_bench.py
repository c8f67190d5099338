"""Benchmark: every main page at the cost of its data (issue 11).

Builds the national data set of bench/reporting_bench.py for 6 years (2020–2025), measures
each main page as the person who opens it, then extends the same data to 24 years
(2020–2043) and measures again. For each page it prints the median time, the number of
queries, and the ratio of the page's time to the time of its own SQL run raw (the
queries the page made, replayed on a cursor and fetched: the database work the page
needs, without the ORM, the template or the middleware).

Run: .venv/bin/python bench/pages_bench.py [--runs 9]
Last line: max_ratio=N queries_flat=yes|no
"""

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reporting_bench  # noqa: E402  (sets up Django on a temporary database)
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from lotrinh.accounts.models import Role, User  # noqa: E402
from lotrinh.agencies.models import Agency  # noqa: E402
from lotrinh.reporting.models import AgencyReport, ReportStatus  # noqa: E402

MOST = "bo-khoa-hoc-va-cong-nghe"
PROGRAMME = "50-nq-cp"


def people() -> dict[str, Any]:
    """The persons who open the pages: anonymous, MOST's monitor, and a reporter of the
    ministry that accounts for the most tasks (its report is the largest)."""
    largest = (
        AgencyReport.objects.filter(period__year=2025)
        .annotate(entries_count=Count("entries"))
        .order_by("-entries_count", "agency__code")
        .select_related("agency")
        .first()
    )
    assert largest is not None
    most, _ = User.objects.get_or_create(
        username="bench-most",
        defaults={"role": Role.MOST_MONITOR, "agency": Agency.objects.get(code=MOST)},
    )
    reporter, _ = User.objects.get_or_create(
        username="bench-reporter", defaults={"role": Role.REPORTER, "agency": largest.agency}
    )
    # The reporter's own report of the current year is being drafted.
    AgencyReport.objects.filter(pk=largest.pk).update(status=ReportStatus.DRAFT)
    entry = (
        largest.entries.select_related("task__clause").order_by("task__clause__position").first()
    )
    assert entry is not None
    return {
        "anonymous": None,
        "most": most,
        "reporter": reporter,
        "report": largest,
        "task_anchor": entry.task.clause.anchor,
    }


def pages(who: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(label, persona, url) of every main page; a page whose route does not exist in
    this version is left out."""
    report = who["report"]
    wanted: list[tuple[str, str, str, list[Any]]] = [
        ("portal home", "anonymous", "portal:home", []),
        ("programme overview", "anonymous", "programmes:overview", [PROGRAMME]),
        ("task list", "anonymous", "programmes:tasks", [PROGRAMME]),
        ("task page", "anonymous", "programmes:task", [PROGRAMME, who["task_anchor"]]),
        ("agency page", "anonymous", "agencies:detail", [report.agency.code]),
        ("indicators", "anonymous", "indicators:overview", []),
        ("timeline", "anonymous", "programmes:timeline", [PROGRAMME]),
        ("compliance", "most", "reporting:compliance", []),
        ("MOST dashboard", "most", "dashboard:home", []),
        ("documents", "most", "documents:list", []),
        ("my reports", "reporter", "reporting:my_reports", []),
        ("report (editable)", "reporter", "reporting:report", [report.pk]),
        ("notifications", "reporter", "reporting:notifications", []),
    ]
    out = []
    for label, persona, name, args in wanted:
        try:
            out.append((label, persona, reverse(name, args=args)))
        except NoReverseMatch:
            continue
    return out


def raw_sql_ms(sqls: list[str], runs: int) -> float:
    """Median time of running the page's queries straight on a cursor."""
    statements = [s for s in sqls if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    times = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(clients: dict[str, Client], url: str, persona: str, runs: int) -> dict[str, float]:
    client = clients[persona]
    assert client.get(url).status_code == 200, url  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    sqls = [q["sql"] for q in captured.captured_queries]
    page = statistics.median(times)
    raw = max(raw_sql_ms(sqls, runs), 0.5)  # below half a millisecond, count half
    return {"ms": page, "queries": len(sqls), "ratio": page / raw}


def run(runs: int) -> dict[str, dict[str, float]]:
    who = people()
    clients = {"anonymous": Client()}
    for persona in ("most", "reporter"):
        clients[persona] = Client()
        clients[persona].force_login(who[persona])
    results = {}
    for label, persona, url in pages(who):
        results[label] = measure(clients, url, persona, runs)
        r = results[label]
        print(
            f"  {label:20s} {r['ms']:7.1f} ms  {int(r['queries']):3d} queries  ratio {r['ratio']:.1f}"
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    sizes = {}
    for years, until in ((6, 2025), (24, 2043)):
        started = time.perf_counter()
        reports, entries = reporting_bench.build(until)
        print(
            f"{years} years: {reports} reports, {entries} task entries "
            f"(built in {time.perf_counter() - started:.0f} s)"
        )
        sizes[years] = run(args.runs)
    small, large = sizes[6], sizes[24]
    flat = all(small[label]["queries"] == large[label]["queries"] for label in small)
    for label in small:
        if small[label]["queries"] != large[label]["queries"]:
            print(f"  not flat: {label}: {small[label]['queries']} → {large[label]['queries']}")
    worst = max(r["ratio"] for size in sizes.values() for r in size.values())
    print(f"max_ratio={worst:.1f} queries_flat={'yes' if flat else 'no'}")


if __name__ == "__main__":
    main()
