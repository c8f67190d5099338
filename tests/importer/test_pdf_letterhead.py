"""A letterhead typeset as the genre's borderless two-column table (Decree 30/2020's
layout; Hướng dẫn 36 for the Party's) reads from a PDF as from the document itself: the
issuer and the number from the left column, the place and date from the right one, marked
by the national motto or "ĐẢNG CỘNG SẢN VIỆT NAM" (lotrinh/importer/pdf_text.py
`letterhead_columns`, docs/importer.md). The table's rows as the drafter set them: the
issuer beside the motto over the number beside the date, one row of two cells, or a row
per line (the page's text then runs across both columns line by line)."""

import io
from pathlib import Path

import pytest

from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import read_document
from tests.importer.pdf_renderings import (
    LAYOUTS,
    render_letterhead_docx_pdf,
    render_letterhead_text_pdf,
)

EVAL = Path(__file__).parent / "eval"
# The evaluation documents that open with a letterhead (State bodies), and the Party's.
STATE = ["kh144-bacninh.docx", "kh179-dongnai.docx", "kh310-hanoi.docx", "qd2597-ttg.docx"]
PARTY = ["kh3260-qh.txt"]


def header(data: bytes, name: str) -> tuple:
    programme = parse_blocks(read_document(data, name))["programme"]
    return programme["issuer"], programme["code"], programme["issue_date"], programme["kind"]


# The transcriptions that open with a letterhead (the web copy's cell marks dropped; kh552
# and kh7360 break the motto's words over lines, which `split_letterhead` does not lay out).
TRANSCRIPTIONS = [
    "kh144-bacninh.txt",
    "kh179-dongnai.txt",
    "kh308-hanoi.txt",
    "kh556-dongthap.txt",
    "qd2597-ttg.txt",
    "qd4385-bvhttdl.txt",
]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", STATE + PARTY + TRANSCRIPTIONS)
def test_a_two_column_letterhead_gives_the_issuer_number_date_and_kind(
    name: str, layout: str
) -> None:
    source = EVAL / name
    expected = header(source.read_bytes(), name)
    assert all(expected), expected  # the document itself names all three
    render = render_letterhead_docx_pdf if name.endswith(".docx") else render_letterhead_text_pdf
    assert header(render(source, layout), "rendering.pdf") == expected


def test_a_word_letterhead_of_one_row_gives_the_issuer() -> None:
    # The issuer over the number in one cell, the motto over the date in the other: read
    # cell by cell, the number comes between the issuer and the motto.
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\nSố: 144/KH-UBND"
    table.cell(0, 1).text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "---------------\nBắc Ninh, ngày 24 tháng 11 năm 2025"
    )
    for text in ("KẾ HOẠCH", "PHÁT TRIỂN KINH TẾ SỐ", "1. Sở Tài chính chủ trì, năm 2026."):
        document.add_paragraph(text)
    data = io.BytesIO()
    document.save(data)
    assert header(data.getvalue(), "plan.docx") == (
        "Tỉnh Bắc Ninh",
        "144/KH-UBND",
        "2025-11-24",
        "plan",
    )


def test_the_partys_plan_printed_plainly_reads_as_a_plan() -> None:
    # 3260-KH/ĐĐQH15 (Hướng dẫn 36): "KẾ HOẠCH" over its subject in ordinary letters,
    # which the PDF's text layer runs on to the kind's line; it read as "other".
    from tests.importer.pdf_renderings import render_pdf

    source = EVAL / "kh3260-qh.txt"
    expected = header(source.read_bytes(), source.name)
    assert expected[3] == "plan"
    assert header(render_pdf(source), "rendering.pdf") == expected
