"""The compliance picture for MOST: agencies × periods, rates, task status, staleness,
the đôn đốc league (who is furthest behind) and which cells may be reminded.

A fixed number of queries whatever the number of agencies and periods.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core.locale import name_key, name_order
from lotrinh.programmes.models import Programme
from lotrinh.reporting import rules
from lotrinh.reporting.models import (
    AgencyReport,
    Frequency,
    ReminderSent,
    ReportEntry,
    ReportingPeriod,
    TaskStatus,
)
from lotrinh.reporting.plans import IssuedPlan, issued_plans, plan_obligation
from lotrinh.reporting.reminders import NO_RECIPIENTS
from lotrinh.reporting.services import periods_of, reporter_candidates

# A report not (or no longer) in MOST's hands: only these cells may be reminded.
REMINDABLE_STATES = (rules.MISSING, rules.NOT_DUE, rules.RETURNED)
# "Late" for the bulk reminder: the deadline passed and nothing acceptable is in.
LATE_STATES = (rules.MISSING, rules.RETURNED)
# Below this many expected reports a percentage misleads ("100 %" of one): counts only.
MIN_RATE_BASE = 5
# Who receives reminders of an agency (the daily job's rule too).
# An agency administrator, even alone, is someone to remind: she brings in the reporters.
RECIPIENT_ROLES = (Role.REPORTER, Role.APPROVER, Role.AGENCY_ADMIN)


@dataclass(frozen=True)
class OverdueTask:
    task_ref: str
    group_ref: str
    status: str
    year: int
    report_id: int
    agency_id: int
    # The agency's names: `core.locale.name_key` orders by them and the template's
    # `agency_name` shows the one of the page (the Vietnamese one marked where it has
    # no English name).
    name_vi: str
    name_en: str = ""


@dataclass
class Cell:
    state: str
    report: AgencyReport | None = None
    reminders: list[datetime.date] = field(default_factory=list)
    readable: bool = False  # set per viewer (permissions.may_read_report): link or not
    days_late: int = 0
    remindable: bool = False  # open/overdue period of the current cycle, report not in


@dataclass
class Row:
    agency: Agency
    plan_state: str
    plan: IssuedPlan | None
    cells: dict[int, Cell]  # period year → cell
    has_account: bool = False
    late: int = 0
    missing: int = 0
    returned: int = 0
    days_late: int = 0
    last_reminder: datetime.date | None = None

    @property
    def no_plan(self) -> bool:
        return self.plan_state == rules.MISSING


@dataclass
class Picture:
    programme: Programme
    periods: list[ReportingPeriod]
    rows: list[Row]
    rates: dict[int, rules.Rates]
    status_by_group: dict[str, Counter[str]]
    status_by_agency: dict[int, Counter[str]]
    overdue: list[OverdueTask]
    stale: list[tuple[Any, datetime.date | None]]
    plan_due: datetime.date | None
    today: datetime.date | None = None
    cycle_years: frozenset[int] = frozenset()
    chase_year: int | None = None  # the latest overdue period of the cycle (bulk reminder)
    default_year: int | None = None
    expected_counts: dict[int, int] = field(default_factory=dict)  # every expected agency
    # Every period's year (for the year choice), whether or not its reports were read.
    all_years: list[int] = field(default_factory=list)


def natural_key(ref: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key of a clause reference: "II.5" before "II.6" before "II.10", "IV" after "III"."""
    key = []
    for token in re.findall(r"\d+|[^\W\d_]+", ref or ""):
        if token.isdigit():
            key.append((0, int(token), ""))
        elif re.fullmatch(r"[IVXLC]+", token):
            key.append((0, _roman(token), ""))
        else:
            key.append((1, 0, token.lower().replace("đ", "d~")))  # đ after d, before e
    return tuple(key)


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, char in enumerate(text):
        value = values[char]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total


