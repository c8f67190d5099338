"""The data migration moving implementation plans' actions into child programmes."""

import datetime
import importlib

from django.apps import apps

from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.models import ImplementationPlan, PlanAction

migration = importlib.import_module("lotrinh.reporting.migrations.0007_plans_into_child_programmes")


def test_each_plan_with_actions_becomes_a_child_programme(seeded_db: None) -> None:
    national = current_programme("50/NQ-CP")
    health = Agency.objects.get(code="bo-y-te")
    finance = Agency.objects.get(code="bo-tai-chinh")
    issued = ImplementationPlan.objects.create(
        agency=health,
        programme=national,
        document_number="123/KH-BYT",
        document_date=datetime.date(2020, 8, 1),
    )
    action = PlanAction.objects.create(
        plan=issued,
        text="Xây dựng nền tảng y tế số",
        owner_unit="Cục Công nghệ thông tin",
        deadline=datetime.date(2021, 12, 31),
        expected_output="Nền tảng",
        progress=40,
    )
    action.tasks.set(national.tasks.filter(ref__in=["II.6.a", "II.8.a"]))
    ImplementationPlan.objects.create(agency=finance, programme=national)  # no actions
    migration.forwards(apps, None)
    child = Programme.objects.get(code="123/KH-BYT")
    assert (child.issuer, child.implements, child.status) == (
        health,
        national,
        ProgrammeStatus.PUBLISHED,
    )
    task = child.tasks.get()
    assert (task.text, task.deadline, task.output) == (
        "Xây dựng nền tảng y tế số",
        datetime.date(2021, 12, 31),
        "Nền tảng",
    )
    assert sorted(
        task.links_up.filter(confirmed=True).values_list("parent_task__ref", flat=True)
    ) == [
        "II.6.a",
        "II.8.a",
    ]
    assignment = task.unit_assignments.get()
    assert (assignment.unit.name_vi, assignment.role, assignment.unit.proposed) == (
        "Cục Công nghệ thông tin",
        "lead",
        True,
    )
    assert not Programme.objects.filter(issuer=finance).exists()
    migration.backwards(apps, None)
    assert not Programme.objects.filter(code="123/KH-BYT").exists()
