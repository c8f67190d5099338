"""The Django admin is for system administrators only, and speaks Vietnamese; the demo
accounts follow the password rules."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.urls import reverse

from lotrinh.accounts.demo import DEMO_ACCOUNTS, create_demo_accounts
from lotrinh.accounts.models import Role, User
from tests.conftest import AGENCY_A, MOST, client_for, make_user

pytestmark = pytest.mark.django_db


def admin_get(user: User, url: str):
    return client_for(user).get(url)


@pytest.mark.parametrize(
    ("role", "staff", "superuser", "allowed"),
    [
        (Role.ADMIN, True, False, True),
        ("", True, True, True),
        (Role.ADMIN, False, False, False),  # a system administrator who is not staff
        (Role.MOST_MONITOR, True, False, False),  # staff, but not a system administrator
        (Role.AGENCY_ADMIN, True, False, False),
        (Role.REPORTER, False, False, False),
    ],
)
def test_only_system_administrators_enter_the_django_admin(role, staff, superuser, allowed):
    user = make_user("nguoi_thu", MOST if role != Role.AGENCY_ADMIN else AGENCY_A, role)
    user.is_staff, user.is_superuser = staff, superuser
    user.save()
    response = admin_get(user, reverse("admin:index"))
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert admin_get(user, reverse("admin:accounts_user_changelist")).status_code == 302


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    "url",
    ["admin:index", "admin:accounts_user_changelist", "admin:accounts_user_add"],
)
def test_the_django_admin_speaks_vietnamese(admin_user, url):
    response = admin_get(admin_user, reverse(url))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    text = visible_text(html)
    assert "Quản trị hệ thống Lộ trình" in text
    for english in (
        "Site administration",
        "Django administration",
        "Log out",
        "Add user",
        "Accounts",
        "Agencies",
        "Programmes",
        "Access attempts",
        "Task results",
    ):
        assert english.lower() not in text.lower(), english


def test_the_user_change_page_speaks_vietnamese(admin_user, officer_a):
    html = admin_get(
        admin_user, reverse("admin:accounts_user_change", args=[officer_a.pk])
    ).content.decode()
    text = visible_text(html)
    assert "Lộ trình" in text and "vai trò" in text.lower()
    for english in ("Personal info", "Important dates", "Permissions", "Save and continue"):
        assert english not in text, english


def test_demo_passwords_follow_the_rules_and_include_an_agency_administrator():
    accounts = create_demo_accounts()
    for account in accounts:
        user = User.objects.get(username=account.username)
        validate_password(account.password, user)
        assert user.check_password(account.password)
    admins = [a for a in DEMO_ACCOUNTS if a.role == Role.AGENCY_ADMIN]
    assert [a.agency_name for a in admins] == ["Bộ Y tế"]
