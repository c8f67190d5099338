"""A stale tab on a person's account page (accounts:user) is refused naming who changed
the account and when (lotrinh/core/concurrency.py), in the page's language."""

import pytest
from django.conf import settings
from django.urls import reverse

from lotrinh.accounts import services
from lotrinh.accounts.models import Role
from lotrinh.core.locale import format_datetime
from lotrinh.core.models import AuditEvent
from tests.conftest import client_for
from tests.core.pending_english import add_pending_english

pytestmark = pytest.mark.django_db


def test_a_stale_account_page_names_who_changed_it_and_when(agency_admin_a, admin_user, officer_a):
    stale = officer_a.version
    admin_user.full_name = "Phạm Quản Trị"
    admin_user.save()
    services.change_role(admin_user, officer_a, Role.APPROVER, stale)
    when = format_datetime(AuditEvent.objects.latest("pk").occurred_at)
    response = client_for(agency_admin_a).post(
        reverse("accounts:user", args=[officer_a.pk]), {"action": "deactivate", "version": stale}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "Phạm Quản Trị" in text and when in text and "Chưa lưu gì" in text, text[:3000]
    officer_a.refresh_from_db()
    assert officer_a.is_active and officer_a.role == Role.APPROVER


def test_in_english_on_english_pages(agency_admin_a, admin_user, officer_a, monkeypatch):
    add_pending_english(monkeypatch, "stale40")
    stale = officer_a.version
    services.change_role(admin_user, officer_a, Role.APPROVER, stale)
    client = client_for(agency_admin_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("accounts:user", args=[officer_a.pk]),
        {"action": "deactivate", "version": stale},
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert f"was changed by {admin_user.full_name} at" in text and "Nothing was saved" in text, (
        text[:3000]
    )
