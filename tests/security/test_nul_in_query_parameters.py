"""A NUL character in a page's query parameter is refused by PostgreSQL in any query: the
compliance page's programme and the agencies list's search answer as for a value that
matches nothing (404, no agency), never with a server error. Run on PostgreSQL too
(LOTRINH_TEST_DATABASE_URL): SQLite takes the NUL and hides the error."""

import pytest
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_compliance_pages_programme_is_a_404(most_monitor):
    response = client_for(most_monitor).get(
        reverse("reporting:compliance"), {"programme": "50/NQ-CP\x00"}
    )
    assert response.status_code == 404


def test_a_nul_in_the_agency_search_is_ignored(officer_a):
    response = client_for(officer_a).get(reverse("agencies:list"), {"q": "y\x00 tế"})
    assert response.status_code == 200
    assert "Bộ Y tế" in response.content.decode()
