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


def _home_section(user) -> str:
    html = client_for(user).get(reverse("dashboard:home")).content.decode()
    found = re.findall(r'<section[^>]*id="unit-work"[^>]*>.*?</section>', html, re.S)
    return found[0] if found else ""


def test_her_home_page_shows_her_units_report_overdue_not_only_the_provinces(province):
    # Her "Tổng quan" was the province's obligations only: "1 việc quá hạn" was the
    # province's report, and her unit's overdue report was nowhere on it.
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, 0), tick=False):
        section = _home_section(province["khcn_reporter"])
        assert "Báo cáo của đơn vị: Sở Khoa học và Công nghệ" in section
        assert "15/11/2026" in section and "Quá hạn" in section
        assert reverse("reporting:my_reports") in section  # where she opens it
        # Opened, it is listed with a link to it, still overdue while a draft.
        from lotrinh.reporting import rollup

        report = rollup.start_unit_report(province["khcn_reporter"], province["child"], 2026)
        section = _home_section(province["khcn_reporter"])
        assert reverse("reporting:report", args=[report.pk]) in section
        assert "Quá hạn" in section
        # The province's own staff and another unit's officer see no such section for it.
        assert _home_section(province["reporter"]) == ""
        assert "Sở Khoa học và Công nghệ" not in _home_section(province["police_reporter"])
