"""Query parameters nobody should send: a clear 400 in the error shape, never a 500.

A NUL byte in a text filter crashes PostgreSQL ("text fields cannot contain NUL"), and an
id beyond 64 bits crashes SQLite ("Python int too large"): the API refuses both before
any query, the same on either database (this suite runs on SQLite, so the NUL case is
checked by its answer, not by the crash).
"""

import pytest
from django.test import Client

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

# Every text filter the API reads from the query string.
TEXT_FILTERS = [
    ("programmes/", "code"),
    ("tasks/", "q"),
    ("tasks/", "agency"),
    ("tasks/", "role"),
    ("assignments/", "agency"),
    ("agencies/", "q"),
    ("agencies/", "valid"),
    ("plans/", "agency"),
    ("reports/", "agency"),
    ("reports/", "status"),
    ("observations/", "indicator"),
    ("observations/", "country"),
    ("observations/", "current"),
    ("compliance/", "programme"),
    ("targets/", "programme"),
    ("sdmx/data/", "indicator"),
]
# Every integer filter.
INTEGER_FILTERS = [
    ("clauses/", "programme"),
    ("task-groups/", "programme"),
    ("tasks/", "programme"),
    ("tasks/", "group"),
    ("assignments/", "task"),
    ("regimes/", "programme"),
    ("periods/", "regime"),
    ("periods/", "year"),
    ("plans/", "programme"),
    ("plan-tasks/", "plan"),
    ("reports/", "year"),
    ("entries/", "report"),
    ("entries/", "task"),
    ("observations/", "year"),
    ("compliance/", "year"),
]


def _assert_refused(response, name: str) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert name in error["fields"]


@pytest.mark.parametrize(("path", "name"), TEXT_FILTERS)
def test_a_nul_byte_in_a_text_filter_is_refused_with_400(most_token, path, name):
    response = token_client(most_token.secret).get(f"/api/v1/{path}", {name: "a\x00b"})
    _assert_refused(response, name)


@pytest.mark.parametrize(("path", "name"), INTEGER_FILTERS)
@pytest.mark.parametrize("value", ["99999999999999999999999", "-99999999999999999999999"])
def test_an_integer_beyond_64_bits_is_refused_with_400(most_token, path, name, value):
    response = token_client(most_token.secret).get(f"/api/v1/{path}", {name: value})
    _assert_refused(response, name)


def test_the_public_gets_the_same_refusal(db):
    response = Client().get("/api/v1/tasks/", {"q": "\x00"})
    _assert_refused(response, "q")
    response = Client().get("/api/v1/clauses/", {"programme": "1" + "0" * 30})
    _assert_refused(response, "programme")


def test_ordinary_filters_still_work(most_token):
    client = token_client(most_token.secret)
    assert client.get("/api/v1/tasks/", {"q": "chuyển đổi số", "programme": "1"}).status_code == 200
    assert client.get("/api/v1/reports/", {"year": "2025", "status": "accepted"}).status_code == 200
    assert client.get("/api/v1/clauses/", {"programme": str(2**63 - 1)}).status_code == 200
