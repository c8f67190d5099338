"""The API's human messages are in the site's language, Vietnamese first.

DRF's Vietnamese catalogue is partial: a refused write mixed "Trường này là bắt buộc."
with "Not a valid string." and "Ensure this field has no more than 120 characters.", and
a malformed body answered with the JSON decoder's own words.
"""

import json
import re

import pytest
from django.test import Client

from lotrinh.reporting import services as reporting
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

# Words of DRF's and Django's English messages: none may reach a Vietnamese answer.
ENGLISH = re.compile(
    r"\b(Ensure|valid|Invalid|Expected|Null characters|may not|Malformed|Unsupported|"
    r"Request was|Authentication|credentials|codec|decode|throttled|page|Failed|missing|not set)\b"
)


def _messages(response) -> list[str]:
    error = response.json()["error"]
    found = [error["message"]]
    for messages in (error.get("fields") or {}).values():
        found.extend(messages)
    return found


def _vietnamese(response) -> list[str]:
    found = _messages(response)
    english = [m for m in found if ENGLISH.search(m)]
    assert not english, english
    return found


@pytest.fixture
def entry(reporter_token, officer_a):
    from lotrinh.agencies.models import Agency
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting.models import ReportingRegime

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime_ = ReportingRegime.objects.get(programme=programme, code="annual-report")
    periods = {p.year: p for p in reporting.generate_periods(regime_, 2024)}
    report = reporting.ensure_report(Agency.objects.get(code="bo-y-te"), periods[2024])
    return report.entries.order_by("pk").first()


def _patch(client: Client, entry, body, content_type="application/json"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.patch(
        f"/api/v1/entries/{entry.pk}/",
        data,
        content_type=content_type,
        headers={"if-match": f'"v{entry.version}"'},
    )


@pytest.mark.parametrize(
    "body",
    [
        {"result": ["một", "danh sách"]},
        {"evidence_number": "x" * 121},
        {"result": "a\x00b"},
        {"status": "xong"},
        {"evidence_remove": "có lẽ"},
        {"difficulties": None},
        [1, 2],
    ],
    ids=["not-text", "too-long", "nul", "bad-choice", "bad-boolean", "null", "not-an-object"],
)
def test_a_refused_entry_write_is_told_in_vietnamese(reporter_token, entry, body):
    response = _patch(token_client(reporter_token.secret), entry, body)
    assert response.status_code == 400
    _vietnamese(response)


def test_the_limit_is_named_with_its_number(reporter_token, entry):
    response = _patch(token_client(reporter_token.secret), entry, {"evidence_number": "x" * 121})
    assert response.json()["error"]["fields"]["evidence_number"] == ["Tối đa 120 ký tự."]


def test_a_malformed_body_is_told_without_the_decoders_words(reporter_token, entry):
    client = token_client(reporter_token.secret)
    response = _patch(client, entry, b"\xff\xfe{", "application/json")
    assert response.status_code == 400
    _vietnamese(response)
    response = _patch(client, entry, "<a/>", "application/xml")
    assert response.status_code == 415
    assert "application/xml" in _vietnamese(response)[0]


def test_starting_a_report_with_bad_values_is_told_in_vietnamese(reporter_token):
    client = token_client(reporter_token.secret)
    for body in ({"regime": "abc", "year": "x"}, {"regime": 10**9, "year": 1999}):
        response = client.post("/api/v1/reports/", body, content_type="application/json")
        assert response.status_code == 400
        _vietnamese(response)


def test_a_missing_page_is_told_in_vietnamese(reporter_token):
    response = token_client(reporter_token.secret).get("/api/v1/reports/", {"page": 999})
    assert response.status_code == 404
    assert _vietnamese(response) == ["Không có trang này."]


def test_a_session_write_without_the_csrf_token_is_told_in_vietnamese(officer_a, entry):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer_a)
    response = _patch(client, entry, {"result": "x"})
    assert response.status_code == 403
    message = _vietnamese(response)[0]
    assert "CSRF" in message and "Failed" not in message and "missing" not in message, message
