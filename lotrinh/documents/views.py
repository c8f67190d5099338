import datetime
import tempfile
from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.agencies.models import PARTY_KINDS
from lotrinh.core import jobs, replay_cache
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.dates import DayError, parse_day
from lotrinh.core.downloads import stored_file
from lotrinh.core.locale import format_datetime
from lotrinh.core.params import whole_number
from lotrinh.core.prepared import Prepared
from lotrinh.core.uploads import UploadRefused, read_upload
from lotrinh.documents import services, templating
from lotrinh.documents.models import DocumentKind, DocumentTemplate, GeneratedDocument
from lotrinh.documents.render import TemplateProblem, check_template
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.models import ReportingPeriod, choice_title


def _visible(request: HttpRequest) -> QuerySet[GeneratedDocument]:
    """Each document is visible to those who may read the report content it holds."""
    user = request.user
    if not perms.may_open_documents(user):
        raise PermissionDenied
    return perms.readable_documents(
        user,
        GeneratedDocument.objects.select_related("agency", "requested_by", "programme", "period"),
    )


def _may_request(user: Any, document: GeneratedDocument) -> bool:
    """May `user` ask for this document again (a retry)?"""
    if document.kind == DocumentKind.CONSOLIDATED:
        if document.period is not None:
            return perms.may_generate_consolidated(user, document.period, timezone.localdate())
        return perms.may_generate_most_consolidated(user)
    if document.unit_id is not None:
        return (
            perms.unit_reports_for_documents(user)
            .filter(unit_id=document.unit_id, period_id=document.period_id)
            .exists()
        )
    return perms.may_make_agency_document(user) and (
        document.agency_id is not None and document.agency_id == getattr(user, "agency_id", None)
    )


def _period_choices(user: Any) -> tuple[list[dict[str, Any]], str]:
    """The periods whose consolidated draft `user` may request, by regime (newest first),
    and the choice selected by default: the latest period whose deadline has passed (the
    one being consolidated), as the period page opens (`compliance.default_period`).

    Each choice is (value, title, year): a period's id, or "nam-YYYY" for a year of MOST's
    yearly regime of 50/NQ-CP whose period is not yet recorded (made on request, as the
    yearly report always was; a page never writes)."""
    today = timezone.localdate()
    periods = perms.consolidated_periods(user, today).select_related("regime__programme")
    regimes: dict[int, dict[str, Any]] = {}
    due: list[tuple[datetime.date, str]] = []  # (deadline, value) of each choice
    for period in periods.order_by("regime__programme__code", "regime_id", "-year", "-part"):
        regime = period.regime
        group = regimes.setdefault(
            regime.pk, {"regime": regime, "programme": regime.programme, "periods": []}
        )
        group["periods"].append((str(period.pk), period.choice_title, period.year))
        due.append((period.due_date, str(period.pk)))
    if perms.may_generate_most_consolidated(user):
        programme = current_programme("50/NQ-CP")
        regime = programme.reporting_regimes.filter(code="annual-report").first()
        if regime is not None:
            group = regimes.setdefault(
                regime.pk, {"regime": regime, "programme": programme, "periods": []}
            )
            recorded = {year for _value, _title, year in group["periods"]}
            missing = [
                (f"nam-{year}", choice_title(_("Năm %(year)s") % {"year": year}, regime), year)
                for year in range(today.year, (regime.first_year or 2020) - 1, -1)
                if year not in recorded
            ]
            group["periods"] = sorted(group["periods"] + missing, key=lambda c: c[2], reverse=True)
            if regime.deadline_month and regime.deadline_day:
                due += [
                    (datetime.date(year, regime.deadline_month, regime.deadline_day), value)
                    for value, _title, year in missing
                ]
    passed = [choice for choice in due if choice[0] < today]
    default = max(passed)[1] if passed else ""
    return list(regimes.values()), default


