"""The cascade's reporting: units report to their agency under the agency's own plan, and
the agency's yearly report to MOST is pre-filled from its units' accepted entries.

Rules (docs/cascade.md):
- A unit's report is an `AgencyReport` with `unit` set, for a period of the plan's own
  regime (`unit-annual-report`), through the same workflow; its agency's monitoring
  staff accept or return it (permissions.may_review_unit_reports).
- Level by level: only accepted unit reports count in the roll-up, and the agency's
  leader cannot approve the report to MOST while a unit's report of the same year waits
  for the agency's decision (submitted, neither accepted nor returned).
- Roll-up status of a national task from its units' statuses: `combine_statuses`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency, Unit
from lotrinh.core.audit import record_event
from lotrinh.core.locale import name_key, name_order
from lotrinh.core.text import attributed, text_lines
from lotrinh.programmes.models import (
    Programme,
    ProgrammeStatus,
    Role,
    Task,
    TaskLink,
)
from lotrinh.reporting import rules
from lotrinh.reporting.models import (
    AgencyReport,
    ReportEntry,
    ReportingPeriod,
    ReportingRegime,
    ReportStatus,
    TaskStatus,
    received_rule,
)
from lotrinh.reporting.services import WorkflowError, generate_periods, periods_of, report_tasks
from lotrinh.reporting.texts import TEXT_MAX_CHARS

UNIT_REGIME = "unit-annual-report"

# ---------------------------------------------------------------- the status rule

# How good a status is, for the rule's guarantee ("adding a unit's done never makes the
# national status worse"). Done on time and done late are both done.
RANK = {
    TaskStatus.OVERDUE: 0,
    TaskStatus.NOT_STARTED: 1,
    TaskStatus.IN_PROGRESS: 2,
    TaskStatus.DONE_LATE: 3,
    TaskStatus.DONE_ON_TIME: 3,
}
DONE = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


def combine_statuses(statuses: Iterable[str]) -> str:
    """The status of a national task from the statuses its units reported on the linked
    tasks of the agency's plan:

    1. no unit entry: not started;
    2. every entry done: done late if any is done late, otherwise done on time;
    3. otherwise, any overdue entry: overdue (one late unit makes the task late);
    4. otherwise, some work begun (an entry in progress or done): in progress;
    5. otherwise (all not started): not started.

    Unknown statuses are refused (ValueError), so every input has a defined answer."""
    items = list(statuses)
    for status in items:
        if status not in RANK:
            raise ValueError(status)
    if not items:
        return TaskStatus.NOT_STARTED
    if all(s in DONE for s in items):
        return TaskStatus.DONE_LATE if TaskStatus.DONE_LATE in items else TaskStatus.DONE_ON_TIME
    if TaskStatus.OVERDUE in items:
        return TaskStatus.OVERDUE
    if any(s == TaskStatus.IN_PROGRESS or s in DONE for s in items):
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


# ---------------------------------------------------------------- units' reports


def unit_regime(child: Programme) -> ReportingRegime:
    regime = child.reporting_regimes.filter(code=UNIT_REGIME).first()
    if regime is None:
        raise WorkflowError(_("Kế hoạch chưa có chế độ báo cáo của các đơn vị."))
    return regime


def unit_tasks(unit: Unit, child: Programme) -> list[Task]:
    """The tasks of the agency's plan that `unit` leads."""
    return list(
        child.tasks.filter(unit_assignments__unit=unit, unit_assignments__role=Role.LEAD)
        .distinct()
        .order_by("position")
    )


def _period(regime: ReportingRegime, year: int) -> ReportingPeriod:
    period = next((p for p in generate_periods(regime, year) if p.year == year), None)
    if period is None:
        raise WorkflowError(_("Chưa đến kỳ báo cáo này."))
    return period


def ensure_unit_report(unit: Unit, child: Programme, year: int) -> AgencyReport:
    """The unit's report for a year of the plan, with an entry per task it leads."""
    return _made_unit_report(unit, child, year)[0]


