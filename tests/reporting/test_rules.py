import datetime

import pytest

from lotrinh.reporting import rules

D = datetime.date


def test_annual_periods_follow_the_programme_override():
    periods = rules.annual_periods(
        2020,
        2022,
        deadline_month=12,
        deadline_day=1,
        before=True,
        cutoff_start="12-01",
        cutoff_end="11-30",
    )
    assert [p.year for p in periods] == [2020, 2021, 2022]
    first = periods[0]
    assert first.due_date == D(2020, 11, 30)  # "trước ngày 01 tháng 12"
    assert (first.start, first.end) == (D(2019, 12, 1), D(2020, 11, 30))


def test_annual_periods_default_to_decree_09_windows():
    (period,) = rules.annual_periods(2024, 2024, deadline_month=12, deadline_day=31, before=False)
    assert (period.start, period.end, period.due_date) == (
        D(2023, 12, 15),
        D(2024, 12, 14),
        D(2024, 12, 31),
    )


def test_decree_09_semiannual_quarterly_monthly_windows():
    assert rules.semiannual_windows(2024) == [
        (D(2023, 12, 15), D(2024, 6, 14)),
        (D(2024, 6, 15), D(2024, 12, 14)),
    ]
    assert rules.quarterly_windows(2024)[0] == (D(2023, 12, 15), D(2024, 3, 14))
    assert rules.quarterly_windows(2024)[3] == (D(2024, 9, 15), D(2024, 12, 14))
    assert rules.monthly_window(2024, 1) == (D(2023, 12, 15), D(2024, 1, 14))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 11, 16), [("before", 14, False)]),
        (D(2024, 11, 23), [("before", 7, False)]),
        (D(2024, 11, 29), [("before", 1, False)]),
        (D(2024, 11, 30), [("due_today", 0, False)]),
        (D(2024, 12, 7), [("overdue", -7, True)]),
        (D(2024, 12, 14), [("overdue", -14, True)]),
        (D(2024, 11, 20), []),
        (D(2024, 12, 8), []),
    ],
)
def test_reminders_due(today, expected):
    due = rules.reminders_due(D(2024, 11, 30), today, submitted=False)
    assert [(r.kind, r.days, r.copy_approver) for r in due] == expected


def test_no_reminder_once_submitted():
    assert rules.reminders_due(D(2024, 11, 30), D(2024, 12, 7), submitted=True) == []


@pytest.mark.parametrize(
    ("first", "status", "today", "expected"),
    [
        (D(2024, 11, 28), "accepted", D(2024, 12, 10), rules.ON_TIME),
        (D(2024, 12, 3), "submitted", D(2024, 12, 10), rules.LATE),
        (D(2024, 11, 28), "returned", D(2024, 12, 10), rules.RETURNED),
        (None, "draft", D(2024, 12, 10), rules.MISSING),
        (None, None, D(2024, 11, 1), rules.NOT_DUE),
    ],
)
def test_classify_report(first, status, today, expected):
    assert (
        rules.classify_report(
            due=D(2024, 11, 30), first_submitted=first, status=status, today=today
        )
        == expected
    )


def test_plan_and_rates():
    assert rules.classify_plan(issued_on=D(2020, 5, 20), due=D(2020, 5, 31)) == rules.ON_TIME
    assert rules.classify_plan(issued_on=D(2020, 7, 1), due=D(2020, 5, 31)) == rules.LATE
    assert rules.classify_plan(issued_on=None, due=D(2020, 5, 31)) == rules.MISSING
    r = rules.rates([rules.ON_TIME, rules.LATE, rules.MISSING, rules.RETURNED, rules.NOT_DUE])
    assert (r.expected, r.submitted, r.on_time) == (4, 3, 1)
    assert r.reporting_rate == 0.75 and r.timeliness_rate == 0.25


@pytest.mark.parametrize(
    ("done", "deadline", "started", "today", "expected"),
    [
        (D(2021, 5, 1), D(2021, 6, 1), True, D(2021, 7, 1), "done_on_time"),
        (D(2021, 7, 1), D(2021, 6, 1), True, D(2021, 8, 1), "done_late"),
        (None, D(2021, 6, 1), True, D(2021, 7, 1), "overdue"),
        (None, D(2021, 6, 1), True, D(2021, 5, 1), "in_progress"),
        (None, None, False, D(2021, 5, 1), "not_started"),
    ],
)
def test_classify_task(done, deadline, started, today, expected):
    assert (
        rules.classify_task(done_on=done, deadline=deadline, started=started, today=today)
        == expected
    )
