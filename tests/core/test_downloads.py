"""Downloads keep numbers as numbers: the spreadsheet formats them for its reader."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_compliance_rates_are_numeric_cells_with_a_percent_format(
    most_monitor, officer_a, report_a
):
    from tests.core.conftest import fill

    fill(report_a, officer_a)
    response = client_for(most_monitor).get(reverse("reporting:compliance_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0].value: row for row in sheet.iter_rows() if row[0].value}
    for label in ("Tỷ lệ báo cáo", "Tỷ lệ đúng hạn"):
        cells = [c for c in rows[label][2:] if c.value not in (None, "—")]
        assert cells, label
        assert all(isinstance(c.value, int | float) and c.number_format == "0.0%" for c in cells), [
            (c.value, c.number_format) for c in cells
        ]
        assert all(0 <= c.value <= 1 for c in cells)
