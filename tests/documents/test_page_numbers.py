"""Page numbers as Decree 30/2020/NĐ-CP sets them (Phụ lục I): Arabic numerals, centred in
the top margin, upright, 13–14 pt, and none on the first page."""

import io

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer

from lotrinh.documents import assemble, render
from tests.documents.test_documents import CUTOFF, programme, submitted  # noqa: F401

pytestmark = pytest.mark.django_db


def numbers_on(blob: bytes) -> list[tuple[int, str, float, float, float]]:
    """(page, text, x centre / width, y from the top / height, font size) of every text box
    that is nothing but a number."""
    found = []
    for index, page in enumerate(extract_pages(io.BytesIO(blob)), start=1):
        for box in page:
            if isinstance(box, LTTextContainer) and box.get_text().strip().isdigit():
                sizes = {
                    round(char.size)
                    for line in box
                    for char in getattr(line, "_objs", [])
                    if hasattr(char, "size")
                }
                found.append(
                    (
                        index,
                        box.get_text().strip(),
                        (box.x0 + box.x1) / 2 / page.width,
                        (page.height - box.y1) / page.height,
                        max(sizes or {0}),
                    )
                )
    return found


def test_the_pdf_numbers_its_pages_at_the_top_centre_from_the_second(
    programme,  # noqa: F811
    submitted,  # noqa: F811
):
    blob = render.render("consolidated", "pdf", assemble.consolidated(programme, 2024, CUTOFF))
    numbers = numbers_on(blob)
    in_the_top_margin = [n for n in numbers if n[3] < 20 / 297]
    pages = {page for page, *_ in in_the_top_margin}
    assert 1 not in pages  # the first page shows no number
    assert 2 in pages
    second = next(n for n in in_the_top_margin if n[0] == 2)
    assert second[1] == "2"
    assert 0.45 < second[2] < 0.6  # centred (left margin 30 mm, right 15 mm)
    assert 13 <= second[4] <= 14
    # No number left at the foot of a page either.
    assert not [n for n in numbers if n[3] > 277 / 297]


def test_the_docx_numbers_its_pages_at_the_top_centre_from_the_second(
    programme,  # noqa: F811
    submitted,  # noqa: F811
):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    blob = render.render("agency", "docx", assemble.agency_report(submitted, CUTOFF), when=CUTOFF)
    section = Document(io.BytesIO(blob)).sections[0]
    assert section.different_first_page_header_footer  # none on the first page
    assert "PAGE" not in section.first_page_header._element.xml
    header = section.header
    assert not header.is_linked_to_previous
    paragraph = next(p for p in header.paragraphs if "PAGE" in p._p.xml)
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    sizes = {run.font.size.pt for run in paragraph.runs if run.font.size is not None}
    assert sizes and all(13 <= size <= 14 for size in sizes)
    assert "PAGE" not in section.footer._element.xml


def test_the_docx_motto_has_its_rule_under_it(submitted):  # noqa: F811
    """Decree 30: under the motto a solid line as long as the motto's line (a bordered
    paragraph measured from it; its length is checked in test_letterhead_rules)."""
    from docx import Document

    blob = render.render("agency", "docx", assemble.agency_report(submitted, CUTOFF), when=CUTOFF)
    head = Document(io.BytesIO(blob)).tables[0].rows[0].cells[1]
    texts = [p.text for p in head.paragraphs]
    motto = texts.index("Độc lập - Tự do - Hạnh phúc")
    assert head.paragraphs[motto + 1].style.name == render.TITLE_RULE_STYLE
