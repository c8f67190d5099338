"""Who MOST may remind from the compliance page, the bulk reminder, and the đôn đốc league."""

import datetime
from html import escape

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.text import vi_sort_key
from lotrinh.reporting import compliance, reminders, services
from lotrinh.reporting.models import AgencyReport, ReminderSent
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

DEC_2024 = datetime.date(2024, 12, 10)  # the 2024 report (due 30/11/2024) is overdue
AT_DEC_2024 = datetime.datetime(2024, 12, 10, 9, 0)


def submitted(report, day=datetime.datetime(2024, 11, 20, 9, 0, tzinfo=datetime.UTC)):
    AgencyReport.objects.filter(pk=report.pk).update(
        status="submitted", first_submitted_at=day, submitted_at=day
    )


# ---------------------------------------------------------------- ordering and the cycle


def test_task_groups_sort_in_natural_order():
    refs = ["II.10", "II.6", "II.5", "IV.1", "III.2", "I.1", "II.2.đ", "II.2.a", "II.2.e"]
    assert sorted(refs, key=compliance.natural_key) == [
        "I.1",
        "II.2.a",
        "II.2.đ",
        "II.2.e",
        "II.5",
        "II.6",
        "II.10",
        "III.2",
        "IV.1",
    ]


@pytest.mark.parametrize(
    ("today", "cycle", "chase"),
    [
        (datetime.date(2024, 12, 10), {2024}, 2024),
        (datetime.date(2025, 1, 15), {2024, 2025}, 2024),  # 2025 open, 2024 still chased
        (datetime.date(2025, 12, 10), {2025}, 2025),  # 2024 closed once 2025 fell due
    ],
)
def test_the_current_cycle_is_the_open_period_and_the_latest_overdue_one(
    regime, today, cycle, chase
):
    periods = services.periods_of(regime, today.year)
    assert compliance.cycle_of(periods, today) == (frozenset(cycle), chase)
    assert compliance.default_year(periods, today) == chase


# ---------------------------------------------------------------- one agency's reminder


def test_an_expected_agency_of_the_cycle_is_reminded_once_a_day(
    most_monitor, officer_a, approver_a, period_2024
):
    agency = officer_a.agency
    first = reminders.remind_agency(agency, period_2024, most_monitor, DEC_2024)
    assert first.status == reminders.SENT
    assert {officer_a.email, approver_a.email} <= set(first.record.recipients.split(", "))
    again = reminders.remind_agency(agency, period_2024, most_monitor, DEC_2024)
    assert again.status == reminders.ALREADY
    assert ReminderSent.objects.filter(kind="manual").count() == 1 and len(mail.outbox) == 1
    next_day = DEC_2024 + datetime.timedelta(days=1)
    assert reminders.remind_agency(agency, period_2024, most_monitor, next_day).status == "sent"


def test_a_closed_year_is_never_reminded(most_monitor, officer_a, regime, period_2024):
    services.generate_periods(regime, 2025)
    day = datetime.date(2025, 12, 10)  # the 2025 deadline has passed: 2024 is closed
    outcome = reminders.remind_agency(officer_a.agency, period_2024, most_monitor, day)
    assert outcome.status == reminders.NOT_REMINDABLE
    assert not ReminderSent.objects.exists() and not mail.outbox


def test_a_submitted_report_is_not_reminded(most_monitor, officer_a, report_a):
    submitted(report_a)
    outcome = reminders.remind_agency(officer_a.agency, report_a.period, most_monitor, DEC_2024)
    assert outcome.status == reminders.NOT_REMINDABLE and not ReminderSent.objects.exists()


