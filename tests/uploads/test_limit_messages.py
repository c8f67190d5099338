"""Every number in an upload limit message comes from the settings, written the page's
way ("1,5 MB" on a Vietnamese page): the 413 of a request over its limit names that
limit (not the evidence file's), and the file limits name their own."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from lotrinh.core import uploads
from lotrinh.reporting import evidence
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _too_large_words(client, page: str) -> str:
    body = re.search(r"<body[^>]*>", client.get(reverse(page)).content.decode())
    assert body is not None
    found = re.search(r'data-fail-too-large="([^"]*)"', body.group(0))
    assert found is not None
    return html.unescape(found.group(1))


def test_the_413_words_name_the_request_limit_from_the_settings(settings, officer_a):
    settings.LOTRINH_MAX_UPLOAD_BYTES = 20 * uploads.MB
    settings.LOTRINH_EVIDENCE_MAX_BYTES = 10 * uploads.MB
    client = client_for(officer_a)
    words = _too_large_words(client, "reporting:my_reports")
    assert "tối đa 20 MB" in words and "tệp minh chứng tối đa 10 MB" in words
    settings.LOTRINH_MAX_UPLOAD_BYTES = 1_572_864  # 1,5 MB: the page follows the setting
    # (another page: a page already seen may be replayed from its cache)
    words = _too_large_words(client, "reporting:notifications")
    assert "tối đa 1,5 MB" in words and "20 MB" not in words


def test_the_request_refusal_writes_sizes_the_vietnamese_way(settings):
    settings.LOTRINH_MAX_UPLOAD_BYTES = 1_572_864
    request = RequestFactory().post("/", data=b"x", content_type="text/plain")
    request.META["CONTENT_LENGTH"] = str(2_621_440)  # 2,5 MB
    response = uploads.UploadLimitMiddleware(lambda r: None)(request)
    assert response.status_code == 413
    assert "Tệp quá lớn (2,5 MB; tối đa 1,5 MB)" in response.content.decode()


def test_the_evidence_refusal_names_its_limit_from_the_settings(settings):
    settings.LOTRINH_EVIDENCE_MAX_BYTES = 1_572_864
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n" + b"0" * 2_621_431)
    with pytest.raises(evidence.EvidenceRefused) as refused:
        evidence.inspect(upload)
    assert str(refused.value) == "Tệp minh chứng quá lớn (2,5 MB; tối đa 1,5 MB)."


def test_the_signature_check_names_its_limit_from_the_settings(settings, most_monitor):
    settings.LOTRINH_DOCUMENT_MAX_BYTES = 2048
    response = client_for(most_monitor).post(
        reverse("signing:verify"),
        {"file": SimpleUploadedFile("ky.pdf", b"%PDF-1.4\n" + b"0" * 5000)},
    )
    assert response.status_code == 400
    assert "Tệp quá lớn (4 KB; tối đa 2 KB)" in response.content.decode()
