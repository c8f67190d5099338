"""An agency's plan (a child programme) with tasks linked to national tasks, for tests."""

import datetime

from lotrinh.programmes.models import Clause, Programme, Task, TaskGroup, TaskLink
from lotrinh.reporting.plans import child_plans, create_recorded_plan


def plan_task(
    agency,
    programme: Programme,
    national: list[Task],
    text: str,
    *,
    deadline: datetime.date | None = None,
    number: str = "12/KH-BYT",
    date: datetime.date = datetime.date(2020, 7, 1),
) -> Task:
    """A task of `agency`'s published plan of `programme` (recorded when there is none),
    carrying out the `national` tasks (confirmed links)."""
    child = child_plans(programme=programme, agency=agency).filter(
        status="published"
    ).first() or create_recorded_plan(agency, programme, number=number, date=date)
    group = child.task_groups.first() or TaskGroup.objects.create(
        programme=child, ref="KH", title="Nhiệm vụ"
    )
    position = child.tasks.count() + 1
    ref = str(position)
    task = Task.objects.create(
        programme=child,
        group=group,
        clause=Clause.objects.create(
            programme=child, ref=ref, kind="item", text=text, position=position
        ),
        ref=ref,
        text=text,
        deadline=deadline,
        position=position,
    )
    for parent_task in national:
        TaskLink.objects.create(task=task, parent_task=parent_task, method="manual", confirmed=True)
    return task
