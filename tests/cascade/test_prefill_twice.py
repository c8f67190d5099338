"""The pre-fill clicked twice (a double click, a second tab) fills once and is recorded
once: the second finds nothing to write and leaves no event in the report's history."""

from lotrinh.core.audit import events_for
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send


def test_a_second_prefill_that_writes_nothing_records_nothing(province) -> None:
    p = province
    khcn = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(khcn, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Sở KH&CN đã ban hành")
    services.accept_report(_send(khcn, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    assert rollup.prefill_report(p["national"], p["reporter"]).filled == 2
    again = rollup.prefill_report(p["national"], p["reporter"])
    assert (again.filled, again.written) == (0, 0)
    assert events_for(p["national"]).filter(action="report.prefilled").count() == 1
