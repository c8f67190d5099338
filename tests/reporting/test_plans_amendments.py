import datetime

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Programme, ProgrammeStatus, Task
from lotrinh.reporting import amendments, plans, services
from lotrinh.reporting.models import AgencyReport
from tests.conftest import client_for
from tests.plan_helpers import plan_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


def test_an_issued_plan_is_recorded_by_number_and_date_as_a_child_programme(
    programme, officer_a, officer_b
):
    child = plans.record_plan(
        officer_a, officer_a.agency, programme, number="15/KH-BYT", date=datetime.date(2020, 5, 20)
    )
    assert (child.issuer, child.implements, child.status, child.tasks.count()) == (
        officer_a.agency,
        programme,
        ProgrammeStatus.PUBLISHED,
        0,
    )
    found = plans.issued_plans(programme=programme)[(officer_a.agency.pk, programme.code)]
    assert (found.is_issued, found.document_number, found.document_date) == (
        True,
        "15/KH-BYT",
        datetime.date(2020, 5, 20),
    )
    # Recording the same number again with another date is refused (the plan's own form
    # corrects it: tests/reporting/test_plan_number_exists.py); a number is corrected in place.
    with pytest.raises(plans.PlanExists):
        plans.record_plan(
            officer_a,
            officer_a.agency,
            programme,
            number="15/KH-BYT",
            date=datetime.date(2020, 5, 21),
        )
    child = plans.record_plan(
        officer_a,
        officer_a.agency,
        programme,
        number="15/KH-BYT",
        date=datetime.date(2020, 5, 21),
        plan=child,
    )
    fixed = plans.record_plan(
        officer_a,
        officer_a.agency,
        programme,
        number="16/KH-BYT",
        date=datetime.date(2020, 5, 21),
        plan=child,
    )
    assert (fixed.pk, fixed.code) == (child.pk, "16/KH-BYT")
    with pytest.raises(services.WorkflowError):
        plans.record_plan(
            officer_b, officer_a.agency, programme, number="x", date=datetime.date(2020, 1, 1)
        )
    with pytest.raises(services.WorkflowError):
        plans.record_plan(officer_a, officer_a.agency, programme, number="1/KH", date=None)
    with pytest.raises(services.WorkflowError):
        plans.record_plan(
            officer_a, officer_b.agency, programme, number="1/KH", date=datetime.date(2020, 1, 1)
        )


def test_the_plan_page_shows_the_agencys_child_programmes_with_their_tasks(
    programme, officer_a, most_monitor
):
    task = plan_task(
        officer_a.agency,
        programme,
        [Task.objects.get(programme=programme, ref="II.6.c")],
        "Đề án sản xuất vắc xin",
        deadline=datetime.date(2024, 12, 31),
    )
    page = client_for(most_monitor).get(reverse("reporting:plan_of", args=[officer_a.agency.code]))
    text = page.content.decode()
    assert task.programme.code in text and "Đề án sản xuất vắc xin" in text
    assert "II.6.c" in text and "31/12/2024" in text
    assert reverse("cascade:plan", args=[task.programme_id]) in text
    assert 'name="number"' not in text  # MOST reads; only the agency records
    response = client_for(officer_a).post(
        reverse("reporting:plan_save"),
        {"number": "20/KH-BYT", "date": "2021-01-04", "note": ""},
    )
    assert response.status_code == 302
    assert Programme.objects.filter(
        issuer=officer_a.agency, code="20/KH-BYT", status=ProgrammeStatus.PUBLISHED
    ).exists()


def test_plan_page(officer_a, most_monitor, officer_b):
    assert client_for(officer_a).get(reverse("reporting:plan")).status_code == 200
    assert (
        client_for(most_monitor)
        .get(reverse("reporting:plan_of", args=[officer_a.agency.code]))
        .status_code
        == 200
    )
    assert (
        client_for(officer_b)
        .get(reverse("reporting:plan_of", args=[officer_a.agency.code]))
        .status_code
        == 403
    )


def test_an_accepted_amendment_makes_a_new_version_and_keeps_the_old(
    programme, officer_a, approver_a, most_monitor
):
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)
    proposal = amendments.propose_amendment(
        officer_a,
        programme,
        kind="deadline",
        task_ref="II.6.c",
        reason="Cần thêm thời gian thử nghiệm lâm sàng",
        deadline=datetime.date(2027, 12, 31),
    )
    with pytest.raises(services.WorkflowError):
        amendments.decide(officer_a, proposal, accepted=True, decision="x")
    amendments.consolidate(most_monitor, proposal)
    proposal = amendments.decide(
        most_monitor, proposal, accepted=True, decision="Nghị quyết số 99/NQ-CP (thử)"
    )
    new = proposal.resulting_version
    assert new.version == 2 and new.status == ProgrammeStatus.PUBLISHED
    old = Programme.objects.get(code="50/NQ-CP", version=1)
    assert old.status == ProgrammeStatus.SUPERSEDED
    assert Task.objects.get(programme=new, ref="II.6.c").deadline == datetime.date(2027, 12, 31)
    assert Task.objects.get(programme=old, ref="II.6.c").deadline is None
    assert new.reporting_regimes.count() == old.reporting_regimes.count()
    report.refresh_from_db()
    assert report.period.regime.programme == new  # the cycle follows the current version
    assert AgencyReport.objects.count() == 1
    page = (
        client_for(officer_a)
        .get(reverse("programmes:task", args=[new.slug, "II-6-c"]))
        .content.decode()
    )
    assert "Lịch sử cam kết" in page and "31/12/2027" in page


