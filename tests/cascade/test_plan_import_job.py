"""An agency's plan imported on `/phan-cap/nhap/` is read and parsed on the worker, as the
national importer's uploads are (docs/importer.md: a PDF is never read in a request): the
request keeps the file and queues a job; the job's page shows its progress, then the
draft, or the reason it failed in the reader's language, with nothing changed."""

from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Unit
from lotrinh.core.models import AuditEvent
from lotrinh.importer import reader
from lotrinh.importer import service as import_service
from lotrinh.importer.models import ImportJob, JobKind, JobStatus
from lotrinh.programmes.models import Programme, TaskLink
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db
HANOI = "thanh-pho-ha-noi"

PLAN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 41/KH-UBND
Hà Nội, ngày 5 tháng 3 năm 2025

KẾ HOẠCH
Phát triển hạ tầng dữ liệu số của Thành phố năm 2025

I. MỤC ĐÍCH, YÊU CẦU
Thúc đẩy phát triển hạ tầng số của Thành phố.

II. NHIỆM VỤ, GIẢI PHÁP
1. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu số của Thành phố, hoàn thành trong năm 2025.
2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.
"""


def _post(client: Any, name: str, data: bytes, **fields: str) -> Any:
    return client.post(
        reverse("cascade:import"), {"document": SimpleUploadedFile(name, data), **fields}
    )


@pytest.fixture
def planner(seeded_db: None) -> Any:
    return make_user("hn_kehoach", HANOI, Role.REPORTER)


def test_the_request_keeps_the_file_and_queues_the_job_without_reading_it(planner: Any) -> None:
    client = client_for(planner)
    with (
        mock.patch.object(import_service, "parse_bytes", side_effect=AssertionError("parsed")),
        mock.patch.object(reader, "_pdf", side_effect=AssertionError("PDF read")),
        mock.patch("lotrinh.core.uploads.check_pdf", side_effect=AssertionError("PDF opened")),
    ):
        response = _post(client, "ke-hoach.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("cascade:import_job", args=[job.pk])
    assert (job.kind, job.status, job.filename) == (JobKind.PLAN, JobStatus.QUEUED, "ke-hoach.pdf")
    assert job.agency == planner.agency and job.created_by == planner
    assert not Programme.objects.filter(code="41/KH-UBND").exists()
    # The job's page polls and never writes.
    events = AuditEvent.objects.count()
    page = client.get(reverse("cascade:import_job", args=[job.pk])).content.decode()
    assert "Đang chờ 0%" in page and 'hx-trigger="every 2s"' in page
    fragment = client.get(
        reverse("cascade:import_job", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert fragment.content.decode().startswith('<div id="import-job"')
    assert AuditEvent.objects.count() == events


def test_the_worker_parses_the_file_and_the_page_leads_to_the_draft(
    planner: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(planner)
    with mock.patch.object(
        import_service, "parse_bytes", wraps=import_service.parse_bytes
    ) as parse:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            _post(client, "ke-hoach.txt", PLAN.encode())
        assert parse.call_count == 0  # not in the request
        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()  # the worker
        assert parse.call_count == 1
    job = ImportJob.objects.get()
    plan = Programme.objects.get(code="41/KH-UBND")
    assert (job.status, job.progress, job.plan) == (JobStatus.DONE, 100, plan)
    assert plan.issuer == planner.agency and plan.tasks.count() == 2
    target = reverse("cascade:plan", args=[plan.pk])
    assert client.get(reverse("cascade:import_job", args=[job.pk]))["Location"] == target
    polled = client.get(
        reverse("cascade:import_job", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert polled["HX-Redirect"] == target


def test_a_double_submit_makes_one_job_and_one_draft(
    planner: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(planner)
    first = _post(client, "ke-hoach.txt", PLAN.encode())
    second = _post(client, "ke-hoach.txt", PLAN.encode())
    assert first["Location"] == second["Location"]
    assert ImportJob.objects.count() == 1
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        import_service.run_import(job.pk)
    # Sent again once the draft is there (a stale tab): the same job, leading to the draft.
    third = _post(client, "ke-hoach.txt", PLAN.encode())
    assert third["Location"] == first["Location"] and ImportJob.objects.count() == 1
    assert Programme.objects.filter(code="41/KH-UBND").count() == 1


@pytest.mark.parametrize(
    ("name", "data", "vi", "en"),
    [
        ("quet.pdf", b"%PDF-1.4\n%%EOF", "PDF", "PDF"),
        ("trong.txt", "Không có nhiệm vụ nào ở đây.\n".encode(), "nhiệm vụ", "task"),
        (
            "khac.txt",
            PLAN.replace("THÀNH PHỐ HÀ NỘI", "TỈNH BẮC NINH")
            .replace("Hà Nội,", "Bắc Ninh,")
            .encode(),
            "Bắc Ninh",
            "Bac Ninh",
        ),
    ],
    ids=["scanned-pdf", "no-tasks", "another-agency"],
)
def test_a_failure_is_shown_in_the_readers_language_and_changes_nothing(
    planner: Any, django_capture_on_commit_callbacks: Any, name: str, data: bytes, vi: str, en: str
) -> None:
    client = client_for(planner)
    before = (Programme.objects.count(), Unit.objects.count(), TaskLink.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, name, data)
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED and job.error and job.error_en
    assert (Programme.objects.count(), Unit.objects.count(), TaskLink.objects.count()) == before
    url = reverse("cascade:import_job", args=[job.pk])
    page = client.get(url).content.decode()
    assert 'id="job-error"' in page and vi in page and "hx-trigger" not in page
    assert "Chưa có gì được tạo hay thay đổi." in page
    # The same file fails the same way: no "Chạy lại", a way to send another file.
    assert 'id="retry"' not in page and reverse("cascade:plans") in page
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert job.error_en in english.replace("&quot;", '"').replace("&#x27;", "'") and en in english
    refused = client.post(reverse("cascade:import_retry", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert "sửa tệp" in refused.content.decode() or "fix the file" in refused.content.decode()


def test_an_unexpected_failure_may_be_retried(
    planner: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(planner)
    with (
        mock.patch.object(import_service, "parse_bytes", side_effect=RuntimeError("bug")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _post(client, "ke-hoach.txt", PLAN.encode())
    job = ImportJob.objects.get()
    assert (job.status, job.error_code) == (JobStatus.FAILED, "unexpected")
    assert not Programme.objects.filter(code="41/KH-UBND").exists()
    page = client.get(reverse("cascade:import_job", args=[job.pk])).content.decode()
    assert 'id="retry"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cascade:import_retry", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert job.plan == Programme.objects.get(code="41/KH-UBND")


def test_only_the_agencys_plan_editors_follow_its_import(planner: Any) -> None:
    _post(client_for(planner), "ke-hoach.txt", PLAN.encode())
    job = ImportJob.objects.get()
    outsiders = [
        make_user("bn_kehoach", "tinh-bac-ninh", Role.REPORTER),
        make_user("most_theodoi", "bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR),
    ]
    for outsider in outsiders:
        client = client_for(outsider)
        assert client.get(reverse("cascade:import_job", args=[job.pk])).status_code == 404
        assert client.post(reverse("cascade:import_retry", args=[job.pk])).status_code == 404
    # MOST's importer pages know nothing of an agency's plan import.
    most = client_for(outsiders[1])
    assert most.get(reverse("importer:job", args=[job.pk])).status_code == 404
    assert "ke-hoach.txt" not in most.get(reverse("importer:upload")).content.decode()


# The plan's tasks assigned in a ruled table, as a PDF's table is read.
PLAN_TABLE = (
    PLAN
    + """