@transaction.atomic
def _made_unit_report(unit: Unit, child: Programme, year: int) -> tuple[AgencyReport, bool]:
    """`ensure_unit_report`, and whether this call made the report."""
    period = _period(unit_regime(child), year)
    report, created = AgencyReport.objects.get_or_create(
        agency=unit.agency, unit=unit, period=period
    )
    if created:
        lead, _coordinated = report_tasks(report)
        ReportEntry.objects.bulk_create(
            ReportEntry(report=report, task=task, via=via) for task, via in lead
        )
    return report, created


@transaction.atomic
def start_unit_report(user: Any, child: Programme, year: int) -> AgencyReport:
    """A unit's officer starts her unit's report for a year of the agency's plan."""
    unit = getattr(user, "unit", None)
    if unit is None or unit.agency_id != child.issuer_id:
        raise WorkflowError(_("Bạn không thuộc đơn vị nào của cơ quan ban hành kế hoạch."))
    if not perms.may_start_unit_report(user):
        raise WorkflowError(_("Bạn không có quyền thực hiện thao tác này với báo cáo này."))
    if not unit_tasks(unit, child):
        raise WorkflowError(_("Đơn vị của bạn không chủ trì nhiệm vụ nào của kế hoạch."))
    if year > timezone.localdate().year:
        # Before any period is made: a forged year (2300) would store every period up to
        # it and open a report for it.
        raise WorkflowError(_("Chưa đến kỳ báo cáo này."))
    regime = unit_regime(child)
    if regime.first_year is not None and year < regime.first_year:
        # Not "not due yet": the plan asks nothing of a year before its first report.
        raise WorkflowError(
            _("Kế hoạch không có báo cáo năm %(year)s: các đơn vị báo cáo từ năm %(first)s.")
            % {"year": year, "first": regime.first_year}
        )
    if _period(regime, year).start > timezone.localdate():
        raise WorkflowError(_("Chưa đến kỳ báo cáo này."))
    # One state change: the unit's row is locked (FOR NO KEY UPDATE: rows that refer to it
    # are still written), so a second start (a double click, a colleague) waits here and
    # then finds the report; the start is recorded once, by the call that made it.
    Unit.objects.select_for_update(no_key=True).filter(pk=unit.pk).first()
    report, created = _made_unit_report(unit, child, year)
    if created:
        record_event(user, "report.started", report)
    return report


@dataclass
class UnopenedPlans:
    """The agency's plans whose unit report of the year is not open yet (each with
    `unit_due`), whether the user may open them, and, when she may not, who may."""

    plans: list[Programme] = field(default_factory=list)
    may_open: bool = False
    openers: list[Any] = field(default_factory=list)


def unit_reports_of(user: Any, day: datetime.date) -> tuple[list[AgencyReport], UnopenedPlans]:
    """What a unit's people find under "Báo cáo": their unit's reports to its agency (the
    latest first), and the agency's published plans in which the unit leads tasks and has
    no report for `day`'s year yet, each with `unit_due`: the deadline of that year's
    report (None when the plan's regime has no period that year), read without writing.
    Her unit's officer may open it; its leader is told so, with who may open it. Two
    queries, one per such plan and one for who may open them; none without a unit."""
    if getattr(user, "unit_id", None) is None:
        return [], UnopenedPlans()
    reports = list(
        AgencyReport.objects.filter(unit_id=user.unit_id, agency_id=user.agency_id)
        .select_related("period__regime__programme")
        .order_by("-period__year", "-period__part", "period__regime_id")[:24]
    )
    if not perms.may_see_unopened_unit_report(user):
        return reports, UnopenedPlans()
    opened = {r.period.regime.programme_id for r in reports if r.period.year == day.year}
    plans = [
        plan
        for plan in Programme.objects.filter(
            perms.agency_plan_rule(),
            issuer_id=user.agency_id,
            status=ProgrammeStatus.PUBLISHED,
            reporting_regimes__code=UNIT_REGIME,
            tasks__unit_assignments__unit_id=user.unit_id,
            tasks__unit_assignments__role=Role.LEAD,
        )
        .distinct()
        .order_by("code", "pk")
        if plan.pk not in opened
    ]
    for plan in plans:
        regime = plan.reporting_regimes.get(code=UNIT_REGIME)
        this_year = [p for p in periods_of(regime, day.year) if p.year == day.year]
        plan.unit_due = this_year[-1].due_date if this_year else None  # type: ignore[attr-defined]
    unopened = UnopenedPlans(plans, may_open=perms.may_start_unit_report(user))
    if plans and not unopened.may_open:
        unopened.openers = list(
            perms.unit_report_openers(user.unit_id).order_by("full_name_sort", "pk")
        )
    return reports, unopened


