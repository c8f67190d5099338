"""The compliance picture for MOST: agencies × periods, rates, task status, staleness.

A fixed number of queries whatever the number of agencies and periods.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max

from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme
from lotrinh.reporting import rules
from lotrinh.reporting.models import (
    AgencyReport,
    Frequency,
    ImplementationPlan,
    ReminderSent,
    ReportEntry,
    ReportingPeriod,
    TaskStatus,
)
from lotrinh.reporting.services import periods_of, reporter_candidates


@dataclass(frozen=True)
class OverdueTask:
    task_ref: str
    group_ref: str
    status: str
    year: int
    report_id: int
    agency_id: int
    agency_name: str


@dataclass
class Cell:
    state: str
    report: AgencyReport | None = None
    reminders: list[datetime.date] = field(default_factory=list)
    readable: bool = False  # set per viewer (permissions.may_read_report): link or not


@dataclass
class Row:
    agency: Agency
    plan_state: str
    plan: ImplementationPlan | None
    cells: dict[int, Cell]  # period year → cell


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


def picture(
    programme: Programme,
    *,
    today: datetime.date,
    years: list[int] | None = None,
    agency_kind: str = "",
    stale_days: int = 180,
) -> Picture:
    regimes = {r.code: r for r in programme.reporting_regimes.all()}
    annual = next(
        (r for r in regimes.values() if r.frequency == Frequency.ANNUAL and r.reporters_generic),
        None,
    )
    plan_regime = next((r for r in regimes.values() if r.frequency == Frequency.ONCE), None)
    periods: list[ReportingPeriod] = []
    if annual is not None:
        # Read-only: periods the daily cycle has not opened yet appear unsaved (no pk).
        periods = periods_of(annual, today.year)
        if years:
            periods = [p for p in periods if p.year in years]
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

    stored = [p for p in periods if p.pk]
    reports = {
        (r.agency_id, r.period_id): r
        for r in AgencyReport.objects.filter(period__in=stored).select_related("period")
    }
    plans = {p.agency_id: p for p in ImplementationPlan.objects.filter(programme=programme)}
    reminders: dict[tuple[int, int], list[datetime.date]] = defaultdict(list)
    for reminder in ReminderSent.objects.filter(period__in=stored).order_by("sent_on"):
        reminders[(reminder.agency_id, reminder.period_id)].append(reminder.sent_on)

    rows = []
    for agency in sorted(
        agencies.values(),
        key=lambda a: (
            a.kind not in ("ministry", "ministerial_agency", "government_agency"),
            a.name_vi,
        ),
    ):
        plan = plans.get(agency.pk)
        plan_state = rules.classify_plan(
            issued_on=plan.document_date if plan and plan.is_issued else None, due=plan_due
        )
        cells = {}
        for period in periods:
            if agency.pk not in expected[period.year]:
                continue
            report = reports.get((agency.pk, period.pk))
            state = rules.classify_report(
                due=period.due_date,
                first_submitted=report.first_submitted_at.date()
                if report and report.first_submitted_at
                else None,
                status=report.status if report else None,
                today=today,
            )
            cells[period.year] = Cell(state, report, reminders.get((agency.pk, period.pk), []))
        rows.append(Row(agency, plan_state, plan, cells))
    period_rates = {
        p.year: rules.rates([row.cells[p.year].state for row in rows if p.year in row.cells])
        for p in periods
    }

    latest_period = max(periods, key=lambda p: p.year) if periods else None
    # Plain rows, not model instances: this touches every entry of every period.
    rows_of_entries = ReportEntry.objects.filter(
        report__period__in=stored, report__status__in=("submitted", "accepted")
    ).values_list(
        "report__agency_id",
        "task_id",
        "task__group__ref",
        "status",
        "report__period__year",
        "report_id",
        "task__ref",
        "report__agency__name_vi",
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
        agency_name,
    ) in rows_of_entries:
        key = (agency_id, task_id)
        if key not in latest or year > latest[key].year:
            latest[key] = OverdueTask(
                task_ref, group_ref, status, year, report_id, agency_id, agency_name
            )
    by_group: dict[str, Counter[str]] = defaultdict(Counter)
    by_agency: dict[int, Counter[str]] = defaultdict(Counter)
    overdue = []
    for item in latest.values():
        by_group[item.group_ref][item.status] += 1
        by_agency[item.agency_id][item.status] += 1
        if item.status == TaskStatus.OVERDUE:
            overdue.append(item)
    last_update = dict(
        ReportEntry.objects.filter(task__programme=programme)
        .values_list("task_id")
        .annotate(last=Max("updated_at"))
    )
    stale_before = today - datetime.timedelta(days=stale_days)
    stale = (
        [
            (task, last_update[task.pk].date() if last_update.get(task.pk) else None)
            for task in programme.tasks.select_related("clause").order_by("position")
            if last_update.get(task.pk) is None or last_update[task.pk].date() < stale_before
        ]
        if latest_period
        else []
    )
    return Picture(
        programme,
        periods,
        rows,
        period_rates,
        dict(by_group),
        dict(by_agency),
        overdue,
        stale,
        plan_due,
    )


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
                "first_submitted": cell.report.first_submitted_at.date().isoformat()
                if cell.report and cell.report.first_submitted_at
                else None,
                "accepted": cell.report.accepted_at.date().isoformat()
                if cell.report and cell.report.accepted_at
                else None,
                "reminders": [d.isoformat() for d in cell.reminders],
            }
        out.append(item)
    return out


STATE_LABELS = {
    rules.ON_TIME: "Đúng hạn",
    rules.LATE: "Muộn",
    rules.MISSING: "Chưa nộp",
    rules.RETURNED: "Bị trả lại",
    rules.NOT_DUE: "Chưa đến hạn",
}


def picture_xlsx(pic: Picture) -> bytes:
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from lotrinh.core.exports import append_row

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tình hình báo cáo"
    append_row(
        sheet,
        [
            "Cơ quan",
            "Kế hoạch",
            *[f"Báo cáo {p.year}" for p in pic.periods],
            *[f"Nhắc {p.year}" for p in pic.periods],
        ],
    )
    for row in pic.rows:
        append_row(
            sheet,
            [
                row.agency.name_vi,
                STATE_LABELS.get(row.plan_state, row.plan_state)
                + (
                    f" ({row.plan.document_number})"
                    if row.plan and row.plan.document_number
                    else ""
                ),
                *[
                    STATE_LABELS.get(row.cells[p.year].state, "") if p.year in row.cells else "—"
                    for p in pic.periods
                ],
                *[
                    ", ".join(d.strftime("%d/%m/%Y") for d in row.cells[p.year].reminders)
                    if p.year in row.cells
                    else ""
                    for p in pic.periods
                ],
            ],
        )
    append_row(sheet, [])
    append_row(
        sheet, ["Tỷ lệ báo cáo", "", *[_pct(pic.rates[p.year].reporting_rate) for p in pic.periods]]
    )
    append_row(
        sheet,
        ["Tỷ lệ đúng hạn", "", *[_pct(pic.rates[p.year].timeliness_rate) for p in pic.periods]],
    )
    # Rates stay numbers: the spreadsheet shows them in the reader's own number format.
    for row_cells in sheet.iter_rows(min_row=sheet.max_row - 1, max_row=sheet.max_row, min_col=3):
        for cell in row_cells:
            if isinstance(cell.value, float):
                cell.number_format = "0.0%"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 45
    sheet.freeze_panes = "B2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _pct(value: float | None) -> float | str:
    """A rate as a number (formatted as a percentage by the cell), "—" when there is none."""
    return "—" if value is None else round(value, 4)