PHỤ LỤC
| TT | Nội dung | Cơ quan chủ trì | Thời gian |
| 1 | Xây dựng kho dữ liệu dùng chung của Thành phố | Sở Khoa học và Công nghệ | 2025 |
"""
)


@pytest.mark.parametrize(
    ("name", "text", "warned"),
    [
        ("ke-hoach.pdf", PLAN, True),
        ("ke-hoach.txt", PLAN, False),
        ("ke-hoach.pdf", PLAN_TABLE, False),
    ],
)
def test_a_plan_read_from_a_pdf_warns_when_no_table_was_read(
    planner: Any, name: str, text: str, warned: bool
) -> None:
    """A plan's appendix table drawn without rulings is lost in a PDF: the draft says so,
    and what to upload instead; a plan whose table was read is not warned."""
    client = client_for(planner)
    real = import_service.parse_bytes
    data = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n" if name.endswith(".pdf") else PLAN.encode()
    with (
        mock.patch.object(
            import_service,
            "parse_bytes",
            side_effect=lambda *_a, **_k: real(text.encode(), "k.txt"),
        ),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        _post(client, name, data)
    plan = Programme.objects.get(code="41/KH-UBND")
    page = client.get(reverse("cascade:plan", args=[plan.pk])).content.decode()
    assert ('id="pdf-tables"' in page) is warned
    if warned:
        assert "hãy nhập tệp DOCX" in page
