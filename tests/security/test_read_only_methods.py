"""A page that offers no write answers a POST with 405 Method Not Allowed, never 200.

Walks every route of the URL resolver (tests/security/matrix.py) whose declared policy has
no POST (tests/security/policy.py), signs in as the first persona that may read it, and
sends a POST that passes the CSRF check (a real token, the check enforced): the answer is
405 with an `Allow` header that names GET, on the site's own page (Vietnamese first,
English on English pages), and nothing is written. No route answers a POST with a 5xx.
"""

import pytest
from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from tests.core.pending_english import add_pending_english
from tests.security.conftest import client_of
from tests.security.dbhash import WriteWatch
from tests.security.matrix import route_names
from tests.security.policy import ALLOW, POLICY, is_read_only
from tests.security.world import API_PERSONAS, PERSONAS, World

pytestmark = pytest.mark.django_db


def read_only_routes() -> list[str]:
    # The Django admin's index is Django's own page (left out as in the matrix).
    return [
        route
        for route in route_names()
        if route in POLICY and is_read_only(POLICY[route]) and not route.startswith("admin:")
    ]


def reader(world: World, route: str) -> tuple[str, str] | None:
    """The first (persona, object) the route's policy lets read it."""
    policy = POLICY[route]
    assert policy.get is not None
    for persona in API_PERSONAS if policy.api else PERSONAS:
        for obj in policy.objects:
            if policy.get(world, persona, obj) == ALLOW:
                return persona, obj
    return None


def csrf_client(world: World, persona: str) -> tuple[Client, str]:
    """A client that enforces the CSRF check, holding a valid token."""
    if persona.startswith("token_"):
        return client_of(world, persona), ""
    client = Client(enforce_csrf_checks=True)
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    token = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    return client, token


@pytest.mark.parametrize("route", read_only_routes())
def test_a_read_only_route_answers_post_with_405(route, world):
    policy = POLICY[route]
    # A persona that may read the page (the 405 is about the method, not the persona);
    # when the world holds none (a public copy of a document not published), the most
    # privileged one: the method is checked before the object is looked up.
    found = reader(world, route)
    persona, obj = found or ("most", policy.objects[0])
    client, token = csrf_client(world, persona)
    url = policy.url(world, obj)
    if found is not None:
        assert client.get(url).status_code == 200, f"{persona} cannot GET {url}"
    watch = WriteWatch()
    response = client.post(url, {"csrfmiddlewaretoken": token}, headers={"x-csrftoken": token})
    assert response.status_code == 405, f"{persona} POST {url}: {response.status_code}"
    allowed = {m.strip() for m in response.get("Allow", "").split(",")}
    assert "GET" in allowed and "POST" not in allowed, response.get("Allow")
    assert not watch.changed(), f"POST {url} wrote {watch.changed()}"
    if not policy.api:
        text = response.content.decode()
        assert "Phương thức không được phép" in text, text[:300]
        assert "<nav" in text or 'class="site' in text or "<header" in text


def test_the_405_page_speaks_english_on_english_pages(world, monkeypatch):
    add_pending_english(monkeypatch, "trust38")
    route = "agencies:list" if "agencies:list" in POLICY else read_only_routes()[0]
    persona, obj = reader(world, route) or ("most", POLICY[route].objects[0])
    client, token = csrf_client(world, persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        POLICY[route].url(world, obj),
        {"csrfmiddlewaretoken": token},
        headers={"x-csrftoken": token, "accept-language": "en"},
    )
    assert response.status_code == 405
    text = response.content.decode()
    assert "Method not allowed" in text and 'lang="en"' in text, text[:300]


def test_no_route_answers_a_post_with_a_server_error(world):
    failures = []
    for route in route_names():
        policy = POLICY.get(route)
        if policy is None or policy.api:
            continue
        found = reader(world, route) if policy.get is not None else None
        persona, obj = found or ("most", policy.objects[0])
        client, token = csrf_client(world, persona)
        url = policy.url(world, obj)
        response = client.post(url, {"csrfmiddlewaretoken": token}, headers={"x-csrftoken": token})
        if response.status_code >= 500:
            failures.append(f"{persona} POST {url}: {response.status_code}")
    assert not failures, failures
