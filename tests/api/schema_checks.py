"""The API's schema loaded by schemathesis from the application itself (WSGI, in the
test's database), and one request checked against what the schema documents: status,
content type, body (formats included, which jsonschema alone does not check)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis import checks
from schemathesis.checks import load_all_checks

SCHEMA_URL = "/api/v1/schema/?format=json"
CHECKS = [
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@contextmanager
def in_the_tests_database() -> Iterator[None]:
    """Requests to the WSGI application inside the test's transaction: a request's end
    closes the database connection otherwise (`close_old_connections`), which on
    PostgreSQL ends the test's transaction ("the connection is closed"). Django's test
    client disconnects it the same way, around each of its own requests (and connects it
    again after: so around each request here too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def load_schema() -> Any:
    load_all_checks()
    with in_the_tests_database():  # the schema itself is read through the application
        return schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())


def answer(
    schema: Any,
    method: str,
    path: str,
    *,
    secret: str | None = None,
    path_parameters: dict[str, Any] | None = None,
    query: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    body: Any = None,
) -> Any:
    """Send one request through schemathesis; the response, once checked against the
    schema (raises with the non-conformance otherwise)."""
    sent = dict(headers or {})
    if secret:
        sent["Authorization"] = f"Bearer {secret}"
    operation = schema[path][method.upper()]
    kwargs: dict[str, Any] = {"path_parameters": path_parameters, "query": query, "headers": sent}
    if body is not None:
        kwargs.update(body=body, media_type="application/json")
    case = operation.Case(**kwargs)
    with in_the_tests_database():
        response = case.call()
    case.validate_response(response, checks=CHECKS)
    return response
