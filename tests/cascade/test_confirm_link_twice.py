"""A link confirmed twice (a double click, a second tab) is confirmed once: the second
confirmation writes nothing and records nothing, so the plan's history does not say the
agency confirmed it twice."""

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import events_for
from lotrinh.programmes import cascade
from lotrinh.programmes.models import TaskLink
from tests.cascade.conftest import person
from tests.cascade.test_parent_task_picker import _draft


def test_a_link_confirmed_twice_is_recorded_once(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 1)
    link = TaskLink.objects.get(task__programme=draft)
    TaskLink.objects.filter(pk=link.pk).update(confirmed=False)
    cascade.confirm_link(reporter, link)
    cascade.confirm_link(reporter, link)
    assert TaskLink.objects.get(pk=link.pk).confirmed
    confirmed = events_for(link.task).filter(action="cascade.link_confirmed")
    assert confirmed.count() == 1
