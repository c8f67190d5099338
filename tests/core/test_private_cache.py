"""Answers to a signed-in person or an authenticated API caller are `private, no-store`:
a shared office computer's browser keeps no draft to show on Back after sign-out. Public
pages and static files keep their own caching."""

import pytest
from django.test import Client

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.api import services as api_services
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db
PRIVATE = "private, no-store"


@pytest.mark.parametrize("path", ["/bao-cao/", "/", "/tai-khoan/doi-mat-khau/", "/khong-co/"])
def test_every_signed_in_answer_is_private_and_not_stored(officer_a, path):
    response = client_for(officer_a).get(path)
    assert response["Cache-Control"] == PRIVATE, response.status_code
    assert "Expires" not in response


def test_a_public_page_for_an_anonymous_visitor_keeps_its_caching():
    response = Client().get("/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_static_files_keep_their_caching_for_a_signed_in_person(officer_a):
    response = client_for(officer_a).get("/static/css/site.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_an_authenticated_api_answer_is_private_and_an_anonymous_one_is_not():
    admin = make_user("agency_admin_a", AGENCY_A, Role.AGENCY_ADMIN)
    issued = api_services.issue_token(
        admin, Agency.objects.get(code=AGENCY_A), name="VBĐH", role=Role.REPORTER, scopes=["read"]
    )
    with_token = Client(headers={"authorization": f"Bearer {issued.secret}"})
    assert with_token.get("/api/v1/reports/")["Cache-Control"] == PRIVATE
    assert with_token.get("/api/v1/reports/999999/")["Cache-Control"] == PRIVATE  # errors too
    anonymous = Client().get("/api/v1/programmes/")
    assert anonymous.status_code == 200
    assert "no-store" not in anonymous.get("Cache-Control", "")
