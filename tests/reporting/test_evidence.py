"""Evidence files: only document types, checked by extension and content, bounded in
size, stored under a generated name, downloadable by those who may read the report."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.core.models import AuditEvent
from lotrinh.reporting import services
from lotrinh.reporting.models import ReportEntry
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(client, report, entry, name, content):
    return client.post(
        reverse("reporting:save_entry", args=[report.pk, entry.pk]),
        {
            f"e{entry.pk}-status": "in_progress",
            f"e{entry.pk}-result": "Có minh chứng",
            f"e{entry.pk}-version": entry.version,
            f"e{entry.pk}-evidence_file": SimpleUploadedFile(name, content),
        },
        HTTP_HX_REQUEST="true",
    )


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("evil<script>.html", b"<script>alert(1)</script>", "không được nhận"),
        ("bao-cao.pdf", b"<html><script>alert(1)</script></html>", "không đúng định dạng"),
        ("bao-cao.docx", b"PK\x03\x04 not really a zip", "không đúng định dạng"),
        ("tai-lieu.zip", docx_bytes(), "không được nhận"),
        ("bao-cao.pdf", b"", "rỗng"),
    ],
)
def test_a_file_that_is_not_an_accepted_document_is_refused_and_nothing_is_stored(
    name, content, reason, report_a, officer_a, media
):
    entry = report_a.entries.first()
    events = AuditEvent.objects.count()
    response = upload(client_for(officer_a), report_a, entry, name, content)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert stored_files(media) == [] and AuditEvent.objects.count() == events
    entry.refresh_from_db()
    assert not entry.evidence_file and entry.version == 1


def test_a_file_over_the_limit_is_refused(report_a, officer_a, media, settings):
    settings.LOTRINH_EVIDENCE_MAX_BYTES = 1024
    entry = report_a.entries.first()
    response = upload(client_for(officer_a), report_a, entry, "lon.pdf", PDF + b"0" * 2000)
    assert response.status_code == 400 and "quá lớn" in response.content.decode()
    assert stored_files(media) == []


@pytest.mark.parametrize(("name", "content"), [("Quyết định 12.pdf", PDF), ("KH.docx", None)])
def test_an_accepted_file_is_stored_under_a_generated_name_and_listed(
    name, content, report_a, officer_a, media
):
    content = content or docx_bytes()
    entry = report_a.entries.first()
    response = upload(client_for(officer_a), report_a, entry, name, content)
    assert response.status_code == 200
    entry = ReportEntry.objects.get(pk=entry.pk)
    assert entry.evidence_name == name and entry.evidence_size == len(content)
    assert name not in entry.evidence_file.name
    assert [p.read_bytes() for p in stored_files(media)] == [content]
    page = client_for(officer_a).get(reverse("reporting:report", args=[report_a.pk]))
    assert name in page.content.decode()


def test_evidence_is_downloaded_by_those_who_may_read_the_report(
    report_a, officer_a, officer_b, approver_a, most_monitor, anon
):
    entry = report_a.entries.first()
    upload(client_for(officer_a), report_a, entry, "Quyết định.pdf", PDF)
    url = reverse("reporting:evidence", args=[report_a.pk, entry.pk])
    response = client_for(officer_a).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert client_for(most_monitor).get(url).status_code == 404  # a draft
    assert client_for(officer_b).get(url).status_code == 404
    assert anon.get(url).status_code == 302
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    assert client_for(most_monitor).get(url).status_code == 200
    assert client_for(officer_b).get(url).status_code == 404
