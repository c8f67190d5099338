"""Implementation plans: an agency's plan document and its actions, linked to programme tasks."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.core.audit import record_event
from lotrinh.programmes.models import Programme, ProgrammeStatus, Task
from lotrinh.reporting.models import ImplementationPlan, PlanAction
from lotrinh.reporting.services import WorkflowError


def issued_plans(
    *, programme: Programme | None = None, agency: Any = None
) -> dict[tuple[int, str], ImplementationPlan]:
    """Each agency's implementation plan of each programme, by (agency id, programme code):
    the plan recorded on the plan page, or else, when that records none issued, the
    agency's own plan published as a child programme that implements it (docs/cascade.md):
    one rule for the compliance page, the dashboards and the consolidated report. A child
    programme is given as an unsaved plan with its number and date."""
    plans = ImplementationPlan.objects.select_related("programme")
    children = Programme.objects.filter(
        status=ProgrammeStatus.PUBLISHED, issuer__isnull=False, implements__isnull=False
    ).select_related("implements")
    if programme is not None:
        plans = plans.filter(programme__code=programme.code)
        children = children.filter(implements__code=programme.code)
    if agency is not None:
        plans = plans.filter(agency=agency)
        children = children.filter(issuer=agency)
    found = {(p.agency_id, p.programme.code): p for p in plans}
    for child in children.order_by("issue_date", "pk"):
        assert child.implements is not None and child.issuer_id is not None
        key = (child.issuer_id, child.implements.code)
        if key in found and found[key].is_issued:
            continue
        found[key] = ImplementationPlan(
            agency_id=child.issuer_id,
            programme=programme if programme is not None else child.implements,
            document_number=child.code,
            document_date=child.issue_date,
        )
    return found


def plan_for(agency: Any, programme: Programme) -> ImplementationPlan:
    plan, _created = ImplementationPlan.objects.get_or_create(agency=agency, programme=programme)
    return plan


def _check(user: Any, plan: ImplementationPlan) -> None:
    if not perms.can(user, perms.EDIT_PLAN, plan.agency):
        raise WorkflowError(_("Chỉ cơ quan có kế hoạch mới sửa được kế hoạch này."))


@transaction.atomic
def save_plan(
    plan: ImplementationPlan, user: Any, *, number: str, date: datetime.date | None, note: str
) -> ImplementationPlan:
    _check(user, plan)
    if bool(number.strip()) != bool(date):
        raise WorkflowError(
            _(
                "Kế hoạch đã ban hành cần cả số, ký hiệu và ngày ban hành; chưa ban hành thì để trống cả hai."
            )
        )
    before = {
        "number": plan.document_number,
        "date": plan.document_date.isoformat() if plan.document_date else None,
    }
    plan.document_number, plan.document_date, plan.note = number.strip(), date, note.strip()
    plan.save()
    record_event(
        user,
        "plan.saved",
        plan,
        before=before,
        after={"number": plan.document_number, "date": date.isoformat() if date else None},
    )
    return plan


@transaction.atomic
def add_action(
    plan: ImplementationPlan,
    user: Any,
    *,
    text: str,
    owner_unit: str,
    deadline: datetime.date | None,
    expected_output: str,
    tasks: list[Task],
    progress: int = 0,
) -> PlanAction:
    _check(user, plan)
    if not text.strip() or not tasks:
        raise WorkflowError(
            _("Hành động cần nội dung và ít nhất một nhiệm vụ của Chương trình mà nó thực hiện.")
        )
    if any(t.programme_id != plan.programme_id for t in tasks):
        raise WorkflowError(_("Nhiệm vụ không thuộc chương trình của kế hoạch."))
    action = PlanAction.objects.create(
        plan=plan,
        text=text.strip(),
        owner_unit=owner_unit.strip(),
        deadline=deadline,
        expected_output=expected_output.strip(),
        progress=max(0, min(100, progress)),
    )
    action.tasks.set(tasks)
    record_event(
        user,
        "plan.action_added",
        plan,
        after={"action": action.text[:100], "tasks": [t.ref for t in tasks]},
    )
    return action


@transaction.atomic
def set_progress(action: PlanAction, user: Any, progress: int) -> PlanAction:
    _check(user, action.plan)
    before = action.progress
    action.progress = max(0, min(100, progress))
    action.save(update_fields=["progress"])
    record_event(
        user,
        "plan.progress",
        action.plan,
        before={"progress": before},
        after={"progress": action.progress},
        note=action.text[:80],
    )
    return action


@dataclass
class TaskRollup:
    task: Task
    actions: int
    progress: float


def rollup(plan: ImplementationPlan) -> list[TaskRollup]:
    """Progress of each programme task: the average progress of the plan's actions on it."""
    by_task: dict[int, list[int]] = {}
    tasks: dict[int, Task] = {}
    for action in plan.actions.prefetch_related("tasks"):
        for task in action.tasks.all():
            by_task.setdefault(task.pk, []).append(action.progress)
            tasks[task.pk] = task
    return [
        TaskRollup(tasks[pk], len(values), sum(values) / len(values))
        for pk, values in sorted(by_task.items(), key=lambda kv: tasks[kv[0]].position)
    ]
