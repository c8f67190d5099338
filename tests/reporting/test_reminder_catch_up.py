"""The daily job catches up a day it missed (the server or its worker down): each reminder
due then is sent once, late, saying the days left on the day it goes; never twice."""

import datetime

import pytest
import time_machine

from lotrinh.reporting import reminders
from lotrinh.reporting.models import JobRun, Notification, ReminderSent
from tests.core.pending_english import add_pending_english

pytestmark = pytest.mark.django_db

JOB = "send_due_reminders"


def ran_on(day: datetime.date) -> None:
    """The job ran on `day` (the server was up)."""
    JobRun.objects.create(name=JOB, run_for=day, summary="")


def run_job(day: datetime.date, queued_for: datetime.date | None = None) -> int:
    """The worker runs the job on `day` (8:00 in Hà Nội), queued for `queued_for`."""
    moment = datetime.datetime(day.year, day.month, day.day, 1, 0, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        return reminders.send_due_reminders.call((queued_for or day).isoformat())


def told(user):
    return list(Notification.objects.filter(user=user).order_by("pk"))


def test_a_missed_reminder_day_is_caught_up_the_next_day_once_with_the_right_days_left(
    officer_a, approver_a, monkeypatch
):
    add_pending_english(monkeypatch, "tidy36")  # "%(code)s for %(period)s"
    # 23 November 2024 is 7 days before the deadline (30 November): the server was down.
    ran_on(datetime.date(2024, 11, 22))
    run_job(datetime.date(2024, 11, 24))
    [notice] = told(officer_a)
    assert notice.message == (
        "Còn 6 ngày đến hạn gửi báo cáo 50/NQ-CP kỳ năm 2024 (30/11/2024) về Bộ Khoa học và Công nghệ."
    )
    assert notice.message_en.startswith("6 days left to send the report 50/NQ-CP for the year 2024")
    record = ReminderSent.objects.get(agency=officer_a.agency)
    assert (record.kind, record.days, record.sent_on) == ("before", 6, datetime.date(2024, 11, 24))
    assert not told(approver_a)  # a reminder before the deadline goes to the reporters
    # The missed day is recorded as caught up; the job again, the next day: nothing more.
    assert JobRun.objects.filter(name=JOB, run_for=datetime.date(2024, 11, 23)).exists()
    run_job(datetime.date(2024, 11, 24))
    run_job(datetime.date(2024, 11, 25))
    assert len(told(officer_a)) == 1
    assert ReminderSent.objects.filter(agency=officer_a.agency).count() == 1


def test_a_job_run_twice_on_the_catch_up_day_sends_each_reminder_once(officer_a):
    ran_on(datetime.date(2024, 11, 22))
    JobRun.objects.filter(run_for=datetime.date(2024, 11, 23)).delete()
    run_job(datetime.date(2024, 11, 24))
    # Delivered a second time before it recorded the missed day (a worker killed).
    JobRun.objects.filter(run_for=datetime.date(2024, 11, 23)).delete()
    run_job(datetime.date(2024, 11, 24))
    assert len(told(officer_a)) == 1


def test_todays_own_reminder_replaces_the_missed_one(officer_a):
    # Down on 29 November (one day left); on 30 November the report is due today: one
    # notice, today's, not also a late "one day left".
    ran_on(datetime.date(2024, 11, 28))
    run_job(datetime.date(2024, 11, 30))
    [notice] = told(officer_a)
    assert notice.message.startswith("Hôm nay (30/11/2024) là hạn gửi báo cáo")
    assert list(
        ReminderSent.objects.filter(agency=officer_a.agency).values_list("kind", flat=True)
    ) == ["due_today"]


def test_a_missed_due_day_is_caught_up_as_overdue_by_the_days_passed(officer_a):
    ran_on(datetime.date(2024, 11, 29))
    run_job(datetime.date(2024, 12, 2))  # down on 30 November, 1 and... back on 2 December
    [notice] = told(officer_a)
    assert notice.message.startswith(
        "Báo cáo 50/NQ-CP kỳ năm 2024 đã quá hạn 2 ngày (hạn 30/11/2024)."
    )
    record = ReminderSent.objects.get(agency=officer_a.agency)
    assert (record.kind, record.days) == ("overdue", -2)


def test_no_catch_up_before_the_first_run_nor_beyond_the_window(officer_a, settings):
    # A new installation has missed nothing.
    run_job(datetime.date(2024, 11, 24))
    assert not told(officer_a)
    # Down from 11 to 23 November with a 3-day window: the 7-day reminder (23 November)
    # is within it; the 14-day one (16 November) is not looked for.
    JobRun.objects.all().delete()
    ran_on(datetime.date(2024, 11, 10))
    settings.LOTRINH_REMINDER_CATCH_UP_DAYS = 3
    assert reminders.missed_days(datetime.date(2024, 11, 24)) == [
        datetime.date(2024, 11, 21),
        datetime.date(2024, 11, 22),
        datetime.date(2024, 11, 23),
    ]
    settings.LOTRINH_REMINDER_CATCH_UP_DAYS = 0
    assert reminders.missed_days(datetime.date(2024, 11, 24)) == []


def test_a_job_queued_for_a_day_and_run_the_next_counts_the_days_from_the_day_it_runs(officer_a):
    ran_on(datetime.date(2024, 11, 22))
    run_job(datetime.date(2024, 11, 24), queued_for=datetime.date(2024, 11, 23))
    [notice] = told(officer_a)
    assert notice.message.startswith("Còn 6 ngày đến hạn")
    assert set(JobRun.objects.values_list("run_for", flat=True)) == {
        datetime.date(2024, 11, 22),
        datetime.date(2024, 11, 23),
        datetime.date(2024, 11, 24),
    }


def test_a_report_sent_meanwhile_is_not_chased(officer_a, approver_a, report_a):
    from lotrinh.reporting import services
    from tests.reporting.conftest import fill

    ran_on(datetime.date(2024, 11, 22))
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    Notification.objects.all().delete()
    run_job(datetime.date(2024, 11, 24))
    assert not told(officer_a)
    assert not ReminderSent.objects.filter(agency=officer_a.agency).exists()


def test_a_data_requests_missed_reminder_is_caught_up_once(most_monitor):
    """Data requests follow the reports' rules, catching up included."""
    from lotrinh.indicators import requests
    from lotrinh.indicators.models import DataRequestReminder, Indicator
    from tests.conftest import Role, make_user

    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    ministry = requests.producing_agency(indicator)
    reporter = make_user("moc_reporter", ministry.code, Role.REPORTER)
    with time_machine.travel(datetime.datetime(2024, 11, 1, 2, tzinfo=datetime.UTC)):
        request = requests.send_request(
            indicator,
            agency=ministry,
            year=2023,
            what="Số đô thị thông minh",
            definition=indicator.definition,
            deadline=datetime.date(2024, 11, 30),
            user=most_monitor,
        )
    # 23 November, 7 days before the deadline: the server was down.
    ran_on(datetime.date(2024, 11, 22))
    run_job(datetime.date(2024, 11, 24))
    [record] = DataRequestReminder.objects.filter(request=request)
    assert (record.kind, record.days, record.sent_on) == ("before", 6, datetime.date(2024, 11, 24))
    assert "Còn 6 ngày đến hạn cung cấp số liệu" in told(reporter)[-1].message
    run_job(datetime.date(2024, 11, 25))
    assert DataRequestReminder.objects.filter(request=request).count() == 1
