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
