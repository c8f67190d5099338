"""The admin's change pages honour the one concurrency model (lotrinh/core/concurrency.py):
a page opened before a colleague saved the same object writes nothing, says who changed
it and when, and keeps what was typed; the same form sent twice is not refused."""

import pytest
from django.conf import settings
from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from tests.ops.test_audit import form_data

pytestmark = pytest.mark.django_db


def test_an_agency_page_opened_before_a_colleagues_save_writes_nothing(two_admins):
    first, second = two_admins
    agency = Agency.objects.get(code="bo-y-te")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    theirs["name_en"] = "Ministry of Health (colleague)"
    assert second.post(url, theirs).status_code == 302
    mine["name_en"] = "Ministry of Health (mine)"
    response = first.post(url, mine)
    assert response.status_code == 200
    agency.refresh_from_db()
    assert agency.name_en == "Ministry of Health (colleague)"
    text = response.content.decode()
    assert "Trần Thị Hai" in text and "Chưa lưu gì" in text, text[:2000]
    assert "Ministry of Health (mine)" in text  # what was typed is kept
    assert AuditEvent.objects.filter(action="admin.agency.changed").count() == 1
    # Sent again from the page as it now is (the current version), it is saved.
    again = form_data(response)
    assert again["seen_event"] == str(AuditEvent.objects.latest("pk").pk)
    assert first.post(url, again).status_code == 302
    agency.refresh_from_db()
    assert agency.name_en == "Ministry of Health (mine)"


def test_the_same_change_sent_twice_is_saved_once_and_not_refused(two_admins):
    first, _second = two_admins
    agency = Agency.objects.get(code="bo-y-te")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    data = form_data(first.get(url))
    data["name_en"] = "Ministry of Health (twice)"
    assert first.post(url, data).status_code == 302
    assert first.post(url, data).status_code == 302  # nothing left to overwrite
    assert AuditEvent.objects.filter(action="admin.agency.changed").count() == 1


def test_a_change_without_the_version_is_refused(two_admins):
    first, _second = two_admins
    agency = Agency.objects.get(code="bo-y-te")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    data = form_data(first.get(url))
    data.pop("seen_event", None)
    data["name_en"] = "Ministry of Health (crafted)"
    assert first.post(url, data).status_code == 200
    agency.refresh_from_db()
    assert agency.name_en != "Ministry of Health (crafted)"


def test_the_refusal_speaks_english_on_english_pages(two_admins, monkeypatch):
    from tests.core.pending_english import add_pending_english

    add_pending_english(monkeypatch, "stale40")
    first, second = two_admins
    agency = Agency.objects.get(code="bo-y-te")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    first.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    theirs["abbreviation"] = "BYT-2"
    assert second.post(url, theirs).status_code == 302
    mine["abbreviation"] = "BYT-1"
    text = first.post(url, mine).content.decode()
    assert "was changed by Trần Thị Hai at" in text and "Nothing was saved" in text, text[:2000]
