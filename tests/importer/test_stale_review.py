"""A review page left open (a stale tab, or a colleague correcting the same draft) never
overwrites a correction it did not show: each task's form carries what the officer saw."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from lotrinh.importer import review
from lotrinh.importer.models import DraftImport
from tests.conftest import client_for
from tests.importer.test_review import draft  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def messages_of(response) -> str:
    """What the person is told: the messages, and a refused form's page (its message
    beside the form, 400) when the answer is not a redirect."""
    told = " ".join(str(m) for m in get_messages(response.wsgi_request))
    return told if response.status_code == 302 else f"{told} {response.content.decode()}"


def shown_form(client, draft, ref: str) -> dict[str, str]:  # noqa: F811
    """The hidden fields of task `ref`'s form, as the review page renders them."""
    page = client.get(reverse("importer:review", args=[draft.pk]))
    task = next(t for t in page.context["tasks"] if t["ref"] == ref)
    assert f'name="seen" value="{task["seen"]}"' in page.content.decode()
    return {"ref": ref, "seen": task["seen"]}


def test_a_stale_tab_does_not_overwrite_a_colleagues_lead(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    ref = draft.data["tasks"][0]["ref"]
    alice = shown_form(client, draft, ref)
    # Bob, in another tab, corrects the lead.
    review.set_roles(draft, ref, lead=["Bộ Công an"], coordinating=[], user=most_monitor)
    # Alice's tab still shows "Bộ Y tế" as lead; she only adds a coordinating body.
    response = client.post(
        reverse("importer:correct", args=[draft.pk]),
        {**alice, "action": "roles", "lead": "Bộ Y tế", "coordinating": "Bộ Tài chính"},
    )
    assert response.status_code == 400  # the page again, what was typed beside the form
    assert "đã được sửa từ lúc bạn mở trang" in messages_of(response)
    task = DraftImport.objects.get(pk=draft.pk).data["tasks"][0]
    assert task["lead"] == ["Bộ Công an"] and task["coordinating"] == []


def test_a_stale_merge_does_not_swallow_a_task_it_did_not_show(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    ref = draft.data["tasks"][0]["ref"]
    alice = shown_form(client, draft, ref)
    review.split_task(draft, ref, 10, most_monitor)  # the next task is now the split half
    before = DraftImport.objects.get(pk=draft.pk).data["tasks"]
    response = client.post(
        reverse("importer:correct", args=[draft.pk]), {**alice, "action": "merge"}
    )
    assert "đã được sửa từ lúc bạn mở trang" in messages_of(response)
    assert DraftImport.objects.get(pk=draft.pk).data["tasks"] == before


def test_a_stale_split_does_not_cut_a_changed_text(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    ref = draft.data["tasks"][0]["ref"]
    alice = shown_form(client, draft, ref)
    review.merge_with_next(draft, ref, most_monitor)
    before = DraftImport.objects.get(pk=draft.pk).data["tasks"]
    response = client.post(
        reverse("importer:correct", args=[draft.pk]),
        {**alice, "action": "split", "position": "12"},
    )
    assert "đã được sửa từ lúc bạn mở trang" in messages_of(response)
    assert DraftImport.objects.get(pk=draft.pk).data["tasks"] == before


def test_a_fresh_form_still_saves(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    ref = draft.data["tasks"][0]["ref"]
    review.set_roles(draft, ref, lead=["Bộ Công an"], coordinating=[], user=most_monitor)
    fresh = shown_form(client, draft, ref)
    response = client.post(
        reverse("importer:correct", args=[draft.pk]),
        {**fresh, "action": "roles", "lead": "Bộ Công an", "coordinating": "Bộ Tài chính"},
    )
    assert "Đã ghi nhận" in messages_of(response)
    task = DraftImport.objects.get(pk=draft.pk).data["tasks"][0]
    assert task["coordinating"] == ["Bộ Tài chính"]


def test_a_stale_header_form_does_not_undo_a_corrected_number(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    page = client.get(reverse("importer:review", args=[draft.pk]))
    seen = page.context["header_seen"]
    assert f'name="seen" value="{seen}"' in page.content.decode()
    meta = draft.data["programme"]
    review.set_header(
        draft,
        code="12/KH-BYT-SUA",
        title=meta["title"] or "Kế hoạch",
        issue_date=meta["issue_date"],
        implements="",
        user=most_monitor,
    )
    response = client.post(
        reverse("importer:correct", args=[draft.pk]),
        {
            "action": "header",
            "seen": seen,
            "code": "12/KH-BYT",
            "title": "Kế hoạch sửa trích yếu",
            "issue_date": meta["issue_date"],
            "implements": "",
        },
    )
    assert "đã được sửa từ lúc bạn mở trang" in messages_of(response)
    assert DraftImport.objects.get(pk=draft.pk).code == "12/KH-BYT-SUA"


@pytest.mark.parametrize("position", ["", "abc", "1.5", "²", "-3"])
def test_a_split_position_that_is_not_a_number_gets_a_vietnamese_message(
    draft,  # noqa: F811
    most_monitor,
    position,
):
    client = client_for(most_monitor)
    ref = draft.data["tasks"][0]["ref"]
    before = DraftImport.objects.get(pk=draft.pk).data["tasks"]
    response = client.post(
        reverse("importer:correct", args=[draft.pk]),
        {**shown_form(client, draft, ref), "action": "split", "position": position},
    )
    assert response.status_code == 400
    assert "Hãy nhập vị trí tách là số thứ tự ký tự" in messages_of(response)
    assert "invalid literal" not in messages_of(response)
    assert DraftImport.objects.get(pk=draft.pk).data["tasks"] == before


def test_a_header_correction_says_what_it_saved(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    page = client.get(reverse("importer:review", args=[draft.pk]))
    meta = draft.data["programme"]
    response = client.post(
        reverse("importer:correct", args=[draft.pk]),
        {
            "action": "header",
            "seen": page.context["header_seen"],
            "code": "12/KH-BYT",
            "title": "Kế hoạch sửa trích yếu",
            "issue_date": meta["issue_date"],
            "implements": "",
        },
    )
    assert response["Location"].endswith("#header-form")
    assert messages_of(response) == "Đã ghi nhận chỉnh sửa thông tin chung của văn bản."


def test_the_review_page_counts_tasks_in_the_readers_language(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    lede = client.get(reverse("importer:review", args=[draft.pk])).content.decode()
    assert "3 tasks" in lede and "3 task " not in lede


def test_a_second_draft_of_the_same_document_is_pointed_out(draft, most_monitor):  # noqa: F811
    """The same file uploaded twice (a double click, two officers): each review page names
    the other draft, so the two are not corrected side by side unknowingly."""
    twin = review.create_draft(draft.data, "ke-hoach (1).docx", most_monitor)
    client = client_for(most_monitor)
    page = client.get(reverse("importer:review", args=[draft.pk])).content.decode()
    assert 'id="other-drafts"' in page
    assert reverse("importer:review", args=[twin.pk]) in page
    assert f"· {most_monitor} ·" in page.split('id="other-drafts"')[1]  # who uploaded it
    other = client.get(reverse("importer:review", args=[twin.pk])).content.decode()
    assert reverse("importer:review", args=[draft.pk]) in other.split('id="other-drafts"')[1]
    review.publish(twin, most_monitor)
    page = client.get(reverse("importer:review", args=[draft.pk])).content.decode()
    assert 'id="other-drafts"' not in page  # a published draft is no longer under review