def test_new_task_and_role_changes(programme, officer_a, most_monitor):
    new_task = amendments.propose_amendment(
        officer_a,
        programme,
        kind="new_task",
        task_ref="II.6",
        reason="Bổ sung",
        text="Xây dựng nền tảng y tế số",
        lead="Bộ Y tế",
        coordinating="Bộ Công an",
    )
    amendments.consolidate(most_monitor, new_task)
    version = amendments.decide(
        most_monitor, new_task, accepted=True, decision="Quyết định thử"
    ).resulting_version
    added = Task.objects.get(programme=version, ref="II.6.BS1")
    assert {a.agency.name_vi for a in added.assignments.all()} == {"Bộ Y tế", "Bộ Công an"}
    with pytest.raises(services.WorkflowError, match="danh mục"):
        amendments.propose_amendment(
            officer_a, version, kind="roles", task_ref="II.6.c", reason="x", lead="Bộ Không Có"
        )


def test_rejected_proposal_changes_nothing(programme, officer_a, most_monitor):
    proposal = amendments.propose_amendment(
        officer_a, programme, kind="text", task_ref="II.6.c", reason="x", text="Nội dung mới"
    )
    amendments.decide(most_monitor, proposal, accepted=False, decision="Công văn thử")
    assert Programme.objects.filter(code="50/NQ-CP").count() == 1


def test_amendment_pages(officer_a, most_monitor, oversight_reader):
    assert client_for(officer_a).get(reverse("reporting:amendments")).status_code == 200
    assert client_for(oversight_reader).get(reverse("reporting:amendments")).status_code == 200
    response = client_for(officer_a).post(
        reverse("reporting:amendment_propose"),
        {"kind": "text", "task_ref": "II.6.c", "reason": "Cập nhật", "text": "Nội dung mới"},
    )
    assert response.status_code == 302


def test_oversight_comments_on_a_task_are_seen_by_agencies_and_most_not_the_public(
    oversight_reader, officer_a, most_monitor, client
):
    task = Task.objects.get(programme__code="50/NQ-CP", ref="II.6.c")
    url = reverse("programmes:task", args=["50-nq-cp", "II-6-c"])
    response = client_for(oversight_reader).post(
        reverse("reporting:task_comment", args=[task.pk]),
        {"text": "Đề nghị làm rõ tiến độ sản xuất vắc xin"},
    )
    assert response.status_code == 302
    for user in (officer_a, most_monitor):
        assert (
            "Đề nghị làm rõ tiến độ sản xuất vắc xin" in client_for(user).get(url).content.decode()
        )
    assert "Đề nghị làm rõ tiến độ" not in client.get(url).content.decode()
    assert (
        client.post(reverse("reporting:task_comment", args=[task.pk]), {"text": "x"}).status_code
        == 302
    )  # to the login page
    from lotrinh.reporting.models import Comment

    assert Comment.objects.filter(task=task).count() == 1


def test_the_plan_page_costs_the_same_whatever_the_plans_size(programme, officer_a, most_monitor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lotrinh.agencies.models import Unit
    from lotrinh.programmes.models import UnitAssignment

    url = reverse("reporting:plan_of", args=[officer_a.agency.code])
    parents = list(Task.objects.filter(programme=programme).order_by("position")[:10])
    unit = Unit.objects.create(agency=officer_a.agency, code="vu-a", name_vi="Vụ A")

    def add(i):
        task = plan_task(officer_a.agency, programme, [parents[i]], f"Nhiệm vụ {i}")
        UnitAssignment.objects.create(task=task, unit=unit, role="lead")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client_for(most_monitor).get(url).status_code == 200
        return len(captured)

    add(0)
    small = count()
    for i in range(1, 10):
        add(i)
    assert count() == small


def test_a_units_officer_and_a_party_committee_do_not_propose_amendments_to_the_programme(
    programme, officer_a
):
    """A department speaks to its province, not for it to MOST; a Party committee reports
    on 52-NQ/TW to the Commission: neither proposes amendments to 50/NQ-CP. The agency's
    own reporter still does."""
    from lotrinh.accounts.models import User
    from lotrinh.agencies.models import Agency, AgencyKind, Unit

    department = Unit.objects.create(agency=officer_a.agency, code="vu-1", name_vi="Vụ Một")
    unit_officer = User.objects.create_user(
        "unit-officer", password="x", agency=officer_a.agency, unit=department, role="reporter"
    )
    committee = Agency.objects.filter(kind=AgencyKind.PARTY_PROVINCIAL).first()
    assert committee is not None
    party_reporter = User.objects.create_user(
        "party-reporter", password="x", agency=committee, role="reporter"
    )
    body = {"kind": "text", "task_ref": "II.6.c", "reason": "Cập nhật", "text": "Nội dung mới"}
    for user in (unit_officer, party_reporter):
        client = client_for(user)
        page = client.get(reverse("reporting:my_reports"))
        assert page.status_code == 200
        assert reverse("reporting:amendments") not in page.content.decode()
        assert client.get(reverse("reporting:amendments")).status_code == 403
        assert client.post(reverse("reporting:amendment_propose"), body).status_code == 403
        with pytest.raises(services.WorkflowError):
            amendments.propose_amendment(user, programme, **body)
    assert not programme.amendments.exists()
    page = client_for(officer_a).get(reverse("reporting:my_reports")).content.decode()
    assert reverse("reporting:amendments") in page
