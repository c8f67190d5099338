"""The cascade's world: two provinces merging in 2025, their units, a plan of one of them
as a child programme of 50/NQ-CP, and the people of each level."""

import datetime
from typing import Any

import pytest

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency, Unit, UnitKind
from lotrinh.programmes import cascade
from lotrinh.programmes.models import (
    Clause,
    ClauseKind,
    Programme,
    ProgrammeKind,
    ProgrammeLineage,
    ProgrammeStatus,
    Task,
    TaskGroup,
    TaskLink,
    UnitAssignment,
)
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import AgencyReport


def person(username: str, agency: Agency, role: str, unit: Unit | None = None) -> User:
    return User.objects.create_user(
        username=username,
        password="pw-" + username,
        agency=agency,
        unit=unit,
        role=role,
        full_name=username.replace("_", " ").title(),
        email=f"{username}@example.test",
    )


def unit(agency: Agency, code: str, name: str, kind: str = UnitKind.DEPARTMENT, **kw: Any) -> Unit:
    return Unit.objects.create(agency=agency, code=code, name_vi=name, kind=kind, **kw)


@pytest.fixture
def hanoi(seeded_db: None) -> Agency:
    return Agency.objects.get(code="thanh-pho-ha-noi")


@pytest.fixture
def merged_provinces(seeded_db: None) -> tuple[Agency, Agency]:
    """Bắc Giang merged into Bắc Ninh on 2025-06-12 (the registry's 2025 reorganisation)."""
    return Agency.objects.get(code="tinh-bac-giang"), Agency.objects.get(code="tinh-bac-ninh")


YEAR = 2025


def plan_of(agency: Agency, national: Programme, links: dict[str, list[str]]) -> Programme:
    child = Programme.objects.create(
        code=f"1/KH-{agency.code}"[:60],
        slug=f"kh-{agency.code}"[:80],
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Kế hoạch thực hiện Chương trình hành động",
        issuer=agency,
        issue_date=datetime.date(2020, 7, 1),
        implements=national,
        status=ProgrammeStatus.DRAFT,
    )
    group = TaskGroup.objects.create(programme=child, ref="KH", title="Nhiệm vụ")
    for position, (ref, parents) in enumerate(links.items(), start=1):
        clause = Clause.objects.create(
            programme=child, ref=ref, kind=ClauseKind.ITEM, text=ref, position=position
        )
        task = Task.objects.create(
            programme=child, group=group, clause=clause, ref=ref, text=f"Nhiệm vụ {ref}"
        )
        for parent_ref in parents:
            TaskLink.objects.create(
                task=task,
                parent_task=national.tasks.get(ref=parent_ref),
                method="manual",
                confirmed=True,
            )
    return child


@pytest.fixture
def province(hanoi: Agency, merged_provinces):
    national = current_programme("50/NQ-CP")
    period = next(
        p
        for p in services.generate_periods(
            national.reporting_regimes.get(code="annual-report"), YEAR
        )
        if p.year == YEAR
    )
    lead_tasks = [t.ref for t, _via in services.tasks_for_report(hanoi, period)[0]][:2]
    child = plan_of(
        hanoi, national, {"1": [lead_tasks[0]], "2": [lead_tasks[0]], "3": [lead_tasks[1]]}
    )
    khcn = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    police = unit(hanoi, "cong-an", "Công an Thành phố", "police")
    for ref, who in (("1", khcn), ("2", police), ("3", khcn)):
        UnitAssignment.objects.create(task=child.tasks.get(ref=ref), unit=who, role="lead")
    people = {
        "khcn_reporter": person("khcn_reporter", hanoi, Role.REPORTER, khcn),
        "khcn_leader": person("khcn_leader", hanoi, Role.APPROVER, khcn),
        "police_reporter": person("police_reporter", hanoi, Role.REPORTER, police),
        "monitor": person("hn_monitor", hanoi, Role.AGENCY_MONITOR),
        "reporter": person("hn_reporter", hanoi, Role.REPORTER),
        "leader": person("hn_leader", hanoi, Role.APPROVER),
        "other_monitor": person("bn_monitor", merged_provinces[1], Role.AGENCY_MONITOR),
        "most": person(
            "most_monitor", Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe"), Role.MOST_MONITOR
        ),
    }
    cascade.publish_child(people["reporter"], child)
    national_report = services.ensure_report(hanoi, period)
    return {"child": child, "national": national_report, "lead_tasks": lead_tasks, **people}


def fill_unit_report(report: AgencyReport, user, status: str, result: str) -> None:
    for entry in report.entries.all():
        services.save_entry(
            entry,
            user,
            {
                "status": status,
                "result": f"{result} {entry.task.ref}",
                "evidence_number": "12/QĐ-SKHCN" if status in rollup.DONE else "",
                "evidence_date": None,
                "evidence_link": "",
                "difficulties": "",
                "proposals": "",
            },
            entry.version,
        )


def send_report(report: AgencyReport, reporter, leader) -> AgencyReport:
    report = services.approve_report(report, leader)
    return services.submit_report(report, reporter)
