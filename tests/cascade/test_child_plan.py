"""An agency's plan imported through the importer's parse output becomes a draft child
programme of 50/NQ-CP: its tasks, its units (proposed), links to national tasks
(suggested, then confirmed by the agency), and on publishing its own regime."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.importer.service import parse_file
from lotrinh.programmes import cascade
from lotrinh.programmes.models import ProgrammeStatus, Task, TaskLink
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person

CORPUS = Path(settings.LOTRINH_CORPUS_DIR)
HERE = Path(__file__).parent
ANNOTATION = json.loads((HERE / "links_kh308_hanoi.json").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(
    not (CORPUS / ANNOTATION["document"]).exists(), reason="corpus not available"
)


@pytest.fixture(scope="module")
def parsed() -> dict:
    return parse_file(CORPUS / ANNOTATION["document"])


@pytest.fixture
def hanoi_plan(hanoi: Agency, parsed: dict):
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    # The importer reads the number of the implemented resolution as the plan's (its
    # header reader, issue 12); the agency corrects it on review.
    programme = cascade.child_from_parse(
        parsed, hanoi, current_programme("50/NQ-CP"), reporter, code="308/KH-UBND"
    )
    return programme, reporter


def test_the_plan_becomes_a_draft_child_programme_with_its_tasks_and_units(hanoi_plan) -> None:
    programme, _reporter = hanoi_plan
    assert programme.status == ProgrammeStatus.DRAFT
    assert programme.implements.code == "50/NQ-CP"
    assert programme.issuer.code == "thanh-pho-ha-noi"
    assert programme.code == "308/KH-UBND"
    refs = list(programme.tasks.values_list("ref", flat=True))
    assert refs == list(ANNOTATION["tasks"])
    for ref, expected in ANNOTATION["tasks"].items():
        task = programme.tasks.get(ref=ref)
        leads = sorted(a.unit.name_vi for a in task.unit_assignments.filter(role="lead"))
        assert leads == sorted(expected["lead"]), ref
    units = {u.name_vi: u for u in programme.issuer.units.all()}
    assert {"Sở Khoa học và Công nghệ", "Công an Thành phố", "Sở Tài chính"} <= set(units)
    assert all(u.proposed for u in units.values())
    assert "Bộ Công an" not in units  # another agency, not a unit of Hà Nội


def _top_link_right(task: Task, expected: list[str]) -> bool:
    links = list(TaskLink.objects.filter(task=task).order_by("-score"))
    if not expected:
        return not links
    return bool(links) and links[0].parent_task.ref in expected


def test_the_platforms_task_goes_first_to_the_shared_national_platforms(hanoi_plan) -> None:
    """308's II.2 ("Về các nền tảng số: … sử dụng thống nhất các nền tảng số quốc gia dùng
    chung …") carries out 50/NQ-CP's II.3.a.2 (the national data infrastructure). The
    pivoted cosine put II.3.e first (the environment's data, a shorter clause); BM25
    (saturated term counts, a clause's length discounted by its number of terms) puts
    II.3.a.2 first (docs/cascade.md, "Okapi BM25 …")."""
    programme, _reporter = hanoi_plan
    task = programme.tasks.get(ref="II.2")
    assert "II.3.a.2" in ANNOTATION["tasks"]["II.2"]["implements"]
    first = TaskLink.objects.filter(task=task).order_by("-score").first()
    assert first is not None and first.parent_task.ref == "II.3.a.2"


@pytest.mark.xfail(
    strict=True,
    reason="the suggester (words and meaning) puts a right national task first for 4 of 7 "
    "tasks of 308/KH-UBND (docs/cascade.md); the agency confirms links before publishing",
)
def test_suggested_links_reach_95_percent_on_the_annotated_sample(hanoi_plan) -> None:
    programme, _reporter = hanoi_plan
    right = [
        _top_link_right(programme.tasks.get(ref=ref), item["implements"])
        for ref, item in ANNOTATION["tasks"].items()
    ]
    assert sum(right) / len(right) >= 0.95, f"{sum(right)}/{len(right)}"


def test_links_are_confirmed_by_the_agency_and_publishing_opens_the_units_regime(
    hanoi_plan, merged_provinces
) -> None:
    programme, reporter = hanoi_plan
    other = person("reporter_bn", merged_provinces[1], Role.REPORTER)
    department = person("dept_hn", programme.issuer, Role.REPORTER, unit=None)
    link = TaskLink.objects.filter(task__programme=programme).first()
    with pytest.raises(cascade.CascadeError):
        cascade.confirm_link(other, link)
    with pytest.raises(cascade.CascadeError):
        cascade.publish_child(reporter, programme)  # links not yet confirmed
    national = current_programme("50/NQ-CP")
    for ref, item in ANNOTATION["tasks"].items():
        task = programme.tasks.get(ref=ref)
        for suggested in TaskLink.objects.filter(task=task):
            if suggested.parent_task.ref in item["implements"]:
                cascade.confirm_link(reporter, suggested)
            else:
                cascade.reject_link(reporter, suggested)
        if item["implements"] and not task.links_up.exists():
            cascade.add_link(reporter, task, national.tasks.get(ref=item["implements"][0]))
    cascade.publish_child(department, programme)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.PUBLISHED
    assert not programme.issuer.units.filter(proposed=True, assignments__task__programme=programme)
    regime = programme.reporting_regimes.get(code="unit-annual-report")
    assert (regime.deadline_month, regime.deadline_day) == (11, 15)
    assert regime.recipient == programme.issuer
    right = sum(
        _top_link_right(programme.tasks.get(ref=ref), item["implements"])
        for ref, item in ANNOTATION["tasks"].items()
    )
    assert right == len(ANNOTATION["tasks"])
