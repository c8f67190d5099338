"""Agency systems with their tokens (issued through the service, as the screen does)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.api import services
from tests.conftest import AGENCY_A, AGENCY_B, MOST, make_user


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def token_client(secret: str) -> Client:
    return Client(headers={"authorization": f"Bearer {secret}"})


def issue(
    issuer: User, agency_code: str, role: str, scopes: list[str], name: str = "He thong"
) -> Any:
    return services.issue_token(
        issuer, Agency.objects.get(code=agency_code), name=name, role=role, scopes=scopes
    )


@pytest.fixture
def agency_admin_a(db: None) -> User:
    return make_user("agency_admin_a", AGENCY_A, Role.AGENCY_ADMIN)


@pytest.fixture
def system_admin(db: None) -> User:
    user = make_user("system_admin", MOST, Role.ADMIN)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def reporter_token(agency_admin_a: User) -> Any:
    return issue(agency_admin_a, AGENCY_A, Role.REPORTER, ["read", "write"], "Hệ thống báo cáo")


@pytest.fixture
def approver_token(agency_admin_a: User) -> Any:
    return issue(agency_admin_a, AGENCY_A, Role.APPROVER, ["read", "write"], "Hệ thống lãnh đạo")


@pytest.fixture
def read_token(agency_admin_a: User) -> Any:
    return issue(agency_admin_a, AGENCY_A, Role.REPORTER, ["read"], "Hệ thống đọc")


@pytest.fixture
def most_token(system_admin: User) -> Any:
    return issue(system_admin, MOST, Role.MOST_MONITOR, ["read", "write"], "Hệ thống Bộ KH&CN")


@pytest.fixture
def token_b(db: None) -> Any:
    admin_b = make_user("agency_admin_b", AGENCY_B, Role.AGENCY_ADMIN)
    return issue(admin_b, AGENCY_B, Role.REPORTER, ["read", "write"], "Hệ thống Bộ B")


@pytest.fixture
def started(reporter_token: Any) -> tuple[Client, Any, Any]:
    """A ministry reporter's system started its 2025 report through the API: its client,
    the report and the report's first entry."""
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting.models import AgencyReport

    client = token_client(reporter_token.secret)
    regime = (
        Programme.objects.get(code="50/NQ-CP", status="published")
        .reporting_regimes.get(code="annual-report")
        .pk
    )
    response = client.post(
        "/api/v1/reports/", {"regime": regime, "year": 2025}, content_type="application/json"
    )
    assert response.status_code == 201
    report = AgencyReport.objects.get(pk=response.json()["id"])
    return client, report, report.entries.order_by("task__position").first()


def report_state(report: Any) -> tuple:
    """What a refused write must leave as it was: the report's versions, its entries'
    versions and results, and the audit trail's length."""
    from lotrinh.core.models import AuditEvent

    report.refresh_from_db()
    entries = list(report.entries.values_list("version", "result").order_by("pk"))
    return report.version, report.sections_version, entries, AuditEvent.objects.count()
