"""The API's schema loaded by schemathesis from the application itself (WSGI, in the
test's database), and one request checked against what the schema documents: status,
content type, body (formats included, which jsonschema alone does not check)."""

from typing import Any

import schemathesis
from django.core.wsgi import get_wsgi_application
from schemathesis import checks
from schemathesis.checks import load_all_checks

SCHEMA_URL = "/api/v1/schema/?format=json"
CHECKS = [
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def load_schema() -> Any:
    load_all_checks()
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
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    return response
