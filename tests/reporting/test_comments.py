"""Comments on reports and on tasks are recorded in the audit trail."""

import pytest
from django.urls import reverse

from lotrinh.core.audit import events_for
from lotrinh.programmes.models import Task
from lotrinh.reporting import services
from lotrinh.reporting.models import Comment, Notification
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_report_comment_is_audited_and_the_agency_is_notified(
    report_a, officer_a, approver_a, most_monitor
):
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    response = client_for(most_monitor).post(
        reverse("reporting:comment", args=[report_a.pk]), {"text": "Đề nghị làm rõ số liệu"}
    )
    assert response.status_code == 302
    event = events_for(report_a).get(action="report.commented")
    assert event.actor == most_monitor and "làm rõ số liệu" in event.after["comment"]
    assert Notification.objects.filter(user=officer_a, message__contains="làm rõ").exists()


def test_an_empty_comment_is_refused_and_nothing_is_recorded(report_a, officer_a):
    client_for(officer_a).post(reverse("reporting:comment", args=[report_a.pk]), {"text": "  "})
    assert not Comment.objects.exists()
    assert not events_for(report_a).filter(action="report.commented").exists()


def test_a_task_comment_is_audited(oversight_reader):
    task = Task.objects.filter(programme__status="published").first()
    client_for(oversight_reader).post(
        reverse("reporting:task_comment", args=[task.pk]), {"text": "Cần đẩy nhanh tiến độ"}
    )
    assert Comment.objects.get(task=task).text == "Cần đẩy nhanh tiến độ"
    assert events_for(task).get(action="task.commented").actor == oversight_reader