def cycle_of(
    periods: list[ReportingPeriod], today: datetime.date
) -> tuple[frozenset[int], int | None]:
    """(years of the current cycle, the year being chased).

    The current cycle is every open period (begun, deadline not passed) and the latest
    period whose deadline has passed; older years are closed: never reminded.
    """
    open_years = {p.year for p in periods if p.start <= today <= p.due_date}
    overdue = [p.year for p in periods if p.due_date < today]
    chase = max(overdue) if overdue else None
    years = open_years | ({chase} if chase is not None else set())
    return frozenset(years), chase


def default_year(periods: list[ReportingPeriod], today: datetime.date) -> int | None:
    """The page opens on the period being chased, else the open one, else the latest."""
    _years, chase = cycle_of(periods, today)
    if chase is not None:
        return chase
    begun = [p.year for p in periods if p.start <= today]
    if begun:
        return max(begun)
    return max((p.year for p in periods), default=None)


def recipients_by_agency(agency_ids: list[int] | set[int]) -> dict[int, list[User]]:
    """The active people of each agency who receive its reminders (one query): its own
    staff, not the people of its units (they do not write the agency's report)."""
    people: dict[int, list[User]] = defaultdict(list)
    for user in (
        User.objects.people()
        .filter(agency_id__in=agency_ids, role__in=RECIPIENT_ROLES, unit__isnull=True)
        .order_by("agency_id", "role", "username")
    ):
        people[user.agency_id].append(user)  # type: ignore[index]
    return dict(people)


def agency_order(agency: Agency) -> tuple[bool, str, int]:
    """The order of the page's rows: the central bodies (ministries, ministerial and
    Government agencies), then the provinces and cities, each by name (the consolidated
    report's annex lists them alike)."""
    central = agency.kind in ("ministry", "ministerial_agency", "government_agency")
    return (not central, name_key(agency), agency.pk)


