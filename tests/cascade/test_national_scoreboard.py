"""MOST's dashboard counts the national programmes' tasks: an agency's own plan (a child
programme) and its units' reports to their agency are not national work."""

import datetime

from lotrinh.dashboard.queries import most_overview
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send


def test_most_dashboard_counts_national_tasks_not_an_agencys_plan(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Đã ban hành")
    services.accept_report(_send(report, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    overview = most_overview(p["most"], datetime.date(YEAR, 12, 20))
    codes = {row.group.programme.code for row in overview.groups}
    assert "50/NQ-CP" in codes
    assert p["child"].code not in codes
    # The unit's two accepted entries (tasks 1 and 3 of the plan) are not counted.
    done = dict((key, number) for key, _label, number in overview.task_status)
    assert done[TaskStatus.DONE_ON_TIME] == 0
