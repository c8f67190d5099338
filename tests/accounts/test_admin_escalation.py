"""Inside the Django admin a system administrator who is not a superuser edits what her
Django permissions allow, but never makes herself (or anyone) a superuser, grants Django
permissions or groups, or changes a superuser's account (its password included): that
would give her every power the permissions were meant to withhold."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.core.concurrency import event_version
from tests.conftest import MOST, client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin() -> User:
    """Role.ADMIN, staff, not a superuser, allowed to view and change users."""
    user = make_user("thu_quantri", MOST, Role.ADMIN)
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="accounts", codename__in=["view_user", "change_user"]
        )
    )
    return User.objects.get(pk=user.pk)


def change_form_data(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        # The version the change page shows (lotrinh/core/concurrency.py).
        "seen_event": event_version(user),
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "agency": user.agency_id or "",
        "role": user.role,
        "full_name": user.full_name,
        "position": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_a_non_superuser_administrator_cannot_make_herself_a_superuser(staff_admin):
    client = client_for(staff_admin)
    url = reverse("admin:accounts_user_change", args=[staff_admin.pk])
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    permission = Permission.objects.get(codename="delete_user")
    client.post(
        url,
        change_form_data(staff_admin, is_superuser="on", user_permissions=[permission.pk]),
    )
    staff_admin.refresh_from_db()
    assert not staff_admin.is_superuser
    assert not staff_admin.user_permissions.filter(codename="delete_user").exists()


def test_a_non_superuser_administrator_cannot_change_a_superusers_account(staff_admin, admin_user):
    client = client_for(staff_admin)
    password_url = reverse("admin:auth_user_password_change", args=[admin_user.pk])
    assert client.get(password_url).status_code == 403
    response = client.post(
        password_url,
        {"password1": "mot-mat-khau-that-dai-2026", "password2": "mot-mat-khau-that-dai-2026"},
    )
    assert response.status_code == 403
    admin_user.refresh_from_db()
    assert not admin_user.check_password("mot-mat-khau-that-dai-2026")
    client.post(
        reverse("admin:accounts_user_change", args=[admin_user.pk]),
        change_form_data(admin_user, is_active=""),
    )
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_she_still_edits_an_agency_persons_account(staff_admin, officer_a):
    client = client_for(staff_admin)
    response = client.post(
        reverse("admin:accounts_user_change", args=[officer_a.pk]),
        change_form_data(officer_a, full_name="Nguyễn Văn Mới"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    officer_a.refresh_from_db()
    assert officer_a.full_name == "Nguyễn Văn Mới"


def test_a_superuser_still_grants_superuser(admin_user, officer_a):
    client = client_for(admin_user)
    url = reverse("admin:accounts_user_change", args=[officer_a.pk])
    assert 'name="is_superuser"' in client.get(url).content.decode()
