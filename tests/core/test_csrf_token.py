"""The page's CSRF token masked in one draw (core/csrf.py): Django unmasks it to the
visitor's secret, its middleware accepts it, and the masks are uniform and fresh."""

import re
from collections import Counter
from typing import Any

import pytest
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    _get_new_csrf_string,
    _unmask_cipher_token,
)
from django.test import Client, RequestFactory
from django.urls import reverse

from lotrinh.core import csrf
from tests.conftest import client_for


def _request(secret: str | None) -> Any:
    request = RequestFactory().get("/")
    if secret is not None:
        request.META["CSRF_COOKIE"] = secret
    return request


def test_the_token_unmasks_to_the_visitors_secret_and_renews_the_cookie() -> None:
    secret = _get_new_csrf_string()
    request = _request(secret)
    tokens = {csrf.get_token(request) for _ in range(200)}
    assert len(tokens) == 200  # a fresh mask each time
    for token in tokens:
        assert len(token) == 64 and re.fullmatch("[A-Za-z0-9]+", token)
        assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_visitor_without_a_secret_gets_one_from_django() -> None:
    request = _request(None)
    token = csrf.get_token(request)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]


def test_the_mask_characters_are_uniform() -> None:
    counts = Counter("".join(csrf._mask() for _ in range(2000)))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    expected = 2000 * 32 / len(CSRF_ALLOWED_CHARS)  # about 1032 each
    assert all(0.8 * expected < n < 1.2 * expected for n in counts.values()), counts


@pytest.mark.django_db
def test_the_pages_token_passes_djangos_middleware(officer_a: Any) -> None:
    client = client_for(officer_a)
    client.handler.enforce_csrf_checks = True
    page = client.get(reverse("reporting:notifications")).content.decode()
    tokens = set(re.findall(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', page))
    header = re.search(r'"X-CSRFToken": "([A-Za-z0-9]+)"', page)
    assert len(tokens) == 1 and header is not None and header.group(1) in tokens
    secret = client.cookies["csrftoken"].value
    assert _unmask_cipher_token(tokens.pop()) == secret
    refused = Client(enforce_csrf_checks=True)
    refused.cookies["csrftoken"] = secret
    assert refused.post(reverse("set_language"), {"language": "en"}).status_code == 403
    token = re.search(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', page)
    assert token is not None
    answer = client.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token.group(1)}
    )
    assert answer.status_code == 302
    assert client.cookies["django_language"].value == "en"