def test_an_agency_abolished_before_the_due_date_is_not_reminded(most_monitor, regime):
    periods = {p.year: p for p in services.generate_periods(regime, 2025)}
    gone = (
        services.reporter_candidates(regime)
        .filter(valid_to__lt=periods[2025].due_date, valid_to__gte=periods[2024].due_date)
        .first()
    )
    assert gone is not None  # the provinces merged in 2025
    make_user("gone_reporter", gone.code, Role.REPORTER)  # even with an account
    day = datetime.date(2025, 12, 10)
    outcome = reminders.remind_agency(gone, periods[2025], most_monitor, day)
    assert outcome.status == reminders.NOT_REMINDABLE and not ReminderSent.objects.exists()
    pic = compliance.picture(regime.programme, today=day)
    assert all(r.agency != gone or 2025 not in r.cells for r in pic.rows)


def test_an_agency_without_an_account_is_shown_as_such_and_nothing_is_recorded(
    most_monitor, officer_a, regime, period_2024
):
    reminders.run_reminders(datetime.date(2024, 12, 7))  # the daily job, 7 days overdue
    pic = compliance.picture(regime.programme, today=DEC_2024, years=[2024])
    lonely = next(r for r in pic.rows if not r.has_account and r.cells[2024].state == "missing")
    mine = next(r for r in pic.rows if r.agency == officer_a.agency)
    # The job's record for an agency nobody could receive is not counted as a reminder.
    assert lonely.cells[2024].reminders == [] and lonely.last_reminder is None
    assert mine.has_account and mine.last_reminder == datetime.date(2024, 12, 7)
    before = ReminderSent.objects.count()
    outcome = reminders.remind_agency(lonely.agency, period_2024, most_monitor, DEC_2024)
    assert outcome.status == reminders.NO_ACCOUNT
    assert (
        reminders.send_manual_reminder(lonely.agency, period_2024, most_monitor, DEC_2024) is None
    )
    assert ReminderSent.objects.count() == before


def test_the_page_offers_nhac_only_where_it_may_be_sent(
    most_monitor, oversight_reader, officer_a, officer_b, report_b, period_2024
):
    submitted(report_b)
    with time_machine.travel(AT_DEC_2024, tick=False):
        body = client_for(most_monitor).get(reverse("reporting:compliance")).content.decode()
        closed = client_for(most_monitor).get(reverse("reporting:compliance"), {"year": 2023})
        oversight = client_for(oversight_reader).get(reverse("reporting:compliance"))
    remind_a = reverse("reporting:remind", args=[officer_a.agency.pk, period_2024.pk])
    remind_b = reverse("reporting:remind", args=[officer_b.agency.pk, period_2024.pk])
    assert remind_a in body and remind_b not in body  # B has sent its report
    assert body.count('class="btn small remind"') == 1  # nobody else has an account
    assert "Chưa có tài khoản" in body
    assert 'class="btn small remind"' not in closed.content.decode()
    assert 'class="btn small remind"' not in oversight.content.decode()


