"""Indicator values come in as a Vietnamese office keeps them: an Excel workbook (.xlsx),
and columns headed in Vietnamese ("Năm", "Giá trị", "Quốc gia", "Ngày công bố"). Both
were refused: the import took CSV only ("chỉ nhận .csv, .txt"), and "Năm;Giá trị" lacked
"the required columns Year and/or Value". A problem names the column as the file heads it."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from lotrinh.indicators.models import Observation
from lotrinh.indicators.validation import ObservationError, parse_open_sdg_csv, parse_open_sdg_xlsx
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

SHARE = "DIGITAL_ECONOMY_SHARE_GDP"  # % of GDP, 0–100
TODAY = datetime.date(2026, 12, 6)


def workbook(rows: list[list[object]], blank_rows_above: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    for _ in range(blank_rows_above):
        sheet.append([])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def send(client, name: str, data: bytes):
    return client.post(
        reverse("indicators:enter", args=[SHARE]),
        {"csv": "1", "file": SimpleUploadedFile(name, data), "citation": "Niên giám 2025"},
    )


def test_an_excel_workbook_headed_in_vietnamese_is_imported(most_monitor):
    data = workbook(
        [
            ["Năm", "Giá trị", "Ngày công bố"],
            [2023, 12.5, datetime.datetime(2024, 3, 1)],
            [2024.0, 14, "15/03/2025"],
            [None, None, None],
        ],
        blank_rows_above=1,
    )
    response = send(client_for(most_monitor), "so-lieu.xlsx", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    stored = {
        o.year: (o.value, o.published_on)
        for o in Observation.objects.filter(indicator__code=SHARE, year__in=(2023, 2024))
        .exclude(citation="")
        .filter(citation="Niên giám 2025")
    }
    assert stored == {
        2023: (12.5, datetime.date(2024, 3, 1)),
        2024: (14.0, datetime.date(2025, 3, 15)),
    }


def test_a_csv_headed_in_vietnamese_is_read_as_open_sdg():
    text = "Năm;Giá trị;Quốc gia\n2023;1.234,5;VNM\n"
    rows = parse_open_sdg_csv(text.encode(), TODAY)
    assert [(r.year, r.value, r.country) for r in rows] == [(2023, 1234.5, "VNM")]


def test_a_problem_names_the_column_as_the_file_heads_it(most_monitor):
    data = workbook([["Năm", "Giá trị"], ["hai nghìn", "mười"]])
    response = send(client_for(most_monitor), "so-lieu.xlsx", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dòng 2, cột Năm: “hai nghìn” không phải năm." in page
    assert "Dòng 2, cột Giá trị:" in page
    assert not Observation.objects.filter(citation="Niên giám 2025").exists()


def broken_sheet() -> bytes:
    """A workbook whose zip and parts are whole but whose sheet's XML is broken: it opens
    (read-only opening reads no sheet) and fails as its rows are read."""
    source = zipfile.ZipFile(io.BytesIO(workbook([["Năm", "Giá trị"], [2023, 1]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            part = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                part = part.replace(b"</sheetData>", b'<row><c r="')
            archive.writestr(name, part)
    return out.getvalue()


def test_a_damaged_or_disguised_workbook_is_refused_clearly(most_monitor):
    client = client_for(most_monitor)
    for name, data in (
        ("so-lieu.xlsx", b"Year,Value\n2023,1\n"),  # text called .xlsx
        ("so-lieu.xlsx", workbook([["Năm", "Giá trị"], [2023, 1]])[:-200]),  # cut short
        ("so-lieu.xlsx", broken_sheet()),  # was a 500 (the sheet read after opening)
    ):
        response = send(client, name, data)
        assert response.status_code == 400
        assert "msg-error" in response.content.decode()
    assert not Observation.objects.filter(citation="Niên giám 2025").exists()


def test_a_workbook_without_the_columns_says_which_it_has():
    with pytest.raises(ObservationError) as refused:
        parse_open_sdg_xlsx(workbook([["Chỉ tiêu", "Số"], ["x", 1]]), TODAY)
    assert "Chỉ tiêu, Số" in refused.value.problems[0]


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=6,
    ),
    vietnamese=st.booleans(),
)
def test_a_workbook_reads_the_values_excel_holds(values, vietnamese):
    """Whatever the number, the workbook's value is the value read: no decimal comma or
    thousands separator stands between Excel and the import."""
    heads = ["Năm", "Giá trị"] if vietnamese else ["Year", "Value"]
    # Excel keeps 15 significant digits (and openpyxl, which writes the test's workbook, 16)
    rows = [[2000 + i, float(f"{v:.15g}")] for i, v in enumerate(values)]
    read = parse_open_sdg_xlsx(workbook([heads, *rows]), TODAY)
    assert [(r.year, r.value) for r in read] == [(y, v) for y, v in rows]
