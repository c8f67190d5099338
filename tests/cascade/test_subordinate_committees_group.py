"""A Party committee's plan that gives a task to "các huyện ủy, thành ủy, đảng ủy trực
thuộc" keeps that class on the task (a group of its units, docs/cascade.md "Units named as
a group"), for the committee to assign to each of its own committees in one action, as
"Các Sở, ban, ngành" is for a province; the review page and the plan page name it in the
reader's language; the export writes it as the programme format's class. A People's
Committee's plan has no such group."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency, UnitKind
from lotrinh.programmes import cascade
from lotrinh.programmes.loader import load_data
from lotrinh.programmes.models import (
    ProgrammeStatus,
    TaskAssignment,
    TaskLink,
    UnitAddressee,
)
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import plans
from tests.cascade.conftest import person, unit
from tests.conftest import client_for
from tests.core.pending_english import add_pending_english

pytestmark = pytest.mark.django_db

CODE = "subordinate_party_committees"


def _plan(issuer: str) -> dict:
    """The parse of a Party plan: one task led by the class (prose), one with field lines
    naming it as coordinating, one led by the committee's board."""
    return {
        "format": "lotrinh.programme/1",
        "programme": {
            "code": "45-KH/TU",
            "kind": "plan",
            "title": "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW",
            "issuer": issuer,
            "issue_date": "2025-06-12",
        },
        "clauses": [
            {"ref": "1", "kind": "item", "label": "1", "text": "Nhiệm vụ", "parent": None},
            {"ref": "2", "kind": "item", "label": "2", "text": "Tuyên truyền", "parent": None},
            {
                "ref": "2.a",
                "kind": "item",
                "label": "a",
                "text": "Nội dung: Tổ chức tuyên truyền Nghị quyết",
                "parent": "2",
            },
            {
                "ref": "2.b",
                "kind": "item",
                "label": "b",
                "text": "Đơn vị phối hợp: Các đảng ủy trực thuộc Thành ủy Hà Nội",
                "parent": "2",
            },
        ],
        "task_groups": [],
        "tasks": [
            {
                "ref": "1",
                "text": "Các huyện ủy, thành ủy, đảng ủy trực thuộc xây dựng kế hoạch thực hiện.",
                "lead": [],
                "coordinating": [],
                "addressees": [
                    {
                        "generic": CODE,
                        "role": "lead",
                        "text": "Các huyện ủy, thành ủy, đảng ủy trực thuộc",
                    }
                ],
            },
            {
                "ref": "2.a",
                "text": "Nội dung: Tổ chức tuyên truyền Nghị quyết",
                "lead": [],
                "coordinating": [],
                "addressees": [],
            },
            {
                "ref": "2.b",
                "text": "Đơn vị phối hợp: Các đảng ủy trực thuộc Thành ủy Hà Nội",
                "lead": [],
                "coordinating": [],
                "addressees": [],
            },
            {
                "ref": "3",
                "text": "Ban Tuyên giáo Thành ủy tổ chức quán triệt.",
                "lead": ["Ban Tuyên giáo Thành ủy"],
                "coordinating": [],
                "addressees": [],
            },
        ],
    }


@pytest.fixture
def committee(seeded_db: None) -> Agency:
    return Agency.objects.get(name_vi="Thành ủy Hà Nội")


def _import(agency: Agency, issuer: str):  # type: ignore[no-untyped-def]
    # The programme the agency's plan page is about (a Party resolution for a committee).
    parent = plans.plan_programme(agency) or current_programme("50/NQ-CP")
    return cascade.child_from_parse(_plan(issuer), agency, parent, None, code="45-KH/TU")


def _groups(plan) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return set(
        UnitAddressee.objects.filter(task__programme=plan).values_list("task__ref", "group", "role")
    )


def test_a_party_committees_plan_keeps_the_class_on_its_tasks(committee: Agency) -> None:
    plan = _import(committee, "Thành ủy Hà Nội")
    assert _groups(plan) == {("1", CODE, "lead"), ("2", CODE, "coordinating")}
    # "Thành ủy Hà Nội" after "trực thuộc" is the committee above, not a unit's name.
    assert not plan.tasks.get(ref="2").unit_assignments.exists()
    assert list(
        plan.tasks.get(ref="3").unit_assignments.values_list("unit__name_vi", flat=True)
    ) == ["Ban Tuyên giáo Thành ủy"]


def test_a_peoples_committees_plan_has_no_such_group(hanoi: Agency) -> None:
    # A guard (no group was read before either): the parse's class is a Party committee's.
    plan = _import(hanoi, "Thành phố Hà Nội")
    assert _groups(plan) == set()