def _national_year(report: AgencyReport) -> int:
    return int(report.period.year)


def pending_unit_reports(agency: Agency, year: int) -> Any:
    """The agency's units' reports of `year` that wait for the agency's decision, in the
    order of the units' names as the page shows them."""
    return AgencyReport.objects.filter(
        agency=agency,
        unit__isnull=False,
        period__year=year,
        period__regime__code=UNIT_REGIME,
        status=ReportStatus.SUBMITTED,
    ).order_by(name_order("unit__"), "unit_id", "pk")


def units_unsettled(report: AgencyReport) -> str:
    """Why the agency's report cannot be approved or sent up now, or "" (level by level:
    none of its units' reports of the same year may wait for the agency's decision).
    The approval, the submission and the signing refuse with it, and the confirmation
    pages say it before the click. It names the report's real receiver (MOST, or the
    body the regime names)."""
    if report.unit_id is not None:
        return ""
    from lotrinh.core.locale import agency_name
    from lotrinh.reporting.guidance import receiver_in

    waiting = list(
        pending_unit_reports(report.agency, _national_year(report)).select_related("unit")[:5]
    )
    if not waiting:
        return ""
    language = "en" if (get_language() or "").startswith("en") else "vi"
    return _(
        "Còn báo cáo của đơn vị chờ cơ quan tiếp nhận hoặc trả lại: %(units)s. Hãy xử lý trước khi duyệt hoặc gửi báo cáo tới %(receiver)s."
    ) % {
        "units": ", ".join(agency_name(r.unit)[0] for r in waiting),
        "receiver": receiver_in(report, language),
    }


def check_units_settled(report: AgencyReport) -> None:
    """Level by level: an agency's report is approved, signed and sent up only when none
    of its units' reports of the same year waits for the agency's decision (a unit may
    send its report after the leader's approval and before the submission)."""
    reason = units_unsettled(report)
    if reason:
        raise WorkflowError(reason)


# ---------------------------------------------------------------- roll-up


@dataclass
class UnitContribution:
    unit: Unit
    task: Task  # the task of the agency's plan
    status: str
    result: str
    evidence: str
    entry: ReportEntry


@dataclass
class RolledTask:
    task: Task  # the national task
    status: str
    # In the Vietnamese order of the units' names: the pre-fill writes them so in the
    # report's (Vietnamese) text.
    contributions: list[UnitContribution] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(TaskStatus(self.status).label)

    @property
    def contributions_as_shown(self) -> list[UnitContribution]:
        """The contributions as a page lists them: in the order of the units' names it
        shows (English ones on English pages), each unit's in its tasks' order."""
        return sorted(self.contributions, key=lambda c: (name_key(c.unit), c.unit.pk))

    def prefill_text(self, with_evidence: bool, limit: int = TEXT_MAX_CHARS) -> str:
        """The units' results (and evidence, for an entry), as the pre-fill writes them,
        within `limit`, which the form will check on the next save: each unit's result
        whole, never cut; units whose results do not fit are named in a closing line,
        for the agency to read in their reports."""
        units = [c for c in self.contributions if c.result or (with_evidence and c.evidence)]
        for kept in range(len(units), -1, -1):
            text = _prefill_text(units[:kept], units[kept:], with_evidence)
            if len(text) <= limit:
                return text
        return ""  # unreachable: the closing line alone is short, see _left_out_line


def _prefill_text(
    kept: list[UnitContribution], left: list[UnitContribution], with_evidence: bool
) -> str:
    # Each unit's result keeps its lines, under the line that names the unit.
    lines = [
        attributed(f"- {c.unit.name_vi} ({c.task.ref}): ", c.result)
        for c in kept
        if text_lines(c.result)
    ]
    evidence = [f"{c.unit.name_vi}: {c.evidence}" for c in kept if c.evidence]
    if with_evidence and evidence:
        # The report's content, in Vietnamese whatever the officer's page language.
        lines.append("Căn cứ: " + "; ".join(evidence))
    if left:
        lines.append(_left_out_line(left))
    return "\n".join(lines)


