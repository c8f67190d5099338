"""Task tables printed without rulings: how many of their rows the PDF reading gives with
the lead agency and the deadline the DOCX read directly gives.

Usage: LOTRINH_LOCAL=1 .venv/bin/python bench/borderless_bench.py [--variant borderless|borderless-once|plain] [-v]

Each evaluation DOCX with a task table (tests/importer/pdf_renderings.WITH_TABLES) is
printed to PDF with its tables' borders removed (`render_docx_pdf(borders=False)`); its
table rows (tasks whose reference starts with "PL") are matched by reference with the
DOCX's. Per document: rows, rows with the same lead set, the same deadline, both (and the
same text, spaces aside), the time to read the PDF without → with the reading of tables
without rulings (median of 3, interleaved), and whether the reading gives the same blocks
as without it (for the ruled renderings, `--variant plain`, it must). The last line is the
summary, with the largest rendering's reading time (median of 5).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")

import django  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

django.setup()

from lotrinh.importer.reader import read_document  # noqa: E402
from lotrinh.importer.service import NoTasks, parse_bytes  # noqa: E402
from tests.importer import pdf_renderings  # noqa: E402

EVAL = ROOT / "tests" / "importer" / "eval"


def words(text: str | None) -> str:
    return "".join((text or "").split())


def deadline(task: dict) -> tuple:
    value = task.get("deadline") or {}
    return (value.get("date"), words(value.get("text")))


def without_columns() -> object:
    """The reading as it was before tables without rulings were read (for the timing)."""
    from unittest import mock

    return mock.patch(
        "lotrinh.importer.pdf_columns.borderless_tables", lambda *args, **kwargs: ([], None)
    )


def read_ms(data: bytes, name: str, runs: int = 5) -> tuple[float, float]:
    """Median reading time without and with the borderless reading, runs interleaved
    (the machine is shared: both see the same load)."""
    before, after = [], []
    for _ in range(runs):
        with without_columns():
            started = time.perf_counter()
            read_document(data, name)
            before.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        read_document(data, name)
        after.append((time.perf_counter() - started) * 1000)
    return statistics.median(before), statistics.median(after)


def main() -> None:
    variant = sys.argv[sys.argv.index("--variant") + 1] if "--variant" in sys.argv else "borderless"
    totals = {"rows": 0, "lead": 0, "deadline": 0, "both": 0, "text": 0}
    slowest = ("", 0.0, 0)
    unchanged = 0
    for name in pdf_renderings.WITH_TABLES:
        source = EVAL / f"{name}.docx"
        docx = [t for t in parse_bytes(source.read_bytes(), source.name)["tasks"]]
        rows = [t for t in docx if t["ref"].startswith("PL")]
        data = pdf_renderings.render_variant(source, variant)
        ms_before, ms_after = read_ms(data, f"{name}.pdf", runs=3)
        with without_columns():
            old_blocks = read_document(data, f"{name}.pdf")
        same_blocks = old_blocks == read_document(data, f"{name}.pdf")
        try:
            pdf = parse_bytes(data, f"{name}.pdf")["tasks"]
        except NoTasks:  # cv402 is a table alone: read as text, no task at all
            pdf = []
        by_ref = {t["ref"]: t for t in pdf}
        same = {"lead": 0, "deadline": 0, "both": 0, "text": 0}
        for task in rows:
            other = by_ref.get(task["ref"])
            if other is None:
                continue
            lead = sorted(task["lead"]) == sorted(other["lead"])
            due = deadline(task) == deadline(other)
            same["lead"] += lead
            same["deadline"] += due
            same["both"] += lead and due
            same["text"] += words(task["text"]) == words(other["text"])
            if "-v" in sys.argv and not (lead and due):
                print("   ", task["ref"], task["lead"], deadline(task))
                print("   ", " " * len(task["ref"]), other["lead"], deadline(other))
        pages = len(pdfium.PdfDocument(data))
        print(
            f"{name:20} rows={len(rows):3} lead={same['lead']:3} deadline={same['deadline']:3}"
            f" both={same['both']:3} text={same['text']:3} tasks={len(pdf):3}/{len(docx):3}"
            f" pages={pages} read_ms={ms_before:.0f}->{ms_after:.0f}"
            f" blocks_as_before={'yes' if same_blocks else 'no'}"
        )
        unchanged += same_blocks
        totals["rows"] += len(rows)
        for key in same:
            totals[key] += same[key]
        if pages > slowest[2]:
            slowest = (name, 0.0, pages)
    largest = EVAL / f"{slowest[0]}.docx"
    before, after = read_ms(pdf_renderings.render_variant(largest, variant), "largest.pdf")
    print(
        f"summary variant={variant} rows={totals['rows']} lead={totals['lead']}"
        f" deadline={totals['deadline']} lead_and_deadline={totals['both']} text={totals['text']}"
        f" read_as_before={unchanged}/{len(pdf_renderings.WITH_TABLES)}"
        f" largest={slowest[0]} pages={slowest[2]} read_ms_median5={before:.0f}->{after:.0f}"
    )


if __name__ == "__main__":
    main()
