"""A token acts for the agency it was issued for, never another: a system account moved
to another agency (the Django admin can change any account) stops the token, so it never
reads or writes the new agency's drafts with a secret the new agency did not issue."""

import pytest

from lotrinh.agencies.models import Agency
from tests.api.conftest import token_client
from tests.conftest import AGENCY_B

pytestmark = pytest.mark.django_db


def test_a_token_whose_account_was_moved_to_another_agency_is_refused(reporter_token):
    client = token_client(reporter_token.secret)
    assert client.get("/api/v1/reports/").status_code == 200
    account = reporter_token.token.account
    account.agency = Agency.objects.get(code=AGENCY_B)
    account.save(update_fields=["agency"])
    response = client.get("/api/v1/reports/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_a_token_whose_account_lost_its_agency_is_refused(reporter_token):
    account = reporter_token.token.account
    account.agency = None
    account.save(update_fields=["agency"])
    assert token_client(reporter_token.secret).get("/api/v1/reports/").status_code == 401
