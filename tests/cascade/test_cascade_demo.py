"""The cascade's demo (`reporting/demo_cascade.py`, docs/cascade.md "National view, demo,
benchmark"): its links are those the agency would confirm (the suggester's first
suggestion, none where it suggests nothing: no task linked by hand), its plans say they
are stand-ins, and its units' reports make a 2024 and 2025 cycle rolled up for MOST."""

import datetime
import re

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import LinkMethod, Programme, ProgrammeStatus, TaskLink
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import demo_cascade, rollup
from lotrinh.reporting.demo import DEMO_SOURCE
from lotrinh.reporting.models import AgencyReport, ReportStatus

MINISTRY = demo_cascade.PLANS[2]
# A real-looking document number: "1250/KH-BYT", "308/KH-UBND".
DOCUMENT_NUMBER = re.compile(r"^\d+/")


def _said_to_be_a_demo(child: Programme) -> None:
    assert child.code.endswith(demo_cascade.DEMO_CODE_MARK)
    assert child.title.startswith("Minh hoạ: ") and child.title_en.startswith("Demonstration")
    assert child.source.startswith(f"{DEMO_SOURCE}: ")
    assert child.source_en.startswith("Demonstration data (DEMO): ")


def _links_as_confirmed(child: Programme) -> dict[str, list[TaskLink]]:
    links: dict[str, list[TaskLink]] = {t.ref: [] for t in child.tasks.all()}
    for link in TaskLink.objects.filter(task__programme=child).select_related("task"):
        links[link.task.ref].append(link)
    return links


def test_the_invented_ministry_plan_is_marked_and_a_task_with_no_suggestion_stays_unlinked(
    seeded_db: None,
) -> None:
    child = demo_cascade._plan(MINISTRY, current_programme("50/NQ-CP"))
    assert child.status == ProgrammeStatus.PUBLISHED
    _said_to_be_a_demo(child)
    assert child.code == "KH-BYT (minh hoạ)" and not DOCUMENT_NUMBER.match(child.code)
    assert "không phải văn bản thật" in child.title
    # Dated within 50/NQ-CP's cycle, the same on every run: not the day the demo runs.
    assert child.issue_date == demo_cascade.INVENTED_PLAN_DAY == datetime.date(2020, 5, 25)
    links = _links_as_confirmed(child)
    # Every link is a confirmed suggestion, one per task; none added by hand.
    assert all(
        len(found) == 1 and found[0].confirmed and found[0].method != LinkMethod.MANUAL
        for ref, found in links.items()
        if ref != "4"
    ), links
    # The plan's own follow-up carries out no national task: no link (the old demo gave
    # it the ministry's first national task by hand).
    assert links["4"] == []
    # It is still the unit's to report on.
    assert child.tasks.get(ref="4").unit_assignments.filter(role="lead").exists()


pytestmark_corpus = pytest.mark.skipif(
    not all((demo_cascade.corpus_dir() / p.document).exists() for p in demo_cascade.PLANS[:2]),
    reason="the corpus (setting LOTRINH_CORPUS_DIR) is not available",
)