def picture(
    programme: Programme,
    *,
    today: datetime.date,
    years: list[int] | None = None,
    agency_kind: str = "",
    stale_days: int = 180,
    with_cycle: bool = False,
) -> Picture:
    """Every agency's reporting across the periods of `years` (all of them when None);
    `with_cycle` adds the current cycle and the year the page opens on (the compliance
    page reads only those unless another year, or every year, is asked for)."""
    regimes = {r.code: r for r in programme.reporting_regimes.all()}
    annual = next(
        (r for r in regimes.values() if r.frequency == Frequency.ANNUAL and r.reporters_generic),
        None,
    )
    plan_regime = next((r for r in regimes.values() if r.frequency == Frequency.ONCE), None)
    periods: list[ReportingPeriod] = []
    all_years: list[int] = []
    cycle_years: frozenset[int] = frozenset()
    chase_year = first_year = None
    if annual is not None:
        # Read-only: periods the daily cycle has not opened yet appear unsaved (no pk).
        periods = periods_of(annual, today.year)
        cycle_years, chase_year = cycle_of(periods, today)
        first_year = default_year(periods, today)
        all_years = [p.year for p in periods]
        if years or with_cycle:
            wanted = set(years or ())
            if with_cycle:
                wanted |= cycle_years | ({first_year} if first_year is not None else set())
            periods = [p for p in periods if p.year in wanted]
    plan_due = None
    if plan_regime is not None and plan_regime.deadline_date:
        plan_due = plan_regime.deadline_date - datetime.timedelta(
            days=1 if plan_regime.deadline_before else 0
        )

    agencies: dict[int, Agency] = {}
    expected: dict[int, set[int]] = {}
    # One query for every agency that may report; validity on each due date in memory.
    candidates = list(reporter_candidates(annual)) if annual is not None else []
    for period in periods:
        ids = set()
        for agency in candidates:
            if not agency.is_valid_on(period.due_date) or (
                agency_kind and agency.kind != agency_kind
            ):
                continue
            agencies.setdefault(agency.pk, agency)
            ids.add(agency.pk)
        expected[period.year] = ids

    # By the regime's years, not by stored periods: the same queries run when a year of
    # the cycle is not opened yet (an empty `period__in` would skip them).
    shown = {"regime": annual, "year__in": [p.year for p in periods]}
    in_shown = {f"period__{k}": v for k, v in shown.items()}
    reports = {
        (r.agency_id, r.period_id): r
        for r in AgencyReport.objects.filter(**in_shown).select_related("period")
    }
    plans = {a: p for (a, _code), p in issued_plans(programme=programme).items()}
    reminders: dict[tuple[int, int], list[datetime.date]] = defaultdict(list)
    # A "reminder" to an agency with no account reached nobody: not counted.
    for reminder in (
        ReminderSent.objects.filter(**in_shown)
        .exclude(recipients=NO_RECIPIENTS)
        .order_by("sent_on")
    ):
        reminders[(reminder.agency_id, reminder.period_id)].append(reminder.sent_on)
    people = recipients_by_agency(set(agencies))

    rows = []
    for agency in sorted(agencies.values(), key=agency_order):
        plan = plans.get(agency.pk)
        plan_state = plan_obligation(plan, plan_due)
        row = Row(agency, plan_state, plan, {}, has_account=bool(people.get(agency.pk)))
        for period in periods:
            if agency.pk not in expected[period.year]:
                continue
            report = reports.get((agency.pk, period.pk))
            first = (
                timezone.localdate(report.first_submitted_at)
                if report and report.first_submitted_at
                else None
            )
            state = rules.classify_report(
                due=period.due_date,
                first_submitted=first,
                status=report.status if report else None,
                today=today,
                accepted=bool(report and report.accepted_at),
            )
            cell = Cell(state, report, reminders.get((agency.pk, period.pk), []))
            if state == rules.MISSING:
                cell.days_late = (today - period.due_date).days
            elif first is not None and first > period.due_date:
                cell.days_late = (first - period.due_date).days
            cell.remindable = (
                bool(period.pk) and period.year in cycle_years and state in REMINDABLE_STATES
            )
            row.cells[period.year] = cell
            row.late += state == rules.LATE
            row.missing += state == rules.MISSING
            row.returned += state == rules.RETURNED
            row.days_late += cell.days_late
            if cell.reminders:
                last = cell.reminders[-1]
                row.last_reminder = max(row.last_reminder or last, last)
        rows.append(row)
    period_rates = {
        p.year: rules.rates([row.cells[p.year].state for row in rows if p.year in row.cells])
        for p in periods
    }
    expected_counts = {p.year: sum(1 for row in rows if p.year in row.cells) for p in periods}

    latest_period = max(periods, key=lambda p: p.year) if periods else None
    # Plain rows, not model instances: this touches every entry of every period.
    rows_of_entries = ReportEntry.objects.filter(
        **{f"report__period__{k}": v for k, v in shown.items()},
        report__status__in=("submitted", "accepted"),
    ).values_list(
        "report__agency_id",
        "task_id",
        "task__group__ref",
        "status",
        "report__period__year",
        "report_id",
        "task__ref",
        "report__agency__name_vi",
        "report__agency__name_en",
    )
    latest: dict[tuple[int, int], OverdueTask] = {}
    for (
        agency_id,
        task_id,
        group_ref,
        status,
        year,
        report_id,
        task_ref,
        name_vi,
        name_en,
    ) in rows_of_entries:
        key = (agency_id, task_id)
        if key not in latest or year > latest[key].year:
            latest[key] = OverdueTask(
                task_ref, group_ref, status, year, report_id, agency_id, name_vi, name_en
            )
    by_group: dict[str, Counter[str]] = defaultdict(Counter)
    by_agency: dict[int, Counter[str]] = defaultdict(Counter)
    overdue = []
    for item in latest.values():
        by_group[item.group_ref][item.status] += 1
        by_agency[item.agency_id][item.status] += 1
        if item.status == TaskStatus.OVERDUE:
            overdue.append(item)
    overdue.sort(key=lambda o: (natural_key(o.task_ref), name_key(o)))
    last_update = dict(
        ReportEntry.objects.filter(task__programme=programme)
        .values_list("task_id")
        .annotate(last=Max("updated_at"))
    )
    stale_before = today - datetime.timedelta(days=stale_days)
    stale = (
        [
            (task, timezone.localdate(last_update[task.pk]) if last_update.get(task.pk) else None)
            for task in programme.tasks.select_related("clause").order_by("position")
            if last_update.get(task.pk) is None
            or timezone.localdate(last_update[task.pk]) < stale_before
        ]
        if latest_period
        else []
    )
    return Picture(
        programme,
        periods,
        rows,
        period_rates,
        {group: by_group[group] for group in sorted(by_group, key=natural_key)},
        dict(by_agency),
        overdue,
        stale,
        plan_due,
        today=today,
        cycle_years=cycle_years,
        chase_year=chase_year,
        default_year=first_year,
        expected_counts=expected_counts,
        all_years=all_years,
    )


