"""What an oversight reader, MOST or an agency writes as a comment: a double click (the
same words sent twice in a row) makes one comment and one notice; a NUL, which
PostgreSQL cannot store, is refused with a message and nothing is saved, in a comment
and in a return's reason."""

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Task
from lotrinh.reporting import services
from lotrinh.reporting.models import Comment, Notification
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_report(report_a, approver_a):
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    report_a.refresh_from_db()
    return report_a


def test_a_double_click_on_a_report_comment_makes_one_comment_and_one_notice(
    sent_report, officer_a, oversight_reader
):
    client = client_for(oversight_reader)
    url = reverse("reporting:comment", args=[sent_report.pk])
    client.post(url, {"text": "Đề nghị làm rõ số liệu"})
    page = client.post(url, {"text": "Đề nghị làm rõ số liệu"}, follow=True).content.decode()
    assert Comment.objects.filter(report=sent_report).count() == 1
    assert Notification.objects.filter(user=officer_a, message__contains="làm rõ").count() == 1
    assert "Ý kiến này đã được gửi" in page and "msg-error" not in page


def test_the_same_words_after_someone_else_has_spoken_are_a_new_comment(
    sent_report, officer_a, most_monitor
):
    services.add_report_comment(sent_report, most_monitor, "Đề nghị bổ sung")
    services.add_report_comment(sent_report, officer_a, "Đã bổ sung")
    services.add_report_comment(sent_report, most_monitor, "Đề nghị bổ sung")
    assert Comment.objects.filter(report=sent_report).count() == 3


def test_a_double_click_on_a_task_comment_makes_one_comment(oversight_reader):
    task = Task.objects.filter(programme__status="published").first()
    client = client_for(oversight_reader)
    url = reverse("reporting:task_comment", args=[task.pk])
    client.post(url, {"text": "Cần đẩy nhanh tiến độ"})
    client.post(url, {"text": "Cần đẩy nhanh tiến độ"})
    assert Comment.objects.filter(task=task).count() == 1


def test_a_nul_in_a_comment_is_refused_and_nothing_is_saved(sent_report, oversight_reader):
    client = client_for(oversight_reader)
    page = client.post(
        reverse("reporting:comment", args=[sent_report.pk]),
        {"text": "Ý kiến\x00"},
        follow=True,
    ).content.decode()
    assert not Comment.objects.exists()
    assert "Văn bản không được chứa ký tự NUL." in page
    task = Task.objects.filter(programme__status="published").first()
    client.post(reverse("reporting:task_comment", args=[task.pk]), {"text": "x\x00"})
    assert not Comment.objects.exists()


def test_a_nul_in_a_returns_reason_is_refused(sent_report, most_monitor):
    with pytest.raises(services.WorkflowError, match="NUL"):
        services.return_report(sent_report, most_monitor, "Trả lại\x00")
    sent_report.refresh_from_db()
    assert sent_report.status == "submitted"
