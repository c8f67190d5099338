"""Benchmark: the public portal's main pages on the national data set (issue 15).

Builds the national data of bench/reporting_bench.py (every ministry and province, six
yearly periods 2020–2025, an entry for every task each agency accounts for; every report
accepted), publishes every period as MOST would, then measures each main portal page as an
anonymous visitor: the median wall-clock time over several requests with the public data
cached (as served: the cache key follows the publications, docs/portal.md), and the median
with the cache emptied before every request (the first visitor after a publication).

Run: .venv/bin/python bench/portal_bench.py [--runs 15]
Last line: max_median_ms=N max_cold_median_ms=M  (N: the slowest page, cache warm; target ≤ 100)
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reporting_bench  # noqa: E402  (sets up Django on a temporary database)
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from lotrinh.accounts.models import Role, User  # noqa: E402
from lotrinh.agencies.models import Agency  # noqa: E402
from lotrinh.portal.models import PublishedReport  # noqa: E402
from lotrinh.portal.services import publish_period  # noqa: E402
from lotrinh.reporting.models import AgencyReport, ReportingPeriod  # noqa: E402

PAGES = (
    ("overview", "/cong-khai/"),
    ("tasks", "/cong-khai/nhiem-vu/"),
    ("search", "/cong-khai/nhiem-vu/?q=chuyen+doi+so"),
    ("task", None),
    ("progress by group", "/cong-khai/tien-do/nhom/"),
    ("progress by agency", "/cong-khai/tien-do/co-quan/"),
    ("progress by target", "/cong-khai/tien-do/muc-tieu/"),
    ("documents", "/cong-khai/van-ban/"),
    ("open data", "/cong-khai/du-lieu/"),
    ("feed", "/cong-khai/cap-nhat.atom"),
)


def publish_all() -> int:
    AgencyReport.objects.filter(accepted_at__isnull=True).update(accepted_at=timezone.now())
    most = User.objects.create_user(
        "bench-most",
        role=Role.MOST_MONITOR,
        agency=Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe"),
    )
    for period in ReportingPeriod.objects.filter(reports__isnull=False).distinct():
        publish_period(most, period)
    return PublishedReport.objects.count()


def timed(client: Client, url: str, runs: int, cold: bool) -> tuple[float, int]:
    client.get(url)
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    started = time.perf_counter()
    reports, entries = reporting_bench.build()
    published = publish_all()
    print(
        f"data set: {reports} reports, {entries} task entries, {published} published "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    from lotrinh.portal.public import portal_programmes

    task = portal_programmes()[-1].tasks.order_by("position").first()
    client = Client()
    warm_max = cold_max = 0.0
    print(f"{'page':<22} {'warm ms':>8} {'queries':>8} {'cold ms':>8} {'queries':>8}")
    for name, url in PAGES:
        url = url or f"/cong-khai/nhiem-vu/{task.pk}/"
        warm, warm_queries = timed(client, url, args.runs, cold=False)
        cold, cold_queries = timed(client, url, max(3, args.runs // 3), cold=True)
        warm_max, cold_max = max(warm_max, warm), max(cold_max, cold)
        print(f"{name:<22} {warm:>8.1f} {warm_queries:>8} {cold:>8.1f} {cold_queries:>8}")
    print(f"max_median_ms={warm_max:.0f} max_cold_median_ms={cold_max:.0f}")


if __name__ == "__main__":
    main()
