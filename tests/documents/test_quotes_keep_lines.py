"""A reporter's result of several lines keeps them in the documents a clerk reads: MOST's
consolidated draft quotes it line by line under the reporter's name (DOCX and PDF alike),
and a report's table cell and paragraphs keep its lines in the PDF as in the DOCX. Before
(2026-12-07) the quote was made one line (`assemble.brief`) and the PDF ran every text's
lines together (`whole_symbols`), so a unit's list pre-filled into its agency's result
read as one run-on sentence."""

import datetime
import io
import subprocess

import pytest
import time_machine
from docx import Document

from lotrinh.documents import assemble, render
from lotrinh.documents.templatetags import document_tags
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from tests.documents.test_clerk_papers import CUTOFF, _sent

LINES = "Đã ban hành Kế hoạch số 12/KH-BYT.\r\n- Bệnh án điện tử tại 30 bệnh viện.\r\n- Đào tạo 200 cán bộ."


def _pdf_lines(blob: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-", "-"], input=blob, capture_output=True, check=True)
    return [" ".join(line.split()) for line in out.stdout.decode().splitlines()]


def test_a_quote_keeps_its_lines_and_is_cut_at_a_word() -> None:
    assert assemble.brief("  Một  câu\r\n\r\n  - hai   ba\n") == "Một câu\n  - hai ba"
    cut = assemble.brief("dòng một\n" * 60, 40)
    assert cut.endswith("…") and len(cut) <= 40 and cut.startswith("dòng một\ndòng một\n")


def test_the_pdfs_texts_keep_their_lines() -> None:
    whole_symbols = document_tags.whole_symbols
    assert whole_symbols("Một\n  - 50/NQ-CP") == (
        'Một<br>&nbsp;&nbsp;- <span class="symbol">50/NQ-CP</span>'
    )
    assert document_tags.continued_lines("Một\r\nHai") == 'Một</p><p class="more">Hai'
    assert whole_symbols("<b>") == "&lt;b&gt;"


@pytest.mark.django_db
def test_mosts_draft_quotes_each_reporters_lines_under_its_name(seeded_db, most_monitor) -> None:
    health, task = _sent("bo-y-te", LINES, "2024-11-25")
    with time_machine.travel(datetime.datetime(2024, 12, 5, 9), tick=False):
        reporting.accept_report(health, most_monitor)
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    data = assemble.consolidated(programme, 2024, CUTOFF)
    (quote,) = [r for g in data["groups"] for r in g["results"] if r.get("task") == task]
    assert quote["text"] == (
        "Đã ban hành Kế hoạch số 12/KH-BYT.\n- Bệnh án điện tử tại 30 bệnh viện.\n"
        "- Đào tạo 200 cán bộ."
    )
    docx = Document(io.BytesIO(render.render("consolidated", "docx", data, when=CUTOFF)))
    texts = [p.text for p in docx.paragraphs]
    at = texts.index(f"- Bộ Y tế (nhiệm vụ {task}): Đã ban hành Kế hoạch số 12/KH-BYT.")
    assert texts[at + 1 : at + 3] == [
        "- Bệnh án điện tử tại 30 bệnh viện.",
        "- Đào tạo 200 cán bộ.",
    ]
    # Set in under the reporter's line, close under it; no line break inside a justified
    # paragraph (Word would stretch the line before it across the page).
    following = docx.paragraphs[at + 1].paragraph_format
    assert round(following.left_indent.cm, 2) == 1 and following.space_before == 0
    assert all("<w:br" not in p._p.xml for p in docx.paragraphs[at : at + 3])
    lines = _pdf_lines(render.render("consolidated", "pdf", data))
    at = lines.index(f"- Bộ Y tế (nhiệm vụ {task}): Đã ban hành Kế hoạch số 12/KH-BYT.")
    assert lines[at + 1 : at + 3] == [
        "- Bệnh án điện tử tại 30 bệnh viện.",
        "- Đào tạo 200 cán bộ.",
    ]
