"""A document's number and symbol ("52-NQ/TW", "1132/QĐ-TTg", "30/2020/NĐ-CP") is never cut
at its "/" or "-" at the end of a line of the PDF: a clerk reads and searches it whole."""

import io
import re

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer, LTTextLine

from lotrinh.documents import assemble, render
from tests.documents.test_documents import CUTOFF, programme, submitted  # noqa: F401

pytestmark = pytest.mark.django_db

# A line that ends inside a symbol: "… số 52-" / "NQ/TW", "… số 52-NQ/" / "TW".
CUT = re.compile(r"\d+(?:/\d{4})?[/-](?:[A-ZĐ][A-Za-zĐđ]*[/-])?$")


def lines_of(blob: bytes) -> list[str]:
    lines = []
    for page in extract_pages(io.BytesIO(blob)):
        for box in page:
            if isinstance(box, LTTextContainer):
                lines += [line.get_text().strip() for line in box if isinstance(line, LTTextLine)]
    return lines


def test_no_line_of_the_pdf_ends_inside_a_document_symbol(submitted):  # noqa: F811
    data = assemble.agency_report(submitted, CUTOFF)
    # Symbols of every length at every offset of the lines of the narrow columns.
    symbols = [f"{n}/KH-UBND, {n * 7}-NQ/TW và {n * 13}/QĐ-TTg" for n in range(1, 60)]
    for index, entry in enumerate(data["entries"][:1]):
        entry["text"] = "Thực hiện " + "; ".join(symbols[index:]) + "."
        entry["result"] = "Đã ban hành " + ", ".join(symbols) + "."
        entry["evidence"] = "; ".join(f"{n}/QĐ-BYT ({n:02d}/06/2024)" for n in range(1, 40))
    lines = lines_of(render.render("agency", "pdf", data))
    cut = [line for line in lines if CUT.search(line)]
    assert not cut, cut[:5]
    assert any(f"{59 * 13}/QĐ-TTg" in line for line in lines)  # whole, searchable