@dataclass(frozen=True)
class YearSummary:
    year: int
    due_date: datetime.date
    is_due: bool  # the deadline has passed: rates mean something
    in_cycle: bool
    expected: int  # every agency expected (open periods too)
    submitted: int
    on_time: int
    late: int
    missing: int
    returned: int
    reporting_rate: float | None  # None: not due yet, or too few reports for a percentage
    timeliness_rate: float | None


def year_summaries(pic: Picture) -> list[YearSummary]:
    """Per period: counts, and rates only where they are honest (deadline passed and at
    least MIN_RATE_BASE expected reports; otherwise the page shows counts such as "1/1")."""
    return [
        summary_of(
            period,
            [row.cells[period.year].state for row in pic.rows if period.year in row.cells],
            today=pic.today,
            in_cycle=period.year in pic.cycle_years,
            expected=pic.expected_counts.get(period.year, 0),
        )
        for period in pic.periods
    ]


def summary_of(
    period: ReportingPeriod,
    cells: list[str],
    *,
    today: datetime.date | None,
    in_cycle: bool,
    expected: int | None = None,
) -> YearSummary:
    """One period's counts from its cells' states, and its rates only where they are
    honest (deadline passed, at least MIN_RATE_BASE expected reports): MOST's yearly
    page and any regime's period page (`period_picture`) word them alike."""
    states = Counter(cells)
    expected = len(cells) if expected is None else expected
    submitted = states[rules.ON_TIME] + states[rules.LATE] + states[rules.RETURNED]
    is_due = today is not None and period.due_date < today
    honest = is_due and expected >= MIN_RATE_BASE
    return YearSummary(
        year=period.year,
        due_date=period.due_date,
        is_due=is_due,
        in_cycle=in_cycle,
        expected=expected,
        submitted=submitted,
        on_time=states[rules.ON_TIME],
        late=states[rules.LATE],
        missing=states[rules.MISSING],
        returned=states[rules.RETURNED],
        reporting_rate=submitted / expected if honest else None,
        timeliness_rate=states[rules.ON_TIME] / expected if honest else None,
    )


# ---------------------------------------------------------------- the đôn đốc league

# `?sort=` keys of the league and the value each sorts by.
LEAGUE_KEYS: dict[str, Any] = {
    "agency": lambda r: name_key(r.agency),
    "plan": lambda r: r.no_plan,
    "late": lambda r: r.late,
    "missing": lambda r: r.missing,
    "returned": lambda r: r.returned,
    "days": lambda r: r.days_late,
    "reminded": lambda r: r.last_reminder or datetime.date.min,
}
DEFAULT_SORT = "-worst"


def _worst(row: Row) -> tuple[int, int, int, int, int]:
    return (row.missing, row.returned, row.late, row.days_late, int(row.no_plan))


