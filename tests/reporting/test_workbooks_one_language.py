"""A compliance workbook is one language, Vietnamese, whoever downloads it: its headings
were Vietnamese while an English reader's cells came out in English ("Not sent" under
"Báo cáo 2024") and its rows in the English names' order."""

import datetime
from io import BytesIO

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lotrinh.core.text import vi_sort_key
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2024, 12, 10, 9, 0)


def _rows(client: Client, url: str, language: str, **query: str) -> list[tuple]:
    client.cookies["django_language"] = language
    with time_machine.travel(AT, tick=False):
        response = client.get(url, query)
    assert response.status_code == 200
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


def test_an_english_reader_gets_the_same_vietnamese_workbook(most_monitor, period_2024):
    client = client_for(most_monitor)
    url = reverse("reporting:compliance_xlsx")
    english = _rows(client, url, "en", year="2024", kind="province")
    vietnamese = _rows(client, url, "vi", year="2024", kind="province")
    assert english == vietnamese
    states = {row[2] for row in english[1:] if row and row[0] and row[0].startswith("Tỉnh ")}
    assert states <= {"Đúng hạn", "Muộn", "Chưa nộp", "Bị trả lại", "Chưa đến hạn"}
    names = [row[0] for row in english[1:] if row and row[0] and row[0].startswith("Tỉnh ")]
    assert names == sorted(names, key=vi_sort_key)
