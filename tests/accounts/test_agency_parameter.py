"""The account pages and the calendar page read the agency's code from the posted form
too (`agency`): a posted value no code can be (a NUL character, which PostgreSQL refuses
in a query) is no agency (404 on the account pages, none on the calendar page), never a
server error. (A NUL in the address's query is refused before any view: 400,
core.middleware.NulRefusalMiddleware.) Run on PostgreSQL too (LOTRINH_TEST_DATABASE_URL):
SQLite takes the NUL and hides the error."""

import pytest
from django.urls import reverse

from lotrinh.accounts.models import User
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["bo-y-te\x00", "\x00", "khong-co-co-quan-nay"])
def test_an_impossible_posted_agency_code_is_a_404(admin_user, code):
    posted = client_for(admin_user).post(
        reverse("accounts:invite"),
        {"agency": code, "email": "a@b.vn", "full_name": "A", "role": "reporter"},
    )
    assert posted.status_code == 404
    assert not User.objects.filter(email="a@b.vn").exists()


def test_a_most_monitor_posting_an_impossible_code_gets_a_404(most_monitor):
    posted = client_for(most_monitor).post(
        reverse("accounts:invite"),
        {"agency": "x\x00", "email": "a@b.vn", "full_name": "A", "role": "agency_admin"},
    )
    assert posted.status_code == 404


def test_the_calendar_page_takes_an_impossible_posted_code_as_no_agency(officer_a):
    response = client_for(officer_a).post(
        reverse("dashboard:calendar"), {"step": "issue", "agency": "bo-y-te\x00"}
    )
    assert response.status_code == 200
