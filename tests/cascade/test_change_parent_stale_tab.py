"""A draft plan's programme changed from a tab opened before a colleague changed it (and
confirmed links against the new one): the form carries the programme the page showed, so
the stale tab changes nothing, says which programme the plan implements now, and the
colleague's confirmed links stay. Before, the stale change went through and dropped
links its author had never seen."""

import datetime
import re

from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade
from lotrinh.programmes.models import (
    Clause,
    ClauseKind,
    Programme,
    ProgrammeKind,
    ProgrammeLineage,
    ProgrammeStatus,
    Task,
    TaskGroup,
    TaskLink,
)
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person
from tests.cascade.test_parent_task_picker import _draft
from tests.conftest import client_for


def _change_form(html: str) -> dict[str, str]:
    """The hidden fields of the page's change-programme form, as the browser sends them."""
    form = html.split('id="change-parent"')[1].split("</form>")[0]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def _third_programme() -> Programme:
    """A third published national programme, so the stale tab has another to choose."""
    third = Programme.objects.create(
        code="99/NQ-CP",
        slug="99-nq-cp",
        kind=ProgrammeKind.GOVERNMENT_RESOLUTION,
        lineage=ProgrammeLineage.NATIONAL,
        title="Nghị quyết thứ ba",
        issue_date=datetime.date(2024, 1, 1),
        status=ProgrammeStatus.PUBLISHED,
    )
    group = TaskGroup.objects.create(programme=third, ref="I", title="Nhiệm vụ")
    clause = Clause.objects.create(
        programme=third, ref="1", kind=ClauseKind.ITEM, text="Nhiệm vụ một", position=1
    )
    Task.objects.create(programme=third, group=group, clause=clause, ref="1", text="Một")
    return third


def test_a_stale_tab_does_not_change_a_programme_a_colleague_changed(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    leader = person("hn_leader", hanoi, Role.APPROVER)
    draft = _draft(hanoi, 2)
    nq52, third = current_programme("52-NQ/TW"), _third_programme()
    stale = client_for(reporter)
    shown = _change_form(stale.get(reverse("cascade:plan", args=[draft.pk])).content.decode())
    # Meanwhile the leader changes it to 52-NQ/TW and confirms a link against it.
    cascade.change_parent(leader, draft, cascade.ParentChoice(nq52, chosen=True))
    draft.refresh_from_db()
    task = draft.tasks.order_by("position").first()
    kept = cascade.add_link(leader, task, nq52.tasks.order_by("position").first())
    answer = stale.post(
        reverse("cascade:plan_save", args=[draft.pk]),
        {**shown, "parent": third.pk},
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.implements == nq52
    assert TaskLink.objects.filter(pk=kept.pk, confirmed=True).exists()
    html = answer.content.decode()
    assert "52-NQ/TW" in html and "từ lúc bạn mở trang" in html


def test_a_change_posted_without_the_programme_shown_changes_nothing(hanoi: Agency) -> None:
    """The form always carries the programme it showed; a post without it (an old page, a
    crafted request) cannot say what it saw, so it is refused as a stale tab is."""
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 2)
    national, nq52 = current_programme("50/NQ-CP"), current_programme("52-NQ/TW")
    TaskLink.objects.filter(task__programme=draft).update(confirmed=True)
    confirmed = set(TaskLink.objects.filter(task__programme=draft).values_list("pk", flat=True))
    answer = client_for(reporter).post(
        reverse("cascade:plan_save", args=[draft.pk]),
        {"what": "change_parent", "parent": nq52.pk},
        follow=True,
    )
    assert answer.status_code == 200
    assert "chưa đổi gì, các liên kết được giữ nguyên" in answer.content.decode()
    draft.refresh_from_db()
    assert draft.implements == national
    assert set(TaskLink.objects.filter(task__programme=draft).values_list("pk", flat=True)) == (
        confirmed
    )
