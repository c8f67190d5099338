"""Generating documents: synchronously (commands) or on the worker (pages)."""

import datetime
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from jinja2 import TemplateError
from jinja2.sandbox import SecurityError

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.permissions import MOST_CODE
from lotrinh.agencies.models import Agency, Unit
from lotrinh.core import jobs
from lotrinh.core.audit import record_event
from lotrinh.core.dates import show_day
from lotrinh.core.locale import format_datetime, localized_text, name_order
from lotrinh.core.models import WorkerHeartbeat
from lotrinh.documents import assemble, render
from lotrinh.documents.models import (
    DocumentKind,
    DocumentTemplate,
    GeneratedDocument,
    GenerationStatus,
)
from lotrinh.programmes.models import Programme
from lotrinh.reporting.models import AgencyReport, ReportingPeriod, ReportSnapshot
from lotrinh.reporting.services import generate_periods

FORMATS = ("docx", "pdf", "xlsx")


class DocumentRefused(Exception):
    """A document that cannot be asked for; the message says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def current_template() -> Path | None:
    latest = DocumentTemplate.objects.first()
    return Path(latest.file.path) if latest else None


def agency_periods(agency: Agency) -> list[ReportingPeriod]:
    """The periods `agency` has its own report for (any programme, any regime: a Party
    committee reports six-monthly on 52-NQ/TW, a ministry yearly on 50/NQ-CP), the
    latest deadline first: the choices of its "own report" document."""
    return list(
        ReportingPeriod.objects.filter(reports__agency=agency, reports__unit__isnull=True)
        .select_related("regime__programme")
        .distinct()
        .order_by("-due_date", "-pk")
    )


def unit_reports(user: Any) -> list[AgencyReport]:
    """The units' reports whose document `user` may make (`permissions.
    unit_reports_for_documents`), with their unit and period, the latest deadline first,
    each period's units in the order of the names the choices show: the choices of the
    "unit's report" document."""
    return list(
        perms.unit_reports_for_documents(user)
        .select_related("unit", "period__regime__programme")
        .order_by("-period__due_date", "period_id", name_order("unit__"), "unit_id", "-pk")
    )


def annual_period(programme: Programme, year: int) -> ReportingPeriod:
    """The year's period of the programme's yearly regime (MOST's yearly documents)."""
    regime = programme.reporting_regimes.get(code="annual-report")
    return next(p for p in generate_periods(regime, year) if p.year == year)


def document_period(kind: str, programme: Programme, year: int) -> ReportingPeriod | None:
    """The period a yearly document of `kind` is made for: the year's period of the
    yearly regime (consolidated; created when missing, as the document needs it), the
    agency's yearly period when it exists; None for a review (several years)."""
    if kind == DocumentKind.CONSOLIDATED:
        return annual_period(programme, year)
    if kind == DocumentKind.AGENCY:
        return ReportingPeriod.objects.filter(
            regime__programme=programme, regime__code="annual-report", year=year, part=0
        ).first()
    return None


def cutoff_problem(
    cutoff: datetime.date, period: ReportingPeriod | None = None, today: datetime.date | None = None
) -> str:
    """Why a document cannot be cut off on `cutoff`, "" when it can: the one rule of the
    page's request (`request_document`) and of `lotrinh report`."""
    today = today or timezone.localdate()
    if cutoff > today:
        # Figures are read as they stood on the cut-off: a later day has none yet, and
        # the document would carry a date its figures do not have.
        return _(
            "Ngày chốt số liệu %(cutoff)s ở sau hôm nay (%(today)s): số liệu chỉ có đến "
            "hôm nay. Chọn ngày chốt từ hôm nay trở về trước."
        ) % {"cutoff": show_day(cutoff), "today": show_day(today)}
    if period is not None and cutoff < period.start:
        # No report of the period exists before it begins: the draft would count none
        # ("0/57 … đã gửi") for a year most reported in, and pass publication.
        return _(
            "Ngày chốt số liệu %(cutoff)s ở trước kỳ báo cáo (số liệu từ "
            "%(start)s): chưa có báo cáo nào của kỳ này. Chọn ngày chốt từ "
            "%(start)s trở đi."
        ) % {"cutoff": show_day(cutoff), "start": show_day(period.start)}
    return ""


def content(
    kind: str,
    programme: Programme,
    year: int,
    cutoff: datetime.date,
    agency: Agency | None = None,
    period: ReportingPeriod | None = None,
    unit: Unit | None = None,
) -> dict[str, Any]:
    if kind == "consolidated":
        if period is not None:
            return assemble.consolidated_of_period(period, cutoff)
        return assemble.consolidated(programme, year, cutoff)
    report = AgencyReport.objects.select_related("agency", "unit", "period__regime__programme").get(
        _report_of(programme, year, agency, period, unit)
    )
    return assemble.agency_report(report, cutoff)


def _report_of(
    programme: Programme,
    year: int,
    agency: Agency | None,
    period: ReportingPeriod | None,
    unit: Unit | None = None,
) -> Q:
    """The report a document of kind "agency" is made from: the agency's own, or its
    unit's (`unit`) of the period."""
    if unit is not None:
        return Q(agency=agency, period=period, unit=unit)
    if period is not None:
        return Q(agency=agency, period=period, unit__isnull=True)
    return Q(
        agency=agency,
        period__regime__programme=programme,
        period__year=year,
        period__regime__code="annual-report",
        unit__isnull=True,
    )


def content_status(
    kind: str,
    programme: Programme,
    year: int,
    cutoff: datetime.date,
    agency: Agency | None,
    period: ReportingPeriod | None = None,
    unit: Unit | None = None,
) -> str:
    """The report state of the content a document is made from (its visibility).

    MOST's consolidated report is made from frozen submitted/accepted copies, another
    receiving body's draft from accepted copies only; an agency report from its frozen
    copy at the cut-off, or else its live draft."""
    if kind != DocumentKind.AGENCY:
        if period is not None and assemble.receiver_of(period, cutoff) is not None:
            return "accepted"
        return "submitted"
    report = AgencyReport.objects.filter(_report_of(programme, year, agency, period, unit)).first()
    if report is None:
        return ""
    snapshot = (
        report.snapshots.filter(created_at__lte=assemble.cutoff_moment(cutoff))
        .order_by("-created_at", "-id")
        .first()
    )
    return snapshot.status if snapshot else report.status


def produce(
    kind: str,
    fmt: str,
    programme: Programme,
    year: int,
    cutoff: datetime.date,
    agency: Agency | None = None,
) -> bytes:
    return render.render(
        kind, fmt, content(kind, programme, year, cutoff, agency), current_template(), cutoff
    )


def request_document(
    user: Any,
    *,
    kind: str,
    programme: Programme,
    year: int,
    cutoff: datetime.date,
    fmt: str,
    agency: Agency | None = None,
    period: ReportingPeriod | None = None,
    unit: Unit | None = None,
) -> GeneratedDocument:
    return queue_document(
        user,
        kind=kind,
        programme=programme,
        year=year,
        cutoff=cutoff,
        fmt=fmt,
        agency=agency,
        period=period,
        unit=unit,
    )[0]


def queue_document(
    user: Any,
    *,
    kind: str,
    programme: Programme,
    year: int,
    cutoff: datetime.date,
    fmt: str,
    agency: Agency | None = None,
    period: ReportingPeriod | None = None,
    unit: Unit | None = None,
) -> tuple[GeneratedDocument, bool]:
    """Queue a document (False: the same document is already queued or being made, and
    that one is returned: a second click makes no second job). A cut-off after today, or
    before the period's first day, is refused (`DocumentRefused`), nothing queued.

    A consolidated document is made for a period: the year's period of the yearly
    regime unless one is given; its `agency` is the body writing it when that is not
    MOST (the Commission for the Party committees' reports). A unit's report to its
    agency (`unit`, of `agency`) is made for its period, which must be given."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    if unit is not None and (period is None or kind != DocumentKind.AGENCY):
        raise ValueError("a unit's document is made for a period")
    problem = cutoff_problem(cutoff)
    if problem:
        raise DocumentRefused(problem)
    with transaction.atomic():
        # Requests for one programme's documents are taken one at a time (the check for
        # a document already queued and the new row are one step).
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        period = period or document_period(kind, programme, year)
        if period is not None:
            programme, year = period.regime.programme, period.year
            problem = cutoff_problem(cutoff, period)
            if problem:
                raise DocumentRefused(problem)
        if (
            unit is not None
            and not AgencyReport.objects.filter(
                _report_of(programme, year, agency, period, unit)
            ).exists()
        ):
            raise DocumentRefused(
                _("%(unit)s chưa có báo cáo của kỳ này: văn bản được tạo từ báo cáo đó.")
                % {"unit": localized_text(unit, "name")}
            )
        if (
            unit is None
            and kind == DocumentKind.AGENCY
            and not AgencyReport.objects.filter(
                _report_of(programme, year, agency, period)
            ).exists()
        ):
            # The document is made from the agency's report of the year: without one the
            # job could only fail (a Party committee reports half-yearly under 52-NQ/TW).
            words = {
                "agency": localized_text(agency, "name") if agency else "",
                "programme": programme.code,
                "year": year,
            }
            regime = period.regime if period is not None else _annual_regime(programme)
            if not AgencyReport.objects.filter(
                agency=agency, period__regime=regime, unit__isnull=True
            ).exists():
                raise DocumentRefused(
                    _(
                        "%(agency)s chưa có báo cáo năm nào theo %(programme)s: văn bản của "
                        "cơ quan ở trang này được tạo từ báo cáo năm theo %(programme)s."
                    )
                    % words
                )
            raise DocumentRefused(
                _(
                    "%(agency)s không có báo cáo %(programme)s năm %(year)s: văn bản của cơ "
                    "quan được tạo từ báo cáo đó. Chọn năm khác."
                )
                % words
            )
        if kind == DocumentKind.CONSOLIDATED:
            assert period is not None
            agency = assemble.receiver_of(period, timezone.localdate())
        waiting = (
            GeneratedDocument.objects.filter(
                kind=kind,
                programme=programme,
                agency=agency,
                unit=unit,
                year=year,
                period=period,
                cutoff=cutoff,
                fmt=fmt,
                status__in=[GenerationStatus.QUEUED, GenerationStatus.RUNNING],
            )
            .order_by("-pk")
            .first()
        )
        if waiting is not None and not waiting.overdue:
            return waiting, False
        document = GeneratedDocument.objects.create(
            kind=kind,
            programme=programme,
            agency=agency,
            unit=unit,
            year=year,
            period=period,
            cutoff=cutoff,
            fmt=fmt,
            requested_by=user if getattr(user, "is_authenticated", False) else None,
            content_status=content_status(kind, programme, year, cutoff, agency, period, unit),
        )
        transaction.on_commit(lambda: generate_document.enqueue(document.pk))
    return document, True


def _annual_regime(programme: Programme) -> Any:
    return programme.reporting_regimes.filter(code="annual-report").first()


def retry_document(user: Any, document: GeneratedDocument) -> GeneratedDocument:
    """A new attempt at a failed (or overdue) document; the failed one stays listed."""
    with transaction.atomic():
        locked = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
        if not locked.retryable:
            raise ValueError(locked.status)
        if locked.status != GenerationStatus.FAILED:
            locked.status = GenerationStatus.FAILED
            locked.error = _overdue_message()
            locked.finished_at = timezone.now()
            locked.save(update_fields=["status", "error", "finished_at"])
        attempt = request_document(
            user,
            kind=locked.kind,
            programme=locked.programme,
            year=locked.year,
            cutoff=locked.cutoff,
            fmt=locked.fmt,
            agency=locked.agency,
            period=locked.period,
            unit=locked.unit,
        )
        attempt.retry_of = locked
        attempt.save(update_fields=["retry_of"])
        record_event(user, "document.retried", attempt, note=str(locked.pk))
    return attempt


def _overdue_message() -> str:
    return _(
        "Quá thời gian xử lý (%(seconds)s giây) hoặc bộ xử lý nền đã dừng giữa chừng; hãy tạo lại."
    ) % {"seconds": int(jobs.job_timeout().total_seconds())}


def sweep_failed_jobs() -> int:
    """Mark failed the documents running past the timeout or on a worker gone silent."""
    alive = WorkerHeartbeat.objects.filter(last_seen__gte=jobs.silent_since()).values_list(
        "worker_id", flat=True
    )
    return (
        GeneratedDocument.objects.filter(status=GenerationStatus.RUNNING)
        .filter(
            Q(started_at__lt=jobs.overdue_since())
            | (~Q(worker_id="") & ~Q(worker_id__in=list(alive)))
        )
        .update(
            status=GenerationStatus.FAILED, error=_overdue_message(), finished_at=timezone.now()
        )
    )


def document_back_in_queue(document_id: int) -> None:
    """Its worker went silent mid-generation and the job is queued again: "queued"."""
    GeneratedDocument.objects.filter(pk=document_id, status=GenerationStatus.RUNNING).update(
        status=GenerationStatus.QUEUED, progress=0, worker_id="", started_at=None
    )


class TemplateNotApplied(Exception):
    """A template upload that changes nothing: `already` when the same file, by name and
    content, is the one in use (a double click), else another manager replaced it since
    the form was shown."""

    def __init__(self, message: str, *, already: bool) -> None:
        super().__init__(message)
        self.already = already


def _same_file(template: DocumentTemplate, data: bytes) -> bool:
    try:
        with template.file.open("rb") as handle:
            return bool(handle.read() == data)
    except OSError:
        return False


def replace_template(
    user: Any, name: str, data: bytes, expected: int | None = None
) -> DocumentTemplate:
    """Apply a checked template; the previous ones stay listed and downloadable.

    `expected`: the id of the template in use when the form was shown (0: none); a
    template replaced since by someone else is not overwritten unseen."""

    template = DocumentTemplate(uploaded_by=user, note=name[:255])
    with transaction.atomic():
        # Two uploads at once are told of each other: they wait for one another on the
        # row of MOST, whose documents the template shapes. A row that always exists: the
        # template in use cannot serialise them, the first upload has none to lock.
        Agency.objects.select_for_update(no_key=True).get(code=MOST_CODE)
        previous = DocumentTemplate.objects.first()
        if previous is not None and previous.note == name[:255] and _same_file(previous, data):
            raise TemplateNotApplied(
                _("Mẫu này đang được dùng (tải lên lúc %(when)s): không tải lên lại.")
                % {"when": format_datetime(previous.uploaded_at)},
                already=True,
            )
        if expected is not None and expected != (previous.pk if previous else 0):
            raise TemplateNotApplied(
                _(
                    "Mẫu đang dùng đã được %(who)s thay lúc %(when)s, sau khi bạn mở trang: "
                    "chưa áp dụng mẫu của bạn. Hãy xem mẫu đang dùng rồi tải lên lại nếu vẫn cần."
                )
                % {
                    "who": str(previous.uploaded_by or "") if previous else "",
                    "when": format_datetime(previous.uploaded_at) if previous else "",
                },
                already=False,
            )
        template.file.save(name or "mau.docx", ContentFile(data), save=True)
        record_event(
            user,
            "document_template.replaced",
            template,
            before={"file": previous.note or previous.file.name} if previous else None,
            after={"file": name},
            note=name,
        )
    return template


def _note(document: GeneratedDocument) -> tuple[str, str]:
    """Say when reports were accepted after the previous version (Vietnamese, English)."""
    previous = (
        GeneratedDocument.objects.filter(
            kind=document.kind,
            programme=document.programme,
            agency=document.agency,
            unit=document.unit_id,
            year=document.year,
            period=document.period,
            status=GenerationStatus.DONE,
        )
        .exclude(pk=document.pk)
        .order_by("-finished_at")
        .first()
    )
    if previous is None or previous.finished_at is None:
        return "", ""
    newer = ReportSnapshot.objects.filter(
        report__period__year=document.year,
        report__period__regime__programme=document.programme,
        report__unit=document.unit_id,
        status="accepted",
        created_at__gt=previous.finished_at,
    )
    if document.period_id:
        newer = newer.filter(report__period_id=document.period_id)
    if document.kind == DocumentKind.AGENCY and document.agency_id:
        newer = newer.filter(report__agency=document.agency)
    count = newer.count()
    if not count:
        return "", ""
    when = format_datetime(previous.finished_at)
    return (
        f"Phiên bản này gồm {count} báo cáo được tiếp nhận sau lần tạo trước ({when}).",
        f"This version includes {count} report(s) accepted after the previous one ({when}).",
    )


def _progress(document: GeneratedDocument, percent: int) -> None:
    GeneratedDocument.objects.filter(pk=document.pk).update(progress=percent)


def _failure_message(exc: Exception) -> str:
    if isinstance(exc, SecurityError):
        return _(
            "Mẫu văn bản đang dùng có biểu thức không được phép (%(error)s); văn bản không "
            "được tạo. Hãy tải lên mẫu khác (lotrinh template check để kiểm tra)."
        ) % {"error": exc}
    if isinstance(exc, TemplateError):
        return _("Mẫu văn bản đang dùng có lỗi (%(error)s); văn bản không được tạo.") % {
            "error": exc
        }
    return str(exc)


@task()
def generate_document(document_id: int) -> str:
    document = GeneratedDocument.objects.select_related(
        "programme", "agency", "unit", "period__regime__programme", "period__regime__recipient"
    ).get(pk=document_id)
    document.status, document.progress = GenerationStatus.RUNNING, 5
    document.started_at, document.worker_id = timezone.now(), jobs.current_worker_id()
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=document.status,
        progress=document.progress,
        started_at=document.started_at,
        worker_id=document.worker_id,
    )
    try:
        data = content(
            document.kind,
            document.programme,
            document.year,
            document.cutoff,
            document.agency,
            document.period,
            document.unit,
        )
        _progress(document, 40)
        blob = render.render(document.kind, document.fmt, data, current_template(), document.cutoff)
        _progress(document, 80)
    except Exception as exc:  # the page shows the failure; nothing else changes
        GeneratedDocument.objects.filter(pk=document.pk).update(
            status=GenerationStatus.FAILED,
            error=_failure_message(exc)[:2000],
            finished_at=timezone.now(),
        )
        raise
    document.content_status = data.get("content_status", document.content_status)
    document.file.save(document.download_name, ContentFile(blob), save=False)
    document.note, document.note_en = _note(document)
    document.status = GenerationStatus.DONE
    document.progress = 100
    document.finished_at = timezone.now()
    document.save()
    return document.file.name or ""