def _worker_warning() -> str:
    """Say so when no background worker has been seen for more than a minute."""
    seen = jobs.last_worker_seen()  # one query: alive is "seen lately"
    if seen is not None and seen >= jobs.silent_since():
        return ""
    if seen is None:
        return _("Chưa thấy bộ xử lý nền hoạt động — văn bản sẽ được tạo khi bộ xử lý chạy lại.")
    return _(
        "Chưa thấy bộ xử lý nền hoạt động từ %(since)s — văn bản sẽ được tạo khi bộ xử lý chạy lại."
    ) % {"since": format_datetime(seen)}


_templates = Prepared(lambda: DocumentTemplate.objects.select_related("uploaded_by")[:10], [], [])


def _worker_state(request: HttpRequest) -> str:
    """The worker warning, read before the page (a clock against the workers' heartbeat,
    not a row of the page): part of the cached page's key, and shown by it."""
    request.worker_warning = _worker_warning()  # type: ignore[attr-defined]
    return request.worker_warning  # type: ignore[attr-defined,no-any-return]


@login_required
@replay_cache.replayed_page(vary=_worker_state)
@require_safe
def document_list(request: HttpRequest) -> HttpResponse:
    if not perms.may_open_documents(request.user):
        raise PermissionDenied
    return _list_page(request)


