"""A Party committee's report is accepted through the API by the body that receives it
(the Commission's successor), as on the pages, and MOST's monitor is refused with 403
before the service is reached. Before, the API allowed a step only to those who review
reports at all (MOST's capability): the Commission's monitor got 403 and MOST's monitor
passed the check and got a 409 from the service."""

import pytest

from lotrinh.accounts.models import User
from lotrinh.reporting.models import ReportStatus
from tests.conftest import client_for, make_user
from tests.party.conftest import MOST
from tests.party.test_party_reports import _period, _send

pytestmark = pytest.mark.django_db


def _accept(user: User, report):
    return client_for(user).post(
        f"/api/v1/reports/{report.pk}/steps/accept/",
        {},
        content_type="application/json",
        HTTP_IF_MATCH=f'"v{report.version}"',
    )


def test_the_receiving_body_accepts_a_party_committees_report_through_the_api(
    seeded_db: None,
) -> None:
    from lotrinh.accounts.models import Role
    from tests.party.conftest import SUCCESSOR

    report = _send(_period(), "Thành ủy Hà Nội", "Đã ban hành nghị quyết chuyên đề")
    monitor = make_user("bcscl_theodoi", SUCCESSOR, Role.AGENCY_MONITOR)
    answer = _accept(monitor, report)
    assert answer.status_code == 200, answer.content
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_most_does_not_accept_a_party_committees_report_through_the_api(
    seeded_db: None,
) -> None:
    from lotrinh.accounts.models import Role

    report = _send(_period(), "Thành ủy Hà Nội", "Đã ban hành nghị quyết chuyên đề")
    most = make_user("most_theodoi", MOST, Role.MOST_MONITOR)
    answer = _accept(most, report)
    assert answer.status_code in (403, 404), answer.content
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
