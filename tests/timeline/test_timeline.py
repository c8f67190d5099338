"""The programme timeline: tasks by group, plan actions (for those who may read plans),
reporting periods and target milestones; filters; the dated list; flat query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.agencies.models import Agency, Unit
from lotrinh.programmes.models import Task
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, ReportEntry
from tests.conftest import client_for
from tests.plan_helpers import plan_task
from tests.timeline.conftest import add_tasks

pytestmark = pytest.mark.django_db

ACTION_TEXT = "Xây dựng hệ thống hồ sơ sức khoẻ điện tử"


@pytest.fixture
def url(action_programme) -> str:
    return reverse("programmes:timeline", args=[action_programme.slug])


@pytest.fixture
def health_action(action_programme, officer_a):
    """An action of Bộ Y tế's plan with a deadline and progress, on task II.1.a."""
    task = Task.objects.get(programme=action_programme, ref="II.1.a")
    return plan_task(
        officer_a.agency,
        action_programme,
        [task],
        ACTION_TEXT,
        deadline=datetime.date(2023, 6, 30),
    )


def test_the_timeline_shows_groups_deadlines_periods_and_milestones(client, url, regime):
    Task.objects.filter(programme__code="50/NQ-CP", ref="II.1.b").update(
        deadline=datetime.date(2025, 12, 31), deadline_text="Quý IV/2025"
    )
    services.generate_periods(regime, 2024)
    response = client.get(url)
    body = response.content.decode()
    timeline = response.context["timeline"]
    titles = [s.title for s in timeline.sections]
    assert "Kỳ báo cáo" in titles and "Mốc chỉ tiêu của 52-NQ/TW" in titles
    assert [s.ref for s in timeline.sections if s.ref][:2] == ["II.1", "II.2"]
    # The deadline is on the chart (a bar ending at its marker) and in the dated list.
    task = next(i for s in timeline.sections for i in s.items if i.ref == "II.1.b")
    assert task.due == datetime.date(2025, 12, 31) and task.xdue and float(task.width[:-1]) > 0
    assert "Thời hạn: 31/12/2025" in body and "Tháng 12/2025" in body
    assert "30/11/2024" in body  # a reporting period's due date
    assert 'class="tl-today"' in body
    # Milestones of the resolution the programme implements, as dated points.
    milestones = next(s for s in timeline.sections if s.title.startswith("Mốc chỉ tiêu"))
    assert {i.due.year for i in milestones.items} >= {2025, 2030}
    # Tasks without a deadline are listed apart, never dropped.
    assert timeline.count == Task.objects.filter(programme__code="50/NQ-CP").count()
    assert len(timeline.undated) == timeline.count - 1


def test_no_inline_style_and_positions_are_not_localised(client, url):
    body = client.get(url).content.decode()
    assert "style=" not in body
    assert 'x="' in body and not any(
        chunk.split('"', 1)[0].count(",") for chunk in body.split(' x="')[1:]
    )


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("anon", False),
        ("officer_b", False),
        ("officer_a", True),
        ("approver_a", True),
        ("most_monitor", True),
        ("oversight_reader", True),
    ],
)
def test_plan_actions_are_shown_to_those_who_may_read_the_plan(
    persona, sees, request, url, health_action
):
    client = request.getfixturevalue("client") if persona == "anon" else None
    client = client or client_for(request.getfixturevalue(persona))
    body = client.get(url).content.decode()
    assert (ACTION_TEXT in body) is sees
    if sees:
        assert "30/06/2023" in body and "tiến độ 0%" in body
        assert "Tháng 6/2023" in body


def test_filter_by_agency_follows_successions(client, url, action_programme):
    mpi = Agency.objects.get(code="bo-ke-hoach-va-dau-tu")
    finance = Agency.objects.get(code="bo-tai-chinh")
    led_by_mpi = set(
        Task.objects.filter(
            programme=action_programme, assignments__agency=mpi, assignments__role="lead"
        ).values_list("ref", flat=True)
    )
    assert led_by_mpi
    response = client.get(url, {"agency": finance.code, "role": "lead"})
    refs = {i.ref for s in response.context["timeline"].sections for i in s.items if i.ref}
    assert led_by_mpi <= refs
    assert "kế thừa từ Bộ Kế hoạch và Đầu tư" in response.content.decode()
    # The predecessor itself still shows only its own tasks.
    response = client.get(url, {"agency": mpi.code, "role": "lead"})
    refs = {i.ref for s in response.context["timeline"].sections for i in s.items if i.ref}
    assert refs == led_by_mpi