def test_a_refused_reminder_says_why_and_records_nothing(most_monitor, officer_a, regime):
    services.generate_periods(regime, 2024)
    old = next(p for p in services.generate_periods(regime, 2024) if p.year == 2022)
    with time_machine.travel(AT_DEC_2024, tick=False):
        response = client_for(most_monitor).post(
            reverse("reporting:remind", args=[officer_a.agency.pk, old.pk]),
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 400 and "kỳ báo cáo đã đóng" in response.content.decode()
    assert not ReminderSent.objects.exists()


# ---------------------------------------------------------------- the bulk reminder


def test_the_bulk_preview_lists_exactly_the_late_agencies_with_accounts(
    most_monitor, officer_a, approver_a, officer_b, report_b, regime, period_2024
):
    submitted(report_b)
    plan = reminders.plan_bulk_reminder(regime.programme, DEC_2024)
    assert plan.period == period_2024
    assert [i.agency for i in plan.items] == [officer_a.agency]
    assert set(plan.items[0].recipients) == {officer_a, approver_a}
    pic = compliance.picture(regime.programme, today=DEC_2024, years=[2024])
    late_without = {
        r.agency.pk for r in pic.rows if not r.has_account and r.cells[2024].state == "missing"
    }
    assert {i.agency.pk for i in plan.no_account} == late_without
    assert officer_b.agency.pk not in late_without
    assert "50/NQ-CP" in plan.message and "30/11/2024" in plan.message


def test_the_bulk_reminder_previews_then_sends_once(
    most_monitor, officer_a, approver_a, officer_b, report_b, period_2024
):
    submitted(report_b)
    client = client_for(most_monitor)
    url = reverse("reporting:remind_all")
    with time_machine.travel(AT_DEC_2024, tick=False):
        preview = client.get(url)
        assert preview.status_code == 200 and not ReminderSent.objects.exists()  # GET reads
        body = preview.content.decode()
        assert officer_a.email in body and approver_a.email in body
        assert "Chưa có tài khoản" in body and officer_b.agency.name_vi not in body
        # What is sent, in both languages: the e-mail and notice in Vietnamese, and the
        # notice those who read the site in English see.
        plan = reminders.plan_bulk_reminder(period_2024.regime.programme, AT_DEC_2024.date())
        assert plan.notice is not None and plan.notice.en.startswith("The Ministry of Science")
        assert 'lang="vi" id="reminder-message"' in body and 'id="reminder-message-en"' in body
        assert escape(plan.notice.vi) in body and escape(plan.notice.en) in body
        ids = [str(officer_a.agency.pk)]
        data = {"period": period_2024.pk, "agency": ids}
        response = client.post(url, data, follow=True)
        assert ReminderSent.objects.filter(kind="manual").count() == 1
        assert len(mail.outbox) == 1
        assert "Số cơ quan đã được nhắc: 1." in response.content.decode()
        again = client.post(url, data, follow=True)  # the same POST again, the same day
        assert ReminderSent.objects.filter(kind="manual").count() == 1
        assert len(mail.outbox) == 1
        assert "không gửi lại: 1." in again.content.decode()
        assert "Số cơ quan đã được nhắc:" not in again.content.decode()


def test_the_bulk_reminder_sends_nothing_to_agencies_not_previewed_or_without_account(
    most_monitor, officer_a, officer_b, period_2024
):
    lonely = Agency.objects.get(
        pk=compliance.picture(period_2024.regime.programme, today=DEC_2024, years=[2024])
        .rows[0]
        .agency.pk
    )
    with time_machine.travel(AT_DEC_2024, tick=False):
        response = client_for(most_monitor).post(
            reverse("reporting:remind_all"),
            {"period": period_2024.pk, "agency": [str(officer_b.agency.pk), str(lonely.pk)]},
        )
    assert response.status_code == 302
    sent = set(ReminderSent.objects.values_list("agency_id", flat=True))
    assert sent <= {officer_b.agency.pk} and officer_a.agency.pk not in sent


def test_a_bad_bulk_post_changes_nothing(most_monitor, period_2024):
    with time_machine.travel(AT_DEC_2024, tick=False):
        response = client_for(most_monitor).post(
            reverse("reporting:remind_all"), {"period": "x", "agency": ["1"]}, follow=True
        )
    assert "không hợp lệ" in response.content.decode()
    assert not ReminderSent.objects.exists()


def test_only_most_may_remind_in_bulk(oversight_reader, officer_a, period_2024):
    url = reverse("reporting:remind_all")
    assert client_for(oversight_reader).get(url).status_code == 403
    data = {"period": period_2024.pk, "agency": [str(officer_a.agency.pk)]}
    assert client_for(officer_a).post(url, data).status_code == 403
    assert not ReminderSent.objects.exists()


# ---------------------------------------------------------------- the đôn đốc league


def _row(name, **counts):
    row = compliance.Row(Agency(name_vi=name), counts.pop("plan", "on_time"), None, {})
    for key, value in counts.items():
        setattr(row, key, value)
    return row


def test_the_league_puts_the_worst_first_and_sorts_by_each_column():
    rows = [
        _row("A", late=3, days_late=90),
        _row("B", missing=2, days_late=400, plan="missing"),
        _row("C", returned=1, last_reminder=datetime.date(2024, 12, 1)),
        _row("D"),
    ]
    names = lambda ordered: [r.agency.name_vi for r in ordered]  # noqa: E731
    assert names(compliance.league(rows)[0]) == ["B", "C", "A", "D"]
    assert names(compliance.league(rows, "-late")[0])[0] == "A"
    assert names(compliance.league(rows, "-days")[0]) == ["B", "A", "C", "D"]
    assert names(compliance.league(rows, "agency")[0]) == ["A", "B", "C", "D"]
    assert names(compliance.league(rows, "-agency")[0]) == ["D", "C", "B", "A"]
    assert names(compliance.league(rows, "-plan")[0])[0] == "B"
    assert names(compliance.league(rows, "-reminded")[0])[0] == "C"
    assert compliance.league(rows, "<script>")[1] == compliance.DEFAULT_SORT


def test_the_page_sorts_the_league_on_the_server(most_monitor, officer_a, period_2024):
    client = client_for(most_monitor)
    with time_machine.travel(AT_DEC_2024, tick=False):
        by_days = client.get(reverse("reporting:compliance"), {"sort": "-days"})
        by_name = client.get(reverse("reporting:compliance"), {"sort": "agency"})
        junk = client.get(reverse("reporting:compliance"), {"sort": "drop table"})
    days = [item["row"].days_late for item in by_days.context["league"]]
    assert days == sorted(days, reverse=True)
    names = [item["row"].agency.name_vi for item in by_name.context["league"]]
    assert names == sorted(names, key=vi_sort_key)
    assert 'aria-sort="ascending"' in by_name.content.decode()
    assert junk.status_code == 200 and junk.context["sort"] == compliance.DEFAULT_SORT


# ---------------------------------------------------------------- honest rates and cost


def test_a_year_with_few_expected_reports_shows_counts_not_a_percentage(regime, period_2024):
    pic = compliance.picture(regime.programme, today=DEC_2024, years=[2024])
    summary = compliance.year_summaries(pic)[0]
    assert summary.is_due and summary.reporting_rate == 0 and summary.expected > 5
    pic.rows = pic.rows[:1]
    pic.expected_counts = {2024: 1}
    single = compliance.year_summaries(pic)[0]
    assert single.expected == 1 and single.reporting_rate is None
    # An open period has no rate yet, and counts every expected agency.
    early = compliance.picture(regime.programme, today=datetime.date(2024, 6, 1), years=[2024])
    open_year = compliance.year_summaries(early)[0]
    assert not open_year.is_due and open_year.reporting_rate is None
    assert open_year.expected == summary.expected


def test_the_page_costs_the_same_number_of_queries_for_3_and_6_years(most_monitor, regime):
    from lotrinh.reporting.demo import generate_demo_cycle

    client = client_for(most_monitor)
    generate_demo_cycle(seed=1, today=datetime.date(2025, 12, 10))  # reports 2020–2025

    def queries(day, params):
        with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9), tick=False):
            # Signed in that day: a session idle since another day ends (8 hours).
            client.force_login(most_monitor)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse("reporting:compliance"), params)
        assert response.status_code == 200
        return len(response.context["pic"].periods), len(captured.captured_queries)

    # Every year on demand: three, then six years read in the same number of queries.
    three_years, three = queries(datetime.date(2022, 12, 10), {"years": "all"})
    six_years, six = queries(datetime.date(2025, 12, 10), {"years": "all"})
    assert (three_years, six_years) == (3, 6)
    assert six == three
    # By default only the current cycle (the year being chased) is read.
    assert queries(datetime.date(2025, 12, 10), {}) == (1, six)
    # The same queries when the year being chased has not been opened yet (no reports).
    assert not regime.periods.filter(year=2026).exists()
    assert queries(datetime.date(2026, 12, 10), {}) == (1, six)
