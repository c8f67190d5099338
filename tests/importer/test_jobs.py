"""The import parse runs on the worker, as a job whose state the person can follow."""

import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lotrinh.core.models import AuditEvent
from lotrinh.importer.models import DraftImport, ImportJob, JobStatus
from lotrinh.importer.service import run_import
from tests.conftest import client_for
from tests.importer.test_review import plan_docx

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n%%EOF"


def upload(client, name, data):
    return client.post(reverse("importer:upload"), {"document": SimpleUploadedFile(name, data)})


def test_the_upload_only_queues_the_parse_and_the_page_polls_without_writing(most_monitor):
    client = client_for(most_monitor)
    response = upload(client, "ke-hoach.docx", plan_docx())  # on_commit not run: not parsed
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("importer:job", args=[job.pk])
    assert job.status == JobStatus.QUEUED and job.filename == "ke-hoach.docx"
    assert not DraftImport.objects.exists()
    assert AuditEvent.objects.filter(action="import.queued").count() == 1
    events = AuditEvent.objects.count()
    page = client.get(reverse("importer:job", args=[job.pk])).content.decode()
    fragment = client.get(reverse("importer:job", args=[job.pk]), headers={"HX-Request": "true"})
    assert "Đang chờ 0%" in page and 'hx-trigger="every 2s"' in page
    assert fragment.content.decode().startswith('<div id="import-job"')
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and AuditEvent.objects.count() == events


def test_a_finished_job_leads_to_its_draft(most_monitor, django_capture_on_commit_callbacks):
    client = client_for(most_monitor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "ke-hoach.docx", plan_docx())
    job = ImportJob.objects.get()
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
    review = reverse("importer:review", args=[job.draft_id])
    assert client.get(reverse("importer:job", args=[job.pk]))["Location"] == review
    polled = client.get(reverse("importer:job", args=[job.pk]), headers={"HX-Request": "true"})
    assert polled["HX-Redirect"] == review


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("quet.pdf", SCAN),  # scanned: no text layer
        ("trong.txt", b"\n\n"),  # nothing in it
        ("mat-khau.pdf", None),  # a password to open
        ("khong-nhiem-vu.txt", "Không có nhiệm vụ nào ở đây.\n".encode()),
    ],
    ids=["scan", "empty", "password", "no-tasks"],
)
def test_a_failure_the_file_causes_is_shown_without_a_retry_that_cannot_help(
    most_monitor, django_capture_on_commit_callbacks, name, data
):
    if data is None:
        from tests.importer.test_protected_pdf import protected

        data = protected("mat-khau")
    client = client_for(most_monitor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, name, data)
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED and not DraftImport.objects.exists()
    assert job.error_code not in ("", "unexpected")
    page = client.get(reverse("importer:job", args=[job.pk])).content.decode()
    assert 'id="job-error"' in page and 'id="retry"' not in page
    assert "hx-trigger" not in page  # nothing left to wait for
    assert f'href="{reverse("importer:upload")}"' in page  # another file instead
    assert name in client.get(reverse("importer:upload")).content.decode()
    # A retry posted anyway (a stale page) is refused and runs nothing.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("importer:retry", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert "sửa tệp" in response.content.decode()
    assert not AuditEvent.objects.filter(action="import.retried").exists()


def test_an_unexpected_failure_is_shown_and_can_be_retried(
    most_monitor, django_capture_on_commit_callbacks, monkeypatch
):
    from lotrinh.importer import service

    client = client_for(most_monitor)
    real = service.parse_bytes
    monkeypatch.setattr(
        service, "parse_bytes", mock_fail := mock.Mock(side_effect=RuntimeError("bug"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "ke-hoach.docx", plan_docx())
    job = ImportJob.objects.get()
    assert (job.status, job.error_code) == (JobStatus.FAILED, "unexpected") and mock_fail.called
    page = client.get(reverse("importer:job", args=[job.pk])).content.decode()
    assert 'id="job-error"' in page and 'id="retry"' in page
    monkeypatch.setattr(service, "parse_bytes", real)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("importer:retry", args=[job.pk]))
    job.refresh_from_db()
    assert response.status_code == 302 and (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert AuditEvent.objects.filter(action="import.retried").count() == 1


def test_a_job_that_outlives_its_timeout_is_shown_as_failed_and_may_be_retried(
    settings, most_monitor
):
    settings.LOTRINH_IMPORT_JOB_TIMEOUT = 60
    client = client_for(most_monitor)
    upload(client, "ke-hoach.docx", plan_docx())
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        progress=30,
        started_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    page = client.get(reverse("importer:job", args=[job.pk])).content.decode()
    assert "Quá thời gian" in page and 'id="retry"' in page and "hx-trigger" not in page
    client.post(reverse("importer:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert run_import(job.pk).status == JobStatus.DONE


def test_a_running_job_may_not_be_retried_and_a_done_one_is_not_run_twice(most_monitor):
    client = client_for(most_monitor)
    upload(client, "ke-hoach.docx", plan_docx())
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    client.post(reverse("importer:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    run_import(job.pk)
    assert not DraftImport.objects.exists()


def test_only_importers_see_and_retry_jobs(most_monitor, officer_a):
    upload(client_for(most_monitor), "ke-hoach.docx", plan_docx())
    job = ImportJob.objects.get()
    officer = client_for(officer_a)
    assert officer.get(reverse("importer:job", args=[job.pk])).status_code == 403
    assert officer.post(reverse("importer:retry", args=[job.pk])).status_code == 403
    assert client_for(most_monitor).get(reverse("importer:retry", args=[job.pk])).status_code == 405


def test_the_job_runs_on_the_database_queue_worker(
    settings, most_monitor, django_capture_on_commit_callbacks, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    # The worker closes old connections between tasks; inside the test's transaction on
    # PostgreSQL that would close the test's own connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        upload(client_for(most_monitor), "ke-hoach.docx", plan_docx())
    job = ImportJob.objects.get()
    assert job.status == JobStatus.QUEUED and DBTaskResult.objects.count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.draft is not None
