"""A comment on a task of an agency's own plan (a child programme) is posted only by
those who may read that plan: Bắc Ninh's monitor and another ministry's reporter get a
404 (not a redirect naming the plan and the task), and nothing is written; a draft plan's
tasks take no comment from outside its agency, not even MOST's."""

import pytest
from django.urls import reverse

from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import ProgrammeStatus
from lotrinh.reporting.models import Comment
from tests.cascade.conftest import plan_of
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def post_comment(user, task):
    return client_for(user).post(
        reverse("reporting:task_comment", args=[task.pk]), {"text": "Ý kiến từ bên ngoài"}
    )


def test_another_agency_cannot_comment_on_a_published_plans_task(province, officer_a):
    task = province["child"].tasks.get(ref="1")
    for outsider in (officer_a, province["other_monitor"]):
        response = post_comment(outsider, task)
        assert response.status_code == 404, response.get("Location")
        assert province["child"].slug not in response.get("Location", "")
    assert not Comment.objects.filter(task=task).exists()
    assert not AuditEvent.objects.filter(action="task.commented").exists()


def test_nobody_outside_the_agency_comments_on_a_draft_plans_task(province, merged_provinces):
    draft = plan_of(merged_provinces[1], province["child"].implements, {"9": []})
    assert draft.status == ProgrammeStatus.DRAFT
    task = draft.tasks.get(ref="9")
    for outsider in (province["most"], province["monitor"]):
        assert post_comment(outsider, task).status_code == 404
    assert not Comment.objects.filter(task=task).exists()


def test_the_agency_and_those_who_follow_compliance_still_comment(province):
    task = province["child"].tasks.get(ref="1")
    for user in (province["monitor"], province["khcn_reporter"], province["most"]):
        assert post_comment(user, task).status_code == 302
    assert Comment.objects.filter(task=task).count() == 3
