"""A plan's overview counts its units' reports of the year against the units that must
send one (those leading a task of the plan), as the plan's page lists them. Before
(walk of 2026-12-06) the plan's regime, which has no generic reporters, expected none:
Hà Nội's 308/KH-UBND read "1/0 báo cáo năm 2026 đã được tiếp nhận … 0%"."""

import datetime

import time_machine
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.programmes.progress import programme_progress
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR, person
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for


def test_the_cycle_counts_the_units_that_must_report(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Đã ban hành")
    services.accept_report(_send(report, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    period = report.period
    cycle = programme_progress(p["child"], p["monitor"], period.due_date).cycle
    assert cycle is not None
    # Two units lead the plan's tasks (Sở KH&CN and Công an); one report accepted.
    assert (cycle.year, cycle.accepted, cycle.expected) == (YEAR, 1, 2)
    assert cycle.percent == 50.0
    assert len(rollup.unit_compliance(p["child"], YEAR, period.due_date)) == cycle.expected


def test_the_overview_page_says_one_of_two(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Đã ban hành")
    services.accept_report(_send(report, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    page = client_for(p["monitor"]).get(reverse("programmes:overview", args=[p["child"].slug]))
    body = page.content.decode()
    assert '<p class="stat">1/2</p>' in body


def test_a_cycle_past_its_deadline_with_reports_missing_says_it_is_late(province) -> None:
    # Walk of 2026-12-06: "0/13 báo cáo năm 2026 đã được tiếp nhận (hạn nộp 15/11/2026)"
    # three weeks after the deadline, with nothing saying the units were late.
    p = province
    police_leader = person(
        "ca_lanhdao", p["child"].issuer, Role.APPROVER, p["police_reporter"].unit
    )
    khcn = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    due = khcn.period.due_date
    later = due + datetime.timedelta(days=21)
    on_the_day = programme_progress(p["child"], p["monitor"], due).cycle
    late = programme_progress(p["child"], p["monitor"], later).cycle
    assert on_the_day is not None and on_the_day.days_late == 0
    assert late is not None and late.days_late == 21
    # All in: no longer late, however long after.
    police = rollup.start_unit_report(p["police_reporter"], p["child"], YEAR)
    for report, reporter, leader in (
        (khcn, p["khcn_reporter"], p["khcn_leader"]),
        (police, p["police_reporter"], police_leader),
    ):
        _fill(report, reporter, TaskStatus.IN_PROGRESS, "Đang làm")
        services.accept_report(_send(report, reporter, leader), p["monitor"])
    done = programme_progress(p["child"], p["monitor"], later).cycle
    assert done is not None and (done.accepted, done.expected, done.days_late) == (2, 2, 0)


def test_the_overview_page_marks_the_late_cycle(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    url = reverse("programmes:overview", args=[p["child"].slug])
    with time_machine.travel(report.period.due_date + datetime.timedelta(days=3, hours=12)):
        body = client_for(p["monitor"]).get(url).content.decode()
    card = body.split('id="progress-cycle"', 1)[1].split("</div>", 1)[0]
    assert 'id="cycle-late"' in card and "Đã quá hạn nộp 3 ngày" in card
