"""The task list shows each task's deadline and latest status, filters and sorts by status."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Task
from tests.conftest import client_for
from tests.timeline.conftest import add_tasks, bring_to

pytestmark = pytest.mark.django_db


def _rows(body: str) -> list[str]:
    return [chunk.split('"', 1)[0] for chunk in body.split('<tr data-status="')[1:]]


def test_deadline_and_status_columns_with_labels_for_card_mode(
    client, action_programme, report_a, officer_a, approver_a, most_monitor
):
    task = Task.objects.get(programme=action_programme, ref="II.1.a")
    Task.objects.filter(pk=task.pk).update(
        deadline=datetime.date(2025, 12, 31), deadline_text="Quý IV/2025"
    )
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="overdue")
    body = client.get(reverse("programmes:tasks", args=[action_programme.slug])).content.decode()
    assert "31/12/2025" in body and "Quý IV/2025" in body
    assert 'data-label="Thời hạn"' in body and 'data-label="Tình trạng"' in body
    assert "Quá hạn, chưa hoàn thành" in body
    assert "overdue" in _rows(body)
    reported = report_a.entries.count()
    url = reverse("programmes:tasks", args=[action_programme.slug])
    assert client.get(url, {"status": "overdue"}).context["page"].paginator.count == reported


def test_the_public_does_not_see_a_submitted_status_but_most_does(
    client, action_programme, report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, "submitted", officer_a, approver_a, most_monitor, status="overdue")
    url = reverse("programmes:tasks", args=[action_programme.slug]) + "?status=overdue"
    assert "0 nhiệm vụ" in client.get(url).content.decode()
    body = client_for(most_monitor).get(url).content.decode()
    assert set(_rows(body)) == {"overdue"}
    assert "theo báo cáo chưa được tiếp nhận" in body


def test_filter_by_status_and_by_no_report(
    client, action_programme, report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="done_on_time")
    url = reverse("programmes:tasks", args=[action_programme.slug])
    done = client.get(url, {"status": "done_on_time"}).context["page"].paginator.count
    none = client.get(url, {"status": "none"}).context["page"].paginator.count
    assert done > 0 and done + none == action_programme.tasks.count()
    htmx = client.get(url, {"status": "none"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in htmx and set(_rows(htmx)) == {"none"}


def test_sort_by_status_puts_what_needs_attention_first_and_by_deadline(
    client, action_programme, report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="overdue")
    url = reverse("programmes:tasks", args=[action_programme.slug])
    rows = _rows(client.get(url, {"sort": "status"}).content.decode())
    assert rows[0] == "overdue" and rows[-1] == "none"
    last = Task.objects.filter(programme=action_programme).order_by("-position").first()
    Task.objects.filter(pk=last.pk).update(deadline=datetime.date(2020, 1, 1))
    page = client.get(url, {"sort": "deadline"}).context["page"]
    assert page.object_list[0].pk == last.pk


def test_bad_status_or_sort_is_said_and_ignored(client, action_programme):
    url = reverse("programmes:tasks", args=[action_programme.slug])
    response = client.get(url, {"status": "<b>x</b>", "sort": "nonsense"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trạng thái không hợp lệ" in body and "Cách sắp xếp không hợp lệ" in body
    assert "<b>x</b>" not in body
    assert response.context["page"].paginator.count == action_programme.tasks.count()


@pytest.mark.usefixtures("pages_rendered")
@pytest.mark.parametrize("persona", ["anon", "most_monitor", "officer_a"])
def test_task_list_queries_stay_flat_as_reports_and_years_grow(
    persona, request, action_programme, regime, officer_a, approver_a, most_monitor
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lotrinh.reporting import services

    client = request.getfixturevalue("client") if persona == "anon" else None
    client = client or client_for(request.getfixturevalue(persona))
    url = reverse("programmes:tasks", args=[action_programme.slug])
    periods = {p.year: p for p in services.generate_periods(regime, 2025)}

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"sort": "status"}).status_code == 200
        return len(ctx.captured_queries)

    report = services.ensure_report(officer_a.agency, periods[2022])
    bring_to(report, "accepted", officer_a, approver_a, most_monitor)
    before = count()
    for year in (2023, 2024):
        report = services.ensure_report(officer_a.agency, periods[year])
        bring_to(report, "submitted", officer_a, approver_a, most_monitor)
    Task.objects.filter(programme=action_programme).update(deadline=datetime.date(2025, 6, 30))
    add_tasks(action_programme, 30)
    assert count() == before
    assert before <= 16


def test_a_task_page_shows_its_latest_status_as_the_viewer_may_see_it(
    client, action_programme, report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, "submitted", officer_a, approver_a, most_monitor, status="overdue")
    task = report_a.entries.select_related("task__clause").first().task
    url = reverse("programmes:task", args=[action_programme.slug, task.clause.anchor])
    assert "Chưa có báo cáo" in client.get(url).content.decode()
    body = client_for(most_monitor).get(url).content.decode()
    assert "Quá hạn, chưa hoàn thành" in body and "theo báo cáo chưa được tiếp nhận" in body
