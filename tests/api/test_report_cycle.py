"""A whole report cycle driven only through the API, and its concurrency rules."""

import pytest

from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import Programme
from lotrinh.reporting.models import AgencyReport, ReportEntry
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def _regime_id() -> int:
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    return programme.reporting_regimes.get(code="annual-report").pk


def _start(client, year: int = 2025) -> dict:
    response = client.post(
        "/api/v1/reports/", {"regime": _regime_id(), "year": year}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def _step(client, report_id: int, step: str, etag: str, **body):
    return client.post(
        f"/api/v1/reports/{report_id}/steps/{step}/",
        body,
        content_type="application/json",
        headers={"if-match": etag},
    )


def test_a_report_goes_from_draft_to_accepted_through_the_api_only(
    reporter_token, approver_token, most_token
):
    reporter = token_client(reporter_token.secret)
    approver = token_client(approver_token.secret)
    most = token_client(most_token.secret)

    report = _start(reporter)
    assert report["status"] == "draft"
    entries = reporter.get(f"/api/v1/entries/?report={report['id']}").json()["results"]
    assert entries, "the agency leads tasks in the cycle"
    for entry in entries:
        read = reporter.get(f"/api/v1/entries/{entry['id']}/")
        saved = reporter.patch(
            f"/api/v1/entries/{entry['id']}/",
            {
                "status": "done_on_time",
                "result": "Đã ban hành kế hoạch",
                "evidence_number": "12/KH-BYT",
                "evidence_date": "2025-03-01",
            },
            content_type="application/json",
            headers={"if-match": read["ETag"]},
        )
        assert saved.status_code == 200, saved.content
        assert saved.json()["version"] == entry["version"] + 1
        assert saved["ETag"] == f'"v{entry["version"] + 1}"'
    # The same audit record as the pages, by the token's system account.
    event = AuditEvent.objects.filter(action="report.entry_saved").latest("id")
    assert event.actor_id == reporter_token.token.account_id
    assert event.after["result"] == "Đã ban hành kế hoạch"

    etag = reporter.get(f"/api/v1/reports/{report['id']}/")["ETag"]
    asked = _step(reporter, report["id"], "request-approval", etag)
    assert asked.status_code == 200, asked.content
    # The reporter may not approve: the role decides, as on the pages.
    assert _step(reporter, report["id"], "approve", asked["ETag"]).status_code == 403
    approved = _step(approver, report["id"], "approve", asked["ETag"])
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    submitted = _step(approver, report["id"], "submit", approved["ETag"])
    assert submitted.json()["status"] == "submitted"
    # MOST returns it with a comment; the agency's system reads the comment.
    returned = _step(most, report["id"], "return", submitted["ETag"], comment="Bổ sung số liệu")
    assert returned.json()["status"] == "returned"
    comments = reporter.get(f"/api/v1/reports/{report['id']}/comments/").json()
    assert comments["return_comment"] == "Bổ sung số liệu"
    again = _step(approver, report["id"], "approve", returned["ETag"])
    resubmitted = _step(approver, report["id"], "submit", again["ETag"])
    accepted = _step(most, report["id"], "accept", resubmitted["ETag"])
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert AgencyReport.objects.get(pk=report["id"]).status == "accepted"
    # Accepted is not yet public: anonymous callers read it once MOST publishes it
    # (docs/portal.md).
    public = Client_anonymous().get("/api/v1/reports/").json()["results"]
    assert report["id"] not in [r["id"] for r in public]
    from lotrinh.portal.services import publish_report

    publish_report(most_token.token.account, AgencyReport.objects.get(pk=report["id"]))
    public = Client_anonymous().get("/api/v1/reports/").json()["results"]
    assert report["id"] in [r["id"] for r in public]


def Client_anonymous():
    from django.test import Client

    return Client()


def test_a_stale_write_is_answered_412_with_the_current_values(reporter_token):
    client = token_client(reporter_token.secret)
    report = _start(client)
    entry = ReportEntry.objects.filter(report_id=report["id"]).first()
    read = client.get(f"/api/v1/entries/{entry.pk}/")
    etag = read["ETag"]
    first = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        {"status": "in_progress", "result": "Bản của hệ thống thứ nhất"},
        content_type="application/json",
        headers={"if-match": etag},
    )
    assert first.status_code == 200
    stale = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        {"status": "in_progress", "result": "Bản của hệ thống thứ hai"},
        content_type="application/json",
        headers={"if-match": etag},
    )
    assert stale.status_code == 412
    error = stale.json()["error"]
    assert error["code"] == "precondition_failed"
    assert error["current"]["result"] == "Bản của hệ thống thứ nhất"
    assert error["current"]["version"] == read.json()["version"] + 1
    assert error["conflict"]["fields"]["result"] == {
        "yours": "Bản của hệ thống thứ hai",
        "current": "Bản của hệ thống thứ nhất",
    }
    entry.refresh_from_db()
    assert entry.result == "Bản của hệ thống thứ nhất"
    # Sending what is stored already is not a conflict (a retry after a timeout).
    retry = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        {"result": "Bản của hệ thống thứ nhất"},
        content_type="application/json",
        headers={"if-match": etag},
    )
    assert retry.status_code == 200


