"""An agency's implementation plan of a programme IS its child programme (docs/cascade.md):
issued by the agency, implementing the programme, published when issued (with its number
and date). This module answers "which agencies have issued their plan" for the compliance
page, the dashboards and the consolidated report (`issued_plans`, one source), and
records an issued plan whose text is not imported (`record_plan`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lotrinh.accounts import permissions as perms
from lotrinh.core import concurrency
from lotrinh.core.audit import events_for, record_event
from lotrinh.core.dates import document_day_problem
from lotrinh.programmes.models import (
    Programme,
    ProgrammeKind,
    ProgrammeLineage,
    ProgrammeOrigin,
    ProgrammeStatus,
    Task,
)
from lotrinh.reporting.services import WorkflowError


class PlanDateRefused(WorkflowError):
    """The plan's date of issue breaks the rule of a document's date: said beside it."""


# The Government's programme: the plan the ministries, agencies and provinces issue.
GOVERNMENT_PROGRAMME = "50/NQ-CP"


def plan_programme(agency: Any) -> Programme | None:
    """The programme the agency's plan page is about: 50/NQ-CP for the bodies it
    addresses; for a Party body (which 50/NQ-CP does not address), the Party resolution
    it reports on (52-NQ/TW for the provincial committees), else the one its plans
    implement; None when it has neither yet."""
    from lotrinh.agencies.models import PARTY_KINDS
    from lotrinh.programmes.services import national_versions
    from lotrinh.reporting.models import AgencyReport

    if agency.kind not in PARTY_KINDS:
        code = GOVERNMENT_PROGRAMME
    else:
        code = (
            AgencyReport.objects.filter(agency=agency, unit__isnull=True)
            .order_by("-period__due_date", "-pk")
            .values_list("period__regime__programme__code", flat=True)
            .first()
        ) or (
            child_plans(agency=agency)
            .order_by("-issue_date", "-pk")
            .values_list("implements__code", flat=True)
            .first()
        )
    if not code:
        return None
    # A programme the agency's plans implement, national: never another agency's plan of
    # the same number.
    return (
        national_versions(code)
        .filter(status=ProgrammeStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


class PlanExists(WorkflowError):
    """A new plan recorded with a number the agency has recorded already: refused, naming
    who recorded it and when (the plan's own form corrects it; `plan` is that plan)."""

    def __init__(self, plan: Programme) -> None:
        self.plan = plan
        first = events_for(plan).filter(action="plan.saved").order_by("pk").first()
        if first is not None and first.actor is not None:
            message = _(
                "Kế hoạch số %(number)s đã được ghi ngày %(when)s bởi %(who)s; "
                "muốn sửa, mở kế hoạch đó."
            ) % {
                "number": plan.code,
                "when": timezone.localtime(first.occurred_at).strftime("%d/%m/%Y"),
                "who": first.actor.full_name or first.actor.username,
            }
        else:  # recorded by the system (the demo, the migration of the old plans)
            message = _(
                "Kế hoạch số %(number)s đã được ghi nhận (ngày ban hành %(date)s); "
                "muốn sửa, mở kế hoạch đó."
            ) % {"number": plan.code, "date": plan.issue_date.strftime("%d/%m/%Y")}
        super().__init__(message)


@dataclass(frozen=True)
class IssuedPlan:
    """An agency's plan of a programme, as the compliance page and dashboards read it."""

    agency_id: int
    programme: Programme  # the programme the plan implements
    child: Programme  # the plan itself

    @property
    def is_issued(self) -> bool:
        # A superseded version was published: its issue met the obligation.
        return self.child.status in (ProgrammeStatus.PUBLISHED, ProgrammeStatus.SUPERSEDED)

    @property
    def document_number(self) -> str:
        return self.child.code if self.is_issued else ""

    @property
    def document_date(self) -> datetime.date | None:
        return self.child.issue_date if self.is_issued else None


def child_plans(
    *,
    programme: Programme | None = None,
    agency: Any = None,
    statuses: tuple[str, ...] = (ProgrammeStatus.DRAFT, ProgrammeStatus.PUBLISHED),
) -> Any:
    """Agencies' plans (child programmes; by default drafts and published, not superseded
    versions), of `programme` (any version of it) and of `agency` when given."""
    queryset = Programme.objects.filter(perms.agency_plan_rule(), status__in=statuses)
    if programme is not None:
        queryset = queryset.filter(implements__code=programme.code)
    if agency is not None:
        queryset = queryset.filter(issuer=agency)
    return queryset


def issued_plans(
    *, programme: Programme | None = None, agency: Any = None
) -> dict[tuple[int, str], IssuedPlan]:
    """Each agency's issued plan of each programme, by (agency id, programme code): the
    plan that met the obligation to issue one, i.e. the first the agency published for
    the programme (earliest date of issue; a version since superseded counts, it was
    issued). Later plans and versions never make it late. Drafts are not issued. One
    query."""
    found: dict[tuple[int, str], IssuedPlan] = {}
    children = (
        child_plans(
            programme=programme,
            agency=agency,
            statuses=(ProgrammeStatus.PUBLISHED, ProgrammeStatus.SUPERSEDED),
        )
        .select_related("implements")
        .order_by("-issue_date", "-pk")
    )
    for child in children:  # the earliest comes last and stays
        assert child.implements is not None and child.issuer_id is not None
        key = (child.issuer_id, child.implements.code)
        found[key] = IssuedPlan(
            child.issuer_id, programme if programme is not None else child.implements, child
        )
    return found


def plan_obligation(plan: IssuedPlan | None, due: datetime.date | None) -> str:
    """Whether the obligation to issue a plan is met (`rules.ON_TIME` / `rules.LATE`: the
    issue date of the plan that met it against the deadline) or not (`rules.MISSING`).
    The one rule of the compliance page and the dashboards."""
    from lotrinh.reporting import rules

    issued_on = plan.document_date if plan is not None and plan.is_issued else None
    return rules.classify_plan(issued_on=issued_on, due=due)


def _free_version(code: str, agency: Any, exclude: int | None = None) -> int:
    """The agency's own next version of a plan numbered `code` (another agency's plan of
    the same number counts its own versions)."""
    from lotrinh.programmes.services import next_plan_version

    return next_plan_version(code, agency.pk if agency is not None else None, exclude)


def _slug(number: str, agency: Any, exclude: int | None = None) -> str:
    """`cascade.plan_slug`, its refusal said as the plan pages say theirs."""
    from lotrinh.programmes.cascade import CascadeError, plan_slug

    try:
        return plan_slug(number, agency, exclude)
    except CascadeError as exc:
        raise WorkflowError(str(exc)) from None


def create_recorded_plan(
    agency: Any,
    parent: Programme,
    *,
    number: str,
    date: datetime.date,
    note: str = "",
    source: str = "",
) -> Programme:
    """The published child programme of a plan known by its number and date only (no
    tasks). Callers check who may (`record_plan`) or are the system (the demo, the
    migration of the old plans)."""
    # The title stands for the document's, which is Vietnamese whoever records it (a
    # plan recorded from an English page is not stored with an English title).
    with translation.override("vi"):
        title = _("Kế hoạch thực hiện %(code)s của %(agency)s") % {
            "code": parent.code,
            "agency": agency.name_vi,
        }
    return Programme.objects.create(
        code=number,
        slug=_slug(number, agency),
        version=_free_version(number, agency),
        kind=ProgrammeKind.PLAN,
        title=title,
        issuer=agency,
        issuer_text=agency.name_vi,
        issue_date=date,
        implements=parent,
        implements_code=parent.code,
        status=ProgrammeStatus.PUBLISHED,
        origin=ProgrammeOrigin.RECORD,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        note=note.strip(),
        source=source,
    )


@transaction.atomic
def record_plan(
    user: Any,
    agency: Any,
    parent: Programme,
    *,
    number: str,
    date: datetime.date | None,
    note: str = "",
    plan: Programme | None = None,
    seen: int | None = None,
) -> Programme:
    """Record that `agency` issued its plan of `parent` as number `number` on `date`,
    without importing its text: a published child programme with no tasks yet (its text
    can be imported later on /phan-cap/ as a new version of the same number). With
    `plan`, correct the number, date and note of one of the agency's plans instead;
    `seen`: the plan's version the correction form showed (`core.concurrency`): -1 or
    another refuses a correction made after a colleague's, unless nothing would change."""
    if not perms.can(user, perms.EDIT_PLAN, agency):
        raise WorkflowError(_("Chỉ cơ quan có kế hoạch mới sửa được kế hoạch này."))
    number = " ".join(number.split())[:60]
    if not number or date is None:
        raise WorkflowError(_("Kế hoạch đã ban hành cần cả số, ký hiệu và ngày ban hành."))
    problem = document_day_problem(
        date, pgettext("date field, subject of a sentence", "Ngày ban hành kế hoạch")
    )
    if problem:
        raise PlanDateRefused(problem)
    if plan is not None:
        locked = Programme.objects.select_for_update().get(pk=plan.pk)
        if locked.issuer_id != agency.pk or not perms.is_agency_plan(locked):
            raise WorkflowError(_("Kế hoạch không thuộc cơ quan."))
        unchanged = (locked.code, locked.issue_date, locked.note) == (number, date, note.strip())
        if unchanged:
            return locked  # the same correction sent twice: nothing to write or record
        if seen is not None:
            concurrency.check_event_version(locked, seen)
        before = {"number": locked.code, "date": locked.issue_date.isoformat()}
        if locked.code != number:
            locked.version = _free_version(number, agency, exclude=locked.pk)
        locked.code, locked.issue_date = number, date
        locked.slug = _slug(number, agency, exclude=locked.pk)
        locked.note = note.strip()
        locked.save(update_fields=["code", "issue_date", "slug", "note", "version"])
        record_event(
            user,
            "plan.saved",
            locked,
            before=before,
            after={"number": number, "date": date.isoformat()},
        )
        return locked
    same = (
        child_plans(programme=parent, agency=agency)
        .filter(code=number, status=ProgrammeStatus.PUBLISHED)
        .select_for_update()
        .first()
    )
    if same is not None:
        if (same.issue_date, same.note) == (date, note.strip()):
            return same  # the same plan sent twice (a double click): already recorded
        # Not a correction: this form is for a new plan, and the one with this number may
        # be a colleague's. Its own form corrects it (`plan`, with the version it showed).
        raise PlanExists(same)
    child = create_recorded_plan(agency, parent, number=number, date=date, note=note)
    record_event(user, "plan.saved", child, after={"number": number, "date": date.isoformat()})
    return child


@dataclass(frozen=True)
class PlanTaskState:
    """Where a task of an agency's plan stands, from its units' accepted reports of the
    latest year they reported it: the combined status (`rollup.combine_statuses`) and the
    share of those entries that say done (0–100)."""

    status: str
    progress: int
    year: int | None

    @property
    def done(self) -> bool:
        from lotrinh.reporting.models import DONE_STATUSES

        return self.status in DONE_STATUSES


def plan_task_states(task_ids: Any, user: Any) -> dict[int, PlanTaskState]:
    """The state of each task of `task_ids` (tasks of agencies' plans) as `user` may read
    it (`permissions.units_results_rule`): from every unit's accepted entries for the
    agency's staff and those who follow compliance; from the own unit's alone for a unit's
    person, and only on the tasks her unit holds or reported on. A task absent from the
    result is one whose state the viewer does not read (shown as "—", never as 0 %).
    Three queries at most, whatever the number of tasks."""
    from lotrinh.programmes.models import UnitAssignment
    from lotrinh.reporting.models import DONE_STATUSES, ReportEntry, ReportStatus
    from lotrinh.reporting.rollup import combine_statuses

    task_ids = list(task_ids)
    issuers = dict(Task.objects.filter(pk__in=task_ids).values_list("pk", "programme__issuer_id"))
    whole = {
        issuer: perms.may_read_units_progress(user, issuer) for issuer in set(issuers.values())
    }
    scope = {pk for pk, issuer in issuers.items() if whole[issuer]}
    unit_id = getattr(user, "unit_id", None)
    by_task: dict[int, dict[int, list[str]]] = {}
    for task_id, year, status, reporter_unit in ReportEntry.objects.filter(
        perms.units_results_rule(user),
        task_id__in=task_ids,
        report__unit__isnull=False,
        report__status=ReportStatus.ACCEPTED,
    ).values_list("task_id", "report__period__year", "status", "report__unit_id"):
        by_task.setdefault(task_id, {}).setdefault(year, []).append(status)
        if reporter_unit == unit_id:
            scope.add(task_id)
    if unit_id is not None and len(scope) < len(task_ids):
        # The own unit's tasks not reported on yet: hers to read (not started).
        scope |= set(
            UnitAssignment.objects.filter(task_id__in=task_ids, unit_id=unit_id).values_list(
                "task_id", flat=True
            )
        )
    states = {pk: NO_STATE for pk in scope}
    for task_id, years in by_task.items():
        year = max(years)
        statuses = years[year]
        done = sum(1 for s in statuses if s in DONE_STATUSES)
        states[task_id] = PlanTaskState(
            combine_statuses(statuses), round(100 * done / len(statuses)), year
        )
    return states


NO_STATE = PlanTaskState("not_started", 0, None)
