import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from lotrinh.reporting import reminders, services
from lotrinh.reporting.models import JobRun, Notification, ReminderSent
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(officer_a, approver_a, officer_b):
    return officer_a, approver_a, officer_b


def test_the_job_sends_exactly_the_reminders_due_that_day_and_records_them(people, regime):
    officer_a, approver_a, officer_b = people
    day = datetime.date(2024, 11, 23)  # 7 days before the 2024 deadline (30 November)
    with time_machine.travel(datetime.datetime(2024, 11, 23, 8, 0), tick=False):
        sent = reminders.run_reminders(day)
    expected = services.expected_reporters(
        regime, next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    ).count()
    assert len(sent) == expected
    assert {r.kind for r in sent} == {"before"}
    assert ReminderSent.objects.filter(sent_on=day, kind="before").count() == expected
    assert {m.to[0] for m in mail.outbox} == {
        officer_a.email,
        officer_b.email,
    }  # reporters only, not approvers
    assert Notification.objects.filter(user=officer_a).count() == 1
    assert reminders.run_reminders(day) == []  # once a day


def test_no_reminder_on_other_days_and_none_after_submission(people, regime, report_a):
    officer_a, approver_a, _ = people
    assert reminders.run_reminders(datetime.date(2024, 11, 20)) == []
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    sent = reminders.run_reminders(datetime.date(2024, 11, 30))
    assert all(r.agency != officer_a.agency for r in sent)
    assert {r.kind for r in sent} == {"due_today"}


def test_overdue_reminders_copy_the_approver_every_seven_days(people):
    officer_a, approver_a, _ = people
    sent = reminders.run_reminders(datetime.date(2024, 12, 7))
    mine = [r for r in sent if r.agency == officer_a.agency]
    assert mine and mine[0].kind == "overdue" and approver_a in mine[0].recipients
    assert reminders.run_reminders(datetime.date(2024, 12, 10)) == []
    assert ReminderSent.objects.get(
        agency=officer_a.agency, sent_on=datetime.date(2024, 12, 7)
    ).escalated


def test_remind_command_dry_run_sends_nothing(people):
    out = StringIO()
    call_command("remind", "--date", "2024-11-16", "--dry-run", stdout=out)
    assert "Sẽ gửi: Bộ Y tế — báo cáo 50/NQ-CP kỳ năm 2024, còn 14 ngày" in out.getvalue()
    assert not ReminderSent.objects.exists() and not mail.outbox


def test_remind_command_refuses_a_bad_date():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", "--date", "2024-13-01")


def test_the_worker_task_records_its_run(people):
    # The test settings use the immediate backend: the task runs as the worker would.
    # On that day (a job run on a later day speaks as of that day: test_reminder_catch_up).
    with time_machine.travel(datetime.datetime(2024, 11, 29, 8, 0), tick=False):
        result = reminders.send_due_reminders.enqueue("2024-11-29")
    assert result.return_value > 0
    assert JobRun.objects.filter(
        name="send_due_reminders", run_for=datetime.date(2024, 11, 29)
    ).exists()


def test_most_sends_a_manual_reminder_from_the_compliance_page(
    most_monitor, officer_a, period_2024
):
    from django.urls import reverse

    from tests.conftest import client_for

    url = reverse("reporting:remind", args=[officer_a.agency.pk, period_2024.pk])
    # 10 December 2024: the 2024 report (due 30 November) is overdue, the cycle's period.
    with time_machine.travel(datetime.datetime(2024, 12, 10, 9, 0), tick=False):
        response = client_for(most_monitor).post(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and "Đã nhắc" in response.content.decode()
        record = ReminderSent.objects.get(kind="manual")
        assert record.sent_by == most_monitor and officer_a.email in record.recipients
        assert client_for(officer_a).post(url).status_code == 403
        again = client_for(most_monitor).post(url, HTTP_HX_REQUEST="true")
        assert "không gửi lại" in again.content.decode()
    assert ReminderSent.objects.filter(kind="manual").count() == 1
