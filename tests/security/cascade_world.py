"""The cascade's objects in the security world (docs/cascade.md): agency A's and B's plans
as child programmes of 50/NQ-CP (drafts), agency A's published plan with a unit of A."""

import datetime
from typing import Any

from lotrinh.agencies.models import Unit
from lotrinh.programmes.models import (
    Clause,
    Programme,
    ProgrammeKind,
    ProgrammeLineage,
    ProgrammeStatus,
    Task,
    TaskGroup,
    TaskLink,
    UnitAssignment,
)

CHILD_PLANS = {
    # label → (agency, status)
    "a_draft_plan": ("a", ProgrammeStatus.DRAFT),
    "b_draft_plan": ("b", ProgrammeStatus.DRAFT),
    "a_published_plan": ("a", ProgrammeStatus.PUBLISHED),
}


def build_cascade(world: Any) -> dict[str, Any]:
    unit = Unit.objects.create(
        agency=world.agencies["a"],
        code="vu-khtc",
        name_vi="Vụ Kế hoạch - Tài chính",
        kind="ministry_department",
    )
    plans: dict[str, Programme] = {}
    for label, (agency_key, status) in CHILD_PLANS.items():
        agency = world.agencies[agency_key]
        child = Programme.objects.create(
            code=f"SEC-{label}",
            slug=f"sec-{label}".replace("_", "-"),
            kind=ProgrammeKind.PLAN,
            lineage=ProgrammeLineage.AGENCY_PLAN,
            title=f"Kế hoạch {label}",
            issuer=agency,
            issue_date=datetime.date(2021, 1, 1),
            implements=world.programme,
            status=status,
        )
        group = TaskGroup.objects.create(programme=child, ref="KH", title="Nhiệm vụ")
        clause = Clause.objects.create(programme=child, ref="1", kind="item", text="1", position=1)
        task = Task.objects.create(
            programme=child, group=group, clause=clause, ref="1", text="Nhiệm vụ của kế hoạch"
        )
        TaskLink.objects.create(task=task, parent_task=world.task, method="text", score=0.5)
        if agency_key == "a":
            UnitAssignment.objects.create(task=task, unit=unit, role="lead")
        plans[label] = child
    return {"unit_a": unit, "plans": plans}
