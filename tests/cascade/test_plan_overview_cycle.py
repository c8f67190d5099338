"""A plan's overview counts its units' reports of the year against the units that must
send one (those leading a task of the plan), as the plan's page lists them. Before
(walk of 2026-12-06) the plan's regime, which has no generic reporters, expected none:
Hà Nội's 308/KH-UBND read "1/0 báo cáo năm 2026 đã được tiếp nhận … 0%"."""

from django.urls import reverse

from lotrinh.programmes.progress import programme_progress
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR
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
