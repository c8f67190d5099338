"""The OpenAPI schema is valid, served as the issue asks, and matches what the server answers."""

import json

import pytest
from django.test import Client
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


_SCHEMA: dict = {}


def _schema(client: Client) -> dict:
    """The served schema (fetched once per session: generating it takes seconds)."""
    if not _SCHEMA:
        response = client.get("/api/v1/schema/?format=json")
        assert response.status_code == 200
        _SCHEMA.update(json.loads(response.content))
    return _SCHEMA


def test_the_schema_is_a_valid_openapi_3_document(client):
    schema = _schema(client)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/entries/{id}/" in schema["paths"]
    assert "agencyToken" in schema["components"]["securitySchemes"]


def test_the_schema_is_json_when_asked_by_accept(client):
    response = client.get("/api/v1/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["info"]["title"] == "Lộ trình API"


def test_the_documentation_is_served_from_vendored_assets(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "https://" not in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


def _response_schema(schema: dict, path: str, method: str = "get") -> dict:
    operation = schema["paths"][path][method]
    content = operation["responses"]["200"]["content"]
    return content["application/json"]["schema"]


def _check(schema: dict, path: str, body: object) -> list[str]:
    target = _response_schema(schema, path)
    validator = OAS30Validator({**target, "components": schema["components"]})
    return sorted(
        {
            f"{path}: {e.message} at {[p for p in e.absolute_path if isinstance(p, str)]}"
            for e in validator.iter_errors(body)
        }
    )


def test_every_read_endpoint_answers_what_the_schema_documents(most_token, reporter_token):
    """Each GET of the schema is called (a list, then the first item of it) by an agency's
    system, and its body is validated against the documented response."""
    from lotrinh.programmes.models import Programme

    client = token_client(reporter_token.secret)
    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    started = client.post(
        "/api/v1/reports/", {"regime": regime.pk, "year": 2025}, content_type="application/json"
    )
    assert started.status_code == 201
    most = token_client(most_token.secret)
    schema = _schema(client)
    problems: list[str] = []
    checked = 0
    first_ids: dict[str, str] = {}
    for path, operations in sorted(schema["paths"].items()):
        if "get" not in operations or path.endswith("/schema/"):
            continue
        if "{" not in path:
            response = client.get(path)
            if response.status_code == 403:  # MOST's pages (compliance): its system reads them
                response = most.get(path)
            assert response.status_code == 200, (path, response.content[:300])
            documented = operations["get"]["responses"]["200"].get("content", {})
            if "application/json" not in documented:
                # SDMX downloads: XML and CSV (checked against the DSD in test_sdmx.py).
                assert documented, path
                checked += 1
                continue
            body = response.json()
            problems += _check(schema, path, body)
            checked += 1
            results = body.get("results") if isinstance(body, dict) else None
            if results:
                first_ids[path] = str(results[0].get("id"))
                first_ids[path + "#code"] = str(results[0].get("code", ""))
    for path, operations in sorted(schema["paths"].items()):
        if "get" not in operations or path.count("{") != 1:
            continue
        base = path.split("{")[0]
        parameter = path.split("{")[1].split("}")[0]
        value = first_ids.get(base + "#code" if parameter == "code" else base)
        if not value:
            continue
        url = path.replace("{" + parameter + "}", value)
        response = client.get(url)
        if response.status_code == 403:
            continue  # e.g. comments: allowed to the cycle's people only (checked elsewhere)
        assert response.status_code == 200, (url, response.content[:300])
        problems += _check(schema, path, response.json())
        checked += 1
    assert checked >= 32, checked
    assert not problems, "\n".join(problems[:20])


def test_the_documented_request_examples_work_against_the_server(reporter_token):
    """Each request example of the schema is sent as written (ids replaced by ones of
    this database) and answered as documented (status and body)."""
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting.models import ReportEntry

    client = token_client(reporter_token.secret)
    schema = _schema(client)
    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    examples = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                for example in media.get("examples", {}).values():
                    examples[(path, method)] = example["value"]
    assert set(examples) >= {("/api/v1/reports/", "post"), ("/api/v1/entries/{id}/", "patch")}

    start = dict(examples[("/api/v1/reports/", "post")], regime=regime.pk)
    created = client.post("/api/v1/reports/", start, content_type="application/json")
    assert created.status_code == 201
    assert not _check_status(schema, "/api/v1/reports/", "post", "201", created.json())

    entry = ReportEntry.objects.filter(report_id=created.json()["id"]).first()
    saved = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        examples[("/api/v1/entries/{id}/", "patch")],
        content_type="application/json",
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert saved.status_code == 200, saved.content
    assert not _check_status(schema, "/api/v1/entries/{id}/", "patch", "200", saved.json())
    for field, value in examples[("/api/v1/entries/{id}/", "patch")].items():
        assert saved.json()[field] == value


def _check_status(schema: dict, path: str, method: str, status: str, body: object) -> list[str]:
    target = schema["paths"][path][method]["responses"][status]["content"]["application/json"]
    validator = OAS30Validator({**target["schema"], "components": schema["components"]})
    return [e.message for e in validator.iter_errors(body)]
