"""Benchmark: the consolidated report for the full national demo data set (target: DOCX < 5 s).

Builds the national data set of bench/reporting_bench.py (all ministries and provinces,
2020–2025, every task, every report frozen), then times the consolidated 2024 report
in DOCX and PDF.

Run: .venv/bin/python bench/documents_bench.py
"""

import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reporting_bench  # noqa: E402  (sets up Django on a temporary database)

from lotrinh.documents import assemble, render  # noqa: E402
from lotrinh.programmes.services import current_programme  # noqa: E402
from lotrinh.reporting.models import AgencyReport  # noqa: E402
from lotrinh.reporting.services import _snapshot  # noqa: E402


def main() -> None:
    reports, entries = reporting_bench.build()
    for report in AgencyReport.objects.select_related("agency", "period"):
        _snapshot(report, None)  # freeze every report as submitted
    print(f"data set: {reports} reports, {entries} task entries")
    programme = current_programme("50/NQ-CP")
    cutoff = datetime.date.today()
    for fmt in ("docx", "pdf"):
        started = time.perf_counter()
        data = assemble.consolidated(programme, 2024, cutoff)
        blob = render.render("consolidated", fmt, data, when=cutoff)
        print(
            f"consolidated 2024 {fmt.upper()}: {time.perf_counter() - started:.2f} s, {len(blob):,} bytes (target DOCX < 5 s)"
        )


if __name__ == "__main__":
    main()
