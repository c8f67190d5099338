"""The compliance exports (XLSX, JSON) list agencies in Vietnamese alphabetical order:
"Đ" between "D" and "E", not after "Z" as the databases' binary order puts it."""

import datetime
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from lotrinh.core.text import vi_sort_key
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2024, 12, 10, 9, 0)
PROVINCES = [
    "Tỉnh An Giang",
    "Tỉnh Bà Rịa - Vũng Tàu",
    "Tỉnh Cà Mau",
    "Tỉnh Cao Bằng",
    "Tỉnh Đắk Lắk",
    "Tỉnh Điện Biên",
    "Tỉnh Đồng Nai",
    "Tỉnh Đồng Tháp",
    "Tỉnh Gia Lai",
    "Tỉnh Yên Bái",
]


def test_the_xlsx_lists_the_provinces_in_vietnamese_order(most_monitor, period_2024):
    with time_machine.travel(AT, tick=False):
        xlsx = client_for(most_monitor).get(
            reverse("reporting:compliance_xlsx"), {"year": "2024", "kind": "province"}
        )
    sheet = load_workbook(BytesIO(xlsx.content)).active
    names = [
        r[0]
        for r in sheet.iter_rows(min_row=2, values_only=True)
        if r[0] and r[0].startswith("Tỉnh ")
    ]
    assert len(names) == 58
    assert names == sorted(names, key=vi_sort_key)
    assert [n for n in names if n in PROVINCES] == PROVINCES


def test_the_json_puts_đà_nẵng_between_cần_thơ_and_hà_nội(most_monitor, period_2024):
    with time_machine.travel(AT, tick=False):
        rows = (
            client_for(most_monitor)
            .get(reverse("reporting:compliance_json"), {"year": "2024", "kind": "central_city"})
            .json()
        )
    assert [r["agency"] for r in rows] == [
        "Thành phố Cần Thơ",
        "Thành phố Đà Nẵng",
        "Thành phố Hà Nội",
        "Thành phố Hải Phòng",
        "Thành phố Hồ Chí Minh",
    ]
