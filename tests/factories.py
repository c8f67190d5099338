"""Factories for tests that need data beyond the seeded registry."""

import datetime

import factory

from lotrinh.agencies.models import Agency, AgencyKind
from lotrinh.programmes.models import (
    Clause,
    ClauseKind,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Role,
    Task,
    TaskAssignment,
    TaskGroup,
)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"co-quan-thu-{n}")
    name_vi = factory.Sequence(lambda n: f"Cơ quan thử {n}")
    name_en = factory.Sequence(lambda n: f"Test agency {n}")
    kind = AgencyKind.MINISTRY


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"{100 + n}/NQ-CP")
    slug = factory.Sequence(lambda n: f"{100 + n}-nq-cp")
    kind = ProgrammeKind.GOVERNMENT_RESOLUTION
    title = "Chương trình hành động thử"
    issue_date = datetime.date(2021, 1, 1)
    status = ProgrammeStatus.PUBLISHED


class TaskGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskGroup

    programme = factory.SubFactory(ProgrammeFactory)
    ref = factory.Sequence(lambda n: f"II.{n + 1}")
    title = "Nhóm nhiệm vụ thử"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    group = factory.SubFactory(TaskGroupFactory)
    programme = factory.SelfAttribute("group.programme")
    ref = factory.Sequence(lambda n: f"II.1.a.{n + 1}")
    text = factory.Sequence(lambda n: f"Nhiệm vụ thử số {n}: chuyển đổi số")
    clause = factory.LazyAttribute(
        lambda o: Clause.objects.create(
            programme=o.programme, ref=o.ref, kind=ClauseKind.BULLET, text=o.text, position=0
        )
    )


def assign(task: Task, agency: Agency, role: str = Role.LEAD) -> TaskAssignment:
    return TaskAssignment.objects.create(
        task=task, agency=agency, role=role, name_as_written=agency.name_vi
    )
