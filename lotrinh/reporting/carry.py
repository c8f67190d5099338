"""When a programme version replaces another, what hangs on its tasks follows it.

Identity rule (docs/reporting.md): a task of the new version is the same task as a task
of the old one when both have the same reference (`ref`, hence the same anchor) in a
programme with the same code. By that rule:

- periods (with their reports) move to the new version's regime with the same code;
- implementation plans, their actions' task links and open amendment proposals move to
  the new version's tasks;
- task–target links are copied once onto the new version's task and target (same
  target code); the old version keeps its own links, readable with it, and pages list
  each task once (its latest version);
- open reports (draft, returned, approved) are reconciled with what the agency must
  now account for: entries follow their task, new tasks get an entry (and coordinated
  ones a contribution), entries of withdrawn or reassigned tasks leave the report with
  an audit event that keeps what was typed and a note shown on the report page;
- submitted and accepted reports, and their frozen copies, are never changed: they
  keep pointing at the version they were written against;
- programmes implementing the replaced one point at the new version (and its task
  groups with the same reference);
- comments and report history stay on the task they were written on; task pages show
  those of every version of the same task (`programmes.services.task_lineage`).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from lotrinh.core.audit import record_event
from lotrinh.programmes.models import Programme, Task, TaskGroup, TaskLink
from lotrinh.reporting.models import (
    AgencyReport,
    AmendmentProposal,
    AmendmentStatus,
    ContributionEntry,
    ReportEntry,
    ReportingPeriod,
    ReportStatus,
)

# Reports an agency can still change: they follow the programme. Submitted and accepted
# reports are records of what was sent and stay as they were.
OPEN_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.APPROVED)
# The event whose note the report page shows as "the tasks of this report changed".
TASKS_CHANGED = "report.tasks_changed"


@dataclass
class Reconciled:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    contributions_added: list[str] = field(default_factory=list)
    contributions_removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.added or self.removed or self.contributions_added or self.contributions_removed
        )


@dataclass
class CarrySummary:
    periods: int = 0
    plans: int = 0
    plan_links: int = 0
    proposals: int = 0
    target_links: int = 0
    reports: int = 0
    added_tasks: list[str] = field(default_factory=list)
    withdrawn_tasks: list[str] = field(default_factory=list)


@transaction.atomic
def carry_dependants(old: Programme, new: Programme, *, user: Any = None) -> CarrySummary:
    """Move what hangs on `old` to `new`, which has just replaced it (one audit event)."""
    summary = CarrySummary()
    new_tasks = {t.ref: t for t in new.tasks.order_by("position")}
    old_tasks = {t.ref: t for t in old.tasks.order_by("position")}
    summary.added_tasks = [ref for ref in new_tasks if ref not in old_tasks]
    summary.withdrawn_tasks = [ref for ref in old_tasks if ref not in new_tasks]
    followed = {t.pk: new_tasks[ref] for ref, t in old_tasks.items() if ref in new_tasks}

    for old_regime in old.reporting_regimes.all():
        new_regime = new.reporting_regimes.filter(code=old_regime.code).first()
        if new_regime is not None:
            summary.periods += ReportingPeriod.objects.filter(regime=old_regime).update(
                regime=new_regime
            )

    # Agencies' plans (child programmes) follow below, with "Programme implementing this
    # one"; their tasks' links to the national tasks follow the tasks.
    from lotrinh.accounts.permissions import agency_plan_rule

    summary.plans = Programme.objects.filter(agency_plan_rule(), implements=old).count()
    for old_id, task in followed.items():
        summary.plan_links += TaskLink.objects.filter(parent_task_id=old_id).update(
            parent_task_id=task.pk
        )

    # The proposal being decided (if any) is saved by its caller with its own programme.
    for proposal in AmendmentProposal.objects.filter(
        programme=old, status__in=(AmendmentStatus.PROPOSED, AmendmentStatus.CONSOLIDATED)
    ):
        proposal.programme = new
        if proposal.task_id is not None and proposal.task_id in followed:
            proposal.task = followed[proposal.task_id]
        proposal.save(update_fields=["programme", "task"])
        summary.proposals += 1

    summary.target_links = _carry_target_links(old, new, followed)

    # Programmes implementing this one (50/NQ-CP implements 52-NQ/TW) point at the new
    # version and its task groups with the same reference.
    Programme.objects.filter(implements=old).update(implements=new)
    new_groups = {g.ref: g for g in new.task_groups.all()}
    for group in TaskGroup.objects.filter(implements__programme=old).select_related("implements"):
        assert group.implements is not None
        group.implements = new_groups.get(group.implements.ref)
        group.save(update_fields=["implements"])

    reason = new.source_file or new.code
    open_reports = list(
        AgencyReport.objects.select_for_update()
        .select_related("agency", "period", "period__regime__programme")
        .filter(period__regime__programme=new, status__in=OPEN_STATUSES)
        .order_by("pk")
    )
    # Entries follow their task in one statement per task, not one per entry.
    for old_id, task in followed.items():
        ReportEntry.objects.filter(report__in=open_reports, task_id=old_id).update(task=task)
        ContributionEntry.objects.filter(report__in=open_reports, task_id=old_id).update(task=task)
    for report in open_reports:
        if reconcile_report(report, user=user, reason=reason).changed:
            summary.reports += 1

    record_event(
        user,
        "programme.dependants_carried",
        new,
        before={"version": old.version},
        after={
            "version": new.version,
            "periods": summary.periods,
            "plans": summary.plans,
            "plan_links": summary.plan_links,
            "proposals": summary.proposals,
            "target_links": summary.target_links,
            "reports_changed": summary.reports,
            "added_tasks": summary.added_tasks,
            "withdrawn_tasks": summary.withdrawn_tasks,
        },
        note=reason,
    )
    return summary


def _carry_target_links(old: Programme, new: Programme, followed: dict[int, Task]) -> int:
    """Copy each link touching the old version once onto the new task and the new target.

    A link may join a task of one programme to a target of another (50/NQ-CP's tasks
    serve 52-NQ/TW's targets): whichever side was replaced is followed.
    """
    from django.db.models import Q

    from lotrinh.indicators.models import Target, TaskTargetLink

    new_targets = {t.code: t for t in Target.objects.filter(programme=new, is_current=True)}
    created = 0
    links = TaskTargetLink.objects.filter(
        Q(task__programme=old) | Q(target__programme=old)
    ).select_related("task", "target")
    for link in links:
        task: Task | None = link.task
        if link.task.programme_id == old.pk:
            task = followed.get(link.task_id)
        target: Target | None = link.target
        if link.target.programme_id == old.pk:
            target = new_targets.get(link.target.code)
        if task is None or target is None:
            continue  # withdrawn: the link stays with the version that had it
        _link, made = TaskTargetLink.objects.get_or_create(
            task=task, target=target, defaults={"justification": link.justification}
        )
        created += made
    return created


def reconcile_report(report: AgencyReport, *, user: Any = None, reason: str = "") -> Reconciled:
    """Make an open report account for exactly the tasks it must now report on
    (`services.report_tasks`: its agency's, or for a unit's report its unit's in the plan).

    Call inside a transaction with the report row locked. Entries written against an
    earlier version follow their task (same reference); missing tasks get an entry;
    entries of tasks no longer the agency's leave, their text kept in the audit event.
    """
    from lotrinh.reporting.services import ENTRY_FIELDS, report_tasks

    result = Reconciled()
    if report.status not in OPEN_STATUSES:
        return result
    programme = report.period.regime.programme
    current = _TasksByRef(programme)
    lead, coordinated = report_tasks(report)
    wanted = {task.pk: via for task, via in lead}
    wanted_coordinated = {task.pk for task in coordinated}

    removed_content: dict[str, dict[str, Any]] = {}
    entries: dict[int, ReportEntry] = {}
    existing = set(report.entries.values_list("task_id", flat=True))
    for entry in report.entries.select_related("task__programme").order_by("task__position", "pk"):
        task = _follow(entry.task, programme, current)
        if task is not None and task.pk not in existing:
            existing.add(task.pk)
            entry.task = task
            entry.save(update_fields=["task"])
        if entry.task_id in wanted and entry.task_id not in entries:
            entries[entry.task_id] = entry
            if entry.via != wanted[entry.task_id]:
                entry.via = wanted[entry.task_id]
                entry.save(update_fields=["via"])
            continue
        removed_content[entry.task.ref] = {f: _plain(getattr(entry, f)) for f in ENTRY_FIELDS}
        if entry.evidence_file:
            removed_content[entry.task.ref]["evidence_file"] = entry.evidence_file.name
        result.removed.append(entry.task.ref)
        entry.delete()
    for task, via in lead:
        if task.pk not in entries:
            ReportEntry.objects.create(report=report, task=task, via=via)
            result.added.append(task.ref)

    removed_contributions: dict[str, str] = {}
    contributions: set[int] = set()
    existing = set(report.contributions.values_list("task_id", flat=True))
    for contribution in report.contributions.select_related("task__programme").order_by("pk"):
        task = _follow(contribution.task, programme, current)
        if task is not None and task.pk not in existing:
            existing.add(task.pk)
            contribution.task = task
            contribution.save(update_fields=["task"])
        if contribution.task_id in wanted_coordinated and contribution.task_id not in contributions:
            contributions.add(contribution.task_id)
            continue
        removed_contributions[contribution.task.ref] = contribution.contribution
        result.contributions_removed.append(contribution.task.ref)
        contribution.delete()
    for task in coordinated:
        if task.pk not in contributions:
            ContributionEntry.objects.create(report=report, task=task)
            result.contributions_added.append(task.ref)

    if result.changed:
        record_event(
            user,
            TASKS_CHANGED,
            report,
            before={"entries": removed_content, "contributions": removed_contributions},
            after={
                "added": result.added,
                "removed": result.removed,
                "contributions_added": result.contributions_added,
                "contributions_removed": result.contributions_removed,
            },
            note=_note(programme, result, reason),
        )
    return result


class _TasksByRef:
    """The programme's tasks by reference, read only if an entry needs to follow its task."""

    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self._tasks: dict[str, Task] | None = None

    def get(self, ref: str) -> Task | None:
        if self._tasks is None:
            self._tasks = {t.ref: t for t in self.programme.tasks.all()}
        return self._tasks.get(ref)


def _follow(task: Task, programme: Programme, current: _TasksByRef) -> Task | None:
    """The task of `programme` that is the same task as `task`, if it still has one."""
    if task.programme_id == programme.pk:
        return task
    if task.programme.code != programme.code:
        return None
    return current.get(task.ref)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _note(programme: Programme, result: Reconciled, reason: str) -> str:
    """The sentence shown on the report page (stored data, in the programme's language)."""
    parts = [f"Nhiệm vụ của báo cáo thay đổi theo {programme.code} phiên bản {programme.version}"]
    if reason:
        parts[0] += f" ({reason})"
    if result.added:
        parts.append("bổ sung nhiệm vụ " + ", ".join(result.added))
    if result.removed:
        parts.append(
            "nhiệm vụ "
            + ", ".join(result.removed)
            + " không còn thuộc báo cáo này (nội dung đã nhập được lưu trong lịch sử)"
        )
    if result.contributions_added:
        parts.append("bổ sung nội dung phối hợp " + ", ".join(result.contributions_added))
    if result.contributions_removed:
        parts.append(
            "nội dung phối hợp "
            + ", ".join(result.contributions_removed)
            + " không còn thuộc báo cáo này"
        )
    return "; ".join(parts) + "."
