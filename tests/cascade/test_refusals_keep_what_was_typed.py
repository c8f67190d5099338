"""A link or an assignment refused on a plan's page (a unit or a parent task that does not
exist) comes back with what was typed in that task's form, the message beside it: the
name used to be quoted in a message above a form emptied by a redirect."""

import re

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import TaskLink
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person, plan_of, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _draft(hanoi: Agency):
    national = current_programme("50/NQ-CP")
    refs = list(national.tasks.order_by("position").values_list("ref", flat=True)[:2])
    return plan_of(hanoi, national, {"1": refs[:1], "2": refs[1:]})


def test_an_unknown_unit_name_stays_in_its_tasks_form(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    unit(hanoi, "so-tc", "Sở Tài chính")
    draft = _draft(hanoi)
    first, second = draft.tasks.order_by("position")
    body = {
        "what": "assign",
        "task": second.pk,
        "role": "coordinating",
        "unit_name": "Sở Tài chánh",
    }
    response = client_for(reporter).post(reverse("cascade:plan_save", args=[draft.pk]), body)
    assert response.status_code == 400 and not second.unit_assignments.exists()
    html = response.content.decode()
    box = re.search(rf'<input id="unit-{second.pk}"[^>]*>', html)
    assert box and 'value="Sở Tài chánh"' in box.group(0)
    assert f'id="unit-{second.pk}_error" role="alert">Không có đơn vị nào tên' in html
    assert "Gần nhất: Sở Tài chính" in html
    role = html.split(f'id="role-{second.pk}"', 1)[1].split("</select>", 1)[0]
    assert '<option value="coordinating" selected>' in role
    # The other task's form stays empty.
    other = re.search(rf'<input id="unit-{first.pk}"[^>]*>', html)
    assert other and "value=" not in other.group(0)


def test_an_unknown_parent_task_stays_in_its_tasks_form(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi)
    task = draft.tasks.order_by("position").first()
    before = TaskLink.objects.count()
    body = {"what": "add_link", "task": task.pk, "parent_ref": "II.99.z"}
    response = client_for(reporter).post(reverse("cascade:plan_save", args=[draft.pk]), body)
    assert response.status_code == 400 and TaskLink.objects.count() == before
    html = response.content.decode()
    box = re.search(rf'<input id="link-{task.pk}"[^>]*>', html)
    assert box and 'value="II.99.z"' in box.group(0)
    assert f'id="link-{task.pk}_error" role="alert">' in html
    assert "không có nhiệm vụ “II.99.z”" in html
