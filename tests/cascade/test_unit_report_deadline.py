"""A department's officer reads, under "Báo cáo", when her unit's report of the year is due
and that it is overdue, before she has opened it.

Walk (helper walkx, 06/12/2026): hn-dv1-baocao's page said only "Kế hoạch 308/KH-UBND
(minh hoạ): đơn vị chưa lập báo cáo năm 2026." while her notification said the report was
21 days overdue (due 15/11/2026); the province's rows on the same page had their "Quá hạn".
"""

import datetime
import re

import time_machine
from django.urls import reverse

from tests.conftest import client_for


def _unit_card(user) -> str:
    html = client_for(user).get(reverse("reporting:my_reports")).content.decode()
    cards = re.findall(r'<form[^>]*class="card unit-plan"[^>]*>.*?</form>', html, re.S)
    assert len(cards) == 1, html
    return cards[0]


def test_the_unit_report_not_yet_opened_shows_its_deadline_and_that_it_has_passed(province):
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, 0), tick=False):
        card = _unit_card(province["khcn_reporter"])
    assert "đơn vị chưa lập báo cáo năm 2026" in card
    assert "hạn nộp 15/11/2026" in card
    assert "Quá hạn" in card


def test_before_the_deadline_the_card_gives_the_date_and_no_overdue_mark(province):
    with time_machine.travel(datetime.datetime(2026, 10, 1, 10, 0), tick=False):
        card = _unit_card(province["khcn_reporter"])
    assert "hạn nộp 15/11/2026" in card
    assert "Quá hạn" not in card
