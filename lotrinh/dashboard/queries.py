"""What the overview pages read. Read-only, and a fixed number of queries whatever the
number of agencies, reports, tasks or entries (tests/dashboard/test_queries.py)."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import GENERIC_SCOPE
from lotrinh.core.locale import name_order
from lotrinh.core.params import whole_number
from lotrinh.programmes.models import Programme, ProgrammeStatus, Task, TaskGroup
from lotrinh.programmes.services import agency_tasks
from lotrinh.reporting import rules, services, task_status
from lotrinh.reporting.models import (
    DONE_STATUSES,
    SUB_YEAR_FREQUENCIES,
    AgencyReport,
    Frequency,
    ReportEntry,
    ReportingPeriod,
    ReportingRegime,
    ReportStatus,
    TaskStatus,
)
from lotrinh.reporting.plans import (
    IssuedPlan,
    PlanTaskState,
    child_plans,
    issued_plans,
    plan_obligation,
    plan_task_states,
)
from lotrinh.reporting.services import periods_of

TODO_LIMIT = 10


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


def period_label(period: ReportingPeriod) -> str:
    """A period's label in the page's language (the stored label is Vietnamese)."""
    return period.title


# ---------------------------------------------------------------- the programmes' regimes


@dataclass
class Regimes:
    """The published programmes' regimes with their periods: the annual cycle regimes
    addressed to kinds of agencies (MOST's front page), every regime whose reports the
    daily cycle opens (an agency's page), and the plan regimes."""

    cycle: list[ReportingRegime]
    periodic: list[ReportingRegime]
    plan_due: dict[int, datetime.date | None]  # programme id → plan deadline
    has_plan_regime: set[int]
    plan_regimes: list[ReportingRegime]


def _regimes() -> Regimes:
    regimes = list(
        ReportingRegime.objects.filter(programme__status=ProgrammeStatus.PUBLISHED)
        .select_related("programme")
        .prefetch_related("periods", "reporters")
        .order_by("programme__issue_date", "programme_id", "id")
    )
    cycle = [
        r
        for r in regimes
        if r.frequency == Frequency.ANNUAL and r.reporters_generic in GENERIC_SCOPE
    ]
    periodic = [r for r in regimes if _in_cycle(r)]
    plan_due: dict[int, datetime.date | None] = {}
    plan_regimes = []
    for regime in regimes:
        if regime.frequency == Frequency.ONCE and regime.programme_id not in plan_due:
            due = regime.deadline_date
            if due is not None and regime.deadline_before:
                due -= datetime.timedelta(days=1)
            plan_due[regime.programme_id] = due
            plan_regimes.append(regime)
    return Regimes(cycle, periodic, plan_due, set(plan_due), plan_regimes)


def _in_cycle(regime: ReportingRegime) -> bool:
    """`services.regimes_in_cycle` on a regime read with its reporters: the regimes whose
    reports the daily cycle opens (annual to kinds of agencies, six-monthly, quarterly or
    monthly to named or generic reporters, "định kỳ" given a yearly schedule)."""
    if regime.frequency == Frequency.ANNUAL and regime.reporters_generic:
        return True
    if regime.period_frequency in SUB_YEAR_FREQUENCIES:
        return bool(regime.reporters_generic) or bool(regime.reporters.all())
    return regime.scheduled_frequency == Frequency.ANNUAL


def _asks(regime: ReportingRegime, agency: Agency) -> bool:
    """Is `agency` among the regime's reporters at some date (read with its reporters)?"""
    if regime.reporters_generic:
        return agency.kind in GENERIC_SCOPE.get(regime.reporters_generic, ())
    return agency.pk in {a.pk for a in regime.reporters.all()}


def reports_expected_of(
    regime: ReportingRegime, agency: Agency
) -> Callable[[ReportingPeriod], bool]:
    """`services.reports_expected_of` (what "my reports" asks) on a regime read with its
    reporters: no query, so a page listing every regime stays at a fixed number."""
    if not _asks(regime, agency):
        return lambda period: False
    if regime.reporters_generic:
        return lambda period: agency.is_valid_on(period.due_date)
    return lambda period: True


def _expected(regime: ReportingRegime, agency: Agency, day: datetime.date) -> bool:
    return agency.kind in GENERIC_SCOPE[regime.reporters_generic] and agency.is_valid_on(day)


def current_period(regime: ReportingRegime, today: datetime.date) -> ReportingPeriod | None:
    """The period of the running cycle: the latest whose data window has begun."""
    begun = [p for p in periods_of(regime, today.year) if p.start <= today]
    return begun[-1] if begun else None


def _state(
    period: ReportingPeriod,
    status: str | None,
    first: datetime.datetime | None,
    today: Any,
    accepted: bool = False,
) -> str:
    return rules.classify_report(
        due=period.due_date,
        first_submitted=timezone.localdate(first) if first else None,
        status=status,
        today=today,
        accepted=accepted,
    )


# ---------------------------------------------------------------- MOST's front page


@dataclass
class CycleSummary:
    programme: Programme
    period: ReportingPeriod
    expected: int
    counts: Counter[str]
    overdue: list[Agency]

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        """(key, label, number) in the order the page shows them."""
        c = self.counts
        return [
            ("due", _("Phải nộp"), self.expected),
            ("on_time", _("Đúng hạn"), c[rules.ON_TIME]),
            ("late", _("Muộn"), c[rules.LATE]),
            ("missing", _("Quá hạn, chưa nộp"), c[rules.MISSING]),
            ("not_due", _("Chưa đến hạn, chưa nộp"), c[rules.NOT_DUE]),
            ("returned", _("Bị trả lại"), c[rules.RETURNED]),
            ("submitted", _("Chờ tiếp nhận"), c["status:submitted"]),
            ("accepted", _("Đã tiếp nhận"), c["status:accepted"]),
        ]


@dataclass
class PlanSummary:
    programme: Programme
    expected: int
    issued: int
    due: datetime.date | None


@dataclass
class GroupRow:
    group: TaskGroup
    tasks: int
    counts: Counter[str]

    @property
    def reported(self) -> int:
        """Tasks with a status (the others have no report yet)."""
        return self.tasks - self.counts[task_status.NO_REPORT]


@dataclass
class TodoItem:
    text: str
    detail: str
    url: str
    day: datetime.date | None = None
    lang_vi: bool = False  # the text is Vietnamese data (an agency name) on an English page
    detail_vi: bool = False  # the same for the detail line


@dataclass
class TodoGroup:
    key: str
    title: str
    total: int
    items: list[TodoItem]
    more_url: str = ""


@dataclass
class MostOverview:
    today: datetime.date
    cycles: list[CycleSummary]
    plans: list[PlanSummary]
    task_status: list[tuple[str, str, int]]
    groups: list[GroupRow]
    targets: list[tuple[str, str, int, str]]
    todo: list[TodoGroup]

    @property
    def todo_total(self) -> int:
        return sum(g.total for g in self.todo)


def indicator_label(indicator: Any) -> str:
    return indicator.name_en if _english() and indicator.name_en else indicator.name_vi


def agency_label(agency: Agency) -> str:
    return agency.name_en if _english() and agency.name_en else agency.name_vi


def most_overview(user: Any, today: datetime.date) -> MostOverview:
    regimes = _regimes()
    # In the order of the names the page shows: the late ones are listed so.
    agencies = list(Agency.objects.order_by(name_order(), "pk"))

    cycles: list[tuple[ReportingRegime, ReportingPeriod, list[Agency]]] = []
    for regime in regimes.cycle:
        period = current_period(regime, today)
        if period is None:
            continue
        expected = [a for a in agencies if _expected(regime, a, period.due_date)]
        cycles.append((regime, period, expected))

    # By regime and year, not by period id: the current period may not be stored yet,
    # and an empty `period_id__in` would skip the query (counts must not depend on data).
    found = {
        (agency_id, regime_id, year): (status, first, accepted is not None)
        for agency_id, regime_id, year, status, first, accepted in AgencyReport.objects.filter(
            # An agency's own report, never one of its units' (those are the agency's to see).
            unit__isnull=True,
            period__regime_id__in=[r.pk for r in regimes.cycle],
            period__year__in=sorted({p.year for _r, p, _e in cycles}) or [0],
        ).values_list(
            "agency_id",
            "period__regime_id",
            "period__year",
            "status",
            "first_submitted_at",
            "accepted_at",
        )
    }
    plans_found = {key: plan.is_issued for key, plan in issued_plans().items()}

    summaries: list[CycleSummary] = []
    plan_rows: list[PlanSummary] = []
    for regime, period, expected in cycles:
        counts: Counter[str] = Counter()
        overdue = []
        for agency in expected:
            status, first, accepted = found.get(
                (agency.pk, regime.pk, period.year), (None, None, False)
            )
            state = _state(period, status, first, today, accepted)
            counts[state] += 1
            if status:
                counts[f"status:{status}"] += 1
            if state == rules.MISSING:
                overdue.append(agency)
        summaries.append(CycleSummary(regime.programme, period, len(expected), counts, overdue))
        if regime.programme_id in regimes.has_plan_regime:
            plan_rows.append(
                PlanSummary(
                    regime.programme,
                    len(expected),
                    sum(1 for a in expected if plans_found.get((a.pk, regime.programme.code))),
                    regimes.plan_due.get(regime.programme_id),
                )
            )

    task_status, groups = _task_statuses(user)
    return MostOverview(
        today=today,
        cycles=summaries,
        plans=plan_rows,
        task_status=task_status,
        groups=groups,
        targets=_target_statuses(today),
        todo=_todo(user, summaries),
    )


# Every status a task may show, and the tasks nobody has reported on yet: the columns
# add up to the number of tasks.
TASK_STATUS_ORDER = [*(s for s, _label in TaskStatus.choices), task_status.NO_REPORT]


def _task_statuses(user: Any) -> tuple[list[tuple[str, str, int]], list[GroupRow]]:
    """Each task of the national programmes counted once, by the status its page shows
    (`task_status.programme_task_states`, as `user` may read it); an agency's own plan and
    its units' reports are not national work."""
    national = perms.national_programmes(
        Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)
    ).values("pk")
    tasks = list(
        Task.objects.filter(programme__in=national).values_list(
            "programme__code", "ref", "group_id"
        )
    )
    states = task_status.programme_task_states({code for code, _ref, _g in tasks}, user)
    overall: Counter[str] = Counter()
    by_group: dict[int, Counter[str]] = defaultdict(Counter)
    tasks_per_group: Counter[int] = Counter()
    for code, ref, group_id in tasks:
        state = states.get((code, ref))
        status = state.status if state else task_status.NO_REPORT
        overall[status] += 1
        by_group[group_id][status] += 1
        tasks_per_group[group_id] += 1
    status_rows = [(s, task_status.status_label(s), overall[s]) for s in TASK_STATUS_ORDER]
    groups = [
        GroupRow(group, tasks_per_group.get(group.pk, 0), by_group.get(group.pk, Counter()))
        for group in TaskGroup.objects.filter(programme__in=national)
        .select_related("programme")
        .order_by("programme__issue_date", "programme_id", "position", "id")
    ]
    return status_rows, groups


def _target_statuses(today: datetime.date) -> list[tuple[str, str, int, str]]:
    """How many target milestones are in each progress status (indicators/progress.py)."""
    from lotrinh.indicators import progress
    from lotrinh.indicators.services import programme_statuses

    counts: Counter[str] = Counter()
    for status in programme_statuses(as_of=today):
        for row in status.milestones:
            counts[row.progress.status] += 1
    english = _english()
    return [
        (key, labels[1] if english else labels[0], counts[key], progress.STATUS_TONE.get(key, ""))
        for key, labels in progress.STATUS_LABELS.items()
        if counts[key]
    ]


def _todo(user: Any, cycles: list[CycleSummary]) -> list[TodoGroup]:
    """What needs MOST's attention today, each item a link to the exact page."""
    from lotrinh.importer.models import DraftImport, DraftStatus
    from lotrinh.indicators.models import Approval, Observation
    from lotrinh.reporting.models import AmendmentProposal, AmendmentStatus

    groups: list[TodoGroup] = []
    if perms.has_capability(user, perms.REVIEW_REPORT):
        # Those MOST accepts or returns: not a Party committee's report to the Commission,
        # which MOST may read (as "my reports" lists them).
        waiting = perms.visible_reports(
            user, AgencyReport.objects.filter(status=ReportStatus.SUBMITTED)
        ).filter(perms.most_receives("period__"))
        items = [
            TodoItem(
                agency_label(r.agency),
                f"{r.period.regime.programme.code} · {period_label(r.period)}",
                reverse("reporting:report", args=[r.pk]),
                timezone.localdate(r.submitted_at) if r.submitted_at else None,
                lang_vi=not (_english() and r.agency.name_en),
            )
            for r in waiting.select_related("agency", "period__regime__programme").order_by(
                "submitted_at", "pk"
            )[:TODO_LIMIT]
        ]
        groups.append(TodoGroup("reports", _("Báo cáo chờ tiếp nhận"), waiting.count(), items))
    if perms.has_capability(user, perms.APPROVE_OBSERVATION):
        # Never one's own entry (four eyes): it waits for another monitor.
        pending = perms.reviewable_observations(
            user, Observation.objects.filter(approval=Approval.PENDING)
        )
        items = [
            TodoItem(
                f"{indicator_label(o.indicator)} · {o.year}",
                agency_label(o.agency) if o.agency else "",
                reverse("indicators:indicator", args=[o.indicator.code]) + f"#observation-{o.pk}",
                timezone.localdate(o.recorded_at) if o.recorded_at else None,
                lang_vi=not (_english() and o.indicator.name_en),
                detail_vi=o.agency is not None and not (_english() and o.agency.name_en),
            )
            for o in pending.select_related("indicator", "agency").order_by("recorded_at", "pk")[
                :TODO_LIMIT
            ]
        ]
        groups.append(TodoGroup("values", _("Số liệu chờ duyệt"), pending.count(), items))
    if perms.has_capability(user, perms.DECIDE_AMENDMENT):
        open_proposals = AmendmentProposal.objects.filter(
            status__in=(AmendmentStatus.PROPOSED, AmendmentStatus.CONSOLIDATED)
        )
        items = [
            TodoItem(
                agency_label(p.agency),
                f"{p.programme.code} {p.task_ref} · {p.get_kind_display()}",
                reverse("reporting:amendments") + f"#amendment-{p.pk}",
                timezone.localdate(p.proposed_at) if p.proposed_at else None,
                lang_vi=not (_english() and p.agency.name_en),
            )
            for p in open_proposals.select_related("agency", "programme").order_by(
                "proposed_at", "pk"
            )[:TODO_LIMIT]
        ]
        groups.append(
            TodoGroup(
                "amendments", _("Đề xuất sửa đổi chờ quyết định"), open_proposals.count(), items
            )
        )
    if perms.has_capability(user, perms.IMPORT_PROGRAMME):
        drafts = DraftImport.objects.filter(status=DraftStatus.DRAFT)
        items = [
            TodoItem(
                d.code or d.filename,
                d.filename,
                reverse("importer:review", args=[d.pk]),
                timezone.localdate(d.created_at) if d.created_at else None,
            )
            for d in drafts.order_by("created_at", "pk")[:TODO_LIMIT]
        ]
        groups.append(TodoGroup("imports", _("Văn bản nhập chờ rà soát"), drafts.count(), items))
    # Only the items shown are written (each a URL), however many agencies are late.
    late = [(cycle, agency) for cycle in cycles for agency in cycle.overdue]
    overdue = [
        TodoItem(
            agency_label(agency),
            f"{cycle.programme.code} · {period_label(cycle.period)}",
            reverse("dashboard:agency", args=[agency.code]),
            cycle.period.due_date,
            lang_vi=not (_english() and agency.name_en),
        )
        for cycle, agency in late[:TODO_LIMIT]
    ]
    groups.append(
        TodoGroup(
            "overdue",
            _("Cơ quan quá hạn nộp báo cáo"),
            len(late),
            overdue,
            reverse("reporting:compliance")
            if perms.has_capability(user, perms.VIEW_COMPLIANCE)
            else "",
        )
    )
    return groups


# ---------------------------------------------------------------- an agency's obligations


@dataclass
class ReportRow:
    programme: Programme
    period: ReportingPeriod
    state: str  # rules.ON_TIME … or "accepted"/"submitted" when readable
    label: str
    report_id: int | None  # a link only when the viewer may read the report
    overdue: bool
    done: bool


@dataclass
class PlanRow:
    programme: Programme
    plan: IssuedPlan | None
    due: datetime.date | None
    overdue: bool
    # `plans.plan_obligation`: on time, late or missing, as on MOST's compliance page.
    state: str = rules.MISSING

    @property
    def issued(self) -> bool:
        return self.plan is not None and self.plan.is_issued

    @property
    def late(self) -> bool:
        return self.state == rules.LATE


@dataclass
class ActionRow:
    """A task of the agency's own published plan (a child programme) with its deadline."""

    task: Task
    programme: Programme  # the programme the plan implements
    state: PlanTaskState | None  # None: the viewer does not read its units' progress
    overdue: bool

    @property
    def units(self) -> str:
        return ", ".join(
            a.unit.name_vi for a in self.task.unit_assignments.all() if a.role == "lead"
        )


@dataclass
class TaskRow:
    task: Task
    role: str
    role_label: str
    via: str
    status: str
    status_label: str
    year: int | None
    overdue: bool


def task_gist(text: str) -> str:
    """A task's text in a line of the deadlines: its first twenty words and "…" when
    longer (it was cut at 120 characters, mid-word and with no sign: "… rà soát, hoàn t")."""
    from django.utils.text import Truncator

    return Truncator(" ".join(text.split())).words(20, truncate=" …")


@dataclass
class Deadline:
    uid: str
    day: datetime.date
    kind: str  # report, plan, action, task
    kind_label: str
    summary: str
    url: str
    done: bool
    overdue: bool
    text_vi: bool = False  # the summary quotes a task's Vietnamese text


# How many of its plans' tasks the agency's dashboard lists (docs/dashboards.md).
ACTIONS_SHOWN = 15


@dataclass
class Obligations:
    agency: Agency
    today: datetime.date
    reports: list[ReportRow] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    waiting: list[AgencyReport] = field(default_factory=list)  # sent to it, to decide

    @property
    def overdue_count(self) -> int:
        return sum(1 for d in self.deadlines if d.overdue)

    @property
    def actions_shown(self) -> list[ActionRow]:
        """The plan tasks the dashboard lists: the overdue first, then those still open by
        deadline, then the done; at most `ACTIONS_SHOWN` (a province's plan has 179 tasks:
        the whole list is the plan's own task list, `action_plans`)."""

        # Sorted is stable: each rank keeps the actions' deadline order.
        def rank(a: ActionRow) -> int:
            if a.overdue:
                return 0
            return 2 if a.state is not None and a.state.done else 1

        return sorted(self.actions, key=rank)[:ACTIONS_SHOWN]

    @property
    def action_plans(self) -> list[tuple[Programme, int]]:
        """Each plan whose tasks are listed, with how many it has (for its list's link)."""
        return list(Counter(a.task.programme for a in self.actions).items())

    @property
    def open_deadlines(self) -> list["Deadline"]:
        """What is still owed, the oldest (overdue) first: the page shows these first, so
        a phone does not scroll past six years of done work to reach them."""
        return [d for d in self.deadlines if not d.done]

    @property
    def first_open_deadlines(self) -> list["Deadline"]:
        """The open deadlines the page shows unfolded: every overdue one, then the next
        ones up to `ACTIONS_SHOWN` (a plan of 179 tasks has as many deadlines)."""
        open_ = self.open_deadlines
        return open_[: max(ACTIONS_SHOWN, sum(1 for d in open_ if d.overdue))]

    @property
    def later_open_deadlines(self) -> list["Deadline"]:
        """The rest of the open deadlines, shown folded."""
        return self.open_deadlines[len(self.first_open_deadlines) :]

    @property
    def done_deadlines(self) -> list["Deadline"]:
        """What is done, the latest first (shown folded)."""
        return [d for d in reversed(self.deadlines) if d.done]


def _report_label(state: str, status: str | None, readable: bool, accepted: bool = False) -> str:
    if readable and rules.revising_after_acceptance(status=status, accepted=accepted):
        return str(_("Đang điều chỉnh sau khi tiếp nhận"))
    if readable and status:
        return str(ReportStatus(status).label)
    return {
        rules.MISSING: _("Quá hạn, chưa nộp"),
        rules.NOT_DUE: _("Chưa nộp"),
        rules.ON_TIME: _("Đã nộp đúng hạn"),
        rules.LATE: _("Đã nộp muộn"),
        rules.RETURNED: _("Bị trả lại"),
    }.get(state, "")


def agency_obligations(user: Any, agency: Agency, today: datetime.date) -> Obligations:
    """What `agency` owes across programmes, as `user` may see it.

    A report the viewer may not read (`permissions.may_read_report`) shows only its
    period and deadline, as "not sent": never its state or a link."""
    result = Obligations(agency, today)
    regimes = _regimes()
    reports = {
        r["period_id"]: r
        for r in AgencyReport.objects.filter(agency=agency, unit__isnull=True).values(
            "pk", "period_id", "status", "first_submitted_at", "accepted_at"
        )
    }
    # Every regime the agency reports under (annual, six-monthly… to MOST or to another
    # body), by the rule "my reports" asks, and any report it has already opened.
    for regime in regimes.periodic:
        expected = reports_expected_of(regime, agency)
        for period in periods_of(regime, today.year):
            found = reports.get(period.pk) if period.pk else None
            if period.start > today or not (found or expected(period)):
                continue
            status: str | None = found["status"] if found else None
            readable = status is not None and perms.may_read_report(user, agency.pk, status)
            if not readable and found and found["accepted_at"] is not None:
                # Reopened for a revision after acceptance: those who read its accepted
                # copy see it as sent (and being revised), as the compliance page does.
                readable = rules.revising_after_acceptance(
                    status=status, accepted=True
                ) and perms.may_read_accepted_copy(
                    user,
                    AgencyReport(pk=found["pk"], agency=agency, period=period),
                )
            shown = status if readable else None
            accepted = bool(readable and found and found["accepted_at"])
            state = _state(
                period,
                shown,
                found["first_submitted_at"] if readable and found else None,
                today,
                accepted,
            )
            done = shown in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
            result.reports.append(
                ReportRow(
                    regime.programme,
                    period,
                    state,
                    _report_label(state, shown, readable, accepted),
                    found["pk"] if readable and found else None,
                    # Past the deadline and not in the recipient's hands, as read.
                    overdue=rules.overdue(
                        due=period.due_date, today=today, status=shown, accepted=accepted
                    ),
                    done=done,
                )
            )
    # The latest period first: the one being written is what the page is opened for.
    result.reports.sort(key=lambda r: (r.period.due_date, r.programme.code), reverse=True)
    result.waiting = waiting_reports(user, agency)

    # The programmes whose plan regime asks the agency for an implementation plan.
    plans = {code: p for (_a, code), p in issued_plans(agency=agency).items()}
    for regime in regimes.plan_regimes:
        due = regimes.plan_due.get(regime.programme_id)
        if not _asks(regime, agency) or not agency.is_valid_on(due or today):
            continue
        programme = regime.programme
        plan = plans.get(programme.code)
        state = plan_obligation(plan, due)
        result.plans.append(
            PlanRow(
                programme,
                plan,
                due,
                overdue=state == rules.MISSING and due is not None and due < today,
                state=state,
            )
        )
    plan_tasks = list(
        Task.objects.filter(
            programme__in=child_plans(agency=agency).filter(
                status=ProgrammeStatus.PUBLISHED, implements__status=ProgrammeStatus.PUBLISHED
            )
        )
        .select_related("programme__implements")
        .prefetch_related("unit_assignments__unit")
        .order_by(F("deadline").asc(nulls_last=True), "programme_id", "position")
    )
    # A unit's person reads her own unit's state only (`permissions.units_results_rule`):
    # another unit's task shows no figure and no "overdue", which would say how it stands.
    plan_states = plan_task_states([t.pk for t in plan_tasks], user)
    for task in plan_tasks:
        plan_state = plan_states.get(task.pk)
        assert task.programme.implements is not None
        result.actions.append(
            ActionRow(
                task,
                task.programme.implements,
                plan_state,
                overdue=plan_state is not None
                and task.deadline is not None
                and task.deadline < today
                and not plan_state.done,
            )
        )

    # The successions the permission rules read for this request (one read).
    held = agency_tasks(agency, today, perms.succession_graph(user))
    rows = held.lead + [r for r in held.generic if r.role == "lead"] + held.coordinating
    # The latest status said: an entry of a draft nobody has saved yet holds only the
    # value every new entry starts with ("Chưa triển khai"), not what the agency reported;
    # two reports of one year (six-monthly) are told apart by their end.
    latest: dict[int, tuple[datetime.date, int, str]] = {}
    entries = ReportEntry.objects.filter(
        report__agency=agency, task_id__in=[r.task.pk for r in rows]
    ).exclude(report__status=ReportStatus.DRAFT, version=1)
    for task_id, status, year, end in perms.visible_reports(
        user, entries, prefix="report__"
    ).values_list("task_id", "status", "report__period__year", "report__period__end"):
        if task_id not in latest or end > latest[task_id][0]:
            latest[task_id] = (end, year, status)
    labels = dict(TaskStatus.choices)
    role_labels = {"lead": _("Chủ trì"), "coordinating": _("Phối hợp")}
    seen: set[tuple[int, str]] = set()
    for row in rows:
        if (row.task.pk, row.role) in seen:
            continue
        seen.add((row.task.pk, row.role))
        _end, year, status = latest.get(row.task.pk, (None, None, ""))
        done = status in DONE_STATUSES
        result.tasks.append(
            TaskRow(
                row.task,
                row.role,
                str(role_labels.get(row.role, row.role)),
                row.via,
                status,
                str(labels.get(status, _("Chưa có báo cáo"))) if status else _("Chưa có báo cáo"),
                year,
                overdue=row.task.deadline is not None and row.task.deadline < today and not done,
            )
        )
    result.deadlines = _deadlines(result)
    return result


# How many of her unit's reports the unit's section lists beside the overdue ones.
UNIT_REPORTS_SHOWN = 4


@dataclass
class UnitWork:
    """What a unit's person owes on her agency's page: her unit's reports to the agency,
    the plans whose report it has not opened, and the agency's plan tasks her unit holds
    that are overdue. The page's top badge counts these for her, not the agency's (a
    default chosen by the team: docs/cascade.md, "A unit's overdue")."""

    reports: list[AgencyReport]
    plans: list[Programme]
    overdue_tasks: list[ActionRow]
    overdue_reports: int

    @property
    def overdue_count(self) -> int:
        return self.overdue_reports + len(self.overdue_tasks)

    @property
    def shown(self) -> bool:
        return bool(self.reports or self.plans or self.overdue_tasks)


def unit_work(
    user: Any, ob: Obligations, reports: list[AgencyReport], plans: list[Programme]
) -> UnitWork | None:
    """`UnitWork` of `user` on her own agency's page (`ob`), None for anyone not attached
    to one of its units. `reports` and `plans`: `rollup.unit_reports_of`. No query: the
    tasks' units come with `ob.actions`.

    Only her own unit's tasks: a unit below hers reports to the agency itself and she does
    not read its results (`permissions.units_results_rule`), so neither whether its task
    is done; counting it would say how it stands."""
    unit_id = getattr(user, "unit_id", None)
    if unit_id is None or getattr(user, "agency_id", None) != ob.agency.pk:
        return None
    late = [r for r in reports if r.overdue_on(ob.today)]
    shown = reports[:UNIT_REPORTS_SHOWN] + [
        r for r in late if r not in reports[:UNIT_REPORTS_SHOWN]
    ]
    # `unit_due`: set on each plan by `rollup.unit_reports_of` (None: no period this year).
    dues = [getattr(p, "unit_due", None) for p in plans]
    unopened_late = sum(
        1 for due in dues if due is not None and rules.overdue(due=due, today=ob.today, status=None)
    )
    # `overdue` is read on the state she may read (her unit's own reports, as the task
    # table shows it): a task is counted exactly when its row there says "Quá hạn".
    tasks = [
        a
        for a in ob.actions
        if a.overdue and any(x.unit_id == unit_id for x in a.task.unit_assignments.all())
    ]
    return UnitWork(shown, plans, tasks, len(late) + unopened_late)


def waiting_reports(user: Any, agency: Agency) -> list[AgencyReport]:
    """The reports sent to `agency` that wait for its decision, on the viewer's own
    agency's page: what "my reports" lists for the receiving body's monitor (a Party
    committee's report to the Commission). MOST's own queue is on its front page."""
    if getattr(user, "agency_id", None) != agency.pk or not perms.received_recipient_ids(user):
        return []
    return list(
        services.reports_for_user(user, perms.REVIEW_REPORT)
        .filter(status=ReportStatus.SUBMITTED, unit__isnull=True)
        .select_related("period__regime__programme")
        .order_by("period__year", "period__part", name_order("agency__"))
    )


def _deadlines(ob: Obligations) -> list[Deadline]:
    out: list[Deadline] = []
    code = ob.agency.code
    for r in ob.reports:
        out.append(
            Deadline(
                f"report-{r.period.regime_id}-{r.period.year}-{code}@lotrinh",
                r.period.due_date,
                "report",
                _("Hạn nộp báo cáo"),
                f"{r.programme.code}: {period_label(r.period)}",
                reverse("reporting:report", args=[r.report_id])
                if r.report_id
                else reverse("dashboard:agency", args=[code]) + "#reports",
                r.done,
                r.overdue,
            )
        )
    for p in ob.plans:
        if p.due is not None:
            out.append(
                Deadline(
                    f"plan-{p.programme.pk}-{code}@lotrinh",
                    p.due,
                    "plan",
                    _("Hạn ban hành kế hoạch thực hiện"),
                    p.programme.code,
                    reverse("reporting:plan_of", args=[code]),
                    p.issued,
                    p.overdue,
                )
            )
    for a in ob.actions:
        if a.task.deadline is not None:
            out.append(
                Deadline(
                    f"action-{a.task.pk}@lotrinh",
                    a.task.deadline,
                    "action",
                    _("Hạn nhiệm vụ của kế hoạch"),
                    # The plan's own number: the task is the plan's (308/KH-UBND), not the
                    # national programme's it carries out (50/NQ-CP, which has no such task).
                    f"{a.task.programme.code}: {task_gist(a.task.text)}",
                    reverse("reporting:plan_of", args=[code]) + f"#nhiem-vu-{a.task.pk}",
                    a.state is not None and a.state.done,
                    a.overdue,
                    text_vi=True,
                )
            )
    for t in ob.tasks:
        if t.task.deadline is not None:
            out.append(
                Deadline(
                    f"task-{t.task.pk}-{t.role}-{code}@lotrinh",
                    t.task.deadline,
                    "task",
                    _("Hạn nhiệm vụ"),
                    f"{t.task.programme.code} {t.task.ref}: {task_gist(t.task.text)}",
                    reverse("programmes:task", args=[t.task.programme.slug, t.task.clause.anchor]),
                    t.status in DONE_STATUSES,
                    t.overdue,
                    text_vi=True,
                )
            )
    out.sort(key=lambda d: (d.day, d.kind, d.uid))
    return out


# ---------------------------------------------------------------- the reading list


READING_STATES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
# The reading list's filter also offers the reports reopened for a revision after
# acceptance: still read, as their accepted copy.
REVISING = "revising"
READING_FILTER_STATES = (*READING_STATES, REVISING)


@dataclass
class ReadingFilter:
    year: int | None = None
    programme: str = ""  # programme slug
    agency: str = ""  # agency code
    state: str = ""
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params: Any) -> "ReadingFilter":
        """The filter from a query string; a bad value is named and ignored (never a 500)."""
        chosen = cls()
        raw_year = (params.get("year") or "").strip()
        if raw_year:
            if (year := whole_number(raw_year)) is not None and len(raw_year) == 4:
                chosen.year = year
            else:
                chosen.problems.append(
                    _("Năm “%(value)s” không hợp lệ.") % {"value": raw_year[:20]}
                )
        state = (params.get("state") or "").strip()
        if state:
            if state in READING_FILTER_STATES:
                chosen.state = state
            else:
                chosen.problems.append(
                    _("Trạng thái “%(value)s” không hợp lệ.") % {"value": state[:20]}
                )
        chosen.programme = (params.get("programme") or "").strip()[:80]
        chosen.agency = (params.get("agency") or "").strip()[:120]
        return chosen