def _list_page(
    request: HttpRequest,
    posted: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The documents page; after a refused request, the form that was sent (`posted["kind"]`)
    holds what was chosen and typed, the date's message beside the date."""
    documents = perms.latest_readable_documents(request.user)
    busy = any(d.shown_status in ("queued", "running") for d in documents)
    if busy:
        # A running document is shown as failed once it has run too long: not kept.
        replay_cache.do_not_store(request)
    user = request.user
    if request.headers.get("HX-Request"):
        return render(request, "documents/_rows.html", {"documents": documents, "busy": busy})
    may_templates = perms.has_capability(user, perms.MANAGE_TEMPLATES)
    consolidated_regimes, consolidated_default = _period_choices(user)
    may_agency = perms.may_make_agency_document(user)
    own_agency = getattr(user, "agency", None)
    agency_periods = services.agency_periods(own_agency) if may_agency and own_agency else []
    # The latest period whose deadline has passed (the one being reported), else the
    # latest (the first, the browser's choice).
    today = timezone.localdate()
    agency_default = next((p.pk for p in agency_periods if p.due_date < today), None)
    # The units' reports to the agency on its plan whose document the person may make.
    unit_reports = services.unit_reports(user)
    return render(
        request,
        "documents/list.html",
        {
            "documents": documents,
            "busy": busy,
            "consolidated_regimes": consolidated_regimes,
            "consolidated_default": consolidated_default,
            "may_agency": may_agency,
            "agency_periods": agency_periods,
            "agency_default": agency_default,
            "unit_reports": unit_reports,
            "may_templates": may_templates,
            # A Party body's documents follow the Party's rule (Hướng dẫn 36-HD/VPTW); a
            # reader who drafts nothing (oversight) reads others' documents: no rule named.
            "party_rule": getattr(getattr(user, "agency", None), "kind", None) in PARTY_KINDS,
            "drafts": bool(consolidated_regimes or may_agency or unit_reports),
            "templates": _templates.objects() if may_templates else [],
            "template_fields": templating.field_guide() if may_templates else [],
            "template_filters": ", ".join(templating.FILTERS),
            "worker_warning": request.worker_warning  # type: ignore[attr-defined]
            if hasattr(request, "worker_warning")
            else _worker_warning(),
            "this_year": timezone.localdate().year,
            "today": timezone.localdate().isoformat(),
            "nav_documents": True,  # asked above: the menu need not ask again
            "posted": posted or {},
            "errors": errors or {},
        },
        status=status,
    )


def _consolidated_period(request: HttpRequest, year: int) -> ReportingPeriod:
    """The period a consolidated draft is asked for: the one chosen (`period`, among
    those the person may consolidate: 404 otherwise), or MOST's yearly period of
    50/NQ-CP for `year`."""
    user = request.user
    today = timezone.localdate()
    raw = request.POST.get("period", "")
    if raw.startswith("nam-"):
        raw, year = "", int(raw[4:])
    if raw:
        period = get_object_or_404(
            perms.consolidated_periods(user, today).select_related(
                "regime__programme", "regime__recipient"
            ),
            pk=int(raw),
        )
        if not perms.may_generate_consolidated(user, period, today):
            raise Http404
        return period
    if not perms.may_generate_most_consolidated(user):
        raise PermissionDenied
    if not 2000 <= year <= today.year + 1:
        raise Http404
    return services.annual_period(current_programme("50/NQ-CP"), year)


# The request forms' fields, given back as sent when a request is refused.
REQUEST_FIELDS = ("kind", "period", "year", "cutoff", "fmt", "report")
# The form of a unit's report (an agency-report document made from the unit's report).
UNIT_FORM = "unit"


@login_required
@require_POST
@writes(Write.CREATE)
def request_document(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not perms.may_open_documents(user):
        raise PermissionDenied
    kind = request.POST.get("kind", "")
    fmt = request.POST.get("fmt", "docx")
    today = timezone.localdate()
    # What was chosen and typed (a NUL dropped: a page cannot show it), given back with
    # the page when the request is refused: nothing to choose or type again.
    posted = {f: request.POST.get(f, "").replace("\x00", "") for f in REQUEST_FIELDS}
    try:
        cutoff = parse_day(request.POST.get("cutoff", ""))
    except DayError as exc:
        return _list_page(request, posted, {"cutoff": str(exc)}, status=400)
    if cutoff is None:
        return _list_page(request, posted, {"cutoff": _("Hãy nhập ngày chốt số liệu.")}, status=400)
    try:
        year = int(request.POST.get("year") or today.year)
        int((request.POST.get("period") or "0").removeprefix("nam-"))
    except ValueError:
        messages.error(request, _("Kỳ báo cáo, năm hoặc ngày chốt số liệu không hợp lệ."))
        return _list_page(request, posted, status=400)
    if kind == UNIT_FORM:
        return _request_unit_document(request, cutoff, fmt, posted)
    if (
        fmt not in services.FORMATS
        or kind not in DocumentKind.values
        or not 2000 <= year <= today.year + 1
    ):
        messages.error(request, _("Yêu cầu không hợp lệ."))
        return _list_page(request, posted, status=400)
    try:
        if kind == DocumentKind.CONSOLIDATED:
            period = _consolidated_period(request, year)
            document, queued = services.queue_document(
                user,
                kind=kind,
                programme=period.regime.programme,
                year=period.year,
                cutoff=cutoff,
                fmt=fmt,
                period=period,
            )
        else:
            agency = getattr(user, "agency", None)
            if not perms.may_make_agency_document(user) or agency is None:
                raise PermissionDenied
            # One of the agency's own periods (any regime), or a year of 50/NQ-CP's.
            own = None
            if request.POST.get("period"):
                wanted = int(request.POST["period"])
                own = next((p for p in services.agency_periods(agency) if p.pk == wanted), None)
                if own is None:
                    raise Http404
            document, queued = services.queue_document(
                user,
                kind=kind,
                programme=own.regime.programme if own else current_programme("50/NQ-CP"),
                year=own.year if own else year,
                cutoff=cutoff,
                fmt=fmt,
                agency=agency,
                period=own,
            )
    except services.DocumentRefused as exc:
        messages.error(request, exc.message)
        return _list_page(request, posted, status=400)
    return _queued_message(request, document, queued)


def _queued_message(
    request: HttpRequest, document: GeneratedDocument, queued: bool
) -> HttpResponse:
    if queued:
        messages.success(
            request, _("Đã đưa yêu cầu vào hàng đợi; trang tự cập nhật khi văn bản được tạo xong.")
        )
    else:
        messages.info(
            request,
            _("Văn bản này đã được yêu cầu và đang được tạo (%(progress)s%%); không tạo thêm.")
            % {"progress": document.progress},
        )
    return redirect("documents:list")


def _request_unit_document(
    request: HttpRequest, cutoff: datetime.date, fmt: str, posted: dict[str, str]
) -> HttpResponse:
    """A unit's report document: the report chosen among those the person may make a
    document of (`permissions.unit_reports_for_documents`; any other: 404)."""
    report_id = whole_number(request.POST.get("report", ""))
    if fmt not in ("docx", "pdf") or report_id is None:
        messages.error(request, _("Yêu cầu không hợp lệ."))
        return _list_page(request, posted, status=400)
    report = get_object_or_404(
        perms.unit_reports_for_documents(request.user).select_related(
            "agency", "unit", "period__regime__programme"
        ),
        pk=report_id,
    )
    try:
        document, queued = services.queue_document(
            request.user,
            kind=DocumentKind.AGENCY,
            programme=report.period.regime.programme,
            year=report.period.year,
            cutoff=cutoff,
            fmt=fmt,
            agency=report.agency,
            period=report.period,
            unit=report.unit,
        )
    except services.DocumentRefused as exc:
        messages.error(request, exc.message)
        return _list_page(request, posted, status=400)
    return _queued_message(request, document, queued)


@login_required
@require_POST
@writes(Write.STEP)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """A new attempt at a failed or overdue document (the failed one stays listed)."""
    document = get_object_or_404(_visible(request), pk=pk)
    if not _may_request(request.user, document):
        raise PermissionDenied
    if not document.retryable:
        messages.error(request, _("Văn bản này không ở trạng thái lỗi nên không cần tạo lại."))
        return redirect("documents:list")
    try:
        services.retry_document(request.user, document)
    except services.DocumentRefused as exc:
        messages.error(request, exc.message)
        return redirect("documents:list")
    messages.success(request, _("Đã đưa yêu cầu tạo lại văn bản vào hàng đợi."))
    return redirect("documents:list")


@login_required
@require_safe
def download(request: HttpRequest, pk: int) -> FileResponse:
    # The content's visibility alone decides (an accepted report's document is as
    # readable as the accepted report); the list page is for those who make documents.
    document = get_object_or_404(
        perms.readable_documents(request.user, GeneratedDocument.objects), pk=pk
    )
    return stored_file(document)


@login_required
@require_POST
@writes(Write.CREATE)
def upload_template(request: HttpRequest) -> HttpResponse:
    if not perms.has_capability(request.user, perms.MANAGE_TEMPLATES):
        raise PermissionDenied
    upload = request.FILES.get("template")
    try:
        # Size, zip directory and paragraph caps before the template is opened.
        data = read_upload(upload, "template")
    except UploadRefused as exc:
        messages.error(request, exc.message)
        return redirect("documents:list")
    assert upload is not None
    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(data)
        handle.flush()
        try:
            check_template(Path(handle.name))
        except TemplateProblem as exc:
            messages.error(
                request,
                _("Mẫu không được dùng (mẫu trước vẫn được áp dụng): %(problem)s")
                % {"problem": exc},
            )
            return redirect("documents:list")
    shown = request.POST.get("current", "")
    try:
        services.replace_template(
            cast(User, request.user),
            Path(upload.name or "mau.docx").name,
            data,
            expected=whole_number(shown),
        )
    except services.TemplateNotApplied as exc:
        (messages.info if exc.already else messages.error)(request, str(exc))
        return redirect("documents:list")
    messages.success(request, _("Đã áp dụng mẫu mới cho các văn bản tạo từ nay."))
    return redirect("documents:list")


@login_required
@require_safe
def download_template(request: HttpRequest, pk: int) -> FileResponse:
    """Every uploaded template stays available to those who manage templates."""
    if not perms.has_capability(request.user, perms.MANAGE_TEMPLATES):
        raise PermissionDenied
    template = get_object_or_404(DocumentTemplate, pk=pk)
    if not template.file:
        raise Http404
    return FileResponse(
        template.file.open("rb"), as_attachment=True, filename=template.note or "mau.docx"
    )
