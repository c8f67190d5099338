""" "Báo cáo" lists a draft the leader is asked to approve as waiting for her, not as
"Đang soạn"; once she sends it back it is a draft again; the label costs one query for the
whole list, whatever the number of reports."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.reporting import guidance, services
from lotrinh.reporting.models import AgencyReport
from tests.conftest import AGENCY_A, client_for
from tests.portal.conftest import cycle  # noqa: F401

WAITING = "Chờ lãnh đạo duyệt"


def _row(cycle, year: int, language: str = "vi") -> str:  # noqa: F811
    client = client_for(cycle.reporters[AGENCY_A])
    client.cookies["django_language"] = language
    page = client.get(reverse("reporting:my_reports")).content.decode()
    own = page.split("<tbody>")[1].split("</tbody>")[0]
    return next(r for r in own.split("<tr>") if str(year) in r)


def test_a_draft_waiting_for_approval_says_so_until_the_leader_acts(cycle) -> None:  # noqa: F811
    report = cycle.report(AGENCY_A, 2023, "a")
    assert "Đang soạn" in _row(cycle, 2023)
    services.request_approval(report, cycle.reporters[AGENCY_A])
    row = _row(cycle, 2023)
    assert WAITING in row and "Đang soạn" not in row
    assert "Waiting for the leader" in _row(cycle, 2023, "en")
    services.return_to_drafter(report, cycle.approvers[AGENCY_A], "Bổ sung số liệu")
    row = _row(cycle, 2023)
    assert "Đang soạn" in row and WAITING not in row


def test_an_approved_report_is_not_waiting(cycle) -> None:  # noqa: F811
    report = cycle.report(AGENCY_A, 2023, "a")
    services.request_approval(report, cycle.reporters[AGENCY_A])
    cycle.to_state(report, "approved")
    row = _row(cycle, 2023)
    assert WAITING not in row


def test_marking_a_list_is_one_query_for_any_number_of_reports(cycle) -> None:  # noqa: F811
    reports = [cycle.report(AGENCY_A, year, "a") for year in (2021, 2022, 2023)]
    services.request_approval(reports[1], cycle.reporters[AGENCY_A])
    fresh = list(AgencyReport.objects.filter(pk__in=[r.pk for r in reports]).order_by("pk"))
    with CaptureQueriesContext(connection) as captured:
        guidance.mark_approval_requested(fresh)
    assert len(captured.captured_queries) <= 2  # the events (and the content type, once)
    assert [r.approval_requested for r in fresh] == [False, True, False]
