"""Compare the parse of each evaluation DOCX with the parse of its PDF rendering.

Usage: LOTRINH_LOCAL=1 .venv/bin/python scripts/measure_pdf_docx.py [--variant plain|header|landscape|borderless|borderless-once|borderless-header]
prints, per document, the DOCX's tasks and how many of the PDF's have the same text
(spaces aside), lead, coordinators and deadline, and how many texts hold a line break
the DOCX's do not.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")

import django  # noqa: E402

django.setup()

from lotrinh.importer.service import parse_bytes  # noqa: E402
from tests.importer import pdf_renderings  # noqa: E402

EVAL = ROOT / "tests" / "importer" / "eval"
NAMES = pdf_renderings.WITH_TABLES


def words(text: str | None) -> str:
    return " ".join((text or "").split())


def main() -> None:
    variant = sys.argv[sys.argv.index("--variant") + 1] if "--variant" in sys.argv else "plain"
    for name in NAMES:
        source = EVAL / f"{name}.docx"
        docx = parse_bytes(source.read_bytes(), source.name)["tasks"]
        data = pdf_renderings.render_variant(source, variant)
        started = time.perf_counter()
        pdf = parse_bytes(data, f"{name}.pdf")["tasks"]
        ms = (time.perf_counter() - started) * 1000
        by_ref = {t["ref"]: t for t in pdf}
        same = {"text": 0, "lead": 0, "coordinating": 0, "deadline": 0}
        breaks = 0
        for task in docx:
            other = by_ref.get(task["ref"])
            if other is None:
                continue
            same["text"] += words(task["text"]) == words(other["text"])
            same["lead"] += sorted(task["lead"]) == sorted(other["lead"])
            same["coordinating"] += sorted(task["coordinating"]) == sorted(other["coordinating"])
            same["deadline"] += (task.get("deadline") or {}).get("date") == (
                other.get("deadline") or {}
            ).get("date")
            breaks += other["text"].count("\n") > task["text"].count("\n")
        print(
            f"{name:20} {variant:9} docx={len(docx):3} pdf={len(pdf):3} "
            + " ".join(f"{k}={v}" for k, v in same.items())
            + f" extra_breaks={breaks} parse_ms={ms:.0f}"
        )
        if "-v" in sys.argv:
            for task in docx:
                other = by_ref.get(task["ref"])
                if other is not None and words(task["text"]) != words(other["text"]):
                    print("   ", task["ref"], repr(task["text"][:300]))
                    print("   ", " " * len(task["ref"]), repr(other["text"][:300]))


if __name__ == "__main__":
    main()
