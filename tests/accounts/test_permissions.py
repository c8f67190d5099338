"""Who runs whose accounts: every action × agency administrator (own / other agency),
system administrator, and the other roles; the last-administrator and self rules."""

import pytest
from django.test import Client
from django.urls import reverse

from lotrinh.accounts import permissions as perms
from lotrinh.accounts import services
from lotrinh.accounts.models import Role, User
from lotrinh.core.models import AuditEvent
from tests.conftest import AGENCY_A, AGENCY_B, client_for, make_user

pytestmark = pytest.mark.django_db
ACTIONS = ("role", "deactivate", "reactivate", "resend")


def act(client: Client, person: User, action: str, **extra):
    person.refresh_from_db()
    data = {"action": action, "version": person.version, "role": Role.APPROVER, **extra}
    return client.post(reverse("accounts:user", args=[person.pk]), data)


def test_an_agency_administrator_lists_only_her_agency(agency_admin_a, officer_a, officer_b):
    client = client_for(agency_admin_a)
    page = client.get(reverse("accounts:users"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Officer A" in body and "officer_a@example.test" in body
    assert "Officer B" not in body
    assert reverse("accounts:user", args=[officer_a.pk]) in body
    assert client.get(reverse("accounts:users") + "?agency=" + AGENCY_B).status_code == 404
    assert client.get(reverse("accounts:users") + "?agency=" + AGENCY_A).status_code == 200


def test_another_agencys_user_is_a_404_for_every_action(agency_admin_a, officer_b):
    client = client_for(agency_admin_a)
    assert client.get(reverse("accounts:user", args=[officer_b.pk])).status_code == 404
    for action in ACTIONS:
        assert act(client, officer_b, action).status_code == 404, action
    officer_b.refresh_from_db()
    assert (officer_b.role, officer_b.is_active, officer_b.version) == (Role.REPORTER, True, 1)


@pytest.mark.parametrize("persona", ["officer_a", "approver_a", "most_monitor", "oversight_reader"])
def test_people_without_the_capability_are_refused_every_page(request, persona, officer_a):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("accounts:users")).status_code == 403
    # A MOST monitor may invite only the first person of an agency nobody uses
    # (test_invitations.py): the page without such an agency is not found.
    expected = 404 if persona == "most_monitor" else 403
    assert client.get(reverse("accounts:invite")).status_code == expected
    assert client.get(reverse("accounts:user", args=[officer_a.pk])).status_code == 403
    assert act(client, officer_a, "deactivate").status_code == 403
    officer_a.refresh_from_db()
    assert officer_a.is_active


def test_anonymous_visitors_are_asked_to_sign_in(officer_a):
    for url in (
        reverse("accounts:users"),
        reverse("accounts:invite"),
        reverse("accounts:user", args=[officer_a.pk]),
    ):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_an_agency_administrator_sets_roles_deactivates_and_reactivates(agency_admin_a, officer_a):
    client = client_for(agency_admin_a)
    assert act(client, officer_a, "role", role=Role.APPROVER).status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.role == Role.APPROVER
    assert act(client, officer_a, "deactivate").status_code == 302
    officer_a.refresh_from_db()
    assert not officer_a.is_active
    refused = Client().post(
        reverse("accounts:login"), {"username": "officer_a", "password": "pw-officer_a"}
    )
    assert refused.status_code == 200  # the login form again: a locked account cannot sign in
    assert act(client, officer_a, "reactivate").status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.is_active
    actions = list(
        AuditEvent.objects.filter(object_id=str(officer_a.pk), action__startswith="account.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["account.role_changed", "account.deactivated", "account.reactivated"]
    changed = AuditEvent.objects.get(action="account.role_changed", object_id=str(officer_a.pk))
    assert changed.actor == agency_admin_a
    assert (changed.before["role"], changed.after["role"]) == (Role.REPORTER, Role.APPROVER)


def test_an_agency_administrator_cannot_give_most_or_system_roles(agency_admin_a, officer_a):
    client = client_for(agency_admin_a)
    for role in (Role.MOST_MONITOR, Role.OVERSIGHT, Role.ADMIN, "khong-co"):
        response = act(client, officer_a, "role", role=role)
        assert response.status_code == 400, role
        assert "Bạn không thể giao vai trò này." in response.content.decode()
    officer_a.refresh_from_db()
    assert officer_a.role == Role.REPORTER


def test_nobody_manages_a_system_administrator_here(agency_admin_a, admin_user):
    other = User.objects.create_user(
        "admin_a", password="x", agency=agency_admin_a.agency, role=Role.ADMIN
    )
    assert (
        client_for(agency_admin_a).get(reverse("accounts:user", args=[other.pk])).status_code == 404
    )
    assert client_for(admin_user).get(reverse("accounts:user", args=[other.pk])).status_code == 404


def test_a_system_administrator_manages_any_agency(admin_user, officer_b):
    client = client_for(admin_user)
    page = client.get(reverse("accounts:users") + "?agency=" + AGENCY_B).content.decode()
    assert "Officer B" in page
    assert act(client, officer_b, "role", role=Role.OVERSIGHT).status_code == 302
    officer_b.refresh_from_db()
    assert officer_b.role == Role.OVERSIGHT


def test_nobody_deactivates_themselves(agency_admin_a, admin_user):
    response = act(client_for(agency_admin_a), agency_admin_a, "deactivate")
    assert response.status_code == 400
    assert "Bạn không thể tự khoá tài khoản của mình." in response.content.decode()
    with pytest.raises(services.AccountError):
        services.deactivate_user(admin_user, admin_user, None)  # not manageable: refused too
    agency_admin_a.refresh_from_db()
    assert agency_admin_a.is_active


def test_the_last_agency_administrator_stays(agency_admin_a, admin_user):
    client = client_for(admin_user)
    for action, extra in (("deactivate", {}), ("role", {"role": Role.REPORTER})):
        response = act(client, agency_admin_a, action, **extra)
        assert response.status_code == 400, action
        assert "quản trị tài khoản cuối cùng" in response.content.decode()
    demote_self = act(client_for(agency_admin_a), agency_admin_a, "role", role=Role.REPORTER)
    assert demote_self.status_code == 400
    agency_admin_a.refresh_from_db()
    assert (agency_admin_a.role, agency_admin_a.is_active) == (Role.AGENCY_ADMIN, True)

    # A pending invitation does not count; a second administrator who can sign in does.
    pending = services.invite_user(
        admin_user,
        agency_admin_a.agency,
        email="moi@moh.gov.vn",
        full_name="M",
        role=Role.AGENCY_ADMIN,
    )
    assert act(client, agency_admin_a, "deactivate").status_code == 400
    pending.set_password("mot-mat-khau-rat-dai")
    pending.save()
    assert act(client, agency_admin_a, "deactivate").status_code == 302
    agency_admin_a.refresh_from_db()
    assert not agency_admin_a.is_active


def test_a_stale_version_is_a_conflict_and_changes_nothing(agency_admin_a, admin_user, officer_a):
    stale = officer_a.version
    services.change_role(admin_user, officer_a, Role.APPROVER, stale)
    response = client_for(agency_admin_a).post(
        reverse("accounts:user", args=[officer_a.pk]),
        {"action": "deactivate", "version": stale},
    )
    assert response.status_code == 409
    assert "Chưa lưu gì" in response.content.decode()
    officer_a.refresh_from_db()
    assert officer_a.is_active and officer_a.role == Role.APPROVER
    assert f'name="version" value="{officer_a.version}"' in response.content.decode()


def test_bad_input_on_the_user_page_is_a_message_not_a_500(agency_admin_a, officer_a):
    client = client_for(agency_admin_a)
    url = reverse("accounts:user", args=[officer_a.pk])
    assert client.post(url, {"action": "xoa", "version": officer_a.version}).status_code == 400
    assert client.post(url, {"action": "deactivate", "version": "abc"}).status_code == 409
    assert client.post(url, {}).status_code == 400
    officer_a.refresh_from_db()
    assert officer_a.is_active and officer_a.version == 1


def test_the_nav_shows_the_users_link_to_those_who_manage_users(agency_admin_a, officer_a):
    assert reverse("accounts:users") in client_for(agency_admin_a).get("/").content.decode()
    assert reverse("accounts:users") not in client_for(officer_a).get("/").content.decode()


def test_the_capability_is_declared_for_the_roles_that_hold_it():
    assert perms.MANAGE_USERS in perms.ROLE_CAPABILITIES[Role.AGENCY_ADMIN]
    assert perms.MANAGE_USERS in perms.ROLE_CAPABILITIES[Role.ADMIN]
    holders = {r for r, caps in perms.ROLE_CAPABILITIES.items() if perms.MANAGE_USERS in caps}
    assert holders == {Role.AGENCY_ADMIN, Role.ADMIN}
    # An agency administrator runs accounts (and the agency's units, docs/cascade.md) only:
    # no report of her agency is hers to edit.
    assert perms.ROLE_CAPABILITIES[Role.AGENCY_ADMIN] == {
        perms.VIEW_PROGRAMME,
        perms.MANAGE_USERS,
        perms.MANAGE_UNITS,
    }


def test_the_english_page_names_the_agency_in_english(agency_admin_a):
    client = client_for(agency_admin_a)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("accounts:users"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en"' in page
    assert "Ministry of Health" in page


def test_a_system_administrator_sees_every_agencys_people_and_can_pick_one(
    admin_user, officer_a, officer_b
):
    page = client_for(admin_user).get(reverse("accounts:users")).content.decode()
    assert "Officer A" in page and "Officer B" in page
    assert "Bộ Tài chính" in page and 'id="agency-filter"' in page
    # System administrators are listed with their agency but not editable here.
    assert "admin_user@example.test" in page
    assert reverse("accounts:user", args=[admin_user.pk]) not in page
    assert reverse("accounts:user", args=[officer_b.pk]) in page


def test_the_list_page_costs_the_same_queries_for_three_people_or_thirty(
    agency_admin_a, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(agency_admin_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("accounts:users")).status_code == 200
        return len(queries)

    for i in range(2):
        make_user(f"nguoi_{i}", AGENCY_A, Role.REPORTER)
    few = count()
    for i in range(2, 30):
        make_user(f"nguoi_{i}", AGENCY_A, Role.REPORTER)
    assert count() == few
    with django_assert_max_num_queries(8):
        client.get(reverse("accounts:users"))
