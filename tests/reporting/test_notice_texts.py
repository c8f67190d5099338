"""What people wrote reaches the agency whole, or visibly shortened: a reason with line
breaks is e-mailed (an e-mail's subject holds one line), a long comment's notice ends with
"…" where it is shortened, and the history keeps the whole comment."""

from typing import Any

import pytest
from django.core import mail

from lotrinh.core.history import describe
from lotrinh.core.models import AuditEvent
from lotrinh.reporting import services
from lotrinh.reporting.models import Notification
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

REASON = "Thiếu minh chứng cho nhiệm vụ II.6.a.\r\nĐề nghị bổ sung số văn bản và ngày ban hành."
LONG = "Đề nghị Bộ Y tế làm rõ kết quả thực hiện nhiệm vụ II.6.a. " * 5 + "HẾT Ý KIẾN."


def test_a_return_reason_of_two_lines_is_e_mailed(
    report_a: Any,
    officer_a: Any,
    approver_a: Any,
    most_monitor: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    fill(report_a, officer_a)
    report = services.submit_report(services.approve_report(report_a, approver_a), approver_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(report, most_monitor, REASON)
    [sent] = [m for m in mail.outbox if officer_a.email in m.to]
    sent.message()  # a header with a line break cannot be sent
    assert "\n" not in sent.subject and "\r" not in sent.subject
    assert sent.subject.startswith("[Lộ trình] Bộ Khoa học và Công nghệ trả lại")
    assert "Đề nghị bổ sung số văn bản và ngày ban hành." in sent.body


def test_a_long_comment_is_shortened_visibly_in_its_notice_and_kept_whole_in_the_history(
    report_a: Any, officer_a: Any, approver_a: Any
) -> None:
    services.add_report_comment(report_a, approver_a, LONG)
    notice = Notification.objects.get(user=officer_a)
    assert notice.message.endswith("…") and "HẾT Ý KIẾN" not in notice.message
    assert notice.message_en.endswith("…")
    event = AuditEvent.objects.get(action="report.commented")
    assert event.after["comment"] == LONG
    assert str(describe(event, "vi").html).rstrip("</q>").endswith("…")


def test_a_leaders_long_send_back_reason_is_shortened_visibly_in_its_notice(
    report_a: Any, officer_a: Any, approver_a: Any
) -> None:
    services.return_to_drafter(report_a, approver_a, LONG)
    notice = Notification.objects.get(user=officer_a)
    assert notice.message.endswith("…") and "HẾT Ý KIẾN" not in notice.message