def league(rows: list[Row], sort: str = DEFAULT_SORT) -> tuple[list[Row], str]:
    """The rows in `sort` order ("late", "-late", …; "-worst" by default: most missing,
    then returned, late, days late, no plan). An unknown key falls back to the default."""
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name == "worst" or name not in LEAGUE_KEYS:
        by_name = sorted(rows, key=lambda r: name_key(r.agency))
        return sorted(by_name, key=_worst, reverse=True), DEFAULT_SORT
    key = LEAGUE_KEYS[name]
    # Ties keep the worst-first order, so "-days" still lists the most missing first.
    base = sorted(sorted(rows, key=lambda r: name_key(r.agency)), key=_worst, reverse=True)
    return sorted(base, key=key, reverse=descending), sort


def picture_rows(pic: Picture) -> list[dict[str, Any]]:
    """One row per agency (for JSON and XLSX)."""
    out = []
    for row in pic.rows:
        item: dict[str, Any] = {
            "agency": row.agency.name_vi,
            "kind": row.agency.kind,
            "plan": row.plan_state,
            "plan_number": row.plan.document_number if row.plan else "",
            "plan_date": row.plan.document_date.isoformat()
            if row.plan and row.plan.document_date
            else None,
            "periods": {},
        }
        for year, cell in row.cells.items():
            item["periods"][str(year)] = {
                "report": cell.state,
                "status": cell.report.status if cell.report else None,
                "first_submitted": timezone.localdate(cell.report.first_submitted_at).isoformat()
                if cell.report and cell.report.first_submitted_at
                else None,
                "accepted": timezone.localdate(cell.report.accepted_at).isoformat()
                if cell.report and cell.report.accepted_at
                else None,
                "reminders": [d.isoformat() for d in cell.reminders],
            }
        out.append(item)
    return out


STATE_LABELS = {
    rules.ON_TIME: _("Đúng hạn"),
    rules.LATE: _("Muộn"),
    rules.MISSING: _("Chưa nộp"),
    rules.RETURNED: _("Bị trả lại"),
    rules.NOT_DUE: _("Chưa đến hạn"),
}


def cell_label(state: str, report: AgencyReport | None) -> str:
    """A cell's words: its state, and for a report reopened for a revision after
    acceptance, that it is being revised (its accepted copy still counts)."""
    label = str(STATE_LABELS.get(state, ""))
    if report is not None and report.is_revising_accepted:
        return f"{label} ({REVISING_LABEL})" if label else str(REVISING_LABEL)
    return label


REVISING_LABEL = _("đang điều chỉnh sau khi tiếp nhận")


def _reminder_days(days: list[datetime.date]) -> datetime.date | str:
    """A compliance cell's reminders in the workbook: one is a date cell (sorted and
    filtered as a day, as every day in a workbook is); several are listed in one cell."""
    if len(days) == 1:
        return days[0]
    return ", ".join(d.strftime("%d/%m/%Y") for d in days)


def picture_xlsx(pic: Picture) -> bytes:
    header = [
        "Cơ quan",
        "Kế hoạch",
        *[f"Báo cáo {p.year}" for p in pic.periods],
        *[f"Nhắc {p.year}" for p in pic.periods],
    ]
    body = [
        [
            row.agency.name_vi,
            str(STATE_LABELS.get(row.plan_state, row.plan_state))
            + (f" ({row.plan.document_number})" if row.plan and row.plan.document_number else ""),
            *[
                str(STATE_LABELS.get(row.cells[p.year].state, "")) if p.year in row.cells else "—"
                for p in pic.periods
            ],
            *[
                _reminder_days(row.cells[p.year].reminders) if p.year in row.cells else ""
                for p in pic.periods
            ],
        ]
        for row in pic.rows
    ]
    rates = [
        ["Tỷ lệ báo cáo", "", *[_pct(pic.rates[p.year].reporting_rate) for p in pic.periods]],
        ["Tỷ lệ đúng hạn", "", *[_pct(pic.rates[p.year].timeliness_rate) for p in pic.periods]],
    ]
    return states_xlsx(header, body, rates)


