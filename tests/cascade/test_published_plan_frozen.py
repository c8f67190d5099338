"""A published plan is the agency's record: its links and its units change by a new
version, never in place. The page offers no form once published, and the service refuses
what a tab opened before publishing still posts (found by helper defaults, 2026-12-06)."""

import pytest
from django.urls import reverse

from lotrinh.programmes import cascade
from lotrinh.programmes.models import Task, TaskLink, UnitAssignment
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _state(child) -> tuple:
    return (
        sorted(TaskLink.objects.filter(task__programme=child).values_list("pk", "confirmed")),
        sorted(
            UnitAssignment.objects.filter(task__programme=child).values_list(
                "task_id", "unit_id", "role"
            )
        ),
    )


def test_the_service_refuses_links_and_units_on_a_published_plan(province) -> None:
    child, reporter = province["child"], province["reporter"]
    task = child.tasks.get(ref="1")
    other = Task.objects.filter(programme=child.implements).exclude(links_down__task=task).first()
    unit = UnitAssignment.objects.filter(task__programme=child).first().unit
    link = TaskLink.objects.filter(task=task).first()
    before = _state(child)
    for attempt in (
        lambda: cascade.add_link(reporter, task, other),
        lambda: cascade.confirm_link(reporter, link),
        lambda: cascade.reject_link(reporter, link),
        lambda: cascade.assign_unit(reporter, child.tasks.get(ref="3"), unit, "coordinating"),
    ):
        with pytest.raises(cascade.CascadeError, match="đã được công bố"):
            attempt()
    assert _state(child) == before


def test_a_stale_tab_posting_to_a_published_plan_is_told_and_changes_nothing(province) -> None:
    child, reporter = province["child"], province["reporter"]
    task = child.tasks.get(ref="2")
    parent = Task.objects.filter(programme=child.implements).exclude(links_down__task=task).first()
    before = _state(child)
    page = client_for(reporter).post(
        reverse("cascade:plan_save", args=[child.pk]),
        {"what": "add_link", "task": task.pk, "parent_task": parent.pk},
        follow=True,
    )
    assert page.status_code in (200, 400, 409)
    assert "đã được công bố" in page.content.decode()
    assert _state(child) == before
