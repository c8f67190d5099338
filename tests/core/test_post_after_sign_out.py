"""A form sent from a tab after signing out in another one: nothing is done, the sign-in
page says why, and signing in leads back to the page the form was on, not to the form's
action (which answers POST only: a blank 405)."""

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from lotrinh.reporting.models import AgencyReport

pytestmark = pytest.mark.django_db


def _next(response: Any) -> str:
    location = urlsplit(response["Location"])
    assert location.path == reverse("accounts:login")
    return parse_qs(location.query)["next"][0]


def test_a_form_sent_after_signing_out_elsewhere_leads_back_to_its_page(
    officer_a: Any,
) -> None:
    client = Client()
    client.force_login(officer_a)
    page = reverse("reporting:my_reports")
    client.get(page)
    client.logout()  # the other tab
    response = client.post(
        reverse("reporting:start"),
        {"year": "2025"},
        headers={"referer": f"http://testserver{page}"},
    )
    assert response.status_code == 302 and _next(response) == page
    assert not AgencyReport.objects.exists()
    login = client.get(response["Location"]).content.decode()
    assert "đã đăng xuất" in login and "chưa được thực hiện" in login
    client.force_login(officer_a)
    assert client.get(_next(response)).status_code == 200


def test_without_a_page_of_this_site_it_leads_home_and_never_to_the_action(
    officer_a: Any,
) -> None:
    client = Client()
    response = client.post(
        reverse("reporting:start"), {"year": "2025"}, headers={"referer": "https://evil.example/"}
    )
    assert _next(response) == reverse("portal:home")
    htmx = client.post(
        reverse("reporting:start"),
        {"year": "2025"},
        headers={
            "hx-request": "true",
            "hx-current-url": f"http://testserver{reverse('reporting:my_reports')}",
        },
    )
    assert _next(htmx) == reverse("reporting:my_reports")
