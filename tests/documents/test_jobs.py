"""Document jobs never stay "running" or "waiting" in silence: a job past its timeout is
failed and can be retried, the page says when no worker is alive, progress moves."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotrinh.core import jobs
from lotrinh.core.locale import format_datetime
from lotrinh.core.management.commands.worker import look_after
from lotrinh.core.models import WorkerHeartbeat
from lotrinh.documents import render, services
from lotrinh.documents.models import GeneratedDocument
from lotrinh.programmes.models import Programme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2024, 12, 31)
NO_WORKER = "Chưa thấy bộ xử lý nền hoạt động"


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


def consolidated(programme, **fields):
    return GeneratedDocument.objects.create(
        kind="consolidated",
        programme=programme,
        year=2024,
        cutoff=CUTOFF,
        fmt="xlsx",
        content_status="submitted",
        **fields,
    )


def ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


def test_a_job_running_past_its_timeout_is_shown_failed_and_a_post_retries_it(
    programme, most_monitor, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.LOTRINH_JOB_TIMEOUT_SECONDS = 600
    stuck = consolidated(programme, status="running", progress=40, started_at=ago(601))
    client = client_for(most_monitor)
    page = client.get(reverse("documents:list")).content.decode()
    assert "Quá thời gian xử lý" in page and reverse("documents:retry", args=[stuck.pk]) in page
    stuck.refresh_from_db()
    assert stuck.status == "running"  # GET shows it failed; it writes nothing
    assert client.get(reverse("documents:retry", args=[stuck.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:retry", args=[stuck.pk]))
    stuck.refresh_from_db()
    attempt = GeneratedDocument.objects.exclude(pk=stuck.pk).get()
    assert stuck.status == "failed" and "Quá thời gian xử lý" in stuck.error
    assert attempt.retry_of == stuck and attempt.status == "done" and attempt.file


def test_a_job_within_its_timeout_is_neither_failed_nor_retryable(
    programme, most_monitor, settings
):
    settings.LOTRINH_JOB_TIMEOUT_SECONDS = 600
    running = consolidated(programme, status="running", started_at=ago(30))
    assert running.shown_status == "running" and not running.retryable
    response = client_for(most_monitor).post(reverse("documents:retry", args=[running.pk]))
    assert response.status_code == 302
    assert GeneratedDocument.objects.count() == 1


def test_an_agency_cannot_retry_the_consolidated_report(programme, officer_a, admin_user):
    failed = consolidated(programme, status="failed")
    response = client_for(officer_a).post(reverse("documents:retry", args=[failed.pk]))
    assert response.status_code == 404 and GeneratedDocument.objects.count() == 1


def test_a_queued_job_with_no_worker_seen_says_so(programme, most_monitor):
    consolidated(programme, status="queued")
    client = client_for(most_monitor)
    page = client.get(reverse("documents:list")).content.decode()
    assert NO_WORKER in page and "văn bản sẽ được tạo khi bộ xử lý chạy lại" in page
    WorkerHeartbeat.objects.create(
        worker_id="w-old", host="h", pid=1, started_at=ago(3600), last_seen=ago(120)
    )
    page = client.get(reverse("documents:list")).content.decode()
    seen = format_datetime(ago(120))  # the day first, as every moment (core/locale.py)
    assert f"{NO_WORKER} từ {seen}" in page
    jobs.beat("w-new", ago(10))
    assert NO_WORKER not in client.get(reverse("documents:list")).content.decode()


def test_a_document_left_by_a_dead_worker_is_failed_by_the_sweep(programme, settings):
    settings.LOTRINH_JOB_TIMEOUT_SECONDS = 600
    # The worker that took the document stopped beating two minutes ago (killed).
    WorkerHeartbeat.objects.create(
        worker_id="w-dead", host="h", pid=1, started_at=ago(900), last_seen=ago(120)
    )
    orphan = consolidated(programme, status="running", started_at=ago(130), worker_id="w-dead")
    alive = consolidated(programme, status="running", started_at=ago(5), worker_id="w-live")
    old = consolidated(programme, status="running", started_at=ago(700))
    look_after("w-live", ago(60))  # what the living worker's heartbeat thread does
    for document in (orphan, alive, old):
        document.refresh_from_db()
    assert orphan.status == "failed" and "dừng giữa chừng" in orphan.error
    assert old.status == "failed" and orphan.finished_at is not None
    assert alive.status == "running"
    assert WorkerHeartbeat.objects.get(worker_id="w-live").last_seen > ago(5)


def test_progress_moves_through_each_stage(
    programme, most_monitor, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    seen = []
    real_render = render.render

    def watching(*args, **kwargs):
        seen.append(GeneratedDocument.objects.values_list("status", "progress").get())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(render, "render", watching)
    document = services.request_document(
        most_monitor, kind="consolidated", programme=programme, year=2024, cutoff=CUTOFF, fmt="xlsx"
    )
    services.generate_document.call(document.pk)
    document.refresh_from_db()
    assert seen == [("running", 40)]
    assert document.status == "done" and document.progress == 100 and document.started_at
