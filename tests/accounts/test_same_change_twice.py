"""The same change sent twice (the form sent again from a second tab, a repeated click): the
second finds the account already as asked and says so, not that "someone else" changed it;
one audit event. A different change since the page was shown is still a conflict."""

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.core.models import AuditEvent
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _post(client, person, action, version, **extra):
    return client.post(
        reverse("accounts:user", args=[person.pk]),
        {"action": action, "version": version, **extra},
        follow=True,
    )


def _events(person, action: str) -> int:
    return AuditEvent.objects.filter(action=action, object_id=str(person.pk)).count()


@pytest.mark.parametrize(
    ("action", "event", "extra"),
    [
        ("deactivate", "account.deactivated", {}),
        ("role", "account.role_changed", {"role": Role.APPROVER}),
    ],
)
def test_the_same_change_from_a_second_tab_is_done_not_a_conflict(
    agency_admin_a, officer_a, action, event, extra
) -> None:
    client = client_for(agency_admin_a)
    shown = officer_a.version  # both tabs show this version
    first = _post(client, officer_a, action, shown, **extra)
    second = _post(client, officer_a, action, shown, **extra)
    assert first.status_code == 200 and second.status_code == 200
    assert "vừa được người khác thay đổi" not in second.content.decode()
    assert _events(officer_a, event) == 1


def test_reactivating_twice_is_done_once(agency_admin_a, officer_a) -> None:
    client = client_for(agency_admin_a)
    _post(client, officer_a, "deactivate", officer_a.version)
    officer_a.refresh_from_db()
    shown = officer_a.version
    _post(client, officer_a, "reactivate", shown)
    second = _post(client, officer_a, "reactivate", shown)
    assert (
        second.status_code == 200 and "vừa được người khác thay đổi" not in second.content.decode()
    )
    assert _events(officer_a, "account.reactivated") == 1


def test_another_change_since_the_page_was_shown_is_still_a_conflict(agency_admin_a, officer_a):
    client = client_for(agency_admin_a)
    shown = officer_a.version
    _post(client, officer_a, "role", shown, role=Role.APPROVER)
    response = _post(client, officer_a, "deactivate", shown)  # the other tab, the old page
    assert response.status_code == 409
    officer_a.refresh_from_db()
    assert officer_a.is_active
