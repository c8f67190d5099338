"""A workflow step through the API is allowed by the rule the pages use
(`permissions.can(user, capability, report)`): a unit's report is accepted or returned by
its agency's monitoring staff, not by MOST. Before, the API asked whether the caller
reviewed reports at all (MOST's capability): the province's monitor got 403 on her own
units' reports, and MOST passed the check and was refused later by the service (409)."""

import pytest

from lotrinh.reporting import rollup
from lotrinh.reporting.models import AgencyReport, ReportStatus, TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _sent_unit_report(p) -> AgencyReport:
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    return _send(report, p["khcn_reporter"], p["khcn_leader"])


def _step(user, report: AgencyReport, step: str, **body):
    return client_for(user).post(
        f"/api/v1/reports/{report.pk}/steps/{step}/",
        body,
        content_type="application/json",
        HTTP_IF_MATCH=f'"v{report.version}"',
    )


def test_the_agencys_monitor_accepts_a_units_report_through_the_api(province) -> None:
    p = province
    report = _sent_unit_report(p)
    answer = _step(p["monitor"], report, "accept")
    assert answer.status_code == 200, answer.content
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_the_agencys_monitor_returns_a_units_report_through_the_api(province) -> None:
    p = province
    report = _sent_unit_report(p)
    answer = _step(p["monitor"], report, "return", comment="Bổ sung minh chứng")
    assert answer.status_code == 200, answer.content
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED


@pytest.mark.parametrize("who", ["most", "other_monitor", "reporter"])
def test_nobody_else_takes_a_step_on_a_units_report_and_is_told_403(province, who) -> None:
    p = province
    report = _sent_unit_report(p)
    answer = _step(p[who], report, "accept")
    assert answer.status_code in (403, 404), answer.content
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
