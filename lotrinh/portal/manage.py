"""MOST's publication page: what may be published, what is, and the forms' handling.

The forms are read completely before any service runs; a bad value gives a message and
changes nothing. The rules themselves are the services' (lotrinh/portal/services.py).
"""

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.core.dates import DayError, parse_day
from lotrinh.core.locale import name_order
from lotrinh.documents.models import DocumentKind, GeneratedDocument, GenerationStatus
from lotrinh.portal import services
from lotrinh.portal.models import Publication
from lotrinh.reporting.models import AgencyReport, ReportingPeriod, ReportStatus
from lotrinh.reporting.texts import length_problem, one_line_end


def manage_context() -> dict[str, Any]:
    periods = list(
        ReportingPeriod.objects.filter(regime__programme__status="published")
        .annotate(
            accepted=Count(
                "reports",
                filter=Q(reports__status=ReportStatus.ACCEPTED, reports__unit__isnull=True),
            ),
            public=Count("reports", filter=perms.public_report_rule("reports__"), distinct=True),
        )
        .filter(accepted__gt=0)
        .select_related("regime__programme")
        .order_by("-year", "regime_id")
    )
    unpublished = list(
        AgencyReport.objects.filter(status=ReportStatus.ACCEPTED, unit__isnull=True)
        .exclude(perms.public_report_rule())
        .select_related("agency", "period__regime__programme")
        # Each period's agencies in the order of the names the choices show.
        .order_by(
            "-period__year",
            "period__regime__programme__code",
            "-period__part",
            name_order("agency__"),
            "agency_id",
        )[:200]
    )
    documents = list(
        GeneratedDocument.objects.filter(
            kind=DocumentKind.CONSOLIDATED, status=GenerationStatus.DONE
        )
        .exclude(pk__in=perms.public_documents(GeneratedDocument.objects.all()).values("pk"))
        .select_related("programme", "period__regime")
        .order_by("-requested_at")[:50]
    )
    publications = list(
        Publication.objects.select_related(
            "period", "report__agency", "report__period", "document", "published_by", "withdrawn_by"
        )
        .annotate(reports_count=Count("published_reports"))
        .order_by("-published_at", "-id")[:200]
    )
    return {
        "periods": periods,
        "unpublished": unpublished,
        "documents": documents,
        "publications": publications,
    }


def _pk(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise services.PublicationError(_("Hãy chọn nội dung cần công bố.")) from None


# A publication's note and a withdrawal's reason: refused when longer, never cut.
NOTE_MAX_CHARS = 2_000


def _limited(text: str) -> str:
    if "\x00" in text:
        # PostgreSQL cannot store it (a 500 instead of a message).
        raise services.PublicationError(_("Văn bản không được chứa ký tự NUL."))
    text = one_line_end(text)
    problem = length_problem(text.strip(), NOTE_MAX_CHARS)
    if problem:
        raise services.PublicationError(problem)
    return text


# The publication forms' fields, given back as sent when a publication is refused.
PUBLISH_FIELDS = ("kind", "period", "report", "document", "cutoff", "note")


def publish_from_form(request: HttpRequest) -> dict[str, str] | None:
    """Publish what the form asks for; None when done (or done already), else the
    refusal's messages by field ("" for the form's: put in `messages`)."""
    data = request.POST
    kind = data.get("kind", "")
    try:
        cutoff = parse_day(data.get("cutoff", ""))
    except DayError as exc:
        if kind == "period":  # the one form with a cutoff field: the message beside it
            return {"cutoff": str(exc)}
        messages.error(request, _("Ngày chốt số liệu: %(problem)s") % {"problem": str(exc)})
        return {}
    try:
        note = _limited(data.get("note", ""))
        if kind == "period":
            period = ReportingPeriod.objects.filter(pk=_pk(data.get("period", ""))).first()
            if period is None:
                raise services.PublicationError(_("Hãy chọn nội dung cần công bố."))
            publication = services.publish_period(request.user, period, cutoff, note)
        elif kind == "report":
            report = AgencyReport.objects.filter(pk=_pk(data.get("report", ""))).first()
            if report is None:
                raise services.PublicationError(_("Hãy chọn nội dung cần công bố."))
            publication = services.publish_report(request.user, report, cutoff, note)
        elif kind == "document":
            document = GeneratedDocument.objects.filter(pk=_pk(data.get("document", ""))).first()
            if document is None:
                raise services.PublicationError(_("Hãy chọn nội dung cần công bố."))
            publication = services.publish_document(request.user, document, note)
        else:
            raise services.PublicationError(_("Hãy chọn nội dung cần công bố."))
    except services.AlreadyPublished as done:  # a double click, a stale tab
        messages.info(request, str(done))
        return None
    except services.PublicationError as error:
        messages.error(request, str(error))
        return {}
    count = publication.published_reports.count()
    if publication.document_id:
        messages.success(request, _("Đã công bố báo cáo tổng hợp."))
    else:
        messages.success(request, _("Đã công bố số liệu của %(count)s báo cáo.") % {"count": count})
    return None


def posted(request: HttpRequest, fields: tuple[str, ...]) -> dict[str, str]:
    """What a refused form sent, to show it again (a NUL dropped: a page cannot show it)."""
    return {f: request.POST.get(f, "").replace("\x00", "") for f in fields}


def withdraw_from_form(request: HttpRequest, publication: Publication) -> bool:
    """Withdraw the publication; False when refused (the message put in `messages`)."""
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.withdraw_publication(
            request.user, publication, _limited(request.POST.get("reason", "")), version
        )
    except services.PublicationError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, _("Đã rút lại nội dung công bố."))
    return True
