"""A filled-in XLSX report form, processed on the worker with a state the person sees.

The web request (`queue_upload`) checks only what costs no parsing (size, type, the zip
directory, rows and columns: `core.uploads.accept_xlsx`), keeps the bytes in a
`FormUpload` row and queues `process_form_upload` after commit; it answers with a
redirect to the upload's page, which htmx polls until the form is processed.

The worker (`run_upload`) reads the form and saves it with `xlsx_form.import_form`: the
same validation (every problem listed with its row and column) and the same optimistic
version check (a form downloaded before someone else's save is refused, with each
conflict) as when the web request did it; on any problem nothing is written.

Exactly once: the save and the upload's "done" are one transaction, and a run starts
only from "queued" under a row lock. A worker killed mid-run leaves "running"; the job
is queued again (`upload_back_in_queue`, called by the worker's sweep) and the next run
starts from scratch, the first run's transaction having been rolled back.
"""

import datetime
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from lotrinh.accounts import permissions as perms
from lotrinh.core.i18n import gettext as _
from lotrinh.core.i18n import in_language
from lotrinh.core.uploads import accept_xlsx
from lotrinh.reporting import services, xlsx_form
from lotrinh.reporting.models import AgencyReport, FormUpload, UploadStatus

log = logging.getLogger(__name__)


def queue_upload(report: AgencyReport, user: Any, data: bytes, filename: str) -> FormUpload:
    """Check the spreadsheet's envelope (raises UploadRefused, or WorkflowError when the
    report is no longer editable; nothing written) and queue its processing on the
    worker after commit."""
    services.check_editable(report)
    accept_xlsx(data)
    with transaction.atomic():
        upload = FormUpload.objects.create(
            report=report,
            filename=(filename or "bieu-mau.xlsx")[:255],
            size=len(data),
            data=data,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        transaction.on_commit(lambda: process_form_upload.enqueue(upload.pk))
    return upload


def is_active(upload: FormUpload) -> bool:
    return upload.status in (UploadStatus.QUEUED, UploadStatus.RUNNING)


def upload_back_in_queue(upload_id: int) -> None:
    """Its worker went silent mid-run and the job is queued again: back to "queued", so
    the next run takes it (`run_upload` leaves alone an upload that is not queued)."""
    FormUpload.objects.filter(pk=upload_id, status=UploadStatus.RUNNING).update(
        status=UploadStatus.QUEUED, progress=0, started_at=None
    )


def _conflict_json(conflict: services.Conflict) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return value

    return {
        "label": conflict.label,
        "fields": {k: [plain(y), plain(c)] for k, (y, c) in conflict.fields.items()},
        "changed_by": conflict.changed_by,
        "changed_at": conflict.changed_at.isoformat() if conflict.changed_at else None,
    }


def conflicts_of(upload: FormUpload) -> list[services.Conflict]:
    """The stored conflicts of a refused upload, as the page shows them."""
    out = []
    for item in upload.conflicts or []:
        when = item.get("changed_at")
        out.append(
            services.Conflict(
                item.get("label", ""),
                {k: (v[0], v[1]) for k, v in (item.get("fields") or {}).items()},
                item.get("changed_by") or "",
                datetime.datetime.fromisoformat(when) if when else None,
            )
        )
    return out


def _finish(
    upload_id: int,
    message: str = "",
    problems: list[xlsx_form.Problem] | None = None,
    **fields: Any,
) -> None:
    """The upload's outcome; what it says is kept in Vietnamese and English (a message
    built outside core.i18n, such as a conflict's, has no English and shows as written)."""
    english = in_language(message, "en")
    FormUpload.objects.filter(pk=upload_id).update(
        data=b"",
        finished_at=timezone.now(),
        progress=100,
        message=str(message),
        message_en=english if english is not message else "",
        problems=[p.render("vi") for p in problems or []],
        problems_en=[p.render("en") for p in problems or []],
        **fields,
    )


def run_upload(upload_id: int) -> FormUpload:
    """Process a queued upload: validate and save all or nothing, and record the outcome."""
    with transaction.atomic():
        upload = FormUpload.objects.select_for_update().get(pk=upload_id)
        if upload.status != UploadStatus.QUEUED:
            return upload  # already taken or done (a job queued twice)
        upload.status = UploadStatus.RUNNING
        upload.progress = 10
        upload.attempts += 1
        upload.started_at = timezone.now()
        upload.save(update_fields=["status", "progress", "attempts", "started_at"])
    user = upload.created_by
    data = bytes(upload.data)

    # What the worker says is written first in Vietnamese, then rendered in English.
    with translation.override("vi"):
        try:
            report = (
                services.reports_for_user(user, perms.EDIT_REPORT)
                .filter(pk=upload.report_id)
                .first()
                if user is not None and user.is_active
                else None
            )
            if report is None:
                _finish(
                    upload_id,
                    status=UploadStatus.FAILED,
                    message=_("Bạn không còn quyền sửa báo cáo này: chưa ghi nội dung nào."),
                )
            else:
                parsed = xlsx_form.parse_form(report, data)  # read and validated: no write yet
                FormUpload.objects.filter(pk=upload_id, status=UploadStatus.RUNNING).update(
                    progress=60
                )
                with transaction.atomic():
                    count = xlsx_form.save_form(report, user, parsed)
                    _finish(upload_id, status=UploadStatus.DONE, saved=count)
        except xlsx_form.FormErrors as exc:
            _finish(
                upload_id,
                status=UploadStatus.FAILED,
                problems=exc.problems,
                message=_("Tệp Excel có lỗi: chưa ghi nội dung nào."),
            )
        except services.ConflictError as exc:
            _finish(
                upload_id,
                status=UploadStatus.FAILED,
                conflicts=[_conflict_json(c) for c in exc.conflicts],
                message=str(exc),
            )
        except Exception:
            log.exception("form upload %s failed", upload_id)
            _finish(
                upload_id,
                status=UploadStatus.FAILED,
                message=_(
                    "Lỗi ngoài dự kiến khi xử lý tệp Excel: chưa ghi nội dung nào. Hãy tải lên lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."
                ),
            )
    upload.refresh_from_db()
    return upload


@task()
def process_form_upload(upload_id: int) -> str:
    return run_upload(upload_id).status