def reading_base(user: Any) -> QuerySet[AgencyReport]:
    """Submitted and accepted reports `user` may read (permissions.visible_reports), and
    those reopened for a revision after acceptance whose accepted copy they read
    (permissions.visible_accepted_copies): a report does not leave the list while its
    agency corrects it."""
    sent = perms.visible_reports(user, AgencyReport.objects.filter(status__in=READING_STATES))
    revising = perms.visible_accepted_copies(user, AgencyReport.objects.all())
    return AgencyReport.objects.filter(
        Q(pk__in=sent.values("pk")) | Q(pk__in=revising.values("pk"))
    )


def reading_list(user: Any, chosen: ReadingFilter) -> QuerySet[AgencyReport]:
    queryset = reading_base(user)
    if chosen.year:
        queryset = queryset.filter(period__year=chosen.year)
    if chosen.programme:
        queryset = queryset.filter(period__regime__programme__slug=chosen.programme)
    if chosen.agency:
        queryset = queryset.filter(agency__code=chosen.agency)
    if chosen.state == REVISING:
        queryset = queryset.filter(status__in=rules.REVISING_STATUSES, accepted_at__isnull=False)
    elif chosen.state:
        queryset = queryset.filter(status=chosen.state)
    return (
        queryset.select_related("agency", "unit", "period", "period__regime__programme")
        .annotate(comment_count=Count("comments"))
        .order_by("-submitted_at", "-pk")
    )


def reading_choices(user: Any) -> dict[str, Any]:
    base = reading_base(user)
    return {
        "years": sorted(set(base.values_list("period__year", flat=True)), reverse=True),
        "programmes": list(
            Programme.objects.filter(pk__in=base.values("period__regime__programme_id")).order_by(
                "-issue_date", "code"
            )
        ),
        "agencies": list(
            Agency.objects.filter(pk__in=base.values("agency_id")).order_by(name_order(), "pk")
        ),
    }