@pytestmark_corpus
def test_the_demo_links_only_what_was_suggested_says_it_is_a_stand_in_and_rolls_up(
    seeded_db: None, client
) -> None:
    summary = demo_cascade.generate_cascade_demo()
    assert summary.startswith("3 kế hoạch cấp dưới")
    national = current_programme("50/NQ-CP")
    children = []
    for spec in demo_cascade.PLANS:
        child = Programme.objects.get(code=spec.code, status=ProgrammeStatus.PUBLISHED)
        children.append(child)
        assert child.implements == national
        _said_to_be_a_demo(child)
        for ref, found in _links_as_confirmed(child).items():
            assert len(found) <= 1, (spec.code, ref)
            assert all(link.confirmed and link.method != LinkMethod.MANUAL for link in found)
        agency = child.issuer
        assert agency is not None
        # A believable cycle: units' reports of both years, most accepted, all marked DEMO,
        # and rolled up into what the agency reports to MOST.
        reports = AgencyReport.objects.filter(entries__task__programme=child).distinct()
        assert all(r.is_demo and r.unit_id for r in reports)
        for year in (2024, 2025):
            accepted = reports.filter(period__year=year, status=ReportStatus.ACCEPTED)
            assert accepted.exists(), (spec.code, year)
            assert rollup.rollup(agency, national, year), (spec.code, year)
            to_most = AgencyReport.objects.get(
                agency=agency, unit=None, period__regime__programme=national, period__year=year
            )
            assert to_most.is_demo
    # The stand-ins' codes are not the real plans': neither 308/KH-UBND nor 144/KH-UBND
    # is a plan of 50/NQ-CP.
    assert not Programme.objects.filter(code__in=["308/KH-UBND", "144/KH-UBND"]).exists()
    # The national task page names the plan, so its reader sees the demonstration.
    link = TaskLink.objects.filter(task__programme=children[1], confirmed=True).first()
    assert link is not None
    most = User.objects.create_user(
        username="most_demo_reader",
        password="pw-most",
        agency=Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe"),
        role=Role.MOST_MONITOR,
    )
    client.force_login(most)
    task = link.parent_task
    page = client.get(reverse("programmes:task", args=[national.slug, task.clause.anchor]))
    html = page.content.decode()
    assert 'id="cascade"' in html and "144/KH-UBND (minh hoạ)" in html
    plan = client.get(reverse("cascade:plan", args=[children[1].pk])).content.decode()
    assert "Dữ liệu minh hoạ (DEMO): văn bản thật" in plan
    # Bắc Ninh's units' work linked beyond its report to MOST goes up (issue 14).
    from tests.cascade.test_rollup_beyond import check_bac_ninh_in_the_demo

    check_bac_ninh_in_the_demo()
    # Idempotent: a second run adds nothing.
    again = demo_cascade.generate_cascade_demo()
    assert ", 0 báo cáo đơn vị;" in again
    assert Programme.objects.filter(code__in=[p.code for p in demo_cascade.PLANS]).count() == 3


@pytestmark_corpus
def test_a_plan_shown_by_its_number_carries_the_tasks_of_that_document(
    seeded_db: None, client
) -> None:
    """Hà Nội's dashboard headed the tasks of 308/KH-UBND with "293/KH-UBND, 07/05/2020",
    a number the demo cycle had drawn at random for the city: the plan the obligation row
    names must be the plan whose tasks follow it."""
    from lotrinh.reporting.demo import generate_demo_cycle
    from lotrinh.reporting.plans import child_plans, create_recorded_plan, issued_plans

    generate_demo_cycle(seed=2020)
    national = current_programme("50/NQ-CP")
    # A database made by the old demo: the city already holds an invented number.
    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    if not child_plans(programme=national, agency=hanoi).exists():
        create_recorded_plan(
            hanoi,
            national,
            number="293/KH-UBND",
            date=datetime.date(2020, 5, 7),
            source=DEMO_SOURCE,
        )
    demo_cascade.generate_cascade_demo()
    for spec in demo_cascade.PLANS:
        imported = child_plans(programme=national, agency=Agency.objects.get(code=spec.agency)).get(
            code=spec.code
        )
        assert imported.tasks.exists()
        shown = issued_plans(agency=imported.issuer)[(imported.issuer_id, national.code)]
        assert shown.document_number == spec.code, (spec.agency, shown.document_number)
        assert shown.document_date == imported.issue_date
    monitor = User.objects.get(username="hn-theodoi")
    client.force_login(monitor)
    html = client.get(reverse("dashboard:agency", args=["thanh-pho-ha-noi"])).content.decode()
    assert (
        '<span lang="vi">308/KH-UBND (minh hoạ)</span>, <span class="nowrap">17/11/2025</span>'
        in html
    )
    assert "293/KH-UBND" not in html


@pytestmark_corpus
def test_a_database_made_before_gets_the_invented_plan_dated_as_now(seeded_db: None) -> None:
    """The old demo dated KH-BYT (minh hoạ) the day it ran (07/12/2026 on the demo)."""
    demo_cascade.generate_cascade_demo()
    child = Programme.objects.get(code=MINISTRY.code, status=ProgrammeStatus.PUBLISHED)
    child.issue_date = datetime.date(2026, 12, 7)
    child.save(update_fields=["issue_date"])
    demo_cascade.generate_cascade_demo()
    child.refresh_from_db()
    assert child.issue_date == demo_cascade.INVENTED_PLAN_DAY