# Unit names beyond this many characters are counted, not listed, in the closing line.
LEFT_OUT_NAMES_MAX = 2_000


def _left_out_line(left: list[UnitContribution]) -> str:
    names: list[str] = []
    size = 0
    for c in left:
        name = f"{c.unit.name_vi} ({c.task.ref})"
        if size + len(name) > LEFT_OUT_NAMES_MAX:
            break
        names.append(name)
        size += len(name) + 2
    more = len(left) - len(names)
    listed = "; ".join(names) + (f" và {more} đơn vị khác" if more else "")
    return f"(Không đủ chỗ cho kết quả của {len(left)} đơn vị, xem báo cáo của đơn vị: {listed}.)"


def rollup(agency: Agency, national: Programme, year: int) -> dict[int, RolledTask]:
    """Per national task, the accepted entries of the agency's units on the linked tasks
    of the agency's published plan(s) for `year`, combined, in the Vietnamese order of
    the units' names (`RolledTask.contributions_as_shown` for a page). A fixed number
    of queries."""
    links = list(
        TaskLink.objects.filter(
            confirmed=True,
            parent_task__programme__code=national.code,
            task__programme__issuer=agency,
            task__programme__status=ProgrammeStatus.PUBLISHED,
        ).select_related("parent_task", "task")
    )
    by_child: dict[int, list[Task]] = {}
    for link in links:
        by_child.setdefault(link.task_id, []).append(link.parent_task)
    entries = (
        ReportEntry.objects.filter(
            task_id__in=list(by_child),
            report__agency=agency,
            report__unit__isnull=False,
            report__status=ReportStatus.ACCEPTED,
            report__period__year=year,
        )
        .select_related("report__unit", "task")
        .order_by("report__unit__name_sort", "report__unit_id", "task__position")
    )
    out: dict[int, RolledTask] = {}
    statuses: dict[int, list[str]] = {}
    for entry in entries:
        evidence = " ".join(
            part
            for part in (
                entry.evidence_number,
                entry.evidence_date.strftime("%d/%m/%Y") if entry.evidence_date else "",
                entry.evidence_link,
                entry.evidence_name,
            )
            if part
        )
        for national_task in by_child.get(entry.task_id, []):
            rolled = out.setdefault(
                national_task.pk, RolledTask(national_task, TaskStatus.NOT_STARTED)
            )
            assert entry.report.unit is not None
            rolled.contributions.append(
                UnitContribution(
                    entry.report.unit, entry.task, entry.status, entry.result, evidence, entry
                )
            )
            statuses.setdefault(national_task.pk, []).append(entry.status)
    for pk, rolled in out.items():
        rolled.status = combine_statuses(statuses[pk])
    return out


# ---------------------------------------------------------------- work beyond the report

# The heading of what the pre-fill writes in "Đánh giá chung". The text is the report's
# content, read by MOST in Vietnamese whatever the officer's page language: not translated.
BEYOND_HEADING = (
    "Kết quả các đơn vị thực hiện Kế hoạch gắn với nhiệm vụ khác của Chương trình "
    "(không thuộc các nhiệm vụ của báo cáo này):"
)
# How much of the general assessment the pre-fill may take (TEXT_MAX_CHARS is what the
# sections form accepts): the rest stays for the agency's own assessment. Whole tasks
# only, never a cut one; what does not fit is shown on the report page.
BEYOND_BUDGET = TEXT_MAX_CHARS - 5_000


def rolled_beyond_report(
    report: AgencyReport, rolled: dict[int, RolledTask] | None = None
) -> list[RolledTask]:
    """The rolled-up national tasks that are neither entries nor contributions of the
    agency's report (its plan links tasks to national tasks the programme did not give
    it), in the national programme's order, with their units' attributed results. Their
    work has no entry to go into; the pre-fill carries it in the general assessment."""
    if report.unit_id is not None:
        return []
    if rolled is None:
        rolled = rollup(report.agency, report.period.regime.programme, report.period.year)
    if not rolled:
        return []
    inside = set(report.entries.values_list("task_id", flat=True)) | set(
        report.contributions.values_list("task_id", flat=True)
    )
    return sorted(
        (item for pk, item in rolled.items() if pk not in inside),
        key=lambda item: (item.task.position, item.task.pk),
    )


