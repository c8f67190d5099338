"""One world per test module, each test in a savepoint inside it.

Building the reports through the services takes seconds; the matrix has a few
thousand cells. So the world is built once per module inside an outer transaction
(rolled back when the module ends) and every test runs in pytest-django's usual
transaction, which inside the outer one is a savepoint rolled back after the test.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from tests.security.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    media = tmp_path_factory.mktemp("security-media")
    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """The API's rate limits count in the cache: each cell starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield


def client_of(world: World, persona: str) -> Client:
    secret = world.extra.get("token_secrets", {}).get(persona)
    if secret:
        # An agency's system: its token, no session.
        return Client(headers={"authorization": f"Bearer {secret}"})
    client = Client()
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    return client
