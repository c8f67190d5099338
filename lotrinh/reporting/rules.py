"""Pure rules of the reporting cycle: periods, due dates, reminders, compliance.

Periods and due dates are derived from a regime's data, never typed by hand. Data
cut-off windows follow Decree 09/2019/NĐ-CP unless the regime overrides them:
annual 15 December of the previous year to 14 December; 6-month 15 December to 14
June; quarterly 15 December–14 March, 15 March–14 June, …; monthly 15th to 14th.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

DECREE_09_ANNUAL = ("12-15", "12-14")


@dataclass(frozen=True)
class PeriodSpec:
    year: int
    label: str
    start: datetime.date
    end: datetime.date
    due_date: datetime.date
    part: int = 0  # 0: the whole year; else the half, quarter or month of the year

    @property
    def key(self) -> tuple[int, int]:
        return (self.year, self.part)


# Decree 09/2019/NĐ-CP: a periodic report is due by the 20th of the period's last month
# unless the regime says otherwise.
DECREE_09_DUE_DAY = 20


def _md(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def due_date(year: int, month: int, day: int, before: bool) -> datetime.date:
    """The last day to submit: "trước ngày 01 tháng 12" is due on 30 November."""
    date = datetime.date(year, month, day)
    return date - datetime.timedelta(days=1) if before else date


def annual_periods(
    first_year: int,
    last_year: int,
    *,
    deadline_month: int,
    deadline_day: int,
    before: bool,
    cutoff_start: str = "",
    cutoff_end: str = "",
) -> list[PeriodSpec]:
    start_md = _md(cutoff_start or DECREE_09_ANNUAL[0])
    end_md = _md(cutoff_end or DECREE_09_ANNUAL[1])
    periods = []
    for year in range(first_year, last_year + 1):
        # The window ends in the report's year and starts the year before when it wraps.
        end = datetime.date(year, *end_md)
        start_year = year - 1 if start_md > end_md else year
        start = datetime.date(start_year, *start_md)
        periods.append(
            PeriodSpec(
                year,
                f"Năm {year}",
                start,
                end,
                due_date(year, deadline_month, deadline_day, before),
            )
        )
    return periods


def semiannual_windows(year: int) -> list[tuple[datetime.date, datetime.date]]:
    """Decree 09 six-month windows of a year: 15/12 (previous year)–14/6 and 15/6–14/12."""
    return [
        (datetime.date(year - 1, 12, 15), datetime.date(year, 6, 14)),
        (datetime.date(year, 6, 15), datetime.date(year, 12, 14)),
    ]


def quarterly_windows(year: int) -> list[tuple[datetime.date, datetime.date]]:
    starts = [
        datetime.date(year - 1, 12, 15),
        datetime.date(year, 3, 15),
        datetime.date(year, 6, 15),
        datetime.date(year, 9, 15),
    ]
    ends = [
        datetime.date(year, 3, 14),
        datetime.date(year, 6, 14),
        datetime.date(year, 9, 14),
        datetime.date(year, 12, 14),
    ]
    return list(zip(starts, ends, strict=True))


def monthly_window(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    previous = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    return datetime.date(previous.year, previous.month, 15), datetime.date(year, month, 14)


def windows_of(frequency: str, year: int) -> list[tuple[datetime.date, datetime.date]]:
    """The Decree 09 data windows of the parts of a year, in order (part 1 first)."""
    if frequency == "semiannual":
        return semiannual_windows(year)
    if frequency == "quarterly":
        return quarterly_windows(year)
    if frequency == "monthly":
        return [monthly_window(year, month) for month in range(1, 13)]
    raise ValueError(frequency)


def part_due_date(end: datetime.date, day: int, before: bool) -> datetime.date:
    """The due date of a part whose data window ends on `end`: the first `day` of a
    month on or after `end` (by the 20th of the period's last month under Decree 09;
    "by the 5th" after a window ending on the 14th falls in the next month)."""
    year, month = end.year, end.month
    if day < end.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    due = datetime.date(year, month, min(day, last))
    return due - datetime.timedelta(days=1) if before else due


def sub_year_periods(
    frequency: str,
    first_year: int,
    last_year: int,
    *,
    label: Callable[[int, int], str],
    deadline_day: int | None = None,
    before: bool = False,
) -> list[PeriodSpec]:
    """The six-monthly, quarterly or monthly periods of `first_year`..`last_year`."""
    day = deadline_day or DECREE_09_DUE_DAY
    periods = []
    for year in range(first_year, last_year + 1):
        for part, (start, end) in enumerate(windows_of(frequency, year), start=1):
            periods.append(
                PeriodSpec(
                    year, label(year, part), start, end, part_due_date(end, day, before), part
                )
            )
    return periods


# ---------------------------------------------------------------- task status


def classify_task(
    *,
    done_on: datetime.date | None,
    deadline: datetime.date | None,
    started: bool,
    today: datetime.date,
) -> str:
    """The Government Office's four-way classification, plus "not started".

    done on time / done late (completion date against the deadline), in progress within
    the deadline, overdue (deadline passed, not done). A task without a deadline is
    never late.
    """
    if done_on is not None:
        return "done_late" if deadline is not None and done_on > deadline else "done_on_time"
    if deadline is not None and today > deadline:
        return "overdue"
    return "in_progress" if started else "not_started"


# ---------------------------------------------------------------- reminders


@dataclass(frozen=True)
class ReminderDue:
    kind: str  # before, due_today, overdue
    days: int  # days before the due date (negative: overdue)
    copy_approver: bool


def reminders_due(
    due: datetime.date,
    today: datetime.date,
    *,
    submitted: bool,
    offsets: tuple[int, ...] = (14, 7, 1),
) -> list[ReminderDue]:
    """What to send today for a report due on `due`: before the deadline at the offsets,
    on the day, and every 7 days while overdue, copying the approver (escalation)."""
    if submitted:
        return []
    days = (due - today).days
    if days in offsets:
        return [ReminderDue("before", days, False)]
    if days == 0:
        return [ReminderDue("due_today", 0, False)]
    if days < 0 and (-days) % 7 == 0:
        return [ReminderDue("overdue", days, True)]
    return []


# ---------------------------------------------------------------- compliance

ON_TIME, LATE, MISSING, RETURNED, NOT_DUE, ACCEPTED = (
    "on_time",
    "late",
    "missing",
    "returned",
    "not_due",
    "accepted",
)


# A report reopened after acceptance and not sent again is in one of these states.
REVISING_STATUSES = ("draft", "approved")


def revising_after_acceptance(*, status: str | None, accepted: bool) -> bool:
    """A report reopened for a revision after acceptance (`services.revise_accepted_report`)
    and not sent again yet: a draft, or approved again. Its accepted copy is kept, still
    readable, and still counts as the report sent."""
    return accepted and status in REVISING_STATUSES


# The statuses of a report in its recipient's hands (MOST, the receiving body, or, for a
# unit's report, its agency). Approved is not among them: the leader has signed it off,
# nobody has sent it on.
RECEIVED_STATUSES = ("submitted", "accepted")


def received(*, status: str | None, accepted: bool = False) -> bool:
    """The recipient has the report: submitted or accepted, or reopened for a revision
    after acceptance (its accepted copy stands). Its database form is
    `models.received_rule`."""
    return status in RECEIVED_STATUSES or revising_after_acceptance(
        status=status, accepted=accepted
    )


def overdue(
    *, due: datetime.date, today: datetime.date, status: str | None, accepted: bool = False
) -> bool:
    """Late ("Quá hạn"), for an agency's report to its recipient and a unit's report to
    its agency alike: the deadline has passed and the recipient does not have the report
    (none opened, a draft, approved but not sent, or returned). The one rule of every
    page, badge and count that says a report is late (docs/reporting.md, "Late")."""
    return today > due and not received(status=status, accepted=accepted)


def classify_report(
    *,
    due: datetime.date,
    first_submitted: datetime.date | None,
    status: str | None,
    today: datetime.date,
    accepted: bool = False,
) -> str:
    """One agency × period cell: on time, late, returned, missing or not yet due.
    `accepted`: the report was accepted once (a revision reopened after that still counts
    as sent, by its first submission). MISSING is `overdue` less a returned report (its
    own cell): none opened, a draft, or approved and not sent, past the deadline."""
    if status == "returned":
        return RETURNED
    if first_submitted is not None and received(status=status, accepted=accepted):
        return ON_TIME if first_submitted <= due else LATE
    return MISSING if today > due else NOT_DUE


def classify_plan(*, issued_on: datetime.date | None, due: datetime.date | None) -> str:
    if issued_on is None:
        return MISSING
    if due is None:
        return ON_TIME
    return ON_TIME if issued_on <= due else LATE


@dataclass(frozen=True)
class Rates:
    expected: int
    submitted: int
    on_time: int

    @property
    def reporting_rate(self) -> float | None:
        return self.submitted / self.expected if self.expected else None

    @property
    def timeliness_rate(self) -> float | None:
        return self.on_time / self.expected if self.expected else None


def rates(cells: list[str]) -> Rates:
    """Reporting and timeliness rates of one period from its cells (not-due cells excluded)."""
    counted = [c for c in cells if c != NOT_DUE]
    return Rates(
        expected=len(counted),
        submitted=sum(1 for c in counted if c in (ON_TIME, LATE, RETURNED)),
        on_time=sum(1 for c in counted if c == ON_TIME),
    )