def beyond_block(item: RolledTask) -> str:
    """One national task beyond the report, as the general assessment carries it: its ref
    and short title, then each unit's work on a linked task of the plan, attributed
    (unit, the plan's task, status, result, evidence)."""
    from django.utils import translation
    from django.utils.text import Truncator

    title = Truncator(" ".join(item.task.text.split())).words(20, truncate=" …")
    lines = [f"- Nhiệm vụ {item.task.ref}: {title}"]
    with translation.override("vi"):  # the statuses' labels, in the report's language
        for c in item.contributions:
            line = f"  + {c.unit.name_vi} ({c.task.ref}) — {TaskStatus(c.status).label}"
            if text_lines(c.result):  # its lines kept, under the unit's
                line = attributed(line + ": ", c.result, indent="    ")
            if c.evidence:
                line += f" (căn cứ: {c.evidence})"
            lines.append(line)
    return "\n".join(lines)


def beyond_text(blocks: list[str]) -> str:
    """The paragraph: the heading, then the tasks' blocks. "" if none."""
    return "\n".join([BEYOND_HEADING, *blocks]) if blocks else ""


def _fitting(blocks: list[str]) -> int:
    """How many of the first blocks the pre-fill writes within BEYOND_BUDGET."""
    size = len(BEYOND_HEADING)
    for count, block in enumerate(blocks):
        size += 1 + len(block)
        if size > BEYOND_BUDGET:
            return count
    return len(blocks)


@dataclass(frozen=True)
class BeyondShown:
    """The units' work beyond the report that the general assessment does not hold, for
    the report page to show read-only so the agency copies what it wants."""

    text: str
    tasks: int
    did_not_fit: bool  # the assessment is empty or holds the pre-fill's: no room left


def beyond_to_show(report: AgencyReport) -> BeyondShown | None:
    """The national tasks beyond the report whose units' work is not in the general
    assessment and will not be put there by a pre-fill (the assessment already has text,
    or it did not fit), as the page shows them. None if nothing is missing. One query for
    an agency without a plan; none for a unit's report."""
    if report.unit_id is not None:
        return None
    blocks = [beyond_block(item) for item in rolled_beyond_report(report)]
    assessment = report.general_assessment
    empty = not assessment.strip()
    if empty:
        blocks = blocks[_fitting(blocks) :]  # the pre-fill writes the others
    missing = [block for block in blocks if block not in assessment]
    if not missing:
        return None
    return BeyondShown(beyond_text(missing), len(missing), empty or BEYOND_HEADING in assessment)


@dataclass(frozen=True)
class Prefilled:
    """What a pre-fill did: entries and contributions filled; of the national tasks
    beyond the report, how many with units' work (`beyond`), how many of them this
    pre-fill wrote into the general assessment (`written`) and how many are not there."""

    filled: int
    beyond: int
    written: int
    shown: int  # not in the general assessment: shown on the report page (beyond_to_show)
    # Entries with units' work left alone because the agency had written them otherwise
    # (a page that said only "0 filled" left the officer guessing why).
    kept: int = 0


