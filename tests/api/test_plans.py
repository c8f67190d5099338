"""Agencies' implementation plans in the API: child programmes with their tasks, read by
the agency's people and (once issued) by those who follow compliance; never by another
agency or the public. Lists cost the same whatever their size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotrinh.programmes.models import Programme, ProgrammeStatus, Task
from lotrinh.reporting.plans import child_plans
from tests.conftest import client_for
from tests.plan_helpers import plan_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    return Programme.objects.get(code="50/NQ-CP", status="published")


@pytest.fixture
def health_plan(national, officer_a):
    task = plan_task(
        officer_a.agency,
        national,
        [Task.objects.get(programme=national, ref="II.6.c")],
        "Đề án sản xuất vắc xin",
        deadline=datetime.date(2024, 12, 31),
    )
    return task.programme


def test_a_plan_is_its_child_programme_with_tasks_links_and_units(health_plan, officer_a, national):
    body = client_for(officer_a).get(f"/api/v1/plans/{health_plan.pk}/").json()
    assert (body["agency_code"], body["programme"], body["issued"]) == (
        officer_a.agency.code,
        national.pk,
        True,
    )
    assert (body["document_number"], body["document_date"]) == ("12/KH-BYT", "2020-07-01")
    [task] = body["tasks"]
    assert task["text"] == "Đề án sản xuất vắc xin" and task["deadline"] == "2024-12-31"
    assert [link["ref"] for link in task["implements"]] == ["II.6.c"]
    listed = client_for(officer_a).get("/api/v1/plan-tasks/", {"plan": health_plan.pk}).json()
    assert [t["id"] for t in listed["results"]] == [task["id"]]


def test_drafts_are_the_agencys_own_and_other_agencies_see_nothing(
    health_plan, officer_a, officer_b, most_monitor, client
):
    draft = child_plans(agency=officer_a.agency).get(pk=health_plan.pk)
    draft.status = ProgrammeStatus.DRAFT
    draft.save()

    def ids(user):
        c = client_for(user) if user else client
        response = c.get("/api/v1/plans/", {"agency": officer_a.agency.code})
        return [p["id"] for p in response.json()["results"]] if response.status_code == 200 else []

    assert ids(officer_a) == [health_plan.pk]
    assert ids(most_monitor) == [] and ids(officer_b) == [] and ids(None) == []
    draft.status = ProgrammeStatus.PUBLISHED
    draft.save()
    assert ids(most_monitor) == [health_plan.pk] and ids(officer_b) == []


def test_the_plan_lists_cost_the_same_whatever_their_size(national, officer_a, most_monitor):
    def count(path):
        with CaptureQueriesContext(connection) as captured:
            assert client_for(most_monitor).get(path).status_code == 200
        return len(captured)

    parents = list(Task.objects.filter(programme=national).order_by("position")[:12])
    plan_task(officer_a.agency, national, parents[:1], "Nhiệm vụ 0")
    small = (count("/api/v1/plans/"), count("/api/v1/plan-tasks/"))
    for i, parent in enumerate(parents[1:], start=1):
        plan_task(officer_a.agency, national, [parent], f"Nhiệm vụ {i}")
    assert (count("/api/v1/plans/"), count("/api/v1/plan-tasks/")) == small