def test_filter_by_role_and_group(client, url, action_programme):
    most = Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe")
    response = client.get(url, {"agency": most.code, "role": "coordinating", "group": "II.2"})
    items = [i for s in response.context["timeline"].sections for i in s.items if i.ref]
    assert items and all(i.ref.startswith("II.2") for i in items)
    for item in items:
        task = Task.objects.get(programme=action_programme, ref=item.ref)
        holders = {
            a.agency.code
            for a in task.assignments.filter(role="coordinating", agency__isnull=False)
        }
        assert most.code in holders or "bo-thong-tin-va-truyen-thong" in holders


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"agency": "khong-co"}, "Không có cơ quan này"),
        ({"group": "<script>"}, "Không có nhóm nhiệm vụ này"),
        ({"role": "boss"}, "Vai trò không hợp lệ"),
        ({"role": "lead"}, "Chọn một cơ quan để lọc theo vai trò"),
    ],
)
def test_bad_filters_are_said_and_ignored(client, url, params, message):
    response = client.get(url, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and "<script>" not in body
    assert (
        response.context["timeline"].count
        == Task.objects.filter(programme__code="50/NQ-CP").count()
    )


@pytest.mark.usefixtures("pages_rendered")
def test_the_timeline_queries_stay_flat_as_data_grows(
    url, action_programme, regime, officer_a, most_monitor, health_action
):
    client = client_for(most_monitor)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    services.generate_periods(regime, 2021)
    before = count()
    services.generate_periods(regime, 2026)
    tasks = list(Task.objects.filter(programme=action_programme)[:10])
    for i, task in enumerate(tasks):
        plan_task(
            officer_a.agency,
            action_programme,
            [task],
            f"Hành động {i}",
            deadline=datetime.date(2024, 1 + i, 1),
        )
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(deadline=datetime.date(2026, 3, 1))
    add_tasks(action_programme, 30)
    after = count()
    # 25: one query more than with the old plan actions, for the units' accepted entries
    # that give each plan task's progress.
    assert after == before and before <= 25


def test_an_agency_sees_the_tasks_addressed_to_all_ministries_with_its_actions(
    url, officer_a, officer_b, health_action, action_programme, regime
):
    response = client_for(officer_a).get(url, {"agency": "bo-y-te", "role": "lead"})
    items = {i.ref: i for s in response.context["timeline"].sections for i in s.items if i.ref}
    generic = items["II.1.a"]  # addressed to "các bộ, ngành, địa phương"
    assert generic.via == "giao chung"
    assert [c.title for c in generic.children] == [f"12/KH-BYT 1: {ACTION_TEXT}"]
    # No unit has reported the plan task done yet: nothing of the bar is filled.
    assert generic.children[0].progress == 0
    # Two units report it in their accepted reports of 2024, one done: half filled.
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    for code, status in (("cuc-a", "done_on_time"), ("cuc-b", "in_progress")):
        unit = Unit.objects.create(agency=officer_a.agency, code=code, name_vi=f"Cục {code}")
        report = AgencyReport.objects.create(
            agency=officer_a.agency, unit=unit, period=period, status="accepted"
        )
        ReportEntry.objects.create(report=report, task=health_action, status=status)
    response = client_for(officer_a).get(url, {"agency": "bo-y-te", "role": "lead"})
    items = {i.ref: i for s in response.context["timeline"].sections for i in s.items if i.ref}
    assert items["II.1.a"].children[0].progress == 50
    # Another agency filtering on Bộ Y tế sees its tasks, never its plan.
    response = client_for(officer_b).get(url, {"agency": "bo-y-te"})
    assert ACTION_TEXT not in response.content.decode()
