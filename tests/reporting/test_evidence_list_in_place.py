"""A task's form saved in place (htmx) with a file also brings the report's list of
evidence files up to date (an out-of-band swap): before (walk of 2026-12-06) the list
under the form still said "Chưa có tệp minh chứng nào." after the upload, until the
page was reloaded; a file taken away left it listed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import client_for
from tests.reporting.test_evidence import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _save(client, report, entry, **extra):
    entry.refresh_from_db()
    data = {
        f"e{entry.pk}-status": "in_progress",
        f"e{entry.pk}-result": "Có minh chứng",
        f"e{entry.pk}-version": entry.version,
        **{f"e{entry.pk}-{k}": v for k, v in extra.items()},
    }
    return client.post(
        reverse("reporting:save_entry", args=[report.pk, entry.pk]), data, HTTP_HX_REQUEST="true"
    )


def test_the_evidence_list_follows_an_upload_saved_in_place(report_a, officer_a):
    client = client_for(officer_a)
    entry = report_a.entries.first()
    page = client.get(reverse("reporting:report", args=[report_a.pk])).content.decode()
    assert '<div id="evidence-list">' in page and "Chưa có tệp minh chứng nào." in page
    saved = _save(
        client, report_a, entry, evidence_file=SimpleUploadedFile("Quyết định 12.pdf", PDF)
    )
    assert saved.status_code == 200
    body = saved.content.decode()
    assert '<div id="evidence-list" hx-swap-oob="true">' in body
    oob = body.split('<div id="evidence-list" hx-swap-oob="true">', 1)[1]
    assert "Quyết định 12.pdf" in oob and "Chưa có tệp minh chứng nào." not in oob
    assert reverse("reporting:evidence", args=[report_a.pk, entry.pk]) in oob
    # The file taken away: the list says so again.
    removed = _save(client, report_a, entry, evidence_remove="on").content.decode()
    oob = removed.split('<div id="evidence-list" hx-swap-oob="true">', 1)[1]
    assert "Quyết định 12.pdf" not in oob and "Chưa có tệp minh chứng nào." in oob
