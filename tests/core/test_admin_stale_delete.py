"""The admin's deletes honour the one concurrency model (lotrinh/core/concurrency.py): a
delete confirmation, and the "delete selected" action's, carry the version of each object
they showed; confirmed after a colleague changed one, they delete nothing and say who
changed what and when (as the change page's refusal does)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lotrinh.agencies.models import Agency, AgencySuccession
from lotrinh.core.locale import format_datetime
from lotrinh.core.models import AuditEvent
from tests.ops.test_audit import form_data

pytestmark = pytest.mark.django_db


def _succession(source: str) -> AgencySuccession:
    # One per predecessor (a predecessor has one succession a day).
    taken = AgencySuccession.objects.values_list("predecessor", flat=True)
    a, b = Agency.objects.filter(kind="ministry").exclude(pk__in=taken).order_by("pk")[:2]
    return AgencySuccession.objects.create(
        predecessor=a,
        successor=b,
        kind=AgencySuccession._meta.get_field("kind").choices[0][0],
        effective_date="2026-03-01",
        source=source,
    )


def _change_source(client: Client, succession: AgencySuccession, source: str) -> None:
    url = reverse("admin:agencies_agencysuccession_change", args=[succession.pk])
    data = form_data(client.get(url))
    data["source"] = source
    assert client.post(url, data).status_code == 302


def _hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    assert found, f"no {name} in the page"
    return found.group(1)


def _messages(client: Client, url: str) -> str:
    return client.get(url).content.decode()


def test_a_delete_confirmed_after_a_colleagues_change_deletes_nothing(two_admins):
    first, second = two_admins
    succession = _succession("QĐ gốc")
    url = reverse("admin:agencies_agencysuccession_delete", args=[succession.pk])
    page = first.get(url).content.decode()
    seen = _hidden(page, "seen_event")
    _change_source(second, succession, "QĐ đã sửa")
    response = first.post(url, {"post": "yes", "seen_event": seen})
    assert response.status_code == 302 and response["Location"] == url
    assert AgencySuccession.objects.filter(pk=succession.pk).exists()
    assert not AuditEvent.objects.filter(action="admin.agencysuccession.deleted").exists()
    # The confirmation is shown again, as the object is now, with who changed it and when.
    again = _messages(first, url)
    changed = AuditEvent.objects.get(action="admin.agencysuccession.changed")
    assert "Trần Thị Hai" in again and format_datetime(changed.occurred_at) in again
    assert "Chưa xoá gì" in again, again[:3000]
    assert _hidden(again, "seen_event") == str(changed.pk)
    # Confirmed from the page as it now is, the delete is the person's decision.
    assert first.post(url, {"post": "yes", "seen_event": str(changed.pk)}).status_code == 302
    assert not AgencySuccession.objects.filter(pk=succession.pk).exists()
    assert AuditEvent.objects.filter(action="admin.agencysuccession.deleted").count() == 1


def test_a_delete_without_the_version_deletes_nothing(two_admins):
    first, _second = two_admins
    succession = _succession("QĐ gốc")
    url = reverse("admin:agencies_agencysuccession_delete", args=[succession.pk])
    assert first.post(url, {"post": "yes"}).status_code == 302
    assert AgencySuccession.objects.filter(pk=succession.pk).exists()
    assert "Chưa xoá gì" in _messages(first, url)


def test_the_same_delete_sent_twice_deletes_once(two_admins):
    first, _second = two_admins
    succession = _succession("QĐ gốc")
    url = reverse("admin:agencies_agencysuccession_delete", args=[succession.pk])
    seen = _hidden(first.get(url).content.decode(), "seen_event")
    assert first.post(url, {"post": "yes", "seen_event": seen}).status_code == 302
    assert first.post(url, {"post": "yes", "seen_event": seen}).status_code == 302
    assert AuditEvent.objects.filter(action="admin.agencysuccession.deleted").count() == 1


def _select(client: Client, pks: list[int]) -> str:
    """The "delete selected" confirmation, as the changelist's action opens it."""
    response = client.post(
        reverse("admin:agencies_agencysuccession_changelist"),
        {"action": "delete_selected", "_selected_action": [str(pk) for pk in pks]},
    )
    assert response.status_code == 200
    return response.content.decode()


def _confirm(client: Client, page: str, pks: list[int]):
    data = {
        "action": "delete_selected",
        "post": "yes",
        "_selected_action": [str(pk) for pk in pks],
    }
    for pk in pks:
        data[f"seen_event_{pk}"] = _hidden(page, f"seen_event_{pk}")
    return client.post(reverse("admin:agencies_agencysuccession_changelist"), data)


def test_delete_selected_confirmed_after_a_colleague_changed_one_deletes_none(two_admins):
    first, second = two_admins
    kept, changed = _succession("QĐ một"), _succession("QĐ hai")
    pks = [kept.pk, changed.pk]
    page = _select(first, pks)
    _change_source(second, changed, "QĐ hai đã sửa")
    response = _confirm(first, page, pks)
    assert response.status_code == 200  # the confirmation again, not the list
    assert AgencySuccession.objects.filter(pk__in=pks).count() == 2
    assert not AuditEvent.objects.filter(action="admin.agencysuccession.deleted").exists()
    text = response.content.decode()
    event = AuditEvent.objects.get(action="admin.agencysuccession.changed")
    assert "Trần Thị Hai" in text and format_datetime(event.occurred_at) in text
    assert f"“{changed}” đã được Trần Thị Hai" in text and "Chưa xoá gì" in text, text[:3000]
    assert f"“{kept}” đã được" not in text  # only the one that changed is named
    # The page shown again carries the versions as they are now: confirmed, both go.
    assert _hidden(text, f"seen_event_{changed.pk}") == str(event.pk)
    assert _confirm(first, text, pks).status_code == 302
    assert not AgencySuccession.objects.filter(pk__in=pks).exists()
    assert AuditEvent.objects.filter(action="admin.agencysuccession.deleted").count() == 2


def test_delete_selected_without_the_versions_deletes_none(two_admins):
    first, _second = two_admins
    pks = [_succession("QĐ một").pk, _succession("QĐ hai").pk]
    first.post(
        reverse("admin:agencies_agencysuccession_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [str(p) for p in pks]},
    )
    assert AgencySuccession.objects.filter(pk__in=pks).count() == 2


def test_delete_selected_unchanged_deletes_them_all(two_admins):
    first, _second = two_admins
    pks = [_succession("QĐ một").pk, _succession("QĐ hai").pk]
    assert _confirm(first, _select(first, pks), pks).status_code == 302
    assert not AgencySuccession.objects.filter(pk__in=pks).exists()


def test_the_refusal_speaks_english_on_english_pages(two_admins, monkeypatch):
    from tests.core.pending_english import add_pending_english

    add_pending_english(monkeypatch, "stale40")
    add_pending_english(monkeypatch, "admin42")
    first, second = two_admins
    first.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    succession = _succession("QĐ gốc")
    url = reverse("admin:agencies_agencysuccession_delete", args=[succession.pk])
    seen = _hidden(first.get(url).content.decode(), "seen_event")
    _change_source(second, succession, "QĐ đã sửa")
    first.post(url, {"post": "yes", "seen_event": seen})
    text = _messages(first, url)
    assert "was changed by Trần Thị Hai at" in text and "Nothing was deleted" in text, text[:3000]
