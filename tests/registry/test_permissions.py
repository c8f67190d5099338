"""The role × capability matrix of lotrinh/accounts/permissions.py (registry part).

The reporting and follow-up suites test the object rules (own agency / other agency)
for their own capabilities.
"""

import pytest

from lotrinh.accounts import permissions as p
from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency

pytestmark = pytest.mark.django_db

EXPECTED = {
    Role.MOST_MONITOR: {
        p.MANAGE_PROGRAMME: True,
        p.IMPORT_PROGRAMME: True,
        p.REVIEW_REPORT: True,
        p.EDIT_REPORT: False,
        p.APPROVE_REPORT: False,
        p.VIEW_COMPLIANCE: True,
        p.SEND_REMINDER: True,
    },
    Role.REPORTER: {
        p.MANAGE_PROGRAMME: False,
        p.IMPORT_PROGRAMME: False,
        p.REVIEW_REPORT: False,
        p.EDIT_REPORT: True,
        p.APPROVE_REPORT: False,
        p.VIEW_COMPLIANCE: False,
        p.SEND_REMINDER: False,
    },
    Role.APPROVER: {
        p.MANAGE_PROGRAMME: False,
        p.IMPORT_PROGRAMME: False,
        p.REVIEW_REPORT: False,
        p.EDIT_REPORT: False,
        p.APPROVE_REPORT: True,
        p.VIEW_COMPLIANCE: False,
        p.SEND_REMINDER: False,
    },
    Role.OVERSIGHT: {
        p.MANAGE_PROGRAMME: False,
        p.IMPORT_PROGRAMME: False,
        p.REVIEW_REPORT: False,
        p.EDIT_REPORT: False,
        p.APPROVE_REPORT: False,
        p.VIEW_COMPLIANCE: True,
        p.SEND_REMINDER: False,
    },
    Role.ADMIN: {
        p.MANAGE_PROGRAMME: True,
        p.IMPORT_PROGRAMME: True,
        p.REVIEW_REPORT: False,
        p.EDIT_REPORT: False,
        p.APPROVE_REPORT: False,
        p.VIEW_COMPLIANCE: True,
        p.SEND_REMINDER: False,
    },
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_capabilities(role):
    from lotrinh.accounts.models import User

    user = User(username="x", role=role, is_active=True)
    for capability, allowed in EXPECTED[role].items():
        assert p.can(user, capability) is allowed, (role, capability)


@pytest.mark.parametrize("capability", sorted(p.OWN_AGENCY_ONLY))
def test_own_agency_capabilities_refuse_another_agency(
    capability, officer_a, approver_a, officer_b
):
    own = officer_a.agency
    other = Agency.objects.get(code=officer_b.agency.code)
    for user in (officer_a, approver_a):
        if p.has_capability(user, capability):
            assert p.can(user, capability, own)
            assert not p.can(user, capability, other)


def test_anonymous_and_inactive_users_have_no_capability(officer_a):
    from django.contrib.auth.models import AnonymousUser

    assert p.capabilities_of(AnonymousUser()) == frozenset()
    officer_a.is_active = False
    assert p.capabilities_of(officer_a) == frozenset()
