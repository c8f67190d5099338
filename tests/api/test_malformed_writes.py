"""Writes tried by hand beside the schema fuzzing (docs/api.md, "Fuzzing"): inputs
schemathesis does not send. Each is refused with a message in the request's language
and changes nothing (no 500, no silent write)."""

import pytest

from tests.api.conftest import report_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("digits", [4301, 20])
def test_an_if_match_with_a_version_no_entry_can_have_is_a_412_not_a_500(started, digits):
    """'"v999…"' with more digits than Python turns into an int (4300) raised ValueError.
    It is a well-formed entity-tag (RFC 9110) that names no version this server gave:
    it matches nothing (412, nothing written), as `"abc"` would (tests/api/test_if_match.py)."""
    client, report, entry = started
    before = report_state(report)
    etag = '"v' + "9" * digits + '"'
    answers = [
        client.patch(
            f"/api/v1/entries/{entry.pk}/",
            {"result": "x"},
            content_type="application/json",
            headers={"if-match": etag},
        ),
        client.put(
            f"/api/v1/reports/{report.pk}/sections/",
            {"general_assessment": "x", "proposals_to_government": ""},
            content_type="application/json",
            headers={"if-match": etag},
        ),
        client.post(
            f"/api/v1/reports/{report.pk}/steps/request-approval/",
            {},
            content_type="application/json",
            headers={"if-match": etag},
        ),
    ]
    for response in answers:
        assert response.status_code == 412, response.content[:300]
        assert response.json()["error"]["code"] == "precondition_failed"
    assert report_state(report) == before


@pytest.mark.parametrize("number", ["1e999", "-1e400"])
def test_a_number_too_large_for_json_is_refused_not_written_as_inf(started, number):
    """{"result": 1e999} was decoded as float('inf') and saved as the text "inf"."""
    client, report, entry = started
    before = report_state(report)
    response = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        '{"result": ' + number + "}",
        content_type="application/json",
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "parse_error"
    assert report_state(report) == before


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"result=%FF%FE", "application/x-www-form-urlencoded"),
        (
            b'--xx\r\nContent-Disposition: form-data; name="result"\r\n\r\n\xff\xfe\r\n--xx--\r\n',
            "multipart/form-data; boundary=xx",
        ),
    ],
    ids=["form", "multipart"],
)
def test_text_that_is_not_utf8_in_a_form_is_refused_not_saved_as_replacement_characters(
    started, body, content_type
):
    """Django decodes a form's bytes with errors="replace": "\\xff\\xfe" was saved as "��"
    (JSON with the same bytes was already refused)."""
    client, report, entry = started
    before = report_state(report)
    response = client.generic(
        "PATCH",
        f"/api/v1/entries/{entry.pk}/",
        body,
        content_type=content_type,
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"] == {
        "result": ["Văn bản có ký tự không đọc được: hãy gửi văn bản mã UTF-8."]
    }
    assert report_state(report) == before


def test_a_step_comment_that_is_not_utf8_is_refused(started, approver_token):
    client, report, _entry = started
    before = report_state(report)
    response = client.generic(
        "POST",
        f"/api/v1/reports/{report.pk}/steps/request-approval/",
        b"comment=%FF",
        content_type="application/x-www-form-urlencoded",
        headers={"if-match": f'"v{report.version}"'},
    )
    assert response.status_code == 400, response.content
    assert "comment" in response.json()["error"]["fields"]
    assert report_state(report) == before


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (b"null", "non_field_errors", "Chưa gửi dữ liệu: cần một đối tượng JSON."),
        (b'{"result": "\\ud800"}', "result", "Văn bản có ký tự không hợp lệ (U+D800)."),
    ],
    ids=["null", "lone-surrogate"],
)
def test_drfs_english_only_refusals_are_in_vietnamese(started, body, field, message):
    """DRF answered "No data provided" and "Surrogate characters are not allowed" in
    English only (the English of the new messages: i18n-pending/fuzzapi.json)."""
    client, report, entry = started
    before = report_state(report)
    response = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        body,
        content_type="application/json",
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"] == {field: [message]}
    assert report_state(report) == before
