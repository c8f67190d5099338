"""Two provinces both issue a "144/KH-UBND" (numbers restart per issuer and year). Every
lookup by the number must keep to the programme it means: a plan's own issuer's versions,
or the national versions, never the other province's plan (docs/cascade.md, "One number,
two lineages"). Here: the statuses a plan's pages show, from its units' reports."""

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.locale import agency_in_sentence
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
    UnitAssignment,
)
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from lotrinh.reporting.task_status import task_states
from tests.cascade.conftest import YEAR, fill_unit_report, person, send_report, unit

pytestmark = pytest.mark.django_db
NUMBER = "144/KH-UBND"


def shared_number_plan(agency: Agency, national: Programme, slug: str) -> Programme:
    """`agency`'s published plan numbered NUMBER, its tasks "1" and "2"."""
    child = Programme.objects.create(
        code=NUMBER,
        slug=slug,
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Kế hoạch phát triển kinh tế số",
        issuer=agency,
        issuer_text=agency.name_vi,
        issue_date=datetime.date(2025, 11, 24),
        implements=national,
        status=ProgrammeStatus.DRAFT,
    )
    group = TaskGroup.objects.create(programme=child, ref="KH", title="Nhiệm vụ")
    for position, ref in enumerate(("1", "2"), start=1):
        clause = Clause.objects.create(
            programme=child, ref=ref, kind=ClauseKind.ITEM, text=ref, position=position
        )
        Task.objects.create(
            programme=child, group=group, clause=clause, ref=ref, text=f"Nhiệm vụ {ref}"
        )
    return child


@pytest.fixture
def two_plans(seeded_db: None) -> dict[str, Any]:
    """Hà Nội's and Bắc Ninh's 144/KH-UBND, each published, each with one unit whose
    report on both tasks its agency's monitor accepted: Hà Nội's says done, Bắc Ninh's
    overdue."""
    national = current_programme("50/NQ-CP")
    most = person(
        "shared_most", Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe"), Role.MOST_MONITOR
    )
    found: dict[str, Any] = {"most": most}
    for key, code, status in (
        ("hn", "thanh-pho-ha-noi", TaskStatus.DONE_ON_TIME),
        ("bn", "tinh-bac-ninh", TaskStatus.OVERDUE),
    ):
        agency = Agency.objects.get(code=code)
        slug = "144-kh-ubnd" if key == "hn" else f"144-kh-ubnd-{code}"
        child = shared_number_plan(agency, national, slug)
        office = unit(agency, f"so-khcn-{key}", f"Sở Khoa học và Công nghệ {key.upper()}")
        for task in child.tasks.all():
            UnitAssignment.objects.create(task=task, unit=office, role="lead")
        reporter = person(f"{key}_plan_reporter", agency, Role.REPORTER)
        cascade.publish_child(reporter, child)
        unit_reporter = person(f"{key}_unit_reporter", agency, Role.REPORTER, office)
        unit_leader = person(f"{key}_unit_leader", agency, Role.APPROVER, office)
        monitor = person(f"{key}_monitor", agency, Role.AGENCY_MONITOR)
        report = rollup.start_unit_report(unit_reporter, child, YEAR)
        fill_unit_report(report, unit_reporter, status, "Kết quả")
        services.accept_report(send_report(report, unit_reporter, unit_leader), monitor)
        child.refresh_from_db()
        found[key] = {"plan": child, "unit": office, "monitor": monitor, "status": status}
    return found


def test_a_plans_task_states_are_its_own_issuers_not_the_other_provinces(two_plans) -> None:
    hn, bn, most = two_plans["hn"], two_plans["bn"], two_plans["most"]
    for own in (hn, bn):
        for reader in (most, own["monitor"]):
            states = task_states(own["plan"], reader)
            assert {ref: s.status for ref, s in states.items()} == {
                "1": own["status"],
                "2": own["status"],
            }
            names = {vi for s in states.values() for vi, _en in s.agencies}
            assert names == {own["unit"].name_vi}, names
    # Another province's monitor reads nothing of a plan that is not her agency's.
    assert task_states(hn["plan"], bn["monitor"]) == {}


def test_the_plans_pages_show_its_own_units_statuses(two_plans) -> None:
    hn, bn = two_plans["hn"], two_plans["bn"]
    client = Client()
    client.force_login(two_plans["most"])
    for own, other in ((hn, bn), (bn, hn)):
        slug = own["plan"].slug
        tasks = client.get(reverse("programmes:tasks", args=[slug]))
        assert tasks.status_code == 200
        assert {s.status for s in tasks.context["states"].values()} == {own["status"]}
        task = client.get(reverse("programmes:task", args=[slug, "1"]))
        assert task.status_code == 200
        assert task.context["state"].status == own["status"]
        page = task.content.decode()
        assert own["unit"].name_vi in page and other["unit"].name_vi not in page
        overview = client.get(reverse("programmes:overview", args=[slug]))
        shares = {s.key: s.count for s in overview.context["progress"].task_shares}
        assert shares == {own["status"]: 2}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_plans_pages_name_its_issuer_in_heading_and_tab(two_plans, language) -> None:
    """Two provinces' "Kế hoạch 144/KH-UBND" read alike before: the heading and the tab's
    title name the issuer, in the reader's language."""
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(two_plans["most"])
    for key in ("hn", "bn"):
        plan = two_plans[key]["plan"]
        with translation.override(language):
            issuer = agency_in_sentence(plan.issuer)[0]
        for url in (
            reverse("programmes:overview", args=[plan.slug]),
            reverse("programmes:tasks", args=[plan.slug]),
            reverse("programmes:timeline", args=[plan.slug]),
            reverse("programmes:document", args=[plan.slug]),
            reverse("programmes:versions", args=[plan.slug]),
            reverse("cascade:plan", args=[plan.pk]),
        ):
            page = client.get(url).content.decode()
            title = re.search(r"<title>(.*?)</title>", page, re.S)
            heading = re.search(r"<h1>(.*?)</h1>", page, re.S)
            assert title and heading, url
            assert issuer in title.group(1) and NUMBER in title.group(1), url
            assert issuer in re.sub(r"<[^>]+>", "", heading.group(1)), url
    national = client.get(reverse("programmes:overview", args=["50-nq-cp"])).content.decode()
    assert re.search(r"<title>50/NQ-CP · ", national)