def test_a_patch_sends_only_what_changes(reporter_token):
    client = token_client(reporter_token.secret)
    report = _start(client)
    entry = ReportEntry.objects.filter(report_id=report["id"]).first()
    response = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        {"difficulties": "Thiếu kinh phí"},
        content_type="application/json",
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert response.status_code == 200, response.content
    entry.refresh_from_db()
    assert entry.difficulties == "Thiếu kinh phí" and entry.status == "not_started"
    assert entry.version == 2


def test_a_write_without_if_match_is_refused_428_and_changes_nothing(reporter_token):
    client = token_client(reporter_token.secret)
    report = _start(client)
    entry = ReportEntry.objects.filter(report_id=report["id"]).first()
    response = client.patch(
        f"/api/v1/entries/{entry.pk}/", {"result": "x"}, content_type="application/json"
    )
    assert response.status_code == 428
    assert response.json()["error"]["code"] == "precondition_required"
    entry.refresh_from_db()
    assert entry.result == ""


def test_invalid_values_are_listed_by_field_and_nothing_is_written(reporter_token):
    client = token_client(reporter_token.secret)
    report = _start(client)
    entry = ReportEntry.objects.filter(report_id=report["id"]).first()
    response = client.patch(
        f"/api/v1/entries/{entry.pk}/",
        {"status": "done_on_time", "evidence_date": "2999-01-01"},
        content_type="application/json",
        headers={"if-match": f'"v{entry.version}"'},
    )
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"evidence_date", "evidence_number"}
    entry.refresh_from_db()
    assert entry.status == "not_started" and entry.version == 1


def test_evidence_is_uploaded_as_multipart_and_checked_like_on_the_page(reporter_token):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = token_client(reporter_token.secret)
    report = _start(client)
    entry = ReportEntry.objects.filter(report_id=report["id"]).first()
    from django.test.client import MULTIPART_CONTENT, encode_multipart

    def send(upload, version):
        data = {"status": "done_on_time", "evidence_file": upload}
        return client.patch(
            f"/api/v1/entries/{entry.pk}/",
            encode_multipart("BoUnDaRy", data),
            content_type="multipart/form-data; boundary=BoUnDaRy",
            headers={"if-match": f'"v{version}"'},
        )

    assert MULTIPART_CONTENT
    refused = send(SimpleUploadedFile("virus.zip", b"PK\x03\x04zip"), 1)
    assert refused.status_code == 422
    assert "evidence_file" in refused.json()["error"]["fields"]
    saved = send(SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4 body"), 1)
    assert saved.status_code == 200, saved.content
    assert saved.json()["evidence_name"] == "quyet-dinh.pdf"
    assert saved.json()["evidence_file_url"]


def test_a_read_only_token_never_writes(read_token):
    client = token_client(read_token.secret)
    response = client.post(
        "/api/v1/reports/", {"regime": _regime_id(), "year": 2025}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not AgencyReport.objects.filter(period__year=2025, agency__code="bo-y-te").exists()


def test_another_agencys_token_cannot_see_or_touch_a_draft(reporter_token, token_b):
    report = _start(token_client(reporter_token.secret))
    other = token_client(token_b.secret)
    assert other.get(f"/api/v1/reports/{report['id']}/").status_code == 404
    entry = ReportEntry.objects.filter(report_id=report["id"]).first()
    response = other.patch(
        f"/api/v1/entries/{entry.pk}/",
        {"result": "x"},
        content_type="application/json",
        headers={"if-match": '"v1"'},
    )
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_a_revoked_token_is_refused_at_once(reporter_token, agency_admin_a):
    from lotrinh.api import services

    client = token_client(reporter_token.secret)
    assert client.get("/api/v1/reports/").status_code == 200
    services.revoke_token(agency_admin_a, reporter_token.token)
    response = client.get("/api/v1/reports/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert token_client("lt_not-a-token").get("/api/v1/tasks/").status_code == 401
