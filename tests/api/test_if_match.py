"""If-Match as RFC 9110 §13.1.1 reads it, on every write of the API (an entry, the
sections, a workflow step): strong comparison (a weak W/"vN" never matches), a list
matches when one strong tag is current; `*` names no version read, so it is refused
(428) like a missing header, and cannot overwrite a newer version or repeat a step; a
header that is not If-Match syntax stays 428. The version check itself is the pages' (the
services'), so a stale tag is still answered 412 with the current values."""

import pytest

from tests.api.conftest import report_state

pytestmark = pytest.mark.django_db


def _writes(client, report, entry):
    """Each write with the header it is given and the version it is checked against."""

    def patch_entry(header):
        return client.patch(
            f"/api/v1/entries/{entry.pk}/",
            {"result": "Đã ban hành kế hoạch"},
            content_type="application/json",
            headers={"if-match": header},
        )

    def put_sections(header):
        return client.put(
            f"/api/v1/reports/{report.pk}/sections/",
            {"general_assessment": "Đánh giá chung", "proposals_to_government": ""},
            content_type="application/json",
            headers={"if-match": header},
        )

    def step(header):
        return client.post(
            f"/api/v1/reports/{report.pk}/steps/request-approval/",
            {},
            content_type="application/json",
            headers={"if-match": header},
        )

    report.refresh_from_db()
    entry.refresh_from_db()
    return {
        "entry": (patch_entry, entry.version),
        "sections": (put_sections, report.sections_version),
        "step": (step, report.version),
    }


WRITES = ["entry", "sections", "step"]


@pytest.mark.parametrize("write", WRITES)
def test_a_weak_etag_of_the_current_version_never_matches_and_writes_nothing(started, write):
    client, report, entry = started
    send, version = _writes(client, report, entry)[write]
    before = report_state(report)
    response = send(f'W/"v{version}"')
    assert response.status_code == 412, response.content
    error = response.json()["error"]
    assert error["code"] == "precondition_failed"
    assert "ETag yếu" in error["message"] and "Chưa ghi gì" in error["message"]
    assert error["current"]  # what is stored, to read again
    assert report_state(report) == before


@pytest.mark.parametrize("write", WRITES)
def test_a_list_matches_when_one_strong_tag_is_the_current_version(started, write):
    client, report, entry = started
    send, version = _writes(client, report, entry)[write]
    response = send(f'"v{version + 7}", W/"v{version}", "v{version}"')
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"v{version + 1}"'


@pytest.mark.parametrize("write", WRITES)
def test_a_list_of_other_versions_is_stale_412_and_writes_nothing(started, write):
    client, report, entry = started
    send, version = _writes(client, report, entry)[write]
    before = report_state(report)
    response = send(f'"v{version + 1}", "v{version + 2}"')
    assert response.status_code == 412, response.content
    assert response.json()["error"]["code"] == "precondition_failed"
    assert report_state(report) == before


@pytest.mark.parametrize("write", WRITES)
def test_a_star_names_no_version_read_so_it_is_428_with_the_current_values(started, write):
    """`*` would match any version: the write could not tell a double submit or a stale
    tab from a fresh read, so it is refused like a missing header, nothing written."""
    client, report, entry = started
    send, _version = _writes(client, report, entry)[write]
    before = report_state(report)
    response = send("*")
    assert response.status_code == 428, response.content
    error = response.json()["error"]
    assert error["code"] == "precondition_required"
    assert "*" in error["message"] and "Chưa ghi gì" in error["message"]
    assert error["current"]  # what is stored, with its ETag to send next
    assert report_state(report) == before


def test_a_star_from_a_stale_tab_does_not_overwrite_a_newer_entry(started):
    client, report, entry = started
    send, version = _writes(client, report, entry)["entry"]
    assert send(f'"v{version}"').status_code == 200  # someone saves first
    entry.refresh_from_db()
    stale = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        {"result": "Bản cũ từ một thẻ khác"},
        content_type="application/json",
        headers={"if-match": "*"},
    )
    assert stale.status_code == 428, stale.content
    entry.refresh_from_db()
    assert entry.result == "Đã ban hành kế hoạch" and entry.version == version + 1


def test_a_star_step_sent_twice_is_not_taken_twice(started):
    client, report, entry = started
    send, version = _writes(client, report, entry)["step"]
    assert send(f'"v{version}"').status_code == 200
    before = report_state(report)
    again = send("*")
    assert again.status_code == 428, again.content
    assert report_state(report) == before


@pytest.mark.parametrize(
    "header",
    ["v1", '"v1', 'W/"v1', '"v1" "v2"', '*, "v1"', 'w/"v1"', ",", "  ", '"v1";'],
)
def test_a_header_that_is_not_if_match_syntax_is_428_and_writes_nothing(started, header):
    client, report, entry = started
    before = report_state(report)
    for send, _version in _writes(client, report, entry).values():
        response = send(header)
        assert response.status_code == 428, (header, response.content)
        assert response.json()["error"]["code"] == "precondition_required"
    assert report_state(report) == before


def test_the_parser_reads_rfc_9110_lists():
    from lotrinh.api.preconditions import parse_if_match

    assert parse_if_match('"v3"').versions == {3}
    assert parse_if_match(' "v3" , W/"v4",, "abc", "v5" ').versions == {3, 5}
    # A comma inside quotes belongs to the tag (etagc takes %x2C).
    assert parse_if_match('"v3,v4"').versions == frozenset()
    assert parse_if_match('"v03"').versions == frozenset()  # no version of ours
    assert parse_if_match("*").any
    assert parse_if_match(None) is None and parse_if_match("") is None
    assert parse_if_match('W/"v3"').version_read(3) is None
    assert parse_if_match('"v1", "v2"').version_read(5) == 2
    assert parse_if_match('"v1", "v5"').version_read(5) == 5
