"""The plan's page tells the agency's monitor which unit sent its report late, and by how
many days, as MOST's compliance page counts an agency's report sent late. Before (walk of
2026-12-06) a unit's report sent 21 days after 15 November read "Đã tiếp nhận" like one
sent on time: once sent, the lateness was gone."""

import datetime

import time_machine
from django.urls import reverse

from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for

DUE = datetime.date(YEAR, 11, 15)


def _at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9), tick=False)


def test_a_unit_report_sent_after_its_deadline_says_how_late(province) -> None:
    p = province
    with _at(DUE - datetime.timedelta(days=3)):
        khcn = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
        _fill(khcn, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Đã ban hành")
        services.accept_report(_send(khcn, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    with _at(DUE + datetime.timedelta(days=21)):
        police = rollup.start_unit_report(p["police_reporter"], p["child"], YEAR)
        _fill(police, p["police_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
        leader = p["khcn_leader"].__class__.objects.create_user(
            "police_leader",
            password="x",
            agency=p["child"].issuer,
            role="approver",
            unit=police.unit,
        )
        services.accept_report(_send(police, p["police_reporter"], leader), p["monitor"])
        rows = {r.unit.code: r for r in rollup.unit_compliance(p["child"], YEAR)}
        assert (rows["so-khcn"].days_late, rows["cong-an"].days_late) == (0, 21)
        page = client_for(p["monitor"]).get(
            reverse("cascade:plan", args=[p["child"].pk]) + f"?year={YEAR}"
        )
    body = page.content.decode()
    assert body.count("nộp muộn 21 ngày") == 1
    assert "nộp muộn 0 ngày" not in body
