"""A long table breaks between its rows, the header row repeated, and a row of more than
`render.KEEP_LINES` lines may break too (three lines at least on each side): MOST's
consolidated report filled its page 1 only down to the totals table (the first group's
first task, ten lines kept whole, went to page 2 with its two headings, a third of the
page left blank). "Keep with next" is on headings and lead lines only, never in a table."""

import io

import pypdfium2
import pytest
from docx import Document
from docx.oxml.ns import qn

from lotrinh.documents import assemble, render
from tests.documents.test_documents import CUTOFF, programme, submitted  # noqa: F401

pytestmark = pytest.mark.django_db


def _pages(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def test_mosts_first_page_goes_on_into_the_first_group_table(programme, submitted) -> None:  # noqa: F811
    data = assemble.consolidated(programme, 2024, CUTOFF)
    first = data["groups"][0]["tasks"][0]
    column = render.pdf_widths(render.PDF_GROUP_COLUMNS)[1]
    assert render.cell_lines(first["text"], column, render.PDF_TABLE_PT) > render.KEEP_LINES
    pages = _pages(render.render("consolidated", "pdf", data))
    # Page 1 goes on past the totals table: the results' heading, the first group's
    # heading, its table's header and the start of its first row are there.
    assert "II. KẾT QUẢ THỰC HIỆN THEO NHÓM NHIỆM VỤ" in pages[0]
    assert f" {first['ref']} " in f" {pages[0]} "
    # The row goes on on page 2 under the repeated header row.
    assert pages[1].lstrip("2 ").startswith("Nhiệm vụ Nội dung"), pages[1][:80]
    words = " ".join(first["text"].split()).split()
    assert " ".join(words[:3]) in pages[0] and " ".join(words[-3:]) in pages[1]


def test_short_rows_stay_whole_and_keep_with_next_is_on_headings_only(
    programme,  # noqa: F811
    submitted,  # noqa: F811
) -> None:
    data = assemble.consolidated(programme, 2024, CUTOFF)
    docx = Document(io.BytesIO(render.render("consolidated", "docx", data, when=CUTOFF)))
    body = docx.element.body
    for table in docx.tables[1:-1]:
        for index, row in enumerate(table.rows):
            properties = row._tr.trPr
            assert properties is not None
            whole = properties.find(qn("w:cantSplit")) is not None
            longest = max(len(c.text) for c in row.cells)
            if index == 0 or longest <= 150:  # the header row, and a row of a few lines
                assert whole, row.cells[0].text
            if longest > 1000:  # dozens of lines
                assert not whole, row.cells[0].text
            # No paragraph of a table holds it to the next: the table breaks between rows.
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    assert not paragraph.paragraph_format.keep_with_next, cell.text
    kept = [p for p in docx.paragraphs if p.paragraph_format.keep_with_next]
    assert kept
    last = [p for p in docx.paragraphs if p.text.strip()][-1]
    for paragraph in kept:
        text = paragraph.text.strip()
        heading = bool(paragraph.runs) and all(run.bold for run in paragraph.runs if run.text)
        assert heading or text.endswith(":") or paragraph._p is last._p, text
    assert body is not None


def test_a_long_row_never_leaves_its_number_alone_at_the_foot_of_a_page(submitted) -> None:  # noqa: F811
    """A row that may break does so where three lines of its text fit: never its task
    number alone on one page and its text on the next. The table is moved down a line
    at a time (a longer general assessment) so that a page ends at every height."""
    base = assemble.agency_report(submitted, CUTOFF)
    for entry in base["entries"]:
        entry["result"] = entry["result"] or "Đã tổ chức triển khai theo kế hoạch."
    assert render.splittable_rows("agency", base)
    for extra in range(0, 40, 3):
        data = {**base, "general_assessment": "Đánh giá chung của cơ quan. " * (1 + extra * 4)}
        pages = _pages(render.render("agency", "pdf", data))
        table_pages = [p.split("III. KHÓ KHĂN")[0] for p in pages]
        for entry in data["entries"]:
            at = next(i for i, p in enumerate(table_pages) if f" {entry['ref']} " in f" {p} ")
            start = " ".join(" ".join(entry["text"].split()).split()[:2])
            assert start in table_pages[at], (extra, entry["ref"], at)
