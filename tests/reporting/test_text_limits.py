"""What people write about a report is refused when too long, never cut (texts.py): a
comment, a return's reason, an amendment's reason and decision, a publication's note and a
withdrawal's reason. The page says how long it is and what the limit is, nothing changes,
and the pages' boxes carry the same limit."""

import datetime
import re

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Programme
from lotrinh.reporting import amendments, services, texts
from lotrinh.reporting.models import AmendmentProposal, Comment, ReportStatus
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

LIMIT = texts.COMMENT_MAX_CHARS


def test_a_comment_at_the_limit_is_kept_whole_and_one_beyond_is_refused(report_a, officer_a):
    whole = "Ý" * LIMIT
    services.add_report_comment(report_a, officer_a, whole)
    assert Comment.objects.get(report=report_a).text == whole
    with pytest.raises(services.WorkflowError) as refused:
        services.add_report_comment(report_a, officer_a, "Ý" * (LIMIT + 1))
    assert "5.001" in str(refused.value) and "5.000" in str(refused.value)
    assert Comment.objects.filter(report=report_a).count() == 1


def test_the_report_page_refuses_a_forged_long_comment_with_its_length(report_a, officer_a):
    client = client_for(officer_a)
    page = client.get(reverse("reporting:report", args=[report_a.pk])).content.decode()
    box = re.search(r'<textarea id="report-comment"[^>]*>', page)
    assert box and f'maxlength="{LIMIT}"' in box.group(0)
    response = client.post(reverse("reporting:comment", args=[report_a.pk]), {"text": "a" * 6000})
    assert response.status_code == 400  # the page again, the comment in its box
    assert "6.000 ký tự" in response.content.decode()
    assert not Comment.objects.filter(report=report_a).exists()


def test_a_return_with_a_reason_too_long_changes_nothing(
    report_a, officer_a, approver_a, most_monitor
):
    fill(report_a, officer_a)
    report = services.submit_report(services.approve_report(report_a, approver_a), approver_a)
    with pytest.raises(services.WorkflowError) as refused:
        services.return_report(report, most_monitor, "x" * (LIMIT + 1))
    assert "5.000" in str(refused.value)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.return_comment == ""
    returned = services.return_report(report, most_monitor, "  Bổ sung minh chứng  ")
    assert returned.return_comment == "Bổ sung minh chứng"


def test_an_amendment_decision_longer_than_its_field_is_refused_not_a_server_error(
    officer_a, most_monitor
):
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    proposal = amendments.propose_amendment(
        officer_a,
        programme,
        kind="deadline",
        task_ref="II.6.c",
        reason="Cần thêm thời gian",
        deadline=datetime.date(2027, 12, 31),
    )
    amendments.consolidate(most_monitor, proposal)
    response = client_for(most_monitor).post(
        reverse("reporting:amendment_decide", args=[proposal.pk]),
        {"step": "accept", "decision": "Nghị quyết " * 40},
    )
    # Refused with its message, and what was typed given back to copy (not dropped by a
    # redirect: docs/security.md, "Nothing typed is lost").
    html = response.content.decode()
    assert response.status_code == 400 and "tối đa 255 ký tự" in html
    assert ("Nghị quyết " * 40) in html and 'id="typed-1"' in html
    proposal.refresh_from_db()
    assert proposal.decision == "" and proposal.resulting_version is None
    with pytest.raises(services.WorkflowError):
        amendments.propose_amendment(
            officer_a,
            programme,
            kind="deadline",
            task_ref="II.6.c",
            reason="r" * (LIMIT + 1),
            deadline=datetime.date(2027, 12, 31),
        )
    assert AmendmentProposal.objects.count() == 1
