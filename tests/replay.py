"""What the tests of the page cache (core/replay_cache.py) share: an empty cache around
each test, a page's HTML with its CSRF tokens set aside, and the page as its view renders
it with the cache bypassed."""

import re
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache

from lotrinh.core import replay_cache

_TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def html(response: Any) -> str:
    assert response.status_code == 200
    return _TOKENS.sub(r"\1TOKEN", response.content.decode())


def fresh(client: Any, url: str) -> Any:
    """The page as the view renders it, the cache bypassed."""
    with mock.patch.object(replay_cache, "_cacheable", return_value=False):
        return client.get(url)
