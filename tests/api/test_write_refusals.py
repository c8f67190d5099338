"""What an API write refuses, and that it then changes nothing: a field the API does not
take (a typo, a read-only or forged one) is a 400 naming it, not a silent 200; a body
nested too deeply for the JSON decoder is a 400 in the API's shape, not a 500."""

import pytest

from lotrinh.reporting.models import ReportEntry
from tests.api.conftest import report_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body",
    [
        {"reslt": "Đã ban hành"},  # a typo
        {"result": "Đã ban hành", "version": 99},  # read-only
        {"report": 1, "task": 2, "updated_by": 1},  # forged
        {"res\x00ult": "x"},
    ],
    ids=["typo", "read-only", "forged", "nul-in-name"],
)
def test_an_entry_patch_with_a_field_the_api_does_not_take_is_a_400_naming_it(started, body):
    client, report, entry = started
    before = report_state(report)
    response = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        body,
        content_type="application/json",
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    unknown = [name.replace("\x00", "") for name in body if name != "result"]
    assert set(error["fields"]) == set(unknown)
    assert "chỉ đọc" in error["fields"][unknown[0]][0]
    assert report_state(report) == before


def test_sections_steps_and_start_refuse_unknown_fields_too(started):
    client, report, _entry = started
    before = report_state(report)
    sections = client.put(
        f"/api/v1/reports/{report.pk}/sections/",
        {"general_assessment": "Tốt", "proposals_to_government": "", "status": "accepted"},
        content_type="application/json",
        headers={"if-match": f'"v{report.sections_version}"'},
    )
    assert sections.status_code == 400 and set(sections.json()["error"]["fields"]) == {"status"}
    step = client.post(
        f"/api/v1/reports/{report.pk}/steps/request-approval/",
        {"version": 1},
        content_type="application/json",
        headers={"if-match": f'"v{report.version}"'},
    )
    assert step.status_code == 400 and set(step.json()["error"]["fields"]) == {"version"}
    start = client.post(
        "/api/v1/reports/",
        {"regime": 1, "year": 2025, "agency": "bo-tai-chinh"},
        content_type="application/json",
    )
    assert start.status_code == 400 and "agency" in start.json()["error"]["fields"]
    assert report_state(report) == before


def test_a_json_body_nested_too_deeply_is_a_400_in_the_api_shape(started):
    client, report, entry = started
    before = report_state(report)
    body = '{"result": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        body,
        content_type="application/json",
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert report_state(report) == before
    assert ReportEntry.objects.get(pk=entry.pk).result == entry.result
