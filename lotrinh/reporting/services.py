"""The reporting cycle's state changes: one function per step, each audited.

Each step opens a transaction, locks the report row, checks the rule, saves, records
the audit event and queues notifications after commit.
"""

import datetime
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import PARTY_KINDS, Agency
from lotrinh.agencies.services import (
    GENERIC_SCOPE,
    SuccessionGraph,
    agencies_for_generic,
    generic_codes_covering,
)
from lotrinh.core.audit import record_event
from lotrinh.core.dates import document_day_problem
from lotrinh.core.locale import name_key
from lotrinh.programmes.models import Role as TaskRole
from lotrinh.programmes.models import Task, TaskAssignment
from lotrinh.reporting import rules, texts
from lotrinh.reporting.models import (
    EDITABLE_STATUSES,
    ONE_OFF_TEXT,
    SUB_YEAR_FREQUENCIES,
    AgencyReport,
    Comment,
    ContributionEntry,
    Frequency,
    Notification,
    ReportEntry,
    ReportingPeriod,
    ReportingRegime,
    ReportSnapshot,
    ReportStatus,
    TaskStatus,
    part_label,
)
from lotrinh.reporting.notices import (
    Notice,
    body_in,
    notice,
    period_in,
    post,
    report_names,
)
from lotrinh.reporting.texts import text_problems


class WorkflowError(Exception):
    """A step that the rules do not allow (message for the user, in Vietnamese)."""


