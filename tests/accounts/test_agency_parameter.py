"""The account pages' `?agency=` names an agency by its code: a value no code can be (a
NUL character, which PostgreSQL refuses in a query) is no agency, a 404 like any unknown
code, never a server error."""

import pytest
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["accounts:users", "accounts:invite"])
@pytest.mark.parametrize("code", ["bo-y-te\x00", "\x00", "khong-co-co-quan-nay"])
def test_an_impossible_agency_code_is_a_404(admin_user, page, code):
    client = client_for(admin_user)
    assert client.get(reverse(page), {"agency": code}).status_code == 404
    posted = client.post(
        reverse("accounts:invite"),
        {"agency": code, "email": "a@b.vn", "full_name": "A", "role": "reporter"},
    )
    assert posted.status_code == 404


def test_a_most_monitor_inviting_with_an_impossible_code_gets_a_404(most_monitor):
    response = client_for(most_monitor).get(reverse("accounts:invite"), {"agency": "x\x00"})
    assert response.status_code == 404


def test_the_calendar_page_takes_an_impossible_agency_code_as_none(officer_a):
    response = client_for(officer_a).get(reverse("dashboard:calendar"), {"agency": "bo-y-te\x00"})
    assert response.status_code == 200
