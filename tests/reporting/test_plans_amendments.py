import datetime

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Programme, ProgrammeStatus, Task
from lotrinh.reporting import amendments, plans, services
from lotrinh.reporting.models import AgencyReport
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


def test_plan_actions_roll_up_to_programme_tasks(programme, officer_a, officer_b):
    plan = plans.plan_for(officer_a.agency, programme)
    plans.save_plan(plan, officer_a, number="15/KH-BYT", date=datetime.date(2020, 5, 20), note="")
    task = Task.objects.get(programme=programme, ref="II.6.c")
    plans.add_action(
        plan,
        officer_a,
        text="Đề án sản xuất vắc xin",
        owner_unit="Cục Khoa học công nghệ",
        deadline=None,
        expected_output="Đề án",
        tasks=[task],
        progress=40,
    )
    action = plans.add_action(
        plan,
        officer_a,
        text="Bệnh án điện tử",
        owner_unit="Cục CNTT",
        deadline=None,
        expected_output="Quyết định",
        tasks=[task],
        progress=80,
    )
    assert [(r.task.ref, r.actions, r.progress) for r in plans.rollup(plan)] == [
        ("II.6.c", 2, 60.0)
    ]
    plans.set_progress(action, officer_a, 100)
    assert plans.rollup(plan)[0].progress == 70.0
    with pytest.raises(services.WorkflowError):
        plans.save_plan(plan, officer_b, number="x", date=datetime.date(2020, 1, 1), note="")
    with pytest.raises(services.WorkflowError):
        plans.save_plan(plan, officer_a, number="1/KH", date=None, note="")


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
