"""Parsing a file into the programme format, and the import job that does it on the worker.

A page upload only checks the file's limits and saves it (`queue_import`); the parse runs
on the worker (`parse_import`), with a state the person sees: queued, running with its
progress, done (the draft to review) or failed with the reason and a retry.
The `lotrinh parse`/`lotrinh import` commands parse synchronously (`parse_file`).
"""

import datetime
import logging
import uuid
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from django_tasks import task

from lotrinh.core.audit import record_event
from lotrinh.core.i18n import gettext as _
from lotrinh.core.i18n import in_language
from lotrinh.core.uploads import limit
from lotrinh.importer import review
from lotrinh.importer.models import ImportJob, JobKind, JobStatus
from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import ReadError, read_document

log = logging.getLogger(__name__)


class NoTasks(ReadError):
    pass


class JobError(Exception):
    pass


def parse_bytes(data: bytes, filename: str, max_bytes: int | None = None) -> dict[str, Any]:
    notes: set[str] = set()
    blocks = read_document(data, filename, max_bytes, notes)
    chars = sum(len(b.text) + sum(len(cell) for row in b.rows for cell in row) for b in blocks)
    if chars > limit("LOTRINH_DOCUMENT_MAX_CHARS"):
        raise ReadError(
            "too_long",
            _("Văn bản quá dài (%(count)s ký tự; tối đa %(limit)s): hãy tách thành nhiều tệp.")
            % {"count": chars, "limit": limit("LOTRINH_DOCUMENT_MAX_CHARS")},
        )
    result = parse_blocks(blocks)
    if not result["tasks"]:
        raise NoTasks(
            "no_tasks",
            _(
                "Không nhận ra nhiệm vụ nào trong văn bản (cần mục “NHIỆM VỤ”/“PHÂN CÔNG” với các điểm, gạch đầu dòng, hoặc bảng danh mục nhiệm vụ)."
            ),
        )
    if not result["programme"].get("code"):
        result["programme"]["code"] = Path(filename).stem
    if notes:
        # Shown on the review page (a Word file read with its tracked changes accepted).
        result["read_notes"] = sorted(notes)
    return result


def parse_file(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("not_found", _("Không tìm thấy tệp %(path)s.") % {"path": path}) from None
    return parse_bytes(data, path.name)


# ------------------------------------------------------------------ the job
def queue_import(data: bytes, filename: str, user: Any) -> ImportJob:
    """Save an accepted upload and queue its parse on the worker (after commit)."""
    suffix = Path(filename).suffix.lower()[:8]
    with transaction.atomic():
        job = ImportJob(
            filename=filename[:255],
            size=len(data),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        # A name of our own: the person's file name is kept in `filename`, never in a path.
        job.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(data), save=False)
        job.save()
        record_event(user, "import.queued", job, after={"file": job.filename, "size": len(data)})
        transaction.on_commit(lambda: parse_import.enqueue(job.pk))
    return job


def is_stuck(job: ImportJob, now: datetime.datetime | None = None) -> bool:
    """Running for longer than LOTRINH_IMPORT_JOB_TIMEOUT: its worker died or hangs."""
    now = now or timezone.now()
    timeout = datetime.timedelta(seconds=limit("LOTRINH_IMPORT_JOB_TIMEOUT"))
    return (
        job.status == JobStatus.RUNNING
        and job.started_at is not None
        and now - job.started_at > timeout
    )


# Failures a second run of the same file can get past: an error of ours or of the
# machine, a job whose worker died. Any other reason is the file's (empty, scanned,
# protected by a password, not a document, no tasks) or the plan's (a draft already
# there, another agency's plan): the same file fails the same way, so no "Chạy lại"; the
# person fixes the file and uploads it again. "" is a failure recorded before the codes.
RETRYABLE = frozenset({"", "unexpected"})


def may_retry(job: ImportJob) -> bool:
    if is_stuck(job):
        return True
    return job.status == JobStatus.FAILED and job.error_code in RETRYABLE


def retry_import(job: ImportJob, user: Any) -> ImportJob:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status == JobStatus.FAILED and not may_retry(job):
            raise JobError(
                _(
                    "Chạy lại cũng cho kết quả như trên với cùng tệp này: hãy sửa tệp theo lý do "
                    "đã nêu rồi tải lên lại."
                )
            )
        if not may_retry(job):
            raise JobError(_("Lượt nhận dạng này không ở trạng thái lỗi: không cần chạy lại."))
        before = {"status": job.status, "error": job.error}
        job.status = JobStatus.QUEUED
        job.progress = 0
        job.error = job.error_en = job.error_code = ""
        job.started_at = None
        job.finished_at = None
        job.save(
            update_fields=[
                "status",
                "progress",
                "error",
                "error_en",
                "error_code",
                "started_at",
                "finished_at",
            ]
        )
        record_event(user, "import.retried", job, before=before, after={"status": job.status})
        transaction.on_commit(lambda: parse_import.enqueue(job.pk))
    return job


def import_back_in_queue(job_id: int) -> None:
    """Its worker went silent mid-parse and the job is queued again: "queued", so the
    next run takes it (`run_import` leaves alone a job that is not queued)."""
    ImportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
        status=JobStatus.QUEUED, progress=0, started_at=None
    )


def progress(job: ImportJob, percent: int) -> None:
    ImportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(progress=percent)


def fail(job: ImportJob, code: str, message: str, message_en: str, **fields: Any) -> None:
    """The job failed: its reason in both languages (the reader's is shown) and its code
    (whether a retry can help, `may_retry`)."""
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED,
        error_code=code[:30],
        error=message[:2000],
        error_en=message_en[:2000],
        finished_at=timezone.now(),
        **fields,
    )


UNEXPECTED = gettext_noop(
    "Lỗi ngoài dự kiến khi nhận dạng văn bản: hãy chạy lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."
)


def run_import(job_id: int) -> ImportJob:
    """Parse a queued job's file into a draft; a failure is stored on the job, never lost."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status != JobStatus.QUEUED:
            return job  # already taken (a retry queued twice)
        job.status = JobStatus.RUNNING
        job.progress = 10
        job.attempts += 1
        job.started_at = timezone.now()
        job.save(update_fields=["status", "progress", "attempts", "started_at"])
    data = b""
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        progress(job, 30)
        if job.kind == JobKind.PLAN:
            from lotrinh.programmes import plan_import

            plan_import.run(job, data)
            job.refresh_from_db()
            return job
        with translation.override("vi"):  # the reason of a failure, first in Vietnamese
            parsed = parse_bytes(data, job.filename)
        progress(job, 80)
        with transaction.atomic():
            draft = review.create_draft(parsed, job.filename, job.created_by)
            ImportJob.objects.filter(pk=job.pk).update(
                status=JobStatus.DONE, progress=100, draft=draft, finished_at=timezone.now()
            )
    except ReadError as exc:
        fail(job, exc.code, exc.message, in_language(exc.message, "en"))
    except Exception:
        log.exception("import job %s failed", job_id)
        with translation.override("vi"):
            vietnamese = _(UNEXPECTED)
        with translation.override("en"):
            english = _(UNEXPECTED)
        fail(job, "unexpected", vietnamese, english)
    job.refresh_from_db()
    return job


@task()
def parse_import(job_id: int) -> str:
    return run_import(job_id).status
