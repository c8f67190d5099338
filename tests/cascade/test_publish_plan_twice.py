"""A plan published twice (a double click, a second tab): the second click leads to the
published plan, writes nothing, records nothing and is no refusal, as every other write
path answers an identical second submit. Before, it answered the error "Kế hoạch đã được
công bố." A click from a tab of a version a newer one has replaced is still refused,
naming the version in force."""

from django.contrib.messages import get_messages
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, ProgrammeStatus
from tests.cascade.conftest import person
from tests.cascade.test_parent_task_picker import _draft
from tests.conftest import client_for
from tests.security.dbhash import WriteWatch


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_a_plan_published_twice_is_published_once_and_the_second_is_no_error(
    hanoi: Agency,
) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 1)
    client = client_for(reporter)
    url = reverse("cascade:plan_save", args=[draft.pk])
    first = client.post(url, {"what": "publish"})
    assert first.status_code == 302
    assert Programme.objects.get(pk=draft.pk).status == ProgrammeStatus.PUBLISHED
    events = AuditEvent.objects.count()
    watch = WriteWatch()
    second = client.post(url, {"what": "publish"})
    assert second.status_code == 302
    assert second["Location"] == reverse("cascade:plan", args=[draft.pk])
    said = _messages(second)
    assert not [text for level, text in said if level == "error"], said
    assert AuditEvent.objects.count() == events
    assert watch.changed() == []


def test_the_service_returns_the_published_plan_on_a_second_publish(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 1)
    published = cascade.publish_child(reporter, draft)
    again = cascade.publish_child(reporter, draft)
    assert again.pk == published.pk
    assert again.status == ProgrammeStatus.PUBLISHED
    assert AuditEvent.objects.filter(action="cascade.plan_published").count() == 1


def test_a_stale_tab_of_a_replaced_version_is_refused_naming_the_version_in_force(
    hanoi: Agency,
) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    newer = _draft(hanoi, 1)
    Programme.objects.filter(pk=newer.pk).update(version=2, slug="kh-ha-noi-2")
    first = _draft(hanoi, 1)
    cascade.publish_child(reporter, first)
    cascade.publish_child(reporter, Programme.objects.get(pk=newer.pk))
    assert Programme.objects.get(pk=first.pk).status == ProgrammeStatus.SUPERSEDED
    response = client_for(reporter).post(
        reverse("cascade:plan_save", args=[first.pk]), {"what": "publish"}
    )
    errors = [text for level, text in _messages(response) if level == "error"]
    assert errors and f"phiên bản {first.version + 1}" in errors[0], errors
    assert Programme.objects.get(pk=first.pk).status == ProgrammeStatus.SUPERSEDED
