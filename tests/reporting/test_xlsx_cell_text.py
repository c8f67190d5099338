"""A text column of the report form keeps what the clerk saw in the cell: Excel stores a
number or a date typed into a text cell as a number or a date, and the form reads it back
as Vietnamese Excel shows it (1234,5; 1.234,5 when grouped; 50%; 15/03/2026), never as
Python writes it (1234.5, 0.5, 2026-03-15 00:00:00)."""

import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from lotrinh.reporting import xlsx_form
from lotrinh.reporting.models import ReportEntry

pytestmark = pytest.mark.django_db


def test_numbers_and_dates_in_text_cells_read_as_the_clerk_saw_them(report_a, officer_a):
    book = load_workbook(BytesIO(xlsx_form.build_form(report_a)))
    sheet = book[xlsx_form.SHEET]
    sheet["D2"] = 1234.5  # General: Vietnamese Excel shows 1234,5
    sheet["H2"] = datetime.datetime(2026, 3, 15)
    sheet["I2"] = 0.5
    sheet["I2"].number_format = "0%"
    sheet["D3"] = 1234.5
    sheet["D3"].number_format = "#,##0.0"
    sheet["E3"] = 85
    buffer = BytesIO()
    book.save(buffer)
    xlsx_form.import_form(report_a, officer_a, buffer.getvalue())
    first = ReportEntry.objects.get(report=report_a, task__ref=sheet["A2"].value)
    assert (first.result, first.difficulties, first.proposals) == ("1234,5", "15/03/2026", "50%")
    second = ReportEntry.objects.get(report=report_a, task__ref=sheet["A3"].value)
    assert (second.result, second.evidence_number) == ("1.234,5", "85")
