"""What schemathesis found when the API was fuzzed against its schema (docs/api.md,
"Fuzzing"): answers the server rightly gives that the schema did not document. Each
request here is one it sent; each now conforms (status, content type, body)."""

import pytest

from lotrinh.api import services
from lotrinh.reporting.models import ReportEntry
from tests.api.conftest import token_client
from tests.api.schema_checks import CHECKS, answer, load_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(db):
    return load_schema()


def test_a_filter_that_is_not_a_number_answers_a_documented_400(schema, reporter_token):
    response = answer(
        schema, "GET", "/api/v1/tasks/", secret=reporter_token.secret, query={"programme": "abc"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"programme": ["Cần một số nguyên."]}


def test_a_page_past_the_last_answers_a_documented_404(schema, reporter_token):
    response = answer(
        schema, "GET", "/api/v1/successions/", secret=reporter_token.secret, query={"page": 9999}
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_an_id_that_names_nothing_answers_a_documented_404(schema, reporter_token):
    response = answer(
        schema,
        "GET",
        "/api/v1/tasks/{id}/",
        secret=reporter_token.secret,
        path_parameters={"id": 0},
    )
    assert response.status_code == 404


def test_a_revoked_token_answers_a_documented_401(schema, reporter_token, agency_admin_a):
    services.revoke_token(agency_admin_a, reporter_token.token)
    response = answer(schema, "GET", "/api/v1/reports/", secret=reporter_token.secret)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_a_read_only_token_writing_answers_a_documented_403(schema, read_token):
    response = answer(
        schema,
        "POST",
        "/api/v1/reports/",
        secret=read_token.secret,
        body={"regime": 1, "year": 2025},
    )
    assert response.status_code == 403


def test_an_unknown_programme_on_the_targets_answers_a_documented_404(schema):
    response = answer(schema, "GET", "/api/v1/targets/", query={"programme": "0/KHONG-CO"})
    assert response.status_code == 404


def test_a_bad_day_on_an_agency_answers_a_documented_400(schema):
    response = answer(
        schema,
        "GET",
        "/api/v1/agencies/{code}/",
        path_parameters={"code": "bo-y-te"},
        query={"as_of": "2025-13-45"},
    )
    assert response.status_code == 400
    assert "as_of" in response.json()["error"]["fields"]


def test_an_entry_without_a_link_conforms_to_its_schema(schema, reporter_token):
    """evidence_link "" was answered where the schema promised `format: uri`."""
    client = token_client(reporter_token.secret)
    from lotrinh.programmes.models import Programme

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    started = client.post(
        "/api/v1/reports/", {"regime": regime.pk, "year": 2025}, content_type="application/json"
    )
    entry = ReportEntry.objects.filter(report_id=started.json()["id"]).first()
    assert entry.evidence_link == ""
    response = answer(
        schema,
        "GET",
        "/api/v1/entries/{id}/",
        secret=reporter_token.secret,
        path_parameters={"id": entry.pk},
    )
    assert response.status_code == 200


def test_a_value_without_a_source_link_conforms_to_its_schema(schema):
    """source_url "" was answered where the schema promised `format: uri`."""
    from lotrinh.indicators.models import Observation

    value = Observation.objects.filter(source_url="", approval="approved").first()
    if value is None:  # the seed has values with a citation and no link; make sure
        value = Observation.objects.filter(approval="approved").first()
        value.source_url = ""
        value.save(update_fields=["source_url"])
    response = answer(schema, "GET", "/api/v1/observations/{id}/", path_parameters={"id": value.pk})
    assert response.status_code == 200
    assert response.json()["source_url"] == ""


@pytest.mark.parametrize("path", ["/api/v1/sdmx/structure/", "/api/v1/sdmx/data/"])
def test_the_sdmx_downloads_are_served_in_the_media_type_documented(schema, path):
    response = answer(schema, "GET", path)
    assert response.status_code == 200
    assert response.headers["content-type"][0].startswith("application/vnd.sdmx.")


def test_a_value_citing_a_data_file_conforms_to_its_schema(schema):
    """A bundled value's source "github:owner/repo path@commit" is not a URI: the schema
    promised one."""
    from lotrinh.indicators.models import Observation

    value = Observation.objects.filter(approval="approved").first()
    value.source_url = "github:sevenChrisK/text-mining-week1 data/EGOV_DATA_2020.csv@c952236"
    value.save(update_fields=["source_url"])
    response = answer(schema, "GET", "/api/v1/observations/{id}/", path_parameters={"id": value.pk})
    assert response.status_code == 200
    assert response.json()["source_url"].startswith("github:")


def test_the_web_servers_414_for_a_long_address_is_documented(schema):
    """gunicorn answers a request line over 4,094 bytes itself (HTML) before the
    application: schemathesis got it for GET /api/v1/task-groups/?page=… sent many times.
    The answer gunicorn gives is checked here against what the schema documents."""
    import requests
    import schemathesis

    operation = schema["/api/v1/task-groups/"]["GET"]
    case = operation.Case(query={"page": ["x" * 100] * 50})
    gunicorn = schemathesis.Response(
        status_code=414,
        headers={"content-type": ["text/html"]},
        content=b"<html><body><h1><p>URI Too Long</p></h1></body></html>",
        request=requests.Request(
            "GET", "http://127.0.0.1:8000/api/v1/task-groups/", params=case.query
        ).prepare(),
        elapsed=0.0,
        verify=True,
        message="URI Too Long",
        http_version="1.1",
    )
    case.validate_response(gunicorn, checks=CHECKS)