@transaction.atomic
def prefill_report(report: AgencyReport, user: Any) -> Prefilled:
    """Pre-fill the agency's report to MOST from its units' accepted entries: each entry
    the agency has not written yet (not started, no result) gets the combined status, the
    units' results (each line attributed to its unit) and their evidence. The agency
    edits the entries before approval. Work linked to national tasks outside the report
    goes into an empty general assessment (its own version bumped, so a sections form
    opened before is stale); an assessment with text is left alone."""
    locked = (
        AgencyReport.objects.select_for_update()
        .select_related("agency", "period")
        .get(pk=report.pk)
    )
    if locked.unit_id is not None:
        raise WorkflowError(
            _(
                "Chỉ báo cáo của cơ quan (không phải của đơn vị) được điền sẵn từ báo cáo của các đơn vị."
            )
        )
    if not perms.can(user, perms.EDIT_REPORT, locked):
        raise WorkflowError(_("Bạn không có quyền thực hiện thao tác này với báo cáo này."))
    if not locked.is_editable:
        raise WorkflowError(_("Báo cáo không còn ở trạng thái soạn thảo."))
    rolled = rollup(locked.agency, locked.period.regime.programme, locked.period.year)
    filled = kept = 0
    for entry in locked.entries.select_for_update().filter(task_id__in=list(rolled)):
        if entry.result.strip() or entry.status != TaskStatus.NOT_STARTED:
            # Written by the agency, not by an earlier pre-fill (a second click keeps its own).
            kept += entry.result != rolled[entry.task_id].prefill_text(with_evidence=True)
            continue
        item = rolled[entry.task_id]
        entry.status = item.status
        entry.result = item.prefill_text(with_evidence=True)
        if not (entry.evidence_number or entry.evidence_link or entry.evidence_file):
            # The first unit's document stands as the entry's evidence (a "done" entry
            # needs one); every unit's is listed, attributed, in the result.
            source = next(
                (
                    c.entry
                    for c in item.contributions
                    if c.entry.evidence_number or c.entry.evidence_link
                ),
                None,
            )
            if source is not None:
                entry.evidence_number = source.evidence_number
                entry.evidence_date = source.evidence_date
                entry.evidence_link = source.evidence_link
        entry.version += 1
        entry.save()
        filled += 1
    for contribution in locked.contributions.select_for_update().filter(
        task_id__in=list(rolled), contribution=""
    ):
        contribution.contribution = rolled[contribution.task_id].prefill_text(with_evidence=False)
        contribution.version += 1
        contribution.save()
        filled += 1
    beyond = rolled_beyond_report(locked, rolled)
    blocks = [beyond_block(item) for item in beyond]
    written = 0 if locked.general_assessment.strip() else _fitting(blocks)
    if written:
        # As services.save_sections does: the sections' own version and event, so the
        # history says who wrote it and a form opened before the pre-fill is refused.
        text = beyond_text(blocks[:written])
        before = {"general_assessment": locked.general_assessment}
        locked.general_assessment = text
        locked.sections_version += 1
        locked.save()
        record_event(
            user, "report.sections_saved", locked, before=before, after={"general_assessment": text}
        )
    shown = sum(1 for block in blocks if block not in locked.general_assessment)
    if filled or written:  # a second click that writes nothing records nothing
        record_event(
            user,
            "report.prefilled",
            locked,
            after={"entries": filled, "beyond": len(beyond), "written": written, "shown": shown},
        )
    return Prefilled(filled, len(beyond), written, shown, kept)


# ---------------------------------------------------------------- the agency's compliance


@dataclass
class UnitRow:
    unit: Unit
    report: AgencyReport | None
    period: ReportingPeriod
    late: bool

    @property
    def due(self) -> datetime.date:
        return self.period.due_date

    @property
    def sent(self) -> bool:
        """In the agency's hands (`rules.received`: submitted or accepted, or reopened
        for a revision after acceptance): nothing to remind."""
        return self.report is not None and self.report.received

    @property
    def days_late(self) -> int:
        """Days after the due date the report was first sent (0: on time or not sent), as
        MOST's compliance counts an agency's report sent late."""
        if self.report is None or self.report.first_submitted_at is None:
            return 0
        first = timezone.localdate(self.report.first_submitted_at)
        return max(0, (first - self.period.due_date).days)


def unit_compliance(
    child: Programme, year: int, today: datetime.date | None = None
) -> list[UnitRow]:
    """Each unit leading a task of the plan: its report of `year`, the due date, late?"""
    today = today or timezone.localdate()
    regime = unit_regime(child)
    period = next((p for p in regime.periods.all() if p.year == year), None)
    if period is None:
        return []
    # In the order of the names the page shows (English ones on English pages).
    units = (
        Unit.objects.filter(assignments__task__programme=child, assignments__role=Role.LEAD)
        .distinct()
        .order_by(name_order(), "pk")
    )
    reports = {
        r.unit_id: r
        for r in AgencyReport.objects.filter(period=period, unit__isnull=False).select_related(
            "unit"
        )
    }
    rows = []
    for unit in units:
        report = reports.get(unit.pk)
        late = rules.overdue(
            due=period.due_date,
            today=today,
            status=report.status if report else None,
            accepted=bool(report and report.accepted_at),
        )
        row = UnitRow(unit, report, period, late=late)
        rows.append(row)
    return rows


