"""Four hard-wrapped evaluation documents printed to PDF and read back through PDFium
score at the bar of issue 12, like the text as found (docs/importer.md)."""

import json
from pathlib import Path

import pytest

from lotrinh.importer.evaluate import score
from lotrinh.importer.service import parse_bytes
from tests.importer.pdf_renderings import paragraphs, render_pdf

EVAL = Path(__file__).parent / "eval"


@pytest.mark.parametrize(
    "name", ["kh7360-laichau.txt", "kh308-hanoi.txt", "kh556-dongthap.txt", "qd4385-bvhttdl.txt"]
)
def test_a_pdf_rendering_scores_at_the_bar(name: str) -> None:
    data = render_pdf(EVAL / name)
    assert data.startswith(b"%PDF")
    expected = json.loads((EVAL / name).with_suffix(".json").read_text(encoding="utf-8"))
    scores = score(name + ".pdf", parse_bytes(data, "rendering.pdf"), expected)
    assert scores.f1 >= 0.98, scores.line()
    assert scores.lead_share >= 0.97, scores.line()
    assert scores.coordinating_share >= 0.95, scores.line()


def test_paragraphs_are_the_lines_between_blank_lines() -> None:
    text = "Số:\n7360/KH-UBND\n|\n\n1.\nTrên cơ sở tài liệu,\ncác cơ quan\n\n- Cơ quan"
    assert paragraphs(text) == [
        "Số: 7360/KH-UBND",
        "1. Trên cơ sở tài liệu, các cơ quan",
        "- Cơ quan",
    ]
