"""The API tokens page refuses a NUL byte with a message, never reaching the database
(PostgreSQL cannot take one: the page answered 500); nothing is issued."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from lotrinh.accounts.models import Role
from lotrinh.api.models import ApiToken
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@contextmanager
def params_sent() -> Iterator[list[str]]:
    """Every parameter of every query sent to the database meanwhile."""
    sent: list[str] = []

    def record(execute, sql, params, many, context):
        rows = params if many else [params]
        sent.extend(str(value) for row in rows or [] for value in (row or []))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield sent


def _nul_reached_the_database(sent: list[str]) -> bool:
    return any("\x00" in value for value in sent)


def test_a_nul_byte_in_the_systems_name_is_refused(agency_admin_a):
    client = client_for(agency_admin_a)
    with params_sent() as sent:
        page = client.post(
            "/tai-khoan/khoa-api/cap/",
            {"name": "Hệ thống\x00văn bản", "role": Role.REPORTER, "scopes": "read"},
        )
    assert page.status_code == 400
    assert "ký tự NUL" in page.content.decode()
    assert not ApiToken.objects.exists()
    assert not _nul_reached_the_database(sent)


@pytest.mark.parametrize(("method", "status"), [("get", 400), ("post", 404)])
def test_a_nul_byte_in_the_agency_code_is_refused_without_a_query(system_admin, method, status):
    # In the address (GET) the request's edge refuses it (core/middleware.py); posted, the
    # page does.
    client = client_for(system_admin)
    with params_sent() as sent:
        if method == "get":
            page = client.get("/tai-khoan/khoa-api/", {"agency": "bo-y-te\x00"})
        else:
            page = client.post(
                "/tai-khoan/khoa-api/cap/",
                {"agency": "bo-y-te\x00", "name": "A", "role": Role.REPORTER, "scopes": "read"},
            )
    assert page.status_code == status
    assert not _nul_reached_the_database(sent)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("version", ["", "x", "\x00"])
def test_a_revocation_without_the_forms_version_changes_nothing(
    reporter_token, agency_admin_a, version
):
    # The form always sends the version it showed; anything else is not that form's.
    token = reporter_token.token
    page = client_for(agency_admin_a).post(
        f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/", {"version": version}, follow=True
    )
    assert page.status_code == 200
    assert "tải lại trang" in page.content.decode()
    token.refresh_from_db()
    assert token.is_active and token.account.is_active
