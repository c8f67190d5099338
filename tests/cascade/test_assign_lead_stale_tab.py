"""Giving a unit the lead of a plan's task replaces its coordinating role (cascade.assign_unit).
From a tab opened before a colleague made that unit coordinate the task, the lead would
silently undo her assignment: refused, naming who and when, nothing written, the unit's
name kept in that task's form. From the page as it is, the lead replaces as before."""

import re

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Role as TaskRole
from lotrinh.programmes.models import UnitAssignment
from tests.cascade.conftest import person, unit
from tests.cascade.test_parent_task_picker import _draft
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _shown(client, draft) -> str:
    page = client.get(reverse("cascade:plan", args=[draft.pk])).content.decode()
    return re.search(r'name="draft_version" value="(\d+)"', page).group(1)


def test_a_lead_from_a_stale_tab_does_not_undo_a_colleagues_coordinating(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    colleague = person("hn_colleague", hanoi, Role.REPORTER)
    colleague.full_name = "Đỗ Thị Phối"
    colleague.save()
    draft = _draft(hanoi, 2)
    task = draft.tasks.order_by("position").first()
    department = unit(hanoi, "so-kh", "Sở Khoa học và Công nghệ")
    client = client_for(reporter)
    shown = _shown(client, draft)
    cascade.assign_unit(colleague, task, department, TaskRole.COORDINATING)
    body = {
        "what": "assign",
        "task": task.pk,
        "unit_name": department.name_vi,
        "role": TaskRole.LEAD,
        "draft_version": shown,
    }
    response = client.post(reverse("cascade:plan_save", args=[draft.pk]), body)
    assert response.status_code == 400
    held = set(
        UnitAssignment.objects.filter(task=task, unit=department).values_list("role", flat=True)
    )
    assert held == {TaskRole.COORDINATING}
    html = response.content.decode()
    assert "Đỗ Thị Phối" in html and "Chưa giao gì" in html, html[:3000]
    assert 'value="Sở Khoa học và Công nghệ"' in html
    # From the page as it now is, the lead takes the coordinating role's place.
    body["draft_version"] = _shown(client, draft)
    assert client.post(reverse("cascade:plan_save", args=[draft.pk]), body).status_code == 302
    held = set(
        UnitAssignment.objects.filter(task=task, unit=department).values_list("role", flat=True)
    )
    assert held == {TaskRole.LEAD}
