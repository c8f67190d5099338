import pytest
from django.test import Client

from tests.conftest import make_user

# The reporting fixtures (a report of Bộ A in 2024) for the history and language tests.
from tests.reporting.conftest import agency_a, fill, period_2024, regime, report_a, report_b

__all__ = ["agency_a", "fill", "period_2024", "regime", "report_a", "report_b"]


@pytest.fixture
def two_admins(admin_user):
    """Two system administrators signed in, each in a client of their own (the admin's
    stale-edit and stale-delete tests)."""
    other = make_user("quan_tri_hai", "bo-y-te", admin_user.role)
    other.is_staff = other.is_superuser = True
    other.full_name = "Trần Thị Hai"
    other.save()
    first, second = Client(), Client()
    first.force_login(admin_user)
    second.force_login(other)
    return first, second
