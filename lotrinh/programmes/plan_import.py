"""An agency's plan imported from the page (`/phan-cap/nhap/`) as a job on the worker
(docs/cascade.md): the request checks only what costs no parsing and saves the file
(`queue_plan_import`); the worker reads and parses it and builds the draft child
programme (`run`, through the importer's job `importer.service.run_import`). A PDF is
never read in a web request (docs/importer.md).

A failure is stored on the job in both languages with its code (from one run: the
refusals are `lotrinh.core.i18n.Text`, rendered again in English without a second parse),
and changes nothing: the
draft is made in the same transaction as the job's "done".
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from lotrinh.agencies.models import Agency
from lotrinh.core.audit import record_event
from lotrinh.core.i18n import gettext as _
from lotrinh.core.i18n import in_language
from lotrinh.importer.models import ImportJob, JobKind, JobStatus
from lotrinh.importer.reader import ReadError
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, ProgrammeStatus


def queue_plan_import(
    data: bytes,
    filename: str,
    user: Any,
    agency: Agency,
    *,
    parent: Programme | None = None,
    code: str = "",
) -> ImportJob:
    """Save an accepted upload of `agency`'s plan and queue its parse (after commit).

    The same file sent again with the same choices while its job is queued or running, or
    once its draft is made and not yet published (a double click, a second tab), returns
    that job: no second job, no second draft."""
    digest = hashlib.sha256(data).hexdigest()
    code = code.strip()[:60]
    with transaction.atomic():
        # One import of an agency's plan decided at a time: two submits of the same file
        # at once see each other's job.
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        same = ImportJob.objects.filter(
            kind=JobKind.PLAN, agency=agency, digest=digest, parent=parent, code=code
        )
        earlier = (
            same.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING)).first()
            or same.filter(status=JobStatus.DONE, plan__status=ProgrammeStatus.DRAFT)
            .order_by("-pk")
            .first()
        )
        if earlier is not None:
            return earlier
        suffix = Path(filename).suffix.lower()[:8]
        job = ImportJob(
            kind=JobKind.PLAN,
            filename=filename[:255],
            size=len(data),
            agency=agency,
            parent=parent,
            code=code,
            digest=digest,
            created_by=user,
        )
        # A name of our own: the person's file name is kept in `filename`, never in a path.
        job.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(data), save=False)
        job.save()
        record_event(
            user,
            "cascade.plan_import_queued",
            job,
            after={"file": job.filename, "size": len(data), "agency": agency.code},
        )
        from lotrinh.importer.service import parse_import

        transaction.on_commit(lambda: parse_import.enqueue(job.pk))
    return job


def _build(job: ImportJob, data: bytes, *, done: bool) -> Programme:
    """Parse the file and build the draft; with `done`, mark the job done in the same
    transaction (the draft and the job's state are one change)."""
    from lotrinh.importer.service import parse_bytes, progress

    if job.created_by is None or job.agency is None:
        raise cascade.CascadeError(
            _no_owner()  # the person who sent it is gone: nobody to check the rights of
        )
    # The programme chosen on the form is checked again: it may have been withdrawn.
    chosen = cascade.chosen_parent(str(job.parent_id)) if job.parent_id else None
    parsed = parse_bytes(data, job.filename)
    if done:
        progress(job, 60)
    why = chosen or cascade.parent_from_document(parsed, job.agency)
    with transaction.atomic():
        programme = cascade.child_from_parse(
            parsed,
            job.agency,
            why.programme,
            job.created_by,
            code=job.code,
            source=job.filename,
            refine_later=True,
            why=why,
        )
        if done:
            ImportJob.objects.filter(pk=job.pk).update(
                status=JobStatus.DONE,
                progress=100,
                plan=programme,
                finished_at=timezone.now(),
            )
    return programme


def _no_owner() -> str:
    return _(
        "Tài khoản đã tải tệp lên không còn: hãy đăng nhập bằng tài khoản của cơ quan và tải "
        "lên lại."
    )


def _reason(exc: Exception) -> str:
    return str(exc.args[0]) if exc.args else str(exc)


def run(job: ImportJob, data: bytes) -> None:
    """The worker's part: the draft child programme, or the job failed with its reason."""
    from lotrinh.importer.service import fail

    try:
        with translation.override("vi"):  # the reason of a failure, first in Vietnamese
            _build(job, data, done=True)
    except ReadError as exc:
        fail(job, exc.code, exc.message, in_language(exc.message, "en"))
    except cascade.DraftExists as exc:
        fail(job, "draft_exists", _reason(exc), in_language(exc.args[0], "en"), plan=exc.draft)
    except cascade.CascadeError as exc:
        fail(job, "refused", _reason(exc), in_language(exc.args[0], "en"))
