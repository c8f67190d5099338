"""Generating documents: synchronously (commands) or on the worker (pages)."""

import datetime
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble, render
from lotrinh.documents.models import DocumentTemplate, GeneratedDocument, GenerationStatus
from lotrinh.programmes.models import Programme
from lotrinh.reporting.models import AgencyReport, ReportSnapshot

FORMATS = ("docx", "pdf", "xlsx")


def current_template() -> Path | None:
    latest = DocumentTemplate.objects.first()
    return Path(latest.file.path) if latest else None


def content(
    kind: str, programme: Programme, year: int, cutoff: datetime.date, agency: Agency | None = None
) -> dict[str, Any]:
    if kind == "consolidated":
        return assemble.consolidated(programme, year, cutoff)
    report = AgencyReport.objects.select_related("agency", "period__regime__programme").get(
        agency=agency,
        period__regime__programme=programme,
        period__year=year,
        period__regime__code="annual-report",
    )
    return assemble.agency_report(report, cutoff)


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
) -> GeneratedDocument:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    document = GeneratedDocument.objects.create(
        kind=kind,
        programme=programme,
        agency=agency,
        year=year,
        cutoff=cutoff,
        fmt=fmt,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: generate_document.enqueue(document.pk))
    return document


def _note(document: GeneratedDocument) -> str:
    """Say when reports were accepted after the previous version of the same document."""
    previous = (
        GeneratedDocument.objects.filter(
            kind=document.kind,
            programme=document.programme,
            agency=document.agency,
            year=document.year,
            status=GenerationStatus.DONE,
        )
        .exclude(pk=document.pk)
        .order_by("-finished_at")
        .first()
    )
    if previous is None or previous.finished_at is None:
        return ""
    newer = ReportSnapshot.objects.filter(
        report__period__year=document.year,
        report__period__regime__programme=document.programme,
        status="accepted",
        created_at__gt=previous.finished_at,
    )
    if document.agency_id:
        newer = newer.filter(report__agency=document.agency)
    count = newer.count()
    if not count:
        return ""
    return f"Phiên bản này gồm {count} báo cáo được tiếp nhận sau lần tạo trước ({timezone.localtime(previous.finished_at):%d/%m/%Y %H:%M})."


@task()
def generate_document(document_id: int) -> str:
    document = GeneratedDocument.objects.select_related("programme", "agency").get(pk=document_id)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=GenerationStatus.RUNNING, progress=10
    )
    try:
        data = produce(
            document.kind,
            document.fmt,
            document.programme,
            document.year,
            document.cutoff,
            document.agency,
        )
    except Exception as exc:  # the page shows the failure; nothing else changes
        GeneratedDocument.objects.filter(pk=document.pk).update(
            status=GenerationStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    name = f"{document.kind}-{document.programme.slug}-{document.year}-{document.cutoff:%Y%m%d}.{document.fmt}"
    document.file.save(name, ContentFile(data), save=False)
    document.note = _note(document)
    document.status = GenerationStatus.DONE
    document.progress = 100
    document.finished_at = timezone.now()
    document.save()
    return document.file.name or ""