@dataclass(frozen=True)
class AgencyUnits:
    """An agency's own compliance picture in one line, for MOST's compliance page."""

    plan: Programme  # its published plan implementing the national programme
    units: int  # units leading a task of the plan
    late: int  # of which late with their report of the year


def units_late_by_agency(
    parent: Programme, year: int, today: datetime.date | None = None
) -> dict[int, AgencyUnits]:
    """For every agency with a published plan implementing `parent` whose tasks have lead
    units: the plan (its latest such), how many units lead its tasks and how many of them are late with their report of `year` (the
    rule of `unit_compliance`). Four queries, whatever the number of agencies."""
    today = today or timezone.localdate()
    plans = {
        p.pk: p
        for p in Programme.objects.filter(
            perms.agency_plan_rule(), implements__code=parent.code, status=ProgrammeStatus.PUBLISHED
        ).order_by("-issue_date", "-pk")
    }
    leads: dict[int, set[int]] = {}
    for programme_id, unit_id in (
        Unit.objects.filter(assignments__task__programme__in=plans, assignments__role=Role.LEAD)
        .values_list("assignments__task__programme_id", "pk")
        .distinct()
    ):
        leads.setdefault(programme_id, set()).add(unit_id)
    periods = {
        pk: (programme_id, due)
        for pk, programme_id, due in ReportingPeriod.objects.filter(
            regime__programme__in=plans, regime__code=UNIT_REGIME, year=year
        ).values_list("pk", "regime__programme_id", "due_date")
    }
    sent: dict[int, set[int]] = {}
    for period_id, unit_id in AgencyReport.objects.filter(
        received_rule(), period__in=periods, unit__isnull=False
    ).values_list("period_id", "unit_id"):
        sent.setdefault(periods[period_id][0], set()).add(unit_id)
    due_of = {programme_id: due for programme_id, due in periods.values()}
    out: dict[int, AgencyUnits] = {}
    for pk, programme in plans.items():  # newest plan first: an agency's latest counts
        if programme.issuer_id in out:
            continue
        units = leads.get(pk, set())
        if not units:
            continue  # a plan recorded by number and date, or with no unit yet: nothing to follow
        due = due_of.get(pk)
        # `rules.overdue`: past the due date and not in the agency's hands.
        late = (
            0
            if due is None or not rules.overdue(due=due, today=today, status=None)
            else len(units - sent.get(pk, set()))
        )
        out[programme.issuer_id] = AgencyUnits(programme, len(units), late)  # type: ignore[index]
    return out


def national_task_spread(task: Task) -> dict[str, Any]:
    """How many ministries and provinces planned a national task (confirmed links in
    their published plans), with how many actions, in which plans, and the combined
    status of their accepted unit entries of the latest year."""
    links = list(
        TaskLink.objects.filter(
            confirmed=True, parent_task=task, task__programme__status=ProgrammeStatus.PUBLISHED
        ).select_related("task__programme__issuer")
    )
    agencies: dict[int, dict[str, Any]] = {}
    for link in links:
        issuer = link.task.programme.issuer
        if issuer is None:
            continue
        row = agencies.setdefault(
            issuer.pk, {"agency": issuer, "actions": 0, "statuses": [], "plans": []}
        )
        row["actions"] += 1
        # Which plan: its code says what it is (a demonstration plan says so).
        if link.task.programme not in row["plans"]:
            row["plans"].append(link.task.programme)
    entries = list(
        ReportEntry.objects.filter(
            task_id__in=[link.task_id for link in links],
            report__unit__isnull=False,
            report__status=ReportStatus.ACCEPTED,
        ).values_list("report__agency_id", "status", "report__period__year")
    )
    latest: dict[int, int] = {}
    for agency_id, _status, year in entries:
        latest[agency_id] = max(latest.get(agency_id, 0), year)
    for agency_id, status, year in entries:
        if agency_id in agencies and year == latest[agency_id]:
            agencies[agency_id]["statuses"].append(status)
    rows = [
        {**row, "status": combine_statuses(row["statuses"])}
        for row in sorted(agencies.values(), key=lambda r: name_key(r["agency"]))
    ]
    return {
        "ministries": sum(1 for r in rows if r["agency"].is_ministry_level),
        "provinces": sum(1 for r in rows if r["agency"].is_province),
        "rows": rows,
    }
