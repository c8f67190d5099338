"""CSV downloads that people open in Excel carry a UTF-8 byte-order mark: without it
Excel reads the file in the computer's code page (Windows-1258 in Vietnam) and
"Bộ Y tế" arrives as "Bá»™ Y táº¿". SDMX-CSV stays plain UTF-8: it is a machine format
(the API's `charset=utf-8`, SDMX readers take the first column as "DATAFLOW")."""

import codecs
import csv
import io

import pytest
from django.test import Client

from lotrinh.indicators.models import Indicator
from tests.conftest import AGENCY_A

pytestmark = pytest.mark.django_db


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_open_data_csv_opens_in_excel_with_its_vietnamese_intact(cycle):
    cycle.publish(cycle.accepted(AGENCY_A, 2023, "Đã ban hành kế hoạch số hóa"))
    for name in ("nhiem-vu", "ket-qua", "co-quan", "chi-so"):
        content = Client().get(f"/cong-khai/du-lieu/{name}.csv").content
        assert content.startswith(codecs.BOM_UTF8), name
        assert not content[3:].startswith(codecs.BOM_UTF8), name  # one mark, not two
    rows = _rows(Client().get("/cong-khai/du-lieu/ket-qua.csv").content)
    assert rows[0][:3] == ["programme", "task", "year"]
    assert any("Đã ban hành kế hoạch số hóa" in cell for row in rows for cell in row)


def test_an_indicators_csv_opens_in_excel():
    indicator = Indicator.objects.exclude(kind="milestone").first()
    assert indicator is not None
    content = Client().get(f"/chi-tieu/{indicator.code}/tai-ve.csv").content
    assert content.startswith(codecs.BOM_UTF8)
    assert _rows(content)[0][:3] == ["Year", "Country", "Value"]


def test_sdmx_csv_stays_plain_utf8_for_machine_readers():
    """A guard: the SDMX-CSV files start with their header, no mark."""
    indicator = Indicator.objects.exclude(kind="milestone").first()
    assert indicator is not None
    for url in (
        "/cong-khai/du-lieu/chi-so.sdmx.csv",
        f"/chi-tieu/{indicator.code}/tai-ve.sdmx",
        "/api/v1/sdmx/data/",
    ):
        assert Client().get(url).content.startswith(b"DATAFLOW"), url