def test_the_committee_assigns_the_class_to_its_own_committees_only(committee: Agency) -> None:
    plan = _import(committee, "Thành ủy Hà Nội")
    mine = {
        "xa": unit(committee, "du-xa-dong-anh", "Đảng ủy xã Đông Anh", UnitKind.OTHER),
        "ubnd": unit(committee, "du-ubnd", "Đảng ủy Ủy ban nhân dân Thành phố", UnitKind.OTHER),
        "board": unit(committee, "ban-tc", "Ban Tổ chức Thành ủy", UnitKind.BOARD),
        "office": unit(committee, "vp", "Văn phòng Thành ủy", UnitKind.OFFICE),
        "proposed": unit(committee, "du-moi", "Đảng ủy phường Mới", UnitKind.OTHER, proposed=True),
    }
    reporter = person("tu_rep", committee, Role.REPORTER)
    addressee = UnitAddressee.objects.get(task__programme=plan, task__ref="1")
    made = cascade.assign_unit_group(reporter, addressee, datetime.date(2025, 7, 1))
    assert sorted(a.unit.code for a in made) == ["du-ubnd", "du-xa-dong-anh"]
    assert {a.role for a in made} == {"lead"}
    assert mine["board"].assignments.count() == 0


@pytest.mark.parametrize(
    ("language", "label"),
    [("vi", "Các cấp ủy trực thuộc"), ("en", "Subordinate Party committees")],
)
def test_the_review_and_plan_pages_name_the_class_in_the_readers_language(
    committee: Agency, language: str, label: str, monkeypatch
) -> None:
    add_pending_english(monkeypatch, "party3")
    plan = _import(committee, "Thành ủy Hà Nội")
    client = client_for(person("tu_rep", committee, Role.REPORTER))
    client.cookies["django_language"] = language
    page = client.get(reverse("cascade:plan", args=[plan.pk])).content.decode()
    assert f"<span>{label}</span>" in page
    assert 'value="assign_group"' in page
    # The agency's plan page lists its plans, the draft too, with the tasks' units.
    page = client.get(reverse("reporting:plan")).content.decode()
    assert f"<span>{label}</span>" in page


def _published(committee: Agency):  # type: ignore[no-untyped-def]
    plan = _import(committee, "Thành ủy Hà Nội")
    reporter = person("tu_rep", committee, Role.REPORTER)
    for link in TaskLink.objects.filter(task__programme=plan):
        cascade.confirm_link(reporter, link)
    cascade.publish_child(reporter, plan)
    return plan


@pytest.mark.parametrize(
    ("language", "label", "none", "headings"),
    [
        (
            "vi",
            "Các cấp ủy trực thuộc",
            "Văn bản không giao cơ quan chủ trì.",
            ("Đơn vị chủ trì", "Đơn vị phối hợp"),
        ),
        (
            "en",
            "Subordinate Party committees",
            "The document names no lead agency.",
            ("Lead units", "Coordinating units"),
        ),
    ],
)
def test_the_task_page_names_what_the_plan_gives_the_task(
    committee: Agency,
    language: str,
    label: str,
    none: str,
    headings: tuple[str, str],
    monkeypatch,
) -> None:
    add_pending_english(monkeypatch, "party3")
    plan = _published(committee)
    client = client_for(person("tu_reader", committee, Role.REPORTER))
    client.cookies["django_language"] = language
    page = client.get(
        reverse("programmes:task", args=[plan.slug, plan.tasks.get(ref="1").clause.anchor])
    ).content.decode()
    assert f'<span class="badge badge-generic">{label}</span>' in page
    assert none not in page
    # A plan gives its tasks to units: its headings say so (they said "Cơ quan chủ trì").
    for heading in headings:
        assert f'<h2 class="flush">{heading}</h2>' in page
    page = client.get(
        reverse("programmes:task", args=[plan.slug, plan.tasks.get(ref="3").clause.anchor])
    ).content.decode()
    assert '<span class="badge badge-lead" lang="vi">Ban Tuyên giáo Thành ủy</span>' in page


def test_the_export_writes_the_class_as_the_formats_generic_addressee(committee: Agency) -> None:
    plan = _published(committee)
    out = io.StringIO()
    call_command("export", plan.code, "--format", "json", stdout=out)
    tasks = {t["ref"]: t for t in json.loads(out.getvalue())["tasks"]}
    assert tasks["1"]["addressees"] == [
        {"generic": CODE, "role": "lead", "text": "Các cấp ủy trực thuộc"}
    ]
    assert tasks["2"]["addressees"] == [
        {"generic": CODE, "role": "coordinating", "text": "Các cấp ủy trực thuộc"}
    ]
    assert tasks["3"]["addressees"] == []


def test_a_programme_file_naming_the_class_loads(seeded_db: None) -> None:
    data = {
        "format": "lotrinh.programme/1",
        "programme": {
            "code": "46-CTr/TU",
            "kind": "plan",
            "title": "Chương trình hành động",
            "issuer": "Tỉnh ủy Bắc Ninh",
            "issue_date": "2025-06-12",
        },
        "clauses": [{"ref": "1", "kind": "item", "label": "1", "text": "…", "parent": None}],
        "task_groups": [{"ref": "I", "title": "Nhiệm vụ", "implements": None}],
        "tasks": [
            {
                "ref": "1",
                "group": "I",
                "text": "Các đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch.",
                "lead": [],
                "coordinating": [],
                "addressees": [
                    {"generic": CODE, "role": "lead", "text": "Các đảng ủy trực thuộc Tỉnh ủy"}
                ],
            }
        ],
    }
    programme, _created = load_data(data, source="test", status=ProgrammeStatus.PUBLISHED)
    assignment = TaskAssignment.objects.get(task__programme=programme)
    assert assignment.generic == CODE
    assert assignment.get_generic_display() == "Các cấp ủy trực thuộc"
