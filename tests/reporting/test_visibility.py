"""Drafts do not leak: each role × own/other agency × report state, on every report path
owned by reporting (report page, fragments, evidence, task pages, target statuses,
compliance links)."""

import pytest
from django.urls import reverse

from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, ReportSnapshot
from lotrinh.reporting.task_status import public_task_labels
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

STATES = ("draft", "approved", "submitted", "returned", "accepted")
# Who reads Bộ Y tế's report in each state (docs/security.md: the visibility rule).
READS = {
    "officer_a": set(STATES),  # own agency
    "approver_a": set(STATES),  # own agency
    # Another agency: what the public reads, accepted AND published (docs/portal.md); the
    # report here is not published.
    "officer_b": set(),
    "most_monitor": {"submitted", "returned", "accepted"},
    "oversight_reader": {"submitted", "accepted"},
    "admin_user": {"submitted", "returned", "accepted"},
}


def _set_state(report: AgencyReport, state: str) -> None:
    AgencyReport.objects.filter(pk=report.pk).update(status=state)
    report.refresh_from_db()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", sorted(READS))
def test_who_reads_a_report_in_each_state(persona, state, request, report_a):
    user = request.getfixturevalue(persona)
    _set_state(report_a, state)
    response = client_for(user).get(reverse("reporting:report", args=[report_a.pk]))
    assert response.status_code == (200 if state in READS[persona] else 404)
    visible = services.reports_for_user(user).filter(pk=report_a.pk).exists()
    assert visible == (state in READS[persona])


def test_another_agency_reads_an_accepted_report_once_most_publishes_it(
    officer_b, report_a, approver_a, most_monitor
):
    from lotrinh.portal.services import publish_report

    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    report = services.accept_report(report_a, most_monitor)
    url = reverse("reporting:report", args=[report.pk])
    assert client_for(officer_b).get(url).status_code == 404
    publish_report(most_monitor, report)
    assert client_for(officer_b).get(url).status_code == 200


@pytest.mark.parametrize("state", STATES)
def test_anonymous_visitors_never_reach_a_report_page(state, anon, report_a):
    _set_state(report_a, state)
    response = anon.get(reverse("reporting:report", args=[report_a.pk]))
    assert response.status_code == 302 and "next=" in response["Location"]


def _task_url(entry) -> str:
    task = entry.task
    return reverse("programmes:task", args=[task.programme.slug, task.clause.anchor])


def _report_result(report, user, text):
    entry = report.entries.select_related("task", "task__programme", "task__clause").first()
    services.save_entry(
        entry, user, {"status": "in_progress", "result": text}, expected_version=entry.version
    )
    entry.refresh_from_db()
    return entry


@pytest.mark.parametrize("persona", ["anon", "officer_b", "most_monitor", "oversight_reader"])
def test_a_task_page_shows_accepted_and_published_results_only(
    persona, request, report_a, officer_a, approver_a, most_monitor
):
    from lotrinh.portal.services import publish_report

    entry = _report_result(report_a, officer_a, "Kết quả còn là bản nháp")
    viewer = request.getfixturevalue(persona)
    client = viewer if persona == "anon" else client_for(viewer)
    assert "Kết quả còn là bản nháp" not in client.get(_task_url(entry)).content.decode()
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    assert "Kết quả còn là bản nháp" not in client.get(_task_url(entry)).content.decode()
    report = services.accept_report(report_a, most_monitor)
    assert "Kết quả còn là bản nháp" not in client.get(_task_url(entry)).content.decode()
    publish_report(most_monitor, report)
    assert "Kết quả còn là bản nháp" in client.get(_task_url(entry)).content.decode()


def test_a_reopened_report_leaves_the_public_until_published_again(
    anon, report_a, officer_a, approver_a, most_monitor
):
    """Public is accepted AND published (docs/portal.md): a report reopened for a revision
    shows neither its new draft nor its former accepted copy."""
    from lotrinh.portal.services import publish_report

    entry = _report_result(report_a, officer_a, "Bản đã tiếp nhận")
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    publish_report(most_monitor, services.accept_report(report_a, most_monitor))
    assert "Bản đã tiếp nhận" in anon.get(_task_url(entry)).content.decode()
    services.revise_accepted_report(report_a, officer_a, "Bổ sung số liệu")
    entry.refresh_from_db()
    services.save_entry(
        entry,
        officer_a,
        {"status": "done_late", "result": "Bản nháp điều chỉnh", "evidence_number": "1/QĐ"},
        expected_version=entry.version,
    )
    body = anon.get(_task_url(entry)).content.decode()
    assert "Bản đã tiếp nhận" not in body and "Bản nháp điều chỉnh" not in body
    assert public_task_labels([entry.task]) == {}


def test_target_statuses_come_from_accepted_reports_only(report_a, officer_a, approver_a):
    entry = _report_result(report_a, officer_a, "x")
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    assert public_task_labels([entry.task]) == {}
    assert ReportSnapshot.objects.filter(report=report_a, status="submitted").exists()


@pytest.mark.parametrize(
    ("persona", "linked"), [("most_monitor", False), ("oversight_reader", False)]
)
def test_compliance_does_not_link_to_a_draft(persona, linked, request, report_a):
    user = request.getfixturevalue(persona)
    services.generate_periods(report_a.period.regime, 2024)
    AgencyReport.objects.filter(pk=report_a.pk).update(
        status="draft", first_submitted_at="2024-12-01T00:00:00Z"
    )  # a report reopened after a first submission
    body = client_for(user).get("/bao-cao/tinh-hinh/?year=2024").content.decode()
    assert (reverse("reporting:report", args=[report_a.pk]) in body) is linked


def test_compliance_links_to_a_submitted_report(most_monitor, report_a, approver_a):
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    body = client_for(most_monitor).get("/bao-cao/tinh-hinh/?year=2024").content.decode()
    assert reverse("reporting:report", args=[report_a.pk]) in body


def test_a_comment_needs_a_report_one_may_read(most_monitor, report_a):
    response = client_for(most_monitor).post(
        reverse("reporting:comment", args=[report_a.pk]), {"text": "Góp ý bản nháp"}
    )
    assert response.status_code == 404
    assert not report_a.comments.exists()


def test_contributions_to_a_lead_report_follow_the_rule_beyond_the_lead_agency(
    period_2024, oversight_reader
):
    from lotrinh.agencies.models import Agency
    from tests.conftest import make_user

    mpi = Agency.objects.get(code="bo-ke-hoach-va-dau-tu")
    lead_officer = make_user("mpi_reporter", mpi.code, "reporter")
    coordinator = make_user("most_reporter", "bo-khoa-hoc-va-cong-nghe", "reporter")
    lead_report = services.ensure_report(mpi, period_2024)
    coordinating = services.ensure_report(coordinator.agency, period_2024)
    contribution = coordinating.contributions.get(task__ref="II.2.b.2")
    services.save_contribution(contribution, coordinator, "Góp ý còn nháp", contribution.version)
    assert services.report_view(lead_report, lead_officer).contributions_received
    AgencyReport.objects.filter(pk=lead_report.pk).update(status="submitted")
    lead_report.refresh_from_db()
    # Oversight reads the submitted lead report, but not the coordinator's draft inside it.
    assert services.report_view(lead_report, oversight_reader).contributions_received == {}
    body = client_for(oversight_reader).get(reverse("reporting:report", args=[lead_report.pk]))
    assert "Góp ý còn nháp" not in body.content.decode()
