"""A failed plan import stores its reason in both languages from one run: the document is
parsed once (a 40-page PDF is not read a second time only to say why in English)."""

from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.importer import reader
from lotrinh.importer import service as import_service
from lotrinh.importer.models import ImportJob, JobStatus
from tests.cascade.test_plan_import_job import HANOI, PLAN
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

OTHER_PROVINCE = (
    PLAN.replace("THÀNH PHỐ HÀ NỘI", "TỈNH BẮC NINH").replace("Hà Nội,", "Bắc Ninh,").encode()
)


@pytest.mark.parametrize(
    ("name", "data", "code", "vi", "en"),
    [
        ("quet.pdf", b"%PDF-1.4\n%%EOF", "bad_pdf", "Không đọc được tệp PDF", "PDF"),
        ("trong.txt", "Không có nhiệm vụ nào ở đây.\n".encode(), "no_tasks", "nhiệm vụ", "task"),
        ("khac.txt", OTHER_PROVINCE, "refused", "Bắc Ninh", "Bac Ninh"),
    ],
    ids=["unreadable", "no-tasks", "refused-after-the-parse"],
)
def test_a_failed_plan_import_parses_once_and_keeps_both_languages(
    seeded_db: None,
    django_capture_on_commit_callbacks: Any,
    name: str,
    data: bytes,
    code: str,
    vi: str,
    en: str,
) -> None:
    client = client_for(make_user("hn_kehoach", HANOI, Role.REPORTER))
    reads = mock.Mock(wraps=reader.read_document)
    parses = mock.Mock(wraps=import_service.parse_bytes)
    with (
        mock.patch.object(import_service, "read_document", reads),
        mock.patch.object(import_service, "parse_bytes", parses),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(reverse("cascade:import"), {"document": SimpleUploadedFile(name, data)})
    job = ImportJob.objects.get()
    assert (job.status, job.error_code) == (JobStatus.FAILED, code)
    assert (parses.call_count, reads.call_count) == (1, 1)
    assert vi in job.error and en in job.error_en and job.error != job.error_en


def test_a_failed_national_import_parses_once_and_keeps_both_languages(
    most_monitor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    reads = mock.Mock(wraps=reader.read_document)
    with (
        mock.patch.object(import_service, "read_document", reads),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client_for(most_monitor).post(
            reverse("importer:upload"),
            {"document": SimpleUploadedFile("quet.pdf", b"%PDF-1.4\n%%EOF")},
        )
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED and reads.call_count == 1
    assert "Không đọc được tệp PDF" in job.error and "PDF" in job.error_en
    assert job.error != job.error_en
