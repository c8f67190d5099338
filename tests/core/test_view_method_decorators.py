"""Pages that take only some methods say so with Django's method decorators, not with a
test of `request.method` inside the view: another method is a 405 on the site's own page
(core.middleware.MethodNotAllowedPageMiddleware), and a page that writes nothing takes no
POST at all, so the walk of write routes does not count it
(tests/core/test_write_routes_declare_concurrency.py)."""

import pytest
from django.urls import reverse

from lotrinh.dashboard import services as dashboard_services
from tests.conftest import client_for
from tests.core.test_write_routes_declare_concurrency import write_routes

pytestmark = pytest.mark.django_db


def test_pages_that_write_nothing_are_not_write_routes():
    routes = write_routes()
    assert "api_tokens:list" not in routes
    assert "dashboard:calendar_feed" not in routes


def test_the_token_page_answers_post_with_405(admin_user):
    client = client_for(admin_user)
    url = reverse("api_tokens:list") + f"?agency={admin_user.agency.code}"
    assert client.get(url).status_code == 200
    answer = client.post(url, {"agency": admin_user.agency.code})
    assert answer.status_code == 405
    assert "GET" in answer["Allow"] and "POST" not in answer["Allow"]
    assert answer.content  # the site's own page, not an empty body


def test_the_calendar_feed_answers_post_with_405(officer_a):
    token = dashboard_services.issue_calendar_token(officer_a)
    url = reverse("dashboard:calendar_feed", args=[token, officer_a.agency.code])
    assert client_for(officer_a).get(url).status_code == 200
    answer = client_for(officer_a).post(url)
    assert answer.status_code == 405 and "POST" not in answer["Allow"]


@pytest.mark.parametrize("route", ["accounts:invite", "accounts:user", "dashboard:calendar"])
def test_a_form_page_refuses_other_methods(route, admin_user, officer_a):
    user = officer_a if route == "dashboard:calendar" else admin_user
    args = [officer_a.pk] if route == "accounts:user" else []
    url = reverse(route, args=args)
    client = client_for(user)
    assert client.get(url).status_code == 200
    for method in ("PUT", "DELETE", "PATCH"):
        answer = client.generic(method, url)
        assert answer.status_code == 405, (route, method)
        assert set(answer["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}
