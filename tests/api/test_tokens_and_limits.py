"""Tokens issued on the screen, rate limits, pagination, filters and the error shape."""

import pytest
from django.test import Client
from rest_framework.throttling import SimpleRateThrottle

from lotrinh.accounts.models import Role
from lotrinh.api.models import ApiToken
from lotrinh.api.services import digest
from lotrinh.core.models import AuditEvent
from tests.api.conftest import token_client
from tests.conftest import AGENCY_B, client_for, make_user

pytestmark = pytest.mark.django_db


def test_an_agency_administrator_issues_a_token_shown_once_and_stored_hashed(agency_admin_a):
    client = client_for(agency_admin_a)
    page = client.post(
        "/tai-khoan/khoa-api/cap/",
        {"name": "Hệ thống quản lý văn bản", "role": Role.REPORTER, "scopes": "write"},
    )
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    token = ApiToken.objects.get()
    secret = page.context["issued"].secret
    assert secret in page.content.decode()
    assert token.digest == digest(secret) and secret not in token.digest
    assert token.scope_set == {"read", "write"}
    assert token.account.agency_id == agency_admin_a.agency_id
    assert token.account.role == Role.REPORTER and not token.account.has_usable_password()
    assert AuditEvent.objects.filter(action="api.token_issued").exists()
    # The list shows it without the secret.
    listed = client.get("/tai-khoan/khoa-api/").content.decode()
    assert token.prefix in listed and secret not in listed
    assert token_client(secret).get("/api/v1/reports/").status_code == 200


def test_an_agency_administrator_cannot_issue_an_administrators_token(agency_admin_a):
    response = client_for(agency_admin_a).post(
        "/tai-khoan/khoa-api/cap/",
        {"name": "Hệ thống", "role": Role.MOST_MONITOR, "scopes": "read"},
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_another_agencys_administrator_neither_sees_nor_revokes_the_tokens(reporter_token):
    admin_b = make_user("admin_b", AGENCY_B, Role.AGENCY_ADMIN)
    client = client_for(admin_b)
    assert client.get("/tai-khoan/khoa-api/?agency=bo-y-te").status_code == 404
    token = reporter_token.token
    assert client.post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/").status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_revoking_on_the_screen_stops_the_token(reporter_token, agency_admin_a):
    token = reporter_token.token
    response = client_for(agency_admin_a).post(
        f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/", {"version": token.version}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert not token.is_active and not token.account.is_active
    assert token_client(reporter_token.secret).get("/api/v1/tasks/").status_code == 401


def test_callers_past_the_rate_limit_are_told_to_wait(monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"}
    )
    client = Client()
    assert client.get("/api/v1/programmes/").status_code == 200
    assert client.get("/api/v1/programmes/").status_code == 200
    limited = client.get("/api/v1/programmes/")
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "throttled"
    assert "Retry-After" in limited


def test_lists_are_paginated_and_filtered(client):
    first = client.get("/api/v1/tasks/?page_size=5").json()
    assert len(first["results"]) == 5 and first["count"] > 5 and first["next"]
    second = client.get(first["next"]).json()
    assert {t["id"] for t in first["results"]}.isdisjoint({t["id"] for t in second["results"]})
    led = client.get("/api/v1/tasks/?agency=bo-y-te&role=lead&page_size=200").json()
    assert led["results"]
    for task in led["results"]:
        assert any(
            a["agency_code"] == "bo-y-te" and a["role"] == "lead" for a in task["assignments"]
        )


def test_bad_parameters_get_the_documented_error_shape(client):
    response = client.get("/api/v1/tasks/?programme=abc")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["fields"] == {"programme": ["Cần một số nguyên."]}
    assert client.get("/api/v1/agencies/?as_of=2025-13-01").status_code == 400
    missing = client.get("/api/v1/tasks/999999/").json()["error"]
    assert missing["status"] == 404 and missing["code"] == "not_found"


def test_anonymous_callers_see_accepted_reports_only(reporter_token):
    from lotrinh.programmes.models import Programme

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    token_client(reporter_token.secret).post(
        "/api/v1/reports/", {"regime": regime.pk, "year": 2025}, content_type="application/json"
    )
    assert Client().get("/api/v1/reports/").json()["count"] == 0
    assert Client().get("/api/v1/entries/").json()["count"] == 0


def test_agencies_are_read_as_of_a_day_with_their_successor():
    from lotrinh.agencies.models import AgencySuccession

    succession = AgencySuccession.objects.filter(successor__isnull=False).order_by("pk").first()
    code = succession.predecessor.code
    day_before = succession.effective_date.replace(year=succession.effective_date.year - 1)
    before = Client().get(f"/api/v1/agencies/{code}/?as_of={day_before}").json()
    after = Client().get(f"/api/v1/agencies/{code}/?as_of={succession.effective_date}").json()
    assert before["holder"] == code
    assert after["holder"] != code
    assert any(s["successor_code"] == succession.successor.code for s in after["successions"])