def states_xlsx(
    header: list[str], body: list[list[Any]], rates: list[list[Any]], *, rate_column: int = 3
) -> bytes:
    """The compliance workbook (one sheet): a bold frozen header, a row per agency, a
    blank line, then the rate rows, whose numbers from `rate_column` on are shown as
    percentages. Every cell goes through `append_row` (no formula leaves the system)."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from lotrinh.core.exports import append_row, fit_columns

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tình hình báo cáo"
    append_row(sheet, header)
    for values in body:
        append_row(sheet, values)
    append_row(sheet, [])
    for values in rates:
        append_row(sheet, values)
    # Rates stay numbers: the spreadsheet shows them in the reader's own number format.
    for row_cells in sheet.iter_rows(
        min_row=sheet.max_row - len(rates) + 1, max_row=sheet.max_row, min_col=rate_column
    ):
        for cell in row_cells:
            if isinstance(cell.value, float):
                cell.number_format = "0.0%"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 45
    fit_columns(sheet, freeze="B2")
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _pct(value: float | None) -> float | str:
    """A rate as a number (formatted as a percentage by the cell), "—" when there is none."""
    return "—" if value is None else round(value, 4)


# ---------------------------------------------------------------- any regime, one period


@dataclass
class PeriodRow:
    agency: Agency
    state: str
    report: AgencyReport | None


def period_picture(
    regime: Any, period: ReportingPeriod, *, today: datetime.date
) -> tuple[list[PeriodRow], rules.Rates]:
    """Every expected reporter's state for one period of any regime, whatever its
    frequency (a six-monthly Party regime as well as MOST's annual one), with the
    period's rates: two queries. MOST's page (`picture`) follows the annual regime."""
    from lotrinh.reporting.services import expected_reporters

    reports = (
        {r.agency_id: r for r in AgencyReport.objects.filter(period=period, unit__isnull=True)}
        if period.pk
        else {}
    )
    rows = []
    for agency in expected_reporters(regime, period).order_by(name_order(), "pk"):
        report = reports.get(agency.pk)
        first = (
            timezone.localdate(report.first_submitted_at)
            if report and report.first_submitted_at
            else None
        )
        state = rules.classify_report(
            due=period.due_date,
            first_submitted=first,
            status=report.status if report else None,
            today=today,
            accepted=bool(report and report.accepted_at),
        )
        rows.append(PeriodRow(agency, state, report))
    return rows, rules.rates([row.state for row in rows])


def default_period(periods: list[ReportingPeriod], today: datetime.date) -> ReportingPeriod | None:
    """The period a regime's period page opens on: the latest whose deadline has passed
    (the one being chased), else the open one, else the latest."""
    due = [p for p in periods if p.due_date < today]
    if due:
        return max(due, key=lambda p: p.sort_key)
    begun = [p for p in periods if p.start <= today]
    if begun:
        return max(begun, key=lambda p: p.sort_key)
    return max(periods, key=lambda p: p.sort_key) if periods else None


def period_xlsx(
    period: ReportingPeriod, rows: list[PeriodRow], rates: rules.Rates, party: bool = False
) -> bytes:
    """One period of any regime (`period_picture`) as the compliance workbook; `party`:
    the reporters are Party bodies (`services.reporters_are_party`), named by their word."""

    def day(moment: Any) -> datetime.date | None:
        # A date cell (`core.exports.append_row`): the column sorts by day.
        return timezone.localdate(moment) if moment else None

    body = [
        [
            row.agency.name_vi,
            str(STATE_LABELS.get(row.state, row.state)),
            day(row.report.first_submitted_at) if row.report else "",
            day(row.report.accepted_at) if row.report else "",
        ]
        for row in rows
    ]
    return states_xlsx(
        [
            f"{'Cấp ủy, tổ chức đảng' if party else 'Cơ quan'} ({period.label}, hạn {period.due_date:%d/%m/%Y})",
            "Báo cáo",
            "Gửi lần đầu",
            "Tiếp nhận",
        ],
        body,
        [
            ["Tỷ lệ báo cáo", _pct(rates.reporting_rate)],
            ["Tỷ lệ đúng hạn", _pct(rates.timeliness_rate)],
        ],
        rate_column=2,
    )
