"""Task tables printed without rulings: how many of their rows the PDF reading gives with
the lead agency and the deadline the DOCX read directly gives.

Usage: LOTRINH_LOCAL=1 .venv/bin/python bench/borderless_bench.py [--variant borderless|borderless-once|plain] [-v]

Each evaluation DOCX with a task table (tests/importer/pdf_renderings.WITH_TABLES) is
printed to PDF with its tables' borders removed (`render_docx_pdf(borders=False)`); its
table rows (tasks whose reference starts with "PL") are matched by reference with the
DOCX's. Per document: rows, rows with the same lead set, the same deadline, both (and the
same text, spaces aside), and the time to read the PDF (median of 3). The last line is
the summary.
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


def main() -> None:
    variant = sys.argv[sys.argv.index("--variant") + 1] if "--variant" in sys.argv else "borderless"
    totals = {"rows": 0, "lead": 0, "deadline": 0, "both": 0, "text": 0}
    slowest = ("", 0.0, 0)
    for name in pdf_renderings.WITH_TABLES:
        source = EVAL / f"{name}.docx"
        docx = [t for t in parse_bytes(source.read_bytes(), source.name)["tasks"]]
        rows = [t for t in docx if t["ref"].startswith("PL")]
        data = pdf_renderings.render_variant(source, variant)
        times = []
        for _ in range(3):
            started = time.perf_counter()
            read_document(data, f"{name}.pdf")
            times.append((time.perf_counter() - started) * 1000)
        read_ms = statistics.median(times)
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
            f" pages={pages} read_ms={read_ms:.0f}"
        )
        totals["rows"] += len(rows)
        for key in same:
            totals[key] += same[key]
        if read_ms > slowest[1]:
            slowest = (name, read_ms, pages)
    print(
        f"summary variant={variant} rows={totals['rows']} lead={totals['lead']}"
        f" deadline={totals['deadline']} lead_and_deadline={totals['both']} text={totals['text']}"
        f" largest={slowest[0]} read_ms={slowest[1]:.0f}"
    )


if __name__ == "__main__":
    main()
