"""The PDF reader's output does not change when its code is made faster: every PDF
rendering the importer's tests use (the evaluation documents and the corpus printed as
paragraphs, the evaluation DOCX with task tables printed as Word exports them, with a
running header, with their tables on landscape pages turned) reads to the same blocks (the
whole text, every table cell) and parses to the same programme (every task, lead,
coordinator, deadline), as recorded in `pdf_golden.json`.

A change meant to alter what a PDF reads as rewrites the record and says why in its
commit: `.venv/bin/python -m tests.importer.test_pdf_golden --write [--dump DIR]` (DIR gets
each case's full JSON, to compare before and after)."""

import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).parent
EVAL = HERE / "eval"
CORPUS = HERE / "corpus"
GOLDEN = HERE / "pdf_golden.json"


def _cases() -> dict[str, Callable[[], bytes]]:
    from tests.importer.pdf_renderings import WITH_TABLES, render_pdf, render_variant

    cases: dict[str, Callable[[], bytes]] = {}
    for source in sorted(EVAL.glob("*.txt")) + sorted(CORPUS.glob("*.txt")):
        cases[f"{source.parent.name}/{source.stem}"] = lambda source=source: render_pdf(source)
    for name in WITH_TABLES:
        for variant in ("plain", "header", "rotate", "matrix"):
            source = EVAL / f"{name}.docx"
            cases[f"docx/{name}/{variant}"] = lambda s=source, v=variant: render_variant(s, v)
    return cases


CASES = sorted(_cases())


def outcome(data: bytes) -> dict:
    """What a PDF reads as: its blocks and its parse (a document without tasks, its
    blocks alone)."""
    from lotrinh.importer.parser import parse_blocks
    from lotrinh.importer.reader import read_document

    blocks = read_document(data, "rendering.pdf")
    return {
        "blocks": [{"kind": b.kind, "text": b.text, "rows": b.rows} for b in blocks],
        "parse": parse_blocks(blocks),
    }


def digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def summary(result: dict) -> dict:
    return {
        "blocks": digest(result["blocks"]),
        "text": digest([b["text"] for b in result["blocks"]]),
        "tasks": len(result["parse"]["tasks"]),
        "task_digest": digest(
            [
                (
                    t.get("ref"),
                    t.get("text"),
                    t.get("lead"),
                    t.get("coordinating"),
                    t.get("deadline"),
                )
                for t in result["parse"]["tasks"]
            ]
        ),
        "programme": digest(result["parse"]["programme"]),
        "parse": digest(result["parse"]),
    }


@pytest.mark.parametrize("case", CASES)
def test_a_rendering_reads_as_recorded(case: str) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = summary(outcome(_cases()[case]()))
    assert got == golden[case]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
    os.environ.setdefault("LOTRINH_LOCAL", "1")
    import django

    django.setup()
    dump = Path(sys.argv[sys.argv.index("--dump") + 1]) if "--dump" in sys.argv else None
    cases = _cases()
    record = {}
    for case in CASES:
        result = outcome(cases[case]())
        record[case] = summary(result)
        if dump is not None:
            path = dump / (case.replace("/", "__") + ".json")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True, default=str),
                encoding="utf-8",
            )
        print(case, record[case]["tasks"], flush=True)
    if "--write" in sys.argv:
        GOLDEN.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
