"""An agency's own compliance, seen from MOST's compliance page, and the reminders its
units get before the agency's own deadline (the plan's regime: 15 November)."""

import datetime

import time_machine
from django.core import mail
from django.urls import reverse

from lotrinh.reporting import reminders, rollup, services
from lotrinh.reporting.models import Notification, ReminderSent, TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send

DUE = datetime.date(YEAR, 11, 15)


def _unit_reminders(day: datetime.date) -> list[reminders.PlannedReminder]:
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 8), tick=False):
        return [r for r in reminders.run_reminders(day) if r.unit is not None]


def test_units_are_reminded_before_the_agencys_own_deadline_once_a_day(province) -> None:
    p = province
    sent = _unit_reminders(DUE - datetime.timedelta(days=7))
    assert sorted((r.unit.name_vi, r.kind, r.days) for r in sent) == [
        ("Công an Thành phố", "before", 7),
        ("Sở Khoa học và Công nghệ", "before", 7),
    ]
    khcn = next(r for r in sent if r.unit.code == "so-khcn")
    assert khcn.recipients == [p["khcn_reporter"]]  # reporters only before the deadline
    record = ReminderSent.objects.get(unit=khcn.unit, kind="before")
    assert record.agency == p["child"].issuer and record.period.regime.code == "unit-annual-report"
    note = Notification.objects.get(user=p["khcn_reporter"])  # not the province's reminders
    assert "Sở Khoa học và Công nghệ" in note.message and "về Thành phố Hà Nội" in note.message
    assert note.link == reverse("cascade:plan", args=[p["child"].pk])  # no report opened yet
    assert any(m.to == [p["khcn_reporter"].email] for m in mail.outbox)
    # The province's own staff are not reminded of its units' reports.
    assert not Notification.objects.filter(
        user__in=[p["reporter"], p["monitor"]], message__contains="Sở Khoa học"
    ).exists()
    assert _unit_reminders(DUE - datetime.timedelta(days=7)) == []  # once a day


def test_a_unit_that_sent_its_report_is_not_reminded_and_late_ones_reach_their_leader(
    province,
) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    _send(report, p["khcn_reporter"], p["khcn_leader"])
    on_the_day = _unit_reminders(DUE)
    assert [(r.unit.code, r.kind) for r in on_the_day] == [("cong-an", "due_today")]
    overdue = _unit_reminders(DUE + datetime.timedelta(days=7))
    assert [(r.unit.code, r.kind, r.escalated) for r in overdue] == [("cong-an", "overdue", True)]
    assert _unit_reminders(DUE + datetime.timedelta(days=8)) == []


def _compliance(client, user, day: datetime.date) -> str:
    client.force_login(user)
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9), tick=False):
        response = client.get(reverse("reporting:compliance") + f"?year={YEAR}")
    assert response.status_code == 200
    return response.content.decode()


def test_mosts_compliance_page_opens_each_agencys_own_compliance_read_only(
    province, client
) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Xong")
    services.accept_report(_send(report, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    after_deadline = DUE + datetime.timedelta(days=3)
    html = _compliance(client, p["most"], after_deadline)
    link = reverse("cascade:plan", args=[p["child"].pk]) + f"?year={YEAR}#don-vi"
    assert f'href="{link}"' in html
    assert "2 đơn vị, 1 chậm báo cáo" in html
    assert html.count('class="units-link"') == 1  # only Hà Nội has a published plan
    before_deadline = _compliance(client, p["most"], DUE - datetime.timedelta(days=1))
    assert "2 đơn vị, 0 chậm báo cáo" in before_deadline
    # The link opens the province's picture of its units, read-only for MOST.
    with time_machine.travel(datetime.datetime(YEAR, 11, 18, 9), tick=False):
        page = client.get(link.split("#")[0]).content.decode()
    assert 'id="don-vi"' in page and "Công an Thành phố" in page
    # The house word for a report not sent by its deadline, as on every other page.
    units = page.split('id="don-vi"', 1)[1]
    assert '<span class="badge badge-bad">Quá hạn</span>' in units and "Trễ hạn" not in page
    assert 'name="what" value="assign"' not in page  # nothing to edit
    client.force_login(p["other_monitor"])  # another province's monitor: not its units
    with time_machine.travel(datetime.datetime(YEAR, 11, 18, 9), tick=False):
        response = client.get(link.split("#")[0])
    assert response.status_code == 404 or 'id="don-vi"' not in response.content.decode()


def test_the_agencies_units_picture_costs_the_same_queries_for_one_plan_or_several(
    province, django_assert_max_num_queries
) -> None:
    from lotrinh.programmes.services import current_programme

    national = current_programme("50/NQ-CP")
    with django_assert_max_num_queries(4):
        pictures = rollup.units_late_by_agency(national, YEAR, DUE + datetime.timedelta(days=1))
    assert [(a.units, a.late) for a in pictures.values()] == [(2, 0)]  # no period stored yet
