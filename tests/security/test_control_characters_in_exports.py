"""A control character in what a person wrote (a line break pasted from a word processor
is U+000B) never breaks an export: the report's XLSX form, and the report's DOCX and
XLSX documents, are made with the text's line break as a line break.

openpyxl refuses such a character in a cell (IllegalCharacterError: the form's download
answered 500), and python-docx refuses it in a run, so one agency's pasted text stopped
the documents made from it, MOST's consolidated report included.
"""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from lotrinh.core.exports import safe_cell
from lotrinh.documents import assemble, render
from lotrinh.reporting import services
from tests.conftest import client_for
from tests.reporting.conftest import period_2024, regime, report_a  # noqa: F401

pytestmark = pytest.mark.django_db
PASTED = "Dòng một\x0bdòng hai\x01 xong"


@pytest.fixture
def pasted_report(report_a, officer_a):  # noqa: F811
    entry = report_a.entries.order_by("pk").first()
    services.save_entry(
        entry, officer_a, {"status": "in_progress", "result": PASTED}, expected_version=1
    )
    report_a.refresh_from_db()
    return report_a


def test_a_cell_keeps_the_line_break_and_drops_what_a_sheet_cannot_hold():
    assert safe_cell(PASTED) == "Dòng một\ndòng hai xong"
    assert safe_cell("=\x0b1") == "'=\n1"


def test_the_reports_xlsx_form_downloads(pasted_report, officer_a):
    response = client_for(officer_a).get(f"/bao-cao/{pasted_report.pk}/bieu-mau.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert any("Dòng một\ndòng hai" in value for value in cells)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_the_reports_documents_are_made(pasted_report, fmt):
    data = assemble.agency_report(pasted_report, pasted_report.period.end, live=True)
    blob = render.render("agency", fmt, data)
    assert blob
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(blob)).paragraphs)
        text += "\n".join(
            cell.text
            for table in Document(io.BytesIO(blob)).tables
            for row in table.rows
            for cell in row.cells
        )
        assert "Dòng một" in text and "dòng hai" in text


def test_the_form_sent_back_unchanged_changes_nothing(pasted_report, officer_a):
    from lotrinh.reporting import xlsx_form

    entry = pasted_report.entries.order_by("pk").first()
    version = entry.version
    blob = xlsx_form.build_form(pasted_report)
    assert xlsx_form.import_form(pasted_report, officer_a, blob) == 0
    entry.refresh_from_db()
    assert entry.version == version and entry.result == PASTED
