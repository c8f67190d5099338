"""A unit's leader is told, on her pages, that her unit's yearly report is not open yet:
its deadline, "Quá hạn" once it has passed, and who of her unit opens it; no button she
could not use (opening it is her unit's officers' step, permissions.may_start_unit_report).

Brief (officer, 06/12/2026): hn-dv2-lanhdao's "Báo cáo" page said nothing of her unit's
2026 report not being opened, 21 days after its deadline; only its officers saw it.
"""

import datetime
import re

import time_machine
from django.urls import reverse

from lotrinh.accounts import permissions as perms
from lotrinh.reporting import rollup
from tests.cascade.conftest import person
from tests.conftest import client_for

LATE = datetime.datetime(2026, 12, 6, 10, 0)


def _page(user) -> str:
    with time_machine.travel(LATE, tick=False):
        return client_for(user).get(reverse("reporting:my_reports")).content.decode()


def _cards(html: str) -> list[str]:
    return re.findall(
        r'<(?:form|div)[^>]*class="card unit-plan[^"]*"[^>]*>.*?</(?:form|div)>', html, re.S
    )


def test_the_units_leader_sees_the_unopened_report_its_deadline_and_who_opens_it(province):
    leader = province["khcn_leader"]
    cards = _cards(_page(leader))
    assert len(cards) == 1, cards
    card = cards[0]
    assert "đơn vị chưa lập báo cáo năm 2026" in card and "hạn nộp 15/11/2026" in card
    assert "Quá hạn" in card
    assert "Cán bộ báo cáo của đơn vị mở báo cáo này:" in card
    assert str(province["khcn_reporter"]) in card
    assert province["khcn_reporter"].email in card
    # Not the other unit's officer, nor the province's own staff.
    assert str(province["police_reporter"]) not in card and str(province["reporter"]) not in card
    # No button: she may not open it.
    assert "<form" not in card and "start_report" not in card and "<button" not in card
    assert not perms.may_start_unit_report(leader)


def test_her_officer_still_gets_the_button(province):
    card = _cards(_page(province["khcn_reporter"]))[0]
    assert 'name="what" value="start_report"' in card and "<button" in card
    assert "mở báo cáo này:" not in card


def test_a_unit_without_an_officer_tells_the_leader_whom_to_ask(province):
    province["khcn_reporter"].is_active = False
    province["khcn_reporter"].save(update_fields=["is_active"])
    card = _cards(_page(province["khcn_leader"]))[0]
    assert "Đơn vị chưa có cán bộ báo cáo để mở báo cáo" in card


def test_a_second_officer_of_the_unit_is_named_too_and_in_english(province):
    twin = person(
        "khcn_twin", province["khcn_reporter"].agency, "reporter", province["khcn_reporter"].unit
    )
    with time_machine.travel(LATE, tick=False):  # signed in then: sessions expire when idle
        client = client_for(province["khcn_leader"])
        client.cookies["django_language"] = "en"
        html = client.get(reverse("reporting:my_reports")).content.decode()
    card = _cards(html)[0]
    assert str(twin) in card and str(province["khcn_reporter"]) in card
    assert "Overdue" in card


def test_once_opened_the_leader_sees_the_report_not_the_notice(province):
    with time_machine.travel(LATE, tick=False):
        report = rollup.start_unit_report(province["khcn_reporter"], province["child"], 2026)
    html = _page(province["khcn_leader"])
    assert _cards(html) == []
    assert reverse("reporting:report", args=[report.pk]) in html


def test_her_overview_lists_it_too(province):
    with time_machine.travel(LATE, tick=False):
        html = client_for(province["khcn_leader"]).get(reverse("dashboard:home")).content.decode()
    section = re.findall(r'<section[^>]*id="unit-work"[^>]*>.*?</section>', html, re.S)
    assert section and "15/11/2026" in section[0] and "Quá hạn" in section[0]


def test_the_leader_cannot_open_it_by_a_crafted_post(province):
    with time_machine.travel(LATE, tick=False):
        client = client_for(province["khcn_leader"])
        client.post(
            reverse("cascade:plan_save", args=[province["child"].pk]),
            {"what": "start_report", "year": "2026"},
        )
    from lotrinh.reporting.models import AgencyReport

    assert not AgencyReport.objects.filter(
        unit=province["khcn_leader"].unit, period__year=2026
    ).exists()