class EntryInvalid(WorkflowError):
    """An entry's values break a rule; `problems` maps each field to its message, so the
    form shows each message next to its field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = problems


class AlreadyDone(WorkflowError):
    """A workflow step confirmed on a version of the report that is no longer current: a
    double click, a second tab or a stale form. Nothing was changed (not an error)."""


@dataclass
class Conflict:
    """One unit (a task's entry, a contribution, the sections) saved by someone else first.

    `fields` maps each field that differs to (what the user typed, what is stored now).
    """

    label: str
    fields: dict[str, tuple[Any, Any]]
    changed_by: str = ""
    changed_at: datetime.datetime | None = None
    key: str = ""  # the form prefix of the unit (e<pk>, c<pk>; "" for the sections)

    @property
    def merge_rows(self) -> list[dict[str, Any]]:
        """Each differing field with what the page needs to offer "keep mine / take
        theirs": its label, both values shown and raw, the choice's input name and the
        name of the form field it fills."""
        labels = dict(TaskStatus.choices)
        prefix = f"{self.key}-" if self.key else ""
        shown = []
        for name, (yours, current) in self.fields.items():
            y_shown, c_shown = yours, current
            if name == "status":
                y_shown, c_shown = labels.get(yours, yours), labels.get(current, current)
            shown.append(
                {
                    "label": _field_label(name),
                    "yours": y_shown,
                    "current": c_shown,
                    "yours_raw": "" if yours is None else yours,
                    "current_raw": "" if current is None else current,
                    "input": f"{prefix}take-{name}",
                    "target": f"{prefix}{name}",
                }
            )
        return shown

    @property
    def rows(self) -> list[tuple[str, Any, Any]]:
        """(field label, what the user typed, what is stored now), for the page."""
        labels = dict(TaskStatus.choices)
        shown = []
        for name, (yours, current) in self.fields.items():
            if name == "status":
                yours, current = labels.get(yours, yours), labels.get(current, current)
            shown.append((_field_label(name), yours, current))
        return shown


def _field_label(name: str) -> str:
    for model in (ReportEntry, AgencyReport, ContributionEntry):
        try:
            return str(getattr(model._meta.get_field(name), "verbose_name", name))
        except Exception:  # noqa: BLE001 - not a field of this model
            continue
    return name


class ConflictError(Exception):
    """Someone else saved the same unit first: nothing was overwritten.

    `conflicts` lists each unit with the user's text and the current value side by
    side, and who changed it when; `changes` is {field: [current, yours]} of the first.
    """

    def __init__(self, message: str, conflicts: list[Conflict]) -> None:
        super().__init__(message)
        self.conflicts = conflicts
        first = conflicts[0].fields if conflicts else {}
        self.changes: dict[str, list[Any]] = {f: [cur, yours] for f, (yours, cur) in first.items()}


def last_change(report: AgencyReport, action: str, note: str = "") -> tuple[str, Any]:
    """(who, when) of the last audited save of a unit of `report` (from the audit events)."""
    from lotrinh.core.audit import events_for

    events = events_for(report).filter(action=action)
    if note:
        events = events.filter(note=note)
    event = events.order_by("-occurred_at", "-id").first()
    if event is None:
        return "", None
    actor = event.actor
    who = (getattr(actor, "full_name", "") or getattr(actor, "username", "")) if actor else ""
    return who, event.occurred_at


# ---------------------------------------------------------------- periods


def period_specs(regime: ReportingRegime, until_year: int) -> list[rules.PeriodSpec]:
    """The periods a regime has up to `until_year`, computed (nothing is written).

    A regime whose document states no period ("định kỳ") has none until its receiving
    body sets the schedule (`set_regime_schedule`)."""
    frequency = regime.period_frequency
    if frequency in SUB_YEAR_FREQUENCIES:
        return rules.sub_year_periods(
            frequency,
            regime.first_year or regime.programme.issue_date.year,
            until_year,
            label=lambda year, part: part_label(frequency, year, part),
            deadline_day=regime.deadline_day,
            before=regime.deadline_before,
        )
    if frequency == Frequency.ANNUAL and regime.deadline_month and regime.deadline_day:
        return rules.annual_periods(
            regime.first_year or regime.programme.issue_date.year,
            until_year,
            deadline_month=regime.deadline_month,
            deadline_day=regime.deadline_day,
            before=regime.deadline_before,
            cutoff_start=regime.cutoff_start,
            cutoff_end=regime.cutoff_end,
        )
    if regime.frequency == Frequency.ONCE and regime.deadline_date:
        due = (
            regime.deadline_date - datetime.timedelta(days=1)
            if regime.deadline_before
            else regime.deadline_date
        )
        return [
            rules.PeriodSpec(
                due.year,
                ONE_OFF_TEXT % {"date": f"{due:%d/%m/%Y}"},
                regime.programme.issue_date,
                due,
                due,
            )
        ]
    return []


_periods: Any = None


def _regime_periods(regime: ReportingRegime) -> list[ReportingPeriod]:
    """`regime.periods.all()`: as prefetched with the regime, or else by a query
    compiled once per connection (core/prepared.py): pages listing years read it on
    every visit."""
    prefetched = getattr(regime, "_prefetched_objects_cache", {}).get("periods")
    if prefetched is not None:  # the caller read them with the regime
        return list(prefetched)
    global _periods
    if _periods is None:
        from lotrinh.core.prepared import Prepared

        _periods = Prepared(
            lambda regime_id: ReportingPeriod.objects.filter(regime_id=regime_id),
            [ReportingRegime._meta.pk],
            [987_654_329],
        )
    periods = cast(list[ReportingPeriod], _periods.objects(regime.pk))
    for period in periods:
        period.regime = regime  # as the related manager sets it
    return periods


def periods_of(regime: ReportingRegime, until_year: int) -> list[ReportingPeriod]:
    """The regime's periods up to `until_year` for reading: the stored ones, and unsaved
    instances (no pk) for those the daily cycle has not opened yet. Never writes."""
    existing = {(p.year, p.part): p for p in _regime_periods(regime)}
    specs = period_specs(regime, until_year)
    return _with_kept(
        regime,
        [existing.get(s.key) or unsaved_period(regime, s) for s in specs],
        existing,
        until_year,
    )


def _with_kept(
    regime: ReportingRegime,
    periods: list[ReportingPeriod],
    existing: dict[tuple[int, int], ReportingPeriod],
    until_year: int,
) -> list[ReportingPeriod]:
    """`periods` and, for a regime whose receiving body changed its schedule, the stored
    periods of the earlier schedule it kept (those with reports or past their deadline:
    `schedules.plan_schedule_change`), in order."""
    if not regime.scheduled_frequency:
        return periods
    given = {p.sort_key for p in periods}
    kept = [p for key, p in existing.items() if key not in given and p.year <= until_year]
    return sorted([*periods, *kept], key=lambda p: p.sort_key) if kept else periods


def unsaved_period(regime: ReportingRegime, spec: rules.PeriodSpec) -> ReportingPeriod:
    """The period `spec` of `regime`, not saved (created, previewed or compared)."""
    return ReportingPeriod(
        regime=regime,
        year=spec.year,
        part=spec.part,
        label=spec.label,
        start=spec.start,
        end=spec.end,
        due_date=spec.due_date,
    )


def generate_periods(regime: ReportingRegime, until_year: int) -> list[ReportingPeriod]:
    """Create the regime's periods up to `until_year` (idempotent; services only, never a GET)."""
    specs = period_specs(regime, until_year)
    existing = {(p.year, p.part): p for p in regime.periods.all()}
    missing = [spec for spec in specs if spec.key not in existing]
    if missing:
        ReportingPeriod.objects.bulk_create(
            [unsaved_period(regime, s) for s in missing],
            ignore_conflicts=True,
        )
        existing = {(p.year, p.part): p for p in regime.periods.all()}
    return _with_kept(regime, [existing[spec.key] for spec in specs], existing, until_year)


def reporter_candidates(regime: ReportingRegime) -> QuerySet[Agency]:
    """Every agency that reports under the regime at some date (validity not applied)."""
    if regime.reporters_generic:
        from lotrinh.agencies.services import GENERIC_SCOPE

        return Agency.objects.filter(kind__in=GENERIC_SCOPE[regime.reporters_generic])
    return regime.reporters.all()


def expected_reporters(regime: ReportingRegime, period: ReportingPeriod) -> QuerySet[Agency]:
    """The agencies that must report for a period: those existing on its due date."""
    if regime.reporters_generic:
        return agencies_for_generic(regime.reporters_generic, period.due_date)
    return regime.reporters.all()


def reporters_are_party(regime: ReportingRegime, agencies: Iterable[Agency] | None = None) -> bool:
    """Whether the bodies that report under `regime` are Party bodies (52-NQ/TW section
    4's Party committees and organisations), whose own word is "cấp ủy, tổ chức đảng"
    where a state body is a "cơ quan": the period page, its workbook and the reminders
    say it (the Commission's draft too). `agencies`: the expected reporters when the
    caller has read them (no query then)."""
    if regime.reporters_generic:
        kinds = GENERIC_SCOPE.get(regime.reporters_generic, ())
        return bool(kinds) and set(kinds) <= set(PARTY_KINDS)
    bodies = list(regime.reporters.all() if agencies is None else agencies)
    return bool(bodies) and all(body.kind in PARTY_KINDS for body in bodies)


def reports_expected_of(
    regime: ReportingRegime, agency: Agency
) -> Callable[[ReportingPeriod], bool]:
    """Whether `agency` is among `expected_reporters(regime, period)`, for any number of
    periods in one query (a page listing years must not query once per year)."""
    if not reporter_candidates(regime).filter(pk=agency.pk).exists():
        return lambda period: False
    if regime.reporters_generic:
        return lambda period: agency.is_valid_on(period.due_date)
    return lambda period: True


# ---------------------------------------------------------------- what a report covers


def tasks_for_report(
    agency: Agency, period: ReportingPeriod
) -> tuple[list[tuple[Task, str]], list[Task]]:
    """(tasks to account for with their basis, tasks coordinated) as of the due date.

    An agency accounts for the tasks it leads, those it inherited from predecessors, and
    those addressed to all agencies of its kind; it reports its contribution to the
    tasks it coordinates.
    """
    programme = period.regime.programme
    day = period.due_date
    graph = SuccessionGraph.load()
    named = TaskAssignment.objects.filter(
        task__programme=programme, agency__isnull=False
    ).select_related("agency", "task")
    held = {
        a.agency_id for a in named if a.agency and graph.holder_at(a.agency, day).pk == agency.pk
    }
    lead: dict[int, tuple[Task, str]] = {}
    coordinated: dict[int, Task] = {}
    for assignment in named:
        if assignment.agency_id not in held:
            continue
        via = "direct" if assignment.agency_id == agency.pk else "inherited"
        if assignment.role == TaskRole.LEAD:
            lead.setdefault(assignment.task_id, (assignment.task, via))
        else:
            coordinated.setdefault(assignment.task_id, assignment.task)
    for assignment in TaskAssignment.objects.filter(
        task__programme=programme, generic__in=generic_codes_covering(agency), role=TaskRole.LEAD
    ).select_related("task"):
        lead.setdefault(assignment.task_id, (assignment.task, "generic"))
    for task_id in lead:
        coordinated.pop(task_id, None)
    by_position = sorted(lead.values(), key=lambda pair: pair[0].position)
    return by_position, sorted(coordinated.values(), key=lambda t: t.position)


def report_tasks(report: AgencyReport) -> tuple[list[tuple[Task, str]], list[Task]]:
    """What a report accounts for, as `tasks_for_report` returns it: a unit's report, the
    tasks its unit leads in the agency's plan (no coordinated ones: docs/cascade.md); an
    agency's report, its tasks in the programme. Every path that reconciles a report's
    entries with its tasks asks this, so a unit's entries are never measured against
    the agency's tasks (that deleted them all on return)."""
    if report.unit_id is not None:
        from lotrinh.reporting.rollup import unit_tasks

        assert report.unit is not None
        programme = report.period.regime.programme
        return [(task, "direct") for task in unit_tasks(report.unit, programme)], []
    return tasks_for_report(report.agency, report.period)


def ensure_report(
    agency: Agency, period: ReportingPeriod, *, is_demo: bool = False
) -> AgencyReport:
    return made_report(agency, period, is_demo=is_demo)[0]


@transaction.atomic
def made_report(
    agency: Agency, period: ReportingPeriod, *, is_demo: bool = False
) -> tuple[AgencyReport, bool]:
    """The agency's report for the period, with its entries, and whether this call made
    it (False when it existed, or when another transaction made it first: the unique
    constraint makes the second insert fetch the first one's row)."""
    report, created = AgencyReport.objects.get_or_create(
        agency=agency, period=period, defaults={"is_demo": is_demo}
    )
    if created:
        lead, coordinated = tasks_for_report(agency, period)
        ReportEntry.objects.bulk_create(
            ReportEntry(report=report, task=task, via=via) for task, via in lead
        )
        ContributionEntry.objects.bulk_create(
            ContributionEntry(report=report, task=task) for task in coordinated
        )
    return report, created


def cycle_regimes() -> list[ReportingRegime]:
    """The annual regimes of published programmes that agencies report under."""
    from lotrinh.programmes.models import ProgrammeStatus

    return list(
        ReportingRegime.objects.filter(
            frequency=Frequency.ANNUAL, programme__status=ProgrammeStatus.PUBLISHED
        )
        .exclude(reporters_generic="")
        .select_related("programme")
    )


def sub_year_regimes() -> list[ReportingRegime]:
    """The six-monthly, quarterly and monthly regimes of published programmes that
    named reporters report under: by their document, or by the schedule their receiving
    body set (`schedules.set_regime_schedule`). Not in MOST's yearly cycle, the public
    portal or the dashboards, which follow the annual regimes."""
    from django.db.models import Q

    from lotrinh.programmes.models import ProgrammeStatus

    sub_year = Q(scheduled_frequency__in=SUB_YEAR_FREQUENCIES) | Q(
        scheduled_frequency="", frequency__in=SUB_YEAR_FREQUENCIES
    )
    return list(
        ReportingRegime.objects.filter(sub_year, programme__status=ProgrammeStatus.PUBLISHED)
        .filter(~Q(reporters_generic="") | Q(reporters__isnull=False))
        .distinct()
        .select_related("programme", "recipient")
    )


def scheduled_annual_regimes() -> list[ReportingRegime]:
    """Regimes the document left "định kỳ" whose receiving body set a yearly schedule."""
    from lotrinh.programmes.models import ProgrammeStatus

    return list(
        ReportingRegime.objects.filter(
            scheduled_frequency=Frequency.ANNUAL, programme__status=ProgrammeStatus.PUBLISHED
        ).select_related("programme", "recipient")
    )


def regimes_in_cycle() -> list[ReportingRegime]:
    """Every regime whose periods the daily job opens and whose reporters it reminds."""
    return cycle_regimes() + sub_year_regimes() + scheduled_annual_regimes()


def open_reporting_cycle(today: datetime.date) -> int:
    """Open the reporting cycle (the daily scheduler, `init` and `demo` call it).

    Creates the periods of every annual regime up to this year and, for each period whose
    data window has begun and whose deadline passed less than a year ago, the expected
    agencies' reports with their entries. Idempotent; returns the number of reports created.
    """
    created = 0
    for regime in regimes_in_cycle():
        for period in generate_periods(regime, today.year):
            if period.start > today or (today - period.due_date).days > 366:
                continue
            have = set(period.reports.values_list("agency_id", flat=True))
            for agency in expected_reporters(regime, period):
                if agency.pk not in have:
                    ensure_report(agency, period)
                    created += 1
    return created


class NotOwnRegime(WorkflowError):
    """A regime the user's agency does not report under, or one that does not exist: the
    same refusal for both, so that an id tells nothing about other agencies' regimes."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Không có chế độ báo cáo này trong các chế độ cơ quan của bạn phải báo cáo: "
                "hãy chọn lại chế độ báo cáo."
            )
        )


def _reports_under(user: Any, regime: ReportingRegime) -> bool:
    """Does the user's agency report under `regime` (at some date)? One query."""
    agency_id = getattr(user, "agency_id", None)
    return agency_id is not None and reporter_candidates(regime).filter(pk=agency_id).exists()


@transaction.atomic
def start_report(
    user: Any, regime: ReportingRegime | None, year: int, part: int = 0
) -> tuple[AgencyReport, bool]:
    """An officer starts her agency's report for a period (a year, or a part of it for a
    six-monthly, quarterly or monthly regime) the cycle has not opened for it. Returns
    the report and whether this call started it (False: it was open already).

    One state change: the agency's row is locked, so a second start of the same agency
    (a double click, a colleague, the API) waits here and then finds the report; the
    report is made and its start recorded once. `regime` None (an id that names none)
    is refused as a regime that is not the agency's."""
    agency = getattr(user, "agency", None)
    if agency is None or not (
        perms.can(user, perms.EDIT_REPORT, agency) or perms.can(user, perms.APPROVE_REPORT, agency)
    ):
        raise WorkflowError(_("Bạn không có quyền thực hiện thao tác này với báo cáo này."))
    # Whose regime first: a period's dates must not tell that another agency's regime exists.
    if regime is None or not _reports_under(user, regime):
        raise NotOwnRegime
    of_year = [p for p in generate_periods(regime, year) if p.year == year]
    if not part and regime.period_frequency in SUB_YEAR_FREQUENCIES:
        # No part asked: the latest part of the year already begun.
        begun = [p for p in of_year if p.start <= timezone.localdate()]
        part = begun[-1].part if begun else 1
    period = next((p for p in of_year if p.part == part), None)
    if period is None or period.start > timezone.localdate():
        raise WorkflowError(_("Chưa đến kỳ báo cáo này."))
    if not expected_reporters(regime, period).filter(pk=agency.pk).exists():
        raise WorkflowError(_("Cơ quan của bạn không phải báo cáo trong kỳ này."))
    # FOR NO KEY UPDATE: two starts of the agency's reports wait for each other, while
    # rows that merely refer to the agency (its report, entries) are still written.
    Agency.objects.select_for_update(no_key=True).filter(pk=agency.pk).first()
    report, created = made_report(agency, period)
    if created:
        record_event(user, "report.started", report)
    return report, created


# ---------------------------------------------------------------- who sees what


def reports_for_user(user: User, capability: str = perms.VIEW_REPORT) -> QuerySet[AgencyReport]:
    """Reports a user may see for `capability`: an outsider gets an empty set (→ 404).

    Reading follows the one visibility rule of `permissions.visible_reports` (own agency:
    every state; beyond it: the states the user's role may read); acting on the own
    agency's report follows `permissions.own_reports` (a unit's people: their unit's).
    """
    queryset = AgencyReport.objects.select_related(
        "agency", "unit", "period", "period__regime", "period__regime__programme"
    )
    if capability == perms.VIEW_REPORT:
        # Reading is the visibility rule alone: a signed-in user without a role reads
        # what the public reads (accepted reports).
        return cast(QuerySet[AgencyReport], perms.visible_reports(user, queryset))
    if capability == perms.REVIEW_REPORT and perms.has_capability(user, perms.REVIEW_UNIT_REPORT):
        # An agency's monitoring staff receive its units' reports (docs/cascade.md), and
        # the reports sent to their body when a regime names it (the Party's chain).
        if user.agency_id is None or user.unit_id is not None:
            return queryset.none()
        return queryset.filter(
            Q(agency_id=user.agency_id, unit__isnull=False)
            | Q(
                unit__isnull=True,
                period__regime__recipient_id__in=perms.received_recipient_ids(user),
                status__in=perms.UNIT_REPORT_SENT_STATES,
            )
        )
    if not perms.has_capability(user, capability):
        return queryset.none()
    if capability in perms.OWN_AGENCY_ONLY:
        # A department acts on its own report only, never on another department's.
        return cast(QuerySet[AgencyReport], perms.own_reports(user, capability, queryset))
    return cast(QuerySet[AgencyReport], perms.visible_reports(user, queryset))


# ---------------------------------------------------------------- snapshots


def snapshot_data(report: AgencyReport) -> dict[str, Any]:
    return {
        "agency": report.agency.name_vi,
        "period": report.period.label,
        "revision": report.revision,
        "general_assessment": report.general_assessment,
        "proposals_to_government": report.proposals_to_government,
        "entries": [
            {
                "task": e.task.ref,
                "status": e.status,
                "result": e.result,
                "evidence_number": e.evidence_number,
                "evidence_date": e.evidence_date.isoformat() if e.evidence_date else None,
                "evidence_link": e.evidence_link,
                "evidence_file": e.evidence_file.name if e.evidence_file else "",
                "evidence_name": e.evidence_name,
                "evidence_size": e.evidence_size,
                "evidence_type": e.evidence_type,
                "difficulties": e.difficulties,
                "proposals": e.proposals,
            }
            for e in report.entries.select_related("task").order_by("task__position")
        ],
        "contributions": [
            {"task": c.task.ref, "contribution": c.contribution}
            for c in report.contributions.select_related("task").order_by("task__position")
        ],
    }


def _snapshot(report: AgencyReport, user: Any, reason: str = "") -> None:
    ReportSnapshot.objects.create(
        report=report,
        revision=report.revision,
        status=report.status,
        data=snapshot_data(report),
        reason=reason,
        created_at=timezone.now(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def frozen_view(report: AgencyReport, as_of: datetime.datetime) -> ReportSnapshot | None:
    """The last submitted or accepted copy of a report as of a moment (the cut-off)."""
    return report.snapshots.filter(created_at__lte=as_of).order_by("-created_at", "-id").first()


# ---------------------------------------------------------------- editing

ENTRY_FIELDS = (
    "status",
    "result",
    "evidence_number",
    "evidence_date",
    "evidence_link",
    "difficulties",
    "proposals",
)


def check_editable(report: AgencyReport) -> None:
    """Refuse a change to a report no longer editable, saying why by its state: a stale
    tab saving after the leader approved was told the report was sent or accepted."""
    if report.is_editable:
        return
    if report.status == ReportStatus.APPROVED:
        raise WorkflowError(
            _(
                "Lãnh đạo đã duyệt báo cáo: không sửa được nữa. Lãnh đạo có thể trả lại "
                "người soạn trước khi gửi."
            )
        )
    raise WorkflowError(_("Báo cáo đã gửi hoặc đã được tiếp nhận: không thể sửa."))


def _lock(report: AgencyReport) -> AgencyReport:
    return (
        AgencyReport.objects.select_for_update()
        .select_related("agency", "period")
        .get(pk=report.pk)
    )


def _check(user: Any, capability: str, report: AgencyReport) -> None:
    if not perms.can(user, capability, report):
        raise WorkflowError(_("Bạn không có quyền thực hiện thao tác này với báo cáo này."))


def validate_entry(data: dict[str, Any], today: datetime.date) -> dict[str, str]:
    """Field problems of an entry (shared by the web form and the XLSX upload)."""
    from lotrinh.core.links import is_web_link

    problems: dict[str, str] = {}
    if data.get("status") not in TaskStatus.values:
        problems["status"] = _("Tình trạng không hợp lệ.")
    if data.get("evidence_link") and not is_web_link(data["evidence_link"]):
        # The link is shown as a link to the monitor: only http(s), on every path.
        problems["evidence_link"] = _("Nhập một URL hợp lệ.")
    date_problem = document_day_problem(
        data.get("evidence_date"),
        pgettext("date field, subject of a sentence", "Ngày văn bản"),
        today,
    )
    if date_problem:
        problems["evidence_date"] = date_problem
    if data.get("status") in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE) and not (
        data.get("evidence_number") or data.get("evidence_link") or data.get("evidence_file")
    ):
        problems["evidence_number"] = _(
            "Nhiệm vụ đã hoàn thành cần có minh chứng (số văn bản, đường dẫn hoặc tệp)."
        )
    problems.update(text_problems(data))  # texts.py: the length of the long texts
    return problems


def entry_values(entry: ReportEntry) -> dict[str, Any]:
    """The editable values of an entry, in plain (comparable, JSON-able) form."""
    return {f: _plain(getattr(entry, f)) for f in ENTRY_FIELDS}


def differences(current: dict[str, Any], submitted: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """{field: (submitted, current)} for each submitted field that differs from the current."""
    return {
        f: (_plain(v), current.get(f))
        for f, v in submitted.items()
        if f in current and _plain(v) != current.get(f)
    }


@transaction.atomic
def save_entry(
    entry: ReportEntry, user: Any, data: dict[str, Any], expected_version: int
) -> ReportEntry:
    """Save one task's entry if nobody saved it since `expected_version` was read.

    Only this entry's version is checked and moved: saving one task never makes another
    task's form or the sections form stale. Submitting what is already stored is not a
    conflict (a double click, or the same text saved twice).
    """
    from lotrinh.reporting import evidence

    data = texts.texts_one_line_end(data)
    report = _lock(entry.report)
    _check(user, perms.EDIT_REPORT, report)
    check_editable(report)
    current = ReportEntry.objects.select_for_update().select_related("task").get(pk=entry.pk)
    before = entry_values(current)
    upload = data.get("evidence_file")
    textual = {f: v for f, v in data.items() if f in ENTRY_FIELDS}
    if current.version != expected_version:
        diff = differences(before, textual)
        if upload and _same_file(upload, current):
            upload = None  # the file already stored: a double click sent it twice
        if diff or upload or (data.get("evidence_remove") and current.evidence_file):
            who, when = last_change(report, "report.entry_saved", current.task.ref)
            raise ConflictError(
                _(
                    "Nội dung này vừa được người khác cập nhật; thay đổi của bạn chưa được lưu. Hãy so sánh với giá trị hiện tại rồi lưu lại."
                ),
                [Conflict(current.task.ref, diff, who, when)],
            )
        return current
    accepted = None
    if upload:
        try:
            accepted = evidence.inspect(upload)
        except evidence.EvidenceRefused as exc:
            raise EntryInvalid({"evidence_file": str(exc)}) from None
    # Removing the file detaches it from the entry; the stored file stays, because the
    # frozen copies of earlier submissions still refer to it.
    remove = bool(data.get("evidence_remove")) and not upload and bool(current.evidence_file)
    kept_file = upload or (None if remove else current.evidence_file)
    problems = validate_entry({**data, "evidence_file": kept_file}, timezone.localdate())
    if problems:
        raise EntryInvalid(problems)
    for field in ENTRY_FIELDS:
        if field in data:
            setattr(current, field, data[field])
    if upload and accepted is not None:
        upload.name = evidence.stored_name(accepted)
        current.evidence_file = upload
        current.evidence_name = accepted.original_name
        current.evidence_size = accepted.size
        current.evidence_type = accepted.extension
    elif remove:
        before["evidence_file"] = current.evidence_name or current.evidence_file.name
        current.evidence_file = ""  # type: ignore[assignment]
        current.evidence_name, current.evidence_size, current.evidence_type = "", 0, ""
    after = entry_values(current)
    if after == before and not upload and not remove:
        return current  # nothing changed: no new version, no audit event
    current.version += 1
    current.save()
    if accepted is not None:
        after["evidence_file"] = accepted.original_name
    elif remove:
        after["evidence_file"] = ""
    record_event(
        user, "report.entry_saved", report, before=before, after=after, note=current.task.ref
    )
    return current


def _same_file(upload: Any, entry: ReportEntry) -> bool:
    """`upload` is the entry's stored evidence file: same name, same size, same bytes."""
    if not entry.evidence_file or upload.name != entry.evidence_name:
        return False
    if upload.size != entry.evidence_size:
        return False
    try:
        with entry.evidence_file.open("rb") as stored:
            kept = hashlib.sha256(stored.read()).digest()
    except OSError:
        return False
    upload.seek(0)
    sent = hashlib.sha256(upload.read()).digest()
    upload.seek(0)
    return sent == kept


@transaction.atomic
def save_contribution(
    contribution: ContributionEntry, user: Any, text: str, expected_version: int
) -> ContributionEntry:
    text = texts.one_line_end(text)  # a browser's CR LF, stored as one LF (texts.py)
    report = _lock(contribution.report)
    _check(user, perms.EDIT_REPORT, report)
    check_editable(report)
    current = ContributionEntry.objects.select_for_update().get(pk=contribution.pk)
    if current.version != expected_version:
        if current.contribution == text:
            return current
        who, when = last_change(report, "report.contribution_saved", current.task.ref)
        raise ConflictError(
            _("Nội dung phối hợp vừa được người khác cập nhật; thay đổi của bạn chưa được lưu."),
            [Conflict(current.task.ref, {"contribution": (text, current.contribution)}, who, when)],
        )
    if current.contribution == text:
        return current
    before = current.contribution
    current.contribution = text
    current.version += 1
    current.save()
    record_event(
        user,
        "report.contribution_saved",
        report,
        before={"contribution": before},
        after={"contribution": text},
        note=current.task.ref,
    )
    return current


@transaction.atomic
def save_sections(
    report: AgencyReport,
    user: Any,
    *,
    general_assessment: str,
    proposals_to_government: str,
    expected_version: int,
) -> AgencyReport:
    general_assessment = texts.one_line_end(general_assessment)
    proposals_to_government = texts.one_line_end(proposals_to_government)
    locked = _lock(report)
    _check(user, perms.EDIT_REPORT, locked)
    check_editable(locked)
    before = {
        "general_assessment": locked.general_assessment,
        "proposals_to_government": locked.proposals_to_government,
    }
    submitted = {
        "general_assessment": general_assessment,
        "proposals_to_government": proposals_to_government,
    }
    if submitted == before:
        return locked
    # Only the sections' own version counts: saving a task or a workflow step does not
    # make this form stale.
    if locked.sections_version != expected_version:
        who, when = last_change(locked, "report.sections_saved")
        raise ConflictError(
            _(
                "Phần đánh giá chung và kiến nghị vừa được người khác cập nhật; thay đổi của bạn chưa được lưu."
            ),
            [Conflict(_("Đánh giá chung và kiến nghị"), differences(before, submitted), who, when)],
        )
    locked.general_assessment = general_assessment
    locked.proposals_to_government = proposals_to_government
    locked.sections_version += 1
    locked.save()
    record_event(
        user,
        "report.sections_saved",
        locked,
        before=before,
        after={
            "general_assessment": general_assessment,
            "proposals_to_government": proposals_to_government,
        },
    )
    return locked


@dataclass
class EntryChange:
    entry: ReportEntry
    data: dict[str, Any]
    expected_version: int


@dataclass
class ContributionChange:
    contribution: ContributionEntry
    text: str
    expected_version: int


@dataclass
class SectionsChange:
    general_assessment: str
    proposals_to_government: str
    expected_version: int


@dataclass
class Outcome:
    """What happened to one unit of a "save all": saved, unchanged, conflict or refused."""

    key: str  # the form prefix: e<pk>, c<pk>, or "" for the sections
    label: str
    result: str
    message: str = ""
    problems: dict[str, str] | None = None
    conflict: Conflict | None = None


SAVED, UNCHANGED, CONFLICT, REFUSED = "saved", "unchanged", "conflict", "refused"


@transaction.atomic
def save_all(
    report: AgencyReport,
    user: Any,
    changes: list[EntryChange | ContributionChange | SectionsChange],
) -> list[Outcome]:
    """Save every changed unit of a report in one action.

    Each unit keeps its own version check and its own savepoint: a unit someone else
    changed first is reported as a conflict (with both values), an invalid one as
    refused with its reasons, and the others are saved. Nothing is overwritten.
    """
    locked = _lock(report)
    _check(user, perms.EDIT_REPORT, locked)
    check_editable(locked)
    outcomes: list[Outcome] = []
    for change in changes:
        if isinstance(change, EntryChange):
            key, label = f"e{change.entry.pk}", change.entry.task.ref
        elif isinstance(change, ContributionChange):
            key, label = f"c{change.contribution.pk}", change.contribution.task.ref
        else:
            key, label = "", _("Đánh giá chung và kiến nghị")
        try:
            with transaction.atomic():
                if isinstance(change, EntryChange):
                    version = save_entry(
                        change.entry, user, change.data, change.expected_version
                    ).version
                elif isinstance(change, ContributionChange):
                    version = save_contribution(
                        change.contribution, user, change.text, change.expected_version
                    ).version
                else:
                    version = save_sections(
                        locked,
                        user,
                        general_assessment=change.general_assessment,
                        proposals_to_government=change.proposals_to_government,
                        expected_version=change.expected_version,
                    ).sections_version
        except ConflictError as exc:
            conflict = exc.conflicts[0] if exc.conflicts else None
            if conflict is not None:
                conflict.key = key
            outcomes.append(Outcome(key, label, CONFLICT, str(exc), conflict=conflict))
        except EntryInvalid as exc:
            outcomes.append(Outcome(key, label, REFUSED, str(exc), problems=exc.problems))
        except WorkflowError as exc:
            outcomes.append(Outcome(key, label, REFUSED, str(exc)))
        else:
            saved = version == change.expected_version + 1
            outcomes.append(Outcome(key, label, SAVED if saved else UNCHANGED))
    return outcomes


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


# ---------------------------------------------------------------- workflow steps


def _transition(
    report: AgencyReport,
    user: Any,
    capability: str,
    allowed_from: tuple[str, ...],
    to: str,
    event: str,
    note: str = "",
    expected_version: int | None = None,
) -> AgencyReport:
    locked = _lock(report)
    if capability == perms.REVIEW_REPORT and locked.unit_id is not None:
        # A unit's report is received by its own agency's monitoring staff (docs/cascade.md).
        if not perms.may_review_unit_reports(user, locked):
            raise WorkflowError(
                _("Chỉ cán bộ theo dõi của cơ quan tiếp nhận hoặc trả lại báo cáo của đơn vị.")
            )
    elif capability == perms.REVIEW_REPORT and perms.receiving_body(locked) is not None:
        if not perms.can(user, capability, locked):
            raise WorkflowError(_("Chỉ cơ quan nhận báo cáo tiếp nhận hoặc trả lại báo cáo."))
    elif capability == perms.REVIEW_REPORT:
        if not perms.can(user, capability):
            raise WorkflowError(_("Chỉ Bộ Khoa học và Công nghệ tiếp nhận hoặc trả lại báo cáo."))
    else:
        _check(user, capability, locked)
    if expected_version is not None and locked.version != expected_version:
        # Confirmed on an older state: a second click, another tab, or someone acted first.
        if locked.status == to:
            raise AlreadyDone(
                _(
                    "Bước này đã được thực hiện: báo cáo đang ở trạng thái “%(status)s”. Không thực hiện lại."
                )
                % {"status": locked.get_status_display()}
            )
        raise AlreadyDone(
            _(
                "Báo cáo đã thay đổi từ lúc bạn xác nhận (nay ở trạng thái “%(status)s”): chưa thực hiện gì. Hãy xem lại rồi xác nhận lần nữa."
            )
            % {"status": locked.get_status_display()}
        )
    if locked.status not in allowed_from:
        raise WorkflowError(
            _("Không thể chuyển báo cáo từ trạng thái “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    before = locked.status
    locked.status = to
    locked.version += 1
    now = timezone.now()
    if to == ReportStatus.SUBMITTED:
        locked.submitted_at = now
        locked.first_submitted_at = locked.first_submitted_at or now
    if to == ReportStatus.ACCEPTED:
        locked.accepted_at = now
    locked.save()
    record_event(user, event, locked, before={"status": before}, after={"status": to}, note=note)
    return locked


@transaction.atomic
def approve_report(
    report: AgencyReport, user: Any, expected_version: int | None = None
) -> AgencyReport:
    """The agency's signing leader approves the draft inside the agency."""
    from lotrinh.reporting.rollup import check_units_settled

    check_units_settled(report)  # level by level (docs/cascade.md)
    locked = _transition(
        report,
        user,
        perms.APPROVE_REPORT,
        EDITABLE_STATUSES,
        ReportStatus.APPROVED,
        "report.approved",
        expected_version=expected_version,
    )
    notify_agency(
        locked,
        notice(
            lambda lang: (
                _(
                    "Báo cáo của %(body)s, kỳ %(period)s đã được lãnh đạo duyệt, sẵn sàng gửi %(recipient)s."
                )
                % (report_names(locked, lang) | {"recipient": _recipient(locked, lang)})
            )
        ),
        roles=(Role.REPORTER,),
    )
    return locked


@transaction.atomic
def submit_report(
    report: AgencyReport, user: Any, expected_version: int | None = None
) -> AgencyReport:
    from lotrinh.reporting.rollup import check_units_settled

    # Level by level, again at the submission: a unit may have sent its report after
    # the leader's approval (docs/cascade.md).
    check_units_settled(report)
    was_returned = AgencyReport.objects.filter(pk=report.pk, return_comment__gt="").exists()
    locked = _transition(
        report,
        user,
        perms.SUBMIT_REPORT,
        (ReportStatus.APPROVED,),
        ReportStatus.SUBMITTED,
        "report.resubmitted" if was_returned else "report.submitted",
        expected_version=expected_version,
    )
    _snapshot(locked, user)
    notify_most(
        locked,
        notice(
            lambda lang: (
                _("%(agency)s đã gửi báo cáo kỳ %(period)s.")
                % {
                    # A unit's report is sent by the unit (to its agency's monitors).
                    "agency": body_in(locked.unit or locked.agency, lang),
                    "period": period_in(locked.period, lang),
                }
            )
        ),
    )
    return locked


def resubmit_report(report: AgencyReport, user: Any) -> AgencyReport:
    """Submitting again after a return (the same rule as a first submission)."""
    return submit_report(report, user)


@transaction.atomic
def accept_report(
    report: AgencyReport, user: Any, expected_version: int | None = None
) -> AgencyReport:
    locked = _transition(
        report,
        user,
        perms.REVIEW_REPORT,
        (ReportStatus.SUBMITTED,),
        ReportStatus.ACCEPTED,
        "report.accepted",
        expected_version=expected_version,
    )
    _snapshot(locked, user)
    notify_agency(
        locked,
        notice(
            lambda lang: (
                _("%(recipient)s đã tiếp nhận báo cáo của %(body)s, kỳ %(period)s.")
                % (report_names(locked, lang) | {"recipient": _recipient(locked, lang)})
            )
        ),
        roles=(Role.REPORTER, Role.APPROVER),
    )
    return locked


@transaction.atomic
def return_report(
    report: AgencyReport, user: Any, comment: str, expected_version: int | None = None
) -> AgencyReport:
    comment = _comment_text(comment, _("Cần nêu ý kiến khi trả lại báo cáo."))
    locked = _transition(
        report,
        user,
        perms.REVIEW_REPORT,
        (ReportStatus.SUBMITTED,),
        ReportStatus.RETURNED,
        "report.returned",
        note=comment,
        expected_version=expected_version,
    )
    locked.return_comment = comment
    locked.save(update_fields=["return_comment"])
    _follow_current_version(locked, user)
    notify_agency(
        locked,
        notice(
            lambda lang: (
                _("%(recipient)s trả lại báo cáo của %(body)s, kỳ %(period)s: %(comment)s")
                % (
                    report_names(locked, lang)
                    | {"recipient": _recipient(locked, lang), "comment": comment}
                )
            )
        ),
        roles=(Role.REPORTER, Role.APPROVER),
    )
    return locked


@transaction.atomic
def revise_accepted_report(
    report: AgencyReport, user: Any, reason: str, expected_version: int | None = None
) -> AgencyReport:
    """A correction after acceptance: a new revision; the accepted copy stays readable."""
    reason = _comment_text(reason, _("Cần nêu lý do điều chỉnh báo cáo đã được tiếp nhận."))
    locked = _transition(
        report,
        user,
        perms.EDIT_REPORT,
        (ReportStatus.ACCEPTED,),
        ReportStatus.DRAFT,
        "report.revision_opened",
        note=reason,
        expected_version=expected_version,
    )
    locked.revision += 1
    locked.return_comment = ""
    locked.save(update_fields=["revision", "return_comment"])
    _follow_current_version(locked, user)
    # The receiving body read it as accepted: it is told the copy it holds is being
    # corrected (and why), as it is told of a report sent.
    notify_most(
        locked,
        notice(
            lambda lang: (
                _(
                    "%(body)s mở lại báo cáo kỳ %(period)s (đã được tiếp nhận) để điều chỉnh. Lý do: %(reason)s"
                )
                % (report_names(locked, lang) | {"reason": _excerpt(reason)})
            )
        ),
    )
    return locked


@transaction.atomic
def request_approval(
    report: AgencyReport, user: Any, expected_version: int | None = None
) -> AgencyReport:
    """The drafter asks the agency's leaders to approve the report (no change of state;
    the version moves so the same confirmation cannot ask twice, and a request the
    leader has not acted on yet is not sent again)."""
    locked = _lock(report)
    _check(user, perms.EDIT_REPORT, locked)
    if expected_version is not None and locked.version != expected_version:
        raise AlreadyDone(
            _(
                "Đề nghị duyệt đã được gửi, hoặc báo cáo đã thay đổi từ lúc bạn xác nhận: không gửi lại."
            )
        )
    if not locked.is_editable:
        raise WorkflowError(
            _("Không thể chuyển báo cáo từ trạng thái “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    from lotrinh.reporting.guidance import already_requested, approval_requested_at

    requested = approval_requested_at(locked)
    if requested is not None:
        # The leader was told and has not acted yet: a second notice tells her nothing.
        raise AlreadyDone(already_requested(requested))
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    record_event(user, "report.approval_requested", locked)
    notify_agency(
        locked,
        notice(
            lambda lang: (
                _("Cán bộ đề nghị lãnh đạo duyệt báo cáo của %(body)s, kỳ %(period)s.")
                % report_names(locked, lang)
            )
        ),
        roles=(Role.APPROVER,),
    )
    return locked


@transaction.atomic
def return_to_drafter(
    report: AgencyReport, user: Any, comment: str, expected_version: int | None = None
) -> AgencyReport:
    """The agency's leader sends a draft (or an approved report not yet sent) back to the
    drafters with a comment; the reporters are notified."""
    comment = _comment_text(comment, _("Cần nêu ý kiến khi trả lại người soạn."))
    locked = _transition(
        report,
        user,
        perms.APPROVE_REPORT,
        (ReportStatus.DRAFT, ReportStatus.APPROVED),
        ReportStatus.DRAFT,
        "report.sent_back",
        note=comment,
        expected_version=expected_version,
    )
    notify_agency(
        locked,
        notice(
            lambda lang: (
                _("Lãnh đạo trả lại báo cáo của %(body)s, kỳ %(period)s để soạn tiếp: %(comment)s")
                % (report_names(locked, lang) | {"comment": _excerpt(comment)})
            )
        ),
        roles=(Role.REPORTER,),
    )
    return locked


LEADER_MOVES = ("report.sent_back", "report.approved", "report.revision_opened")


def leader_comment(report: AgencyReport, events: Any = None) -> Any:
    """The leader's comment when she last sent the report back to the drafters, while the
    report has not moved on since (the audit event holds it), or None (`events`: the
    report's `ReportEvents` when the page has read them)."""
    from lotrinh.reporting.report_events import latest_event

    if report.status != ReportStatus.DRAFT:
        return None
    last = latest_event(report, LEADER_MOVES, events)
    return last if last is not None and last.action == "report.sent_back" else None


def _follow_current_version(report: AgencyReport, user: Any) -> None:
    """A report open again accounts for the tasks of the programme's current version."""
    from lotrinh.reporting.carry import reconcile_report

    reconcile_report(report, user=user)


# ---------------------------------------------------------------- notifications


def _excerpt(text: str, length: int = 200) -> str:
    """The start of a comment for a notice, ending with "…" where it is shortened (the
    whole comment is on the report's page and in its history)."""
    from django.utils.text import Truncator

    return Truncator(text).chars(length)


def refuse_nul(*values: str) -> None:
    """PostgreSQL can neither store nor look up a text with a NUL: refused before the
    save fails, nothing saved (comments, amendments)."""
    if any("\x00" in value for value in values):
        raise WorkflowError(_("Văn bản không được chứa ký tự NUL."))


def _comment_text(text: str, empty: str = "") -> str:
    """A comment's text without its surrounding spaces; an empty one is refused with
    `empty` (or "a comment cannot be empty"), a longer one than texts.COMMENT_MAX_CHARS
    with its length (never cut: texts.py). Line breaks are kept as one LF each, as the
    box that limited the text counted them."""
    text = texts.one_line_end(text).strip()
    if not text:
        raise WorkflowError(empty or _("Ý kiến không được để trống."))
    refuse_nul(text)
    problem = texts.length_problem(text, texts.COMMENT_MAX_CHARS)
    if problem:
        raise WorkflowError(problem)
    return text


def _refuse_repeated_comment(thread: QuerySet[Comment], user: Any, text: str) -> None:
    """The thread's last comment again, by its author, word for word: a double click or
    the form sent again (the author's row is the lock), not a second comment. Once
    someone else has spoken, the same words are a new comment."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    last = thread.order_by("-created_at", "-pk").first()
    if last is not None and last.author_id == user.pk and last.text == text:
        raise AlreadyDone(_("Ý kiến này đã được gửi: không gửi lại."))


@transaction.atomic
def add_report_comment(report: AgencyReport, user: Any, text: str) -> Comment:
    """A comment on a report by someone who may read it; audited, the agency is notified."""
    if not perms.may_comment_on_report(user, report):
        raise WorkflowError(_("Bạn không có quyền thực hiện thao tác này với báo cáo này."))
    text = _comment_text(text)
    _refuse_repeated_comment(Comment.objects.filter(report=report), user, text)
    comment = Comment.objects.create(report=report, author=user, text=text)
    record_event(user, "report.commented", report, after={"comment": text})
    notify_agency(
        report,
        notice(
            lambda lang: (
                _("Ý kiến mới về báo cáo của %(body)s, kỳ %(period)s: %(comment)s")
                % (report_names(report, lang) | {"comment": _excerpt(text)})
            )
        ),
        roles=(Role.REPORTER, Role.APPROVER),
        anchor=f"comment-{comment.pk}",
    )
    return comment


@transaction.atomic
def add_task_comment(task: Task, user: Any, text: str) -> Comment:
    """A comment on a programme task by a person of the cycle; audited."""
    if not perms.may_comment_on_task(user, task):
        raise WorkflowError(_("Bạn không có quyền gửi ý kiến."))
    text = _comment_text(text)
    _refuse_repeated_comment(Comment.objects.filter(task=task), user, text)
    comment = Comment.objects.create(task=task, author=user, text=text)
    record_event(user, "task.commented", task, after={"comment": text})
    return comment


_notifications: Any = None


def latest_notifications(user: Any) -> list[Notification]:
    """The person's latest notifications, newest first (`user.notifications.all()[:100]`),
    compiled once per connection (core/prepared.py): the notifications page reads it."""
    global _notifications
    if _notifications is None:
        from lotrinh.core.prepared import Prepared

        _notifications = Prepared(
            lambda user_id: Notification.objects.filter(user_id=user_id)[:100],
            [User._meta.pk],
            [987_654_321],
        )
    return cast(list[Notification], _notifications.objects(user.pk))


NOTIFICATIONS_PER_PAGE = 100


def notifications_page(user: Any, page: int) -> tuple[list[Notification], bool]:
    """One page of the person's notifications, newest first, and whether older ones
    follow: every notification the unread count counts can be reached."""
    size = NOTIFICATIONS_PER_PAGE
    if page == 1:
        items = latest_notifications(user)
        more = len(items) == size and Notification.objects.filter(user=user)[size:].exists()
        return items, more
    found = list(Notification.objects.filter(user=user)[(page - 1) * size : page * size + 1])
    return found[:size], len(found) > size


def mark_notifications_read(user: Any, pk: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) as read (a POST calls it)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())


def notify_agency(
    report: AgencyReport, message: Notice, roles: tuple[str, ...], anchor: str = ""
) -> None:
    """Notify the report's own people in `roles`; the link opens the report (at `anchor`).

    A unit's report concerns that unit's people only, an agency's report its own staff
    (people attached to no unit): another unit may not even read it (docs/cascade.md)."""
    users = list(
        User.objects.people().filter(agency=report.agency, unit=report.unit, role__in=roles)
    )
    link = reverse("reporting:report", args=[report.pk]) + (f"#{anchor}" if anchor else "")
    notify_people(users, message, link)


def _recipient(report: AgencyReport, language: str) -> str:
    """The receiving body's name, as a notice writes it in `language`."""
    from lotrinh.reporting.guidance import receiver_in

    return receiver_in(report, language)


def notify_most(report: AgencyReport, message: Notice) -> None:
    if report.unit_id is not None:
        # A unit reports to its agency: its monitoring staff are told, not MOST; a
        # monitor attached to a unit does not read another unit's report.
        users = list(
            User.objects.people().filter(
                agency_id=report.agency_id, role=Role.AGENCY_MONITOR, unit__isnull=True
            )
        )
        notify_people(users, message, reverse("reporting:report", args=[report.pk]))
        return
    receiver = perms.receiving_body(report)
    if receiver is not None:
        # Sent to another body (a Party committee's report to the Commission).
        users = list(
            User.objects.people().filter(
                agency_id=receiver.pk, role=Role.AGENCY_MONITOR, unit__isnull=True
            )
        )
    else:
        users = list(User.objects.people().filter(role=Role.MOST_MONITOR))
    notify_people(users, message, reverse("reporting:report", args=[report.pk]))


def notify_people(users: list[User], message: Notice, link: str) -> None:
    """In-app notices are written in the step's transaction (rolled back with it), in both
    languages; e-mail leaves only after commit, in Vietnamese."""
    from django.core.mail import send_mail
    from django.utils.text import Truncator

    from lotrinh.core.links import absolute_url

    post(users, message, link)
    recipients = [u.email for u in users if u.email]
    text = message.vi

    # A subject is one line (a line break in a header cannot be sent); the body is whole.
    subject = Truncator("[Lộ trình] " + " ".join(text.split())).chars(130)

    def send() -> None:
        if recipients:
            send_mail(
                subject,
                f"{text}\n\n{absolute_url(link)}",  # e-mail links lead to the site
                None,
                recipients,
                fail_silently=True,
            )

    transaction.on_commit(send)


# ---------------------------------------------------------------- read side


def accepted_copies(programme_code: str) -> list[ReportSnapshot]:
    """The latest accepted frozen copy of each public report of a programme: what the
    public reads (permissions.public_report_rule: accepted and published by MOST at its
    current revision; a report reopened for a revision leaves the public).
    """
    latest: dict[int, int] = {}
    for snapshot_id, report_id in perms.public_copy_rows(programme_code):
        latest.setdefault(report_id, snapshot_id)
    if not latest:
        return []
    return list(
        ReportSnapshot.objects.filter(pk__in=latest.values())
        .select_related("report__agency", "report__period")
        .order_by("-report__period__year", "report__agency__name_sort")
    )


@dataclass(frozen=True)
class PublicEntry:
    """What an agency's accepted report says about one task."""

    year: int
    # Named on the page in its language (`agency_name`): English on an English page.
    agency: Agency
    status: str
    status_label: str
    result: str
    is_contribution: bool = False


def accepted_entries_for_task(
    task: Task, copies: list[ReportSnapshot] | None = None
) -> list[PublicEntry]:
    """Accepted results and contributions on a task (by reference across versions;
    `copies`: the programme's `accepted_copies`, when the caller has read them)."""
    labels = dict(TaskStatus.choices)
    found: list[PublicEntry] = []
    if copies is None:
        copies = accepted_copies(task.programme.code)
    for snapshot in copies:
        year, agency = snapshot.report.period.year, snapshot.report.agency
        for item in snapshot.data.get("entries", []):
            if item.get("task") == task.ref:
                status = item.get("status", "")
                found.append(
                    PublicEntry(
                        year,
                        agency,
                        status,
                        str(labels.get(status, "")),
                        item.get("result", ""),
                    )
                )
        for item in snapshot.data.get("contributions", []):
            if item.get("task") == task.ref and item.get("contribution"):
                found.append(PublicEntry(year, agency, "", "", item["contribution"], True))
    # Newest year first, then by the name the page shows, in its language's order.
    return sorted(found, key=lambda e: (-e.year, name_key(e.agency)))


_rows: Any = None


def _report_rows(report: AgencyReport) -> tuple[list[ReportEntry], list[ContributionEntry]]:
    """The report's entries and contributions with their tasks, in the programme's order:
    two queries compiled once per connection (core/prepared.py; every report page and
    save reads them), each row's `report` set to `report` as its related manager would."""
    global _rows
    if _rows is None:
        from lotrinh.core.prepared import Prepared

        def rows_of(model: Any) -> Prepared:
            return Prepared(
                lambda pk: (
                    model.objects.filter(report_id=pk)
                    .select_related("task", "task__clause", "task__programme")
                    .order_by("task__position")
                ),
                [AgencyReport._meta.pk],
                [987_654_321],
            )

        _rows = (rows_of(ReportEntry), rows_of(ContributionEntry))
    entries, contributions = (query.objects(report.pk) for query in _rows)
    for row in (*entries, *contributions):
        row.report = report
    return entries, contributions


@dataclass
class ReportView:
    report: AgencyReport
    entries: list[ReportEntry]
    contributions: list[ContributionEntry]
    contributions_received: dict[int, list[ContributionEntry]]


def report_view(report: AgencyReport, user: Any = None) -> ReportView:
    """The report's entries and contributions, and the contributions other agencies made
    to its tasks (those `user` may read, when given)."""
    entries, contributions = _report_rows(report)
    received: dict[int, list[ContributionEntry]] = {}
    others = ContributionEntry.objects.filter(
        task__in=[e.task_id for e in entries], report__period=report.period
    ).exclude(contribution="")
    if user is not None:
        others = perms.visible_contributions(user, others, report.agency_id)
    for c in others.select_related("report__agency"):
        received.setdefault(c.task_id, []).append(c)
    return ReportView(report, entries, contributions, received)
