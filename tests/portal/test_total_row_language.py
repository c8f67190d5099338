"""The total row of the public overview ("Tất cả nhiệm vụ" / "All tasks") is written in
the page's language: on the English page it was marked as Vietnamese
(`<span lang="vi">All tasks</span>`, and in the chart's data), as a task group without
an English name is, so a screen reader read the English words with a Vietnamese voice."""

import json
import re

import pytest
from django.test import Client

from tests.conftest import AGENCY_A

pytestmark = pytest.mark.django_db


def test_the_total_row_is_not_marked_vietnamese_on_the_english_page(cycle):
    cycle.publish(cycle.accepted(AGENCY_A, 2023, "MARKTOTALZ9"))
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get("/cong-khai/").content.decode()
    assert "All tasks" in page
    assert '<span lang="vi">All tasks</span>' not in page
    chart = json.loads(
        re.search(r'id="portal-chart-data"[^>]*>(.*?)</script>', page, re.S).group(1)
    )
    total = chart["categories"].index("All tasks")
    assert chart["vietnamese"][total] is False
