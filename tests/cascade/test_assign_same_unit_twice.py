"""Assigning a unit the role it already holds in a task (a double click, a colleague's
same choice) changes nothing: no second audit event, and the draft's version stays, so
an open publish form does not turn stale for nothing (cascade.assign_unit)."""

import pytest

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, UnitAssignment
from lotrinh.programmes.models import Role as TaskRole
from tests.cascade.conftest import person, unit
from tests.cascade.test_parent_task_picker import _draft

pytestmark = pytest.mark.django_db


def test_the_same_assignment_twice_records_one_event(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 2)
    task = draft.tasks.order_by("position").first()
    department = unit(hanoi, "so-kh", "Sở Khoa học và Công nghệ")
    cascade.assign_unit(reporter, task, department, TaskRole.LEAD)
    version = Programme.objects.get(pk=draft.pk).draft_version
    events = AuditEvent.objects.filter(action="cascade.unit_assigned").count()
    again = cascade.assign_unit(reporter, task, department, TaskRole.LEAD, shown_version=version)
    assert again.role == TaskRole.LEAD
    assert UnitAssignment.objects.filter(task=task, unit=department).count() == 1
    assert AuditEvent.objects.filter(action="cascade.unit_assigned").count() == events
    assert Programme.objects.get(pk=draft.pk).draft_version == version
