"""A plan published from a tab opened before a colleague changed the draft (a link added,
confirmed or removed, a unit given a task): the publish form carries the draft's version,
and a stale one is refused, saying what changed and by whom, on the fresh plan page;
nothing is written. The same version sent twice (a double click) still leads to the
published plan (tests/cascade/test_publish_plan_twice.py)."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, ProgrammeStatus
from lotrinh.programmes.models import Role as TaskRole
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person, unit
from tests.cascade.test_parent_task_picker import _draft
from tests.conftest import client_for
from tests.security.dbhash import WriteWatch

pytestmark = pytest.mark.django_db


def _shown_version(client, draft: Programme) -> str:
    page = client.get(reverse("cascade:plan", args=[draft.pk])).content.decode()
    found = re.search(r'name="draft_version" value="(\d+)"', page)
    assert found, "the publish form carries no draft version"
    return found.group(1)


def _errors(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def _colleague_changes(colleague, draft: Programme, hanoi: Agency, how: str) -> None:
    task = draft.tasks.order_by("position").first()
    if how == "assign":
        department = unit(hanoi, "so-kh", "Sở Khoa học và Công nghệ")
        cascade.assign_unit(colleague, task, department, TaskRole.LEAD)
    else:
        national = current_programme("50/NQ-CP")
        other = national.tasks.order_by("-position").first()
        cascade.add_link(colleague, task, other)


@pytest.mark.parametrize("how", ["assign", "link"])
def test_a_publish_from_a_tab_opened_before_a_colleagues_change_is_refused(
    hanoi: Agency, how: str
) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    colleague = person("hn_colleague", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 2)
    client = client_for(reporter)
    shown = _shown_version(client, draft)
    _colleague_changes(colleague, draft, hanoi, how)
    events = AuditEvent.objects.count()
    watch = WriteWatch()
    response = client.post(
        reverse("cascade:plan_save", args=[draft.pk]),
        {"what": "publish", "draft_version": shown},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cascade:plan", args=[draft.pk])
    assert Programme.objects.get(pk=draft.pk).status == ProgrammeStatus.DRAFT
    assert AuditEvent.objects.count() == events
    assert watch.changed() == []
    errors = _errors(response)
    assert errors and "Hn Colleague" in errors[0] and "chưa công bố" in errors[0], errors
    # The fresh page publishes.
    fresh = _shown_version(client, draft)
    assert fresh != shown
    again = client.post(
        reverse("cascade:plan_save", args=[draft.pk]),
        {"what": "publish", "draft_version": fresh},
    )
    assert not _errors(again)
    assert Programme.objects.get(pk=draft.pk).status == ProgrammeStatus.PUBLISHED


def test_a_double_click_with_the_same_version_leads_to_the_published_plan(
    hanoi: Agency,
) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 1)
    client = client_for(reporter)
    shown = _shown_version(client, draft)
    url = reverse("cascade:plan_save", args=[draft.pk])
    client.post(url, {"what": "publish", "draft_version": shown})
    second = client.post(url, {"what": "publish", "draft_version": shown})
    assert second["Location"] == reverse("cascade:plan", args=[draft.pk])
    assert not _errors(second)
    assert Programme.objects.get(pk=draft.pk).status == ProgrammeStatus.PUBLISHED


def test_a_change_that_changes_nothing_leaves_the_version(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 1)
    link = draft.tasks.get().links_up.get()
    cascade.confirm_link(reporter, link)
    version = Programme.objects.get(pk=draft.pk).draft_version
    cascade.confirm_link(reporter, link)  # confirmed already: no change
    assert Programme.objects.get(pk=draft.pk).draft_version == version
