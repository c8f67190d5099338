"""The API takes an evidence date by the rule of every document date (02/09/1945 to
today, `core.dates.document_day_problem`): 0001-01-01 was saved."""

import pytest

from tests.api.conftest import report_state

pytestmark = pytest.mark.django_db


def test_the_api_answers_the_field_and_writes_nothing(started):
    client, report, entry = started
    before = report_state(report)
    response = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        {"evidence_date": "0001-01-01"},
        content_type="application/json",
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert response.status_code == 422, response.content
    said = response.json()["error"]["fields"]["evidence_date"][0]
    assert said.startswith("Ngày văn bản không thể trước 02/09/1945")
    assert report_state(report) == before
