"""The parent-task picker of a plan's review page: each task had its own select of every
task of the parent programme, so the page grew as tasks × parent tasks (736 KB for Bắc
Ninh 144/KH-UBND's 179 tasks). The parent's tasks are listed once (a datalist each task's
form refers to, as the unit picker does); a link is added by the parent task's reference,
and a reference or id not of the parent programme is refused, changing nothing. The
import form names each programme by number and title."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme, TaskLink
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person, plan_of
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _draft(agency: Agency, tasks: int) -> Programme:
    national = current_programme("50/NQ-CP")
    ref = national.tasks.order_by("position").values_list("ref", flat=True).first()
    return plan_of(agency, national, {str(i): [ref] for i in range(1, tasks + 1)})


def _page(client: Any, draft: Programme) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cascade:plan", args=[draft.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_parent_tasks_are_listed_once_whatever_the_number_of_tasks(hanoi: Agency) -> None:
    bac_ninh = Agency.objects.get(code="tinh-bac-ninh")
    small, large = _draft(hanoi, 2), _draft(bac_ninh, 20)
    national = current_programme("50/NQ-CP")
    parents = national.tasks.count()
    assert parents > 20
    small_page, small_queries = _page(
        client_for(person("hn_reporter", hanoi, Role.REPORTER)), small
    )
    large_page, large_queries = _page(
        client_for(person("bn_reporter", bac_ninh, Role.REPORTER)), large
    )
    last = national.tasks.order_by("-position").values_list("ref", flat=True).first()
    assert large_page.count(f'<option value="{last}"') == 1
    assert large_page.count('list="plan-parent-tasks"') == 20
    # 18 tasks more cost a few hundred bytes each, not one parent list each.
    per_task = (len(large_page.encode()) - len(small_page.encode())) / 18
    one_list = len(
        large_page.split('<datalist id="plan-parent-tasks" lang="vi">')[1].split("</datalist>")[0]
    )
    assert per_task < one_list / 4, (per_task, one_list)
    assert large_queries == small_queries


def test_a_link_is_added_by_the_parent_tasks_reference(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 1)
    task = draft.tasks.get()
    national = current_programme("50/NQ-CP")
    wanted = national.tasks.order_by("-position").first()
    assert wanted is not None
    client = client_for(reporter)
    url = reverse("cascade:plan_save", args=[draft.pk])
    post = {"what": "add_link", "task": task.pk}
    before = list(TaskLink.objects.order_by("pk").values_list("pk", "parent_task_id"))
    # Not a reference of 50/NQ-CP (another programme's, empty, control characters,
    # too long): refused with a message, nothing added.
    other = Programme.objects.exclude(pk=national.pk).exclude(pk=draft.pk).first()
    assert other is not None
    foreign = other.tasks.exclude(ref__in=national.tasks.values("ref")).first()
    for odd in ["KHONGCO-9", "", "\x00II", "x" * 5000] + ([foreign.ref] if foreign else []):
        answer = client.post(url, {**post, "parent_ref": odd})
        assert answer.status_code == 400  # the page again, the reference in its box
        assert "không có nhiệm vụ" in answer.content.decode()
    # The message quotes the reference as read (one line, no control characters).
    answer = client.post(url, {**post, "parent_ref": "\x00KHONG\nCO"})
    assert "Chương trình 50/NQ-CP không có nhiệm vụ “KHONG CO”" in answer.content.decode()
    # A forged id of another programme's task: refused as before.
    if foreign is not None:
        assert client.post(url, {**post, "parent_task": foreign.pk}).status_code == 404
    assert list(TaskLink.objects.order_by("pk").values_list("pk", "parent_task_id")) == before
    client.post(url, {**post, "parent_ref": f"  {wanted.ref} "})
    assert TaskLink.objects.filter(task=task, parent_task=wanted, confirmed=True).exists()


def test_the_import_form_names_each_programme_by_number_and_title(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    national = current_programme("50/NQ-CP")
    page = client_for(reporter).get(reverse("cascade:plans")).content.decode()
    choices = page.split('id="plan-parent"')[1].split("</select>")[0]
    assert f'lang="vi">{national.code} — {national.title.split()[0]}' in choices
    client = client_for(reporter)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("cascade:plans")).content.decode()
    choices = page.split('id="plan-parent"')[1].split("</select>")[0]
    assert national.title_en
    assert f'lang="en">{national.code} — {national.title_en[:40]}' in choices


def _links(plan: Programme) -> list[tuple[int, int, bool]]:
    return list(
        TaskLink.objects.filter(task__programme=plan)
        .order_by("pk")
        .values_list("task_id", "parent_task_id", "confirmed")
    )


def test_the_issuer_changes_a_draft_plans_programme_and_links_are_suggested_again(
    hanoi: Agency,
) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 3)
    TaskLink.objects.filter(task__programme=draft).update(confirmed=True)
    national, other = current_programme("50/NQ-CP"), current_programme("52-NQ/TW")
    client = client_for(reporter)
    url = reverse("cascade:plan_save", args=[draft.pk])
    page = client.get(reverse("cascade:plan", args=[draft.pk])).content.decode()
    assert 'name="what" value="change_parent"' in page
    before = _links(draft)
    # Not one of the national programmes (a plan, nothing, a word): refused, unchanged.
    for odd in (str(draft.pk), "999999", "abc", ""):
        answer = client.post(url, {"what": "change_parent", "parent": odd}, follow=True)
        assert answer.status_code == 200
        assert "không có trong danh sách các chương trình quốc gia" in answer.content.decode()
    draft.refresh_from_db()
    assert draft.implements == national and _links(draft) == before
    answer = client.post(
        url, {"what": "change_parent", "parent": other.pk, "shown": national.pk}, follow=True
    )
    assert "Đã đổi chương trình mà kế hoạch thực hiện thành 52-NQ/TW" in answer.content.decode()
    draft.refresh_from_db()
    assert (draft.implements, draft.implements_code) == (other, "52-NQ/TW")
    links = TaskLink.objects.filter(task__programme=draft).select_related("parent_task")
    assert all(link.parent_task.programme_id == other.pk for link in links)
    assert not links.filter(confirmed=True).exists()
    assert "Chương trình do người nhập kế hoạch chọn." in answer.content.decode()


def test_a_published_plans_programme_is_not_changed(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 1)
    TaskLink.objects.filter(task__programme=draft).update(confirmed=True)
    from lotrinh.programmes import cascade

    plan = cascade.publish_child(reporter, draft)
    before = _links(plan)
    other = current_programme("52-NQ/TW")
    client = client_for(reporter)
    assert (
        'value="change_parent"'
        not in client.get(reverse("cascade:plan", args=[plan.pk])).content.decode()
    )
    answer = client.post(
        reverse("cascade:plan_save", args=[plan.pk]),
        {"what": "change_parent", "parent": other.pk, "shown": plan.implements_id},
        follow=True,
    )
    assert "không đổi được chương trình mà kế hoạch thực hiện" in answer.content.decode()
    plan.refresh_from_db()
    assert plan.implements == current_programme("50/NQ-CP") and _links(plan) == before
