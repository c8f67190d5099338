"""A period named inside a sentence is written as a sentence names it ("kỳ năm 2024",
"(the year 2024)", "báo cáo 50/NQ-CP kỳ năm 2024"), never in a heading's form with its
capital ("Năm 2024", "Year 2024") mid-sentence: notices, reminder e-mails, the public feed
and the schedule's messages. Headings keep the title."""

from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from lotrinh.reporting import services
from lotrinh.reporting.models import Notification
from tests.core.pending_english import add_pending_english
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db


def test_a_submitted_reports_notice_names_its_period_in_a_sentences_form(
    report_a: Any, officer_a: Any, approver_a: Any, most_monitor: Any
) -> None:
    fill(report_a, officer_a)
    services.submit_report(services.approve_report(report_a, approver_a), approver_a)
    notices = list(Notification.objects.filter(message__contains="2024"))
    assert notices
    for notice in notices:
        assert "Năm 2024" not in notice.message, notice.message
        assert "Year 2024" not in notice.message_en, notice.message_en
    assert any("the year 2024" in n.message_en for n in notices), [n.message_en for n in notices]


@time_machine.travel("2024-11-16 03:00:00+00:00", tick=False)
def test_a_reminder_e_mail_names_the_report_and_its_period_in_a_sentences_form(
    officer_a: Any, approver_a: Any, monkeypatch: Any
) -> None:
    add_pending_english(monkeypatch, "tidy36")
    call_command("remind", stdout=StringIO())
    [sent, *_] = [m for m in mail.outbox if officer_a.email in m.to]
    text = sent.subject + "\n" + sent.body
    assert "Năm 2024" not in text and "Year 2024" not in text, text
    assert "báo cáo 50/NQ-CP kỳ năm 2024" in text, text
    notice = Notification.objects.filter(user=officer_a).latest("id")
    assert "the report 50/NQ-CP for the year 2024" in notice.message_en, notice.message_en
