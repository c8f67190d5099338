"""Benchmark: the consolidated report on the national demo data (issue 11: DOCX ≤ 2 s, PDF ≤ 3 s).

Builds the national data set of bench/reporting_bench.py (all ministries and provinces,
2020–2025, every task, every report frozen), then times the consolidated 2024 report
in DOCX and PDF (the median of `--runs` each; the chart is timed on its own too).

Run: .venv/bin/python bench/documents_bench.py [--runs 3]
Last line: docx_s=N pdf_s=N chart_s=N
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reporting_bench  # noqa: E402  (sets up Django on a temporary database)
from django.core.cache import cache  # noqa: E402

from lotrinh.documents import assemble, render  # noqa: E402
from lotrinh.documents.charts import targets_chart  # noqa: E402
from lotrinh.programmes.services import current_programme  # noqa: E402
from lotrinh.reporting.models import AgencyReport  # noqa: E402
from lotrinh.reporting.services import _snapshot  # noqa: E402


def timed(make: Any, runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    reports, entries = reporting_bench.build()
    for report in AgencyReport.objects.select_related("agency", "period"):
        _snapshot(report, None)  # freeze every report as submitted
    print(f"data set: {reports} reports, {entries} task entries")
    programme = current_programme("50/NQ-CP")
    cutoff = datetime.date.today()
    seconds = {}
    for fmt in ("docx", "pdf"):

        def make(fmt: str = fmt) -> bytes:
            cache.clear()  # time a first generation, chart included
            data = assemble.consolidated(programme, 2024, cutoff)
            return render.render("consolidated", fmt, data, when=cutoff)

        seconds[fmt], blob = timed(make, args.runs)
        print(f"consolidated 2024 {fmt.upper()}: {seconds[fmt]:.2f} s, {len(blob):,} bytes")
    data = assemble.consolidated(programme, 2024, cutoff)
    chart_s, _ = timed(lambda: cache.clear() or targets_chart(data.get("targets", [])), args.runs)
    print(f"docx_s={seconds['docx']:.2f} pdf_s={seconds['pdf']:.2f} chart_s={chart_s:.2f}")


if __name__ == "__main__":
    main()
