import datetime

import pytest

from lotrinh.core.models import AuditEvent
from lotrinh.reporting import services
from lotrinh.reporting.models import ReportStatus
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db


def test_report_covers_led_inherited_generic_and_coordinated_tasks(report_a, period_2024):
    refs = {e.task.ref: e.via for e in report_a.entries.select_related("task")}
    assert refs["II.6.c"] == "direct"  # Bộ Y tế leads
    assert refs["II.1.a"] == "generic"  # addressed to all ministries, agencies and provinces
    assert "II.4.a.1" not in refs
    assert {c.task.ref for c in report_a.contributions.select_related("task")} == set()
    most = services.ensure_report(
        __import__("lotrinh.agencies.models", fromlist=["Agency"]).Agency.objects.get(
            code="bo-khoa-hoc-va-cong-nghe"
        ),
        period_2024,
    )
    most_refs = {e.task.ref for e in most.entries.select_related("task")}
    assert "II.4.a.1" in most_refs and "II.6.b" in most_refs
    assert "II.2.b.2" in {c.task.ref for c in most.contributions.select_related("task")}


def test_successor_accounts_for_inherited_tasks_after_the_merger(regime):
    from lotrinh.agencies.models import Agency

    period_2025 = next(p for p in services.generate_periods(regime, 2025) if p.year == 2025)
    most = Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe")
    entries = {
        e.task.ref: e.via
        for e in services.ensure_report(most, period_2025).entries.select_related("task")
    }
    assert entries["II.2.c.1"] == "inherited"  # led by Bộ Thông tin và Truyền thông in 2020


def test_the_whole_cycle_with_frozen_copies(report_a, officer_a, approver_a, most_monitor):
    fill(report_a, officer_a)
    report = services.approve_report(report_a, approver_a)
    assert report.status == ReportStatus.APPROVED
    report = services.submit_report(report, approver_a)
    assert report.status == ReportStatus.SUBMITTED and report.snapshots.count() == 1
    entry = report.entries.first()
    with pytest.raises(services.WorkflowError):
        services.save_entry(
            entry, officer_a, {"status": "not_started"}, expected_version=entry.version
        )
    report = services.return_report(report, most_monitor, "Bổ sung minh chứng")
    assert report.status == ReportStatus.RETURNED
    entry.refresh_from_db()
    services.save_entry(
        entry,
        officer_a,
        {
            "status": "done_on_time",
            "evidence_number": "5/QĐ-BYT",
            "evidence_date": datetime.date(2024, 3, 1),
        },
        expected_version=entry.version,
    )
    report = services.approve_report(report, approver_a)
    report = services.resubmit_report(report, approver_a)
    report = services.accept_report(report, most_monitor)
    assert report.status == ReportStatus.ACCEPTED
    events = list(
        AuditEvent.objects.filter(
            object_id=str(report.pk), action__startswith="report."
        ).values_list("action", flat=True)
    )
    for name in (
        "report.approved",
        "report.submitted",
        "report.returned",
        "report.resubmitted",
        "report.accepted",
    ):
        assert name in events
    accepted_copy = report.snapshots.last()
    report = services.revise_accepted_report(report, officer_a, "Sửa số liệu")
    assert report.revision == 2 and report.status == ReportStatus.DRAFT
    assert accepted_copy.data["entries"][0]["status"] in ("done_on_time", "in_progress")
    assert report.snapshots.filter(status=ReportStatus.ACCEPTED).count() == 1


def test_rules_of_the_steps(report_a, officer_a, approver_a, most_monitor, officer_b):
    with pytest.raises(services.WorkflowError):
        services.approve_report(report_a, officer_a)  # a reporter is not the signing leader
    with pytest.raises(services.WorkflowError):
        services.submit_report(report_a, approver_a)  # not approved yet
    with pytest.raises(services.WorkflowError):
        services.approve_report(report_a, most_monitor)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    with pytest.raises(services.WorkflowError):
        services.return_report(report_a, most_monitor, "  ")  # a return needs a comment
    with pytest.raises(services.WorkflowError):
        services.accept_report(report_a, officer_b)
    with pytest.raises(services.WorkflowError):
        services.revise_accepted_report(report_a, officer_a, "x")  # not accepted


def test_most_cannot_edit_an_agency_report(report_a, most_monitor):
    entry = report_a.entries.first()
    with pytest.raises(services.WorkflowError):
        services.save_entry(
            entry, most_monitor, {"status": "overdue"}, expected_version=entry.version
        )


def test_a_second_save_on_a_stale_version_is_refused_and_shows_the_current_values(
    report_a, officer_a, db
):
    from tests.conftest import make_user

    colleague = make_user("officer_a2", officer_a.agency.code, "reporter")
    entry = report_a.entries.first()
    stale = entry.version
    services.save_entry(
        entry,
        officer_a,
        {"status": "in_progress", "result": "Bản của người thứ nhất"},
        expected_version=stale,
    )
    with pytest.raises(services.ConflictError) as excinfo:
        services.save_entry(
            entry,
            colleague,
            {"status": "overdue", "result": "Bản của người thứ hai"},
            expected_version=stale,
        )
    assert excinfo.value.changes["result"][0] == "Bản của người thứ nhất"
    entry.refresh_from_db()
    assert entry.result == "Bản của người thứ nhất"


def test_done_needs_evidence_and_dates_cannot_be_in_the_future(report_a, officer_a):
    entry = report_a.entries.first()
    with pytest.raises(services.WorkflowError, match="minh chứng"):
        services.save_entry(
            entry, officer_a, {"status": "done_on_time"}, expected_version=entry.version
        )
    with pytest.raises(services.WorkflowError, match="tương lai"):
        services.save_entry(
            entry,
            officer_a,
            {"status": "in_progress", "evidence_date": datetime.date(2999, 1, 1)},
            expected_version=entry.version,
        )


def test_lead_sees_contributions_of_coordinating_agencies(period_2024, db):
    from lotrinh.agencies.models import Agency
    from tests.conftest import make_user

    mpi = Agency.objects.get(code="bo-ke-hoach-va-dau-tu")
    most = Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe")
    most_officer = make_user("most_reporter", most.code, "reporter")
    lead_report = services.ensure_report(mpi, period_2024)
    coordinating = services.ensure_report(most, period_2024)
    contribution = coordinating.contributions.get(task__ref="II.2.b.2")
    services.save_contribution(
        contribution, most_officer, "Đã góp ý dự thảo Luật Đầu tư sửa đổi.", contribution.version
    )
    view = services.report_view(lead_report)
    task_id = contribution.task_id
    assert [c.contribution for c in view.contributions_received[task_id]] == [
        "Đã góp ý dự thảo Luật Đầu tư sửa đổi."
    ]


def test_frozen_copy_as_of_a_cut_off(report_a, officer_a, approver_a, most_monitor):
    from django.utils import timezone

    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    cut_off = timezone.now()
    services.accept_report(report_a, most_monitor)
    assert services.frozen_view(report_a, cut_off).status == ReportStatus.SUBMITTED
    assert services.frozen_view(report_a, timezone.now()).status == ReportStatus.ACCEPTED


def test_rule_messages_follow_the_interface_language(report_a, officer_a, approver_a, most_monitor):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    from tests.conftest import client_for

    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    report_a.refresh_from_db()
    response = client.post(
        reverse("reporting:action", args=[report_a.pk, "return"]),
        {"comment": " ", "confirm": report_a.version},
    )
    # Said beside the box the comment goes in (the page again, 400).
    assert response.status_code == 400 and not list(get_messages(response.wsgi_request))
    assert "A comment is required to return a report." in response.content.decode()
