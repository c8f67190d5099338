import datetime
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.core import replay_cache
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.downloads import attachment
from lotrinh.core.locale import name_order
from lotrinh.core.params import bounded_int
from lotrinh.core.typed_back import typed_back_page, typed_texts
from lotrinh.core.uploads import UploadRefused, limit
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import form_uploads, guidance, rollup, services, xlsx_form
from lotrinh.reporting.models import (
    AgencyReport,
    FormUpload,
    ReportEntry,
    ReportingPeriod,
    ReportStatus,
    UploadStatus,
)

PROGRAMME = "50/NQ-CP"


def _user(request: HttpRequest) -> User:
    """The logged-in user (every view here requires login)."""
    return cast(User, request.user)


def _report(request: HttpRequest, pk: int, capability: str = perms.VIEW_REPORT) -> AgencyReport:
    return get_object_or_404(services.reports_for_user(_user(request), capability), pk=pk)


class _MyReportsQueries:
    """The fixed-shape queries of "my reports", compiled once per connection
    (core/prepared.py): the programme's annual regime, the agency's reports under it and
    under other regimes, the person's latest unread notifications.
    tests/reporting/test_my_reports_queries.py compares them with the querysets."""

    def __init__(self) -> None:
        from lotrinh.agencies.models import Agency
        from lotrinh.core.prepared import Prepared
        from lotrinh.programmes.models import Programme
        from lotrinh.reporting.models import Notification, ReportingRegime

        agency, regime = Agency._meta.pk, ReportingRegime._meta.pk
        samples = [987_654_325, 987_654_326]
        self.regime = Prepared(
            lambda programme_id: ReportingRegime.objects.filter(
                programme_id=programme_id, code="annual-report"
            ).order_by("pk")[:1],
            [Programme._meta.pk],
            [987_654_327],
        )
        self.existing = Prepared(
            lambda agency_id, regime_id: (
                AgencyReport.objects.filter(agency_id=agency_id, period__regime_id=regime_id)
                .select_related("period", "agency")
                .order_by("period__year")
            ),
            [agency, regime],
            samples,
        )
        # Regime 0 (none) excludes nothing.
        self.others = Prepared(
            lambda agency_id, regime_id: (
                AgencyReport.objects.filter(agency_id=agency_id, unit__isnull=True)
                .exclude(period__regime_id=regime_id)
                .select_related("period__regime__programme")
                .order_by("-period__year", "-period__part", "period__regime_id")[:24]
            ),
            [agency, regime],
            samples,
        )
        self.unread = Prepared(
            lambda user_id: Notification.objects.filter(user_id=user_id, read_at__isnull=True)[:10],
            [User._meta.pk],
            [987_654_328],
        )


_my_reports: _MyReportsQueries | None = None


def _my_reports_queries() -> _MyReportsQueries:
    global _my_reports
    if _my_reports is None:
        _my_reports = _MyReportsQueries()
    return _my_reports


@login_required
@replay_cache.replayed_page
@require_safe
def my_reports(request: HttpRequest) -> HttpResponse:
    """The user's reports and what awaits her (read-only: reports are opened by the daily
    cycle or by the "start" button, never by this page)."""
    user = _user(request)
    if not perms.has_capability(user, perms.VIEW_REPORT):
        raise PermissionDenied
    programme = current_programme(PROGRAMME)
    queries = _my_reports_queries()
    found_regime = queries.regime.objects(programme.pk)
    regime = found_regime[0] if found_regime else None
    own: list[AgencyReport] = []
    may_start: list[ReportingPeriod] = []
    today = timezone.localdate()
    if (
        regime is not None
        and user.agency_id
        and (
            perms.has_capability(user, perms.EDIT_REPORT)
            or perms.has_capability(user, perms.APPROVE_REPORT)
        )
    ):
        existing = {r.period.year: r for r in queries.existing.objects(user.agency_id, regime.pk)}
        assert user.agency is not None
        expected = services.reports_expected_of(regime, user.agency)  # one query, any years
        for period in services.periods_of(regime, today.year):
            if period.year in existing:
                own.append(existing[period.year])
            elif period.start <= today and expected(period) and user.unit_id is None:
                may_start.append(period)  # a unit's officer opens her unit's, not the agency's
        own.reverse()  # the latest period first: the one being written
    # The agency's reports under other regimes (a Party committee's six-monthly reports
    # on 52-NQ/TW to the Commission): one query.
    other_own: list[AgencyReport] = []
    if user.agency_id and perms.has_capability(user, perms.VIEW_REPORT):
        other_own = queries.others.objects(user.agency_id, regime.pk if regime else 0)
    # What the bodies the agency succeeded had sent (Tỉnh ủy Bắc Giang's reports for Tỉnh
    # ủy Bắc Ninh): its history, read-only (`permissions.predecessor_ids`), one query each.
    inherited: list[AgencyReport] = []
    predecessors = perms.predecessor_ids(user)
    if predecessors:
        inherited = list(
            services.reports_for_user(user)
            .filter(agency_id__in=sorted(predecessors), unit__isnull=True)
            .order_by("-period__due_date", name_order("agency__"), "pk")
        )
    # An ended receiving body's monitor (Ban Kinh tế Trung ương after 23/01/2025): what was
    # sent to it before its end, read-only, and who receives since (one query each).
    received_before: list[AgencyReport] = []
    ended = None
    scope = recipients, until = perms.received_scope(user)
    if recipients and until is not None:
        received_before = list(
            services.reports_for_user(user)
            .filter(perms.received_rule(user, scope=scope))
            .select_related("period__regime__programme", "agency")
            .order_by("-period__due_date", name_order("agency__"), "pk")
        )
        assert user.agency is not None
        first_day = timezone.localtime(until).date()
        holder = perms.succession_graph(user).holder_at(user.agency, first_day)
        ended = {
            "last_day": first_day - datetime.timedelta(days=1),
            "first_day": first_day,
            "holder": holder if holder.pk != user.agency_id else None,
        }
    submitted = []
    if perms.has_capability(user, perms.VIEW_COMPLIANCE):
        # What waits for MOST's decision: not the reports sent to another body.
        submitted = list(
            services.reports_for_user(user)
            .filter(perms.most_receives("period__"), status=ReportStatus.SUBMITTED)
            .select_related("period__regime__programme")
            .order_by("period__year", "period__part", name_order("agency__"))
        )
    elif perms.received_recipient_ids(user):
        # The receiving body's monitor: the reports sent to it wait for its decision.
        submitted = list(
            services.reports_for_user(user, perms.REVIEW_REPORT)
            .filter(status=ReportStatus.SUBMITTED, unit__isnull=True)
            .select_related("period__regime__programme")
            .order_by("period__year", "period__part", name_order("agency__"))
        )
    from lotrinh.reporting.views_regimes import followed_regimes

    # A unit's officer (a province's department): her unit's reports to the agency.
    unit_reports, unopened = rollup.unit_reports_of(user, today)
    # A draft the leader is asked to approve says so in the lists (one query).
    guidance.mark_approval_requested([*own, *other_own, *unit_reports])
    notifications = queries.unread.objects(user.pk)
    return render(
        request,
        "reporting/my_reports.html",
        {
            "programme_codes": programme_codes(
                programme, own, may_start, [*unit_reports, *other_own], submitted
            ),
            "own": own,
            "other_own": other_own,
            "inherited": inherited,
            "received_before": received_before,
            "ended": ended,
            "unit_reports": unit_reports,
            "unit_plans": unopened.plans,
            # A unit's leader is told the report is not open, and who opens it: no button.
            "unit_may_open": unopened.may_open,
            "unit_openers": unopened.openers,
            "today": today,
            "may_start": may_start,
            "to_review": submitted,
            "notifications": notifications,
            "programme": programme,
            # The receiving body's monitor follows each period of the regimes sent to it.
            "followed": followed_regimes(user),
            "may_list_amendments": perms.may_list_amendments(user),
        },
    )


def programme_codes(
    programme: Any,
    own: list[AgencyReport],
    may_start: list[Any],
    other_own: list[AgencyReport],
    to_review: list[AgencyReport],
) -> list[str]:
    """The programmes of the reports the page lists (the person's own, those it may
    start, those waiting for it), in that order: the heading names them ("Báo cáo thực
    hiện 52-NQ/TW" for a Party committee and the Commission), not 50/NQ-CP for all."""
    codes = [programme.code] if (own or may_start) and programme is not None else []
    for report in [*other_own, *to_review]:
        code = report.period.regime.programme.code
        if code not in codes:
            codes.append(code)
    return codes


@login_required
@require_POST
@writes(Write.CREATE)
def start_report(request: HttpRequest) -> HttpResponse:
    """ "Bắt đầu soạn báo cáo": create the agency's report for a year (a POST, never a GET)."""
    user = _user(request)
    if user.agency_id is None or not (
        perms.has_capability(user, perms.EDIT_REPORT)
        or perms.has_capability(user, perms.APPROVE_REPORT)
    ):
        raise PermissionDenied  # only the people of a reporting agency open its report
    programme = current_programme(PROGRAMME)
    regime = programme.reporting_regimes.filter(code="annual-report").first()
    year = bounded_int(request.POST.get("year", ""), 1990, 2200)
    if regime is None or year is None:
        messages.error(request, _("Kỳ báo cáo không hợp lệ."))
        return redirect("reporting:my_reports")
    try:
        report, _started = services.start_report(request.user, regime, year)
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:my_reports")
    return redirect("reporting:report", pk=report.pk)


@login_required
@require_POST
@writes(Write.CREATE)
def add_comment(request: HttpRequest, pk: int) -> HttpResponse:
    text = request.POST.get("text", "")
    try:
        report = _report(request, pk)
    except Http404:
        typed = typed_texts(request, [("text", _("Ý kiến của bạn"))])
        if not typed:
            raise
        # No longer readable (returned, reopened…) or never there: the same 404, which
        # names no state, with what was typed to copy.
        return typed_back_page(
            request,
            typed,
            _("Báo cáo này không còn nhận ý kiến của bạn."),
            back_url=reverse("reporting:my_reports"),
            back_label=_("Về danh sách báo cáo"),
        )
    if not perms.can(request.user, perms.COMMENT):
        raise PermissionDenied
    try:
        services.add_report_comment(report, request.user, text)
        messages.success(request, _("Đã gửi ý kiến."))
    except services.AlreadyDone as exc:
        messages.info(request, str(exc))
    except services.WorkflowError as exc:
        from lotrinh.reporting.views_report import _render_report  # it imports this module

        # Nothing is recorded; the page again with what was typed, the message beside it.
        return _render_report(
            request,
            report,
            status=400,
            comment_typed=text.replace("\x00", ""),
            comment_error=str(exc),
        )
    return redirect("reporting:report", pk=report.pk)


@login_required
@require_POST
@writes(Write.CREATE)
def add_task_comment(request: HttpRequest, task_pk: int) -> HttpResponse:
    from lotrinh.programmes.models import Task

    task = Task.objects.select_related("programme", "clause").filter(pk=task_pk).first()
    if task is None or not perms.may_read_programme(request.user, task.programme):
        # Another agency's plan, or a draft: not even its address. A plan withdrawn from
        # her while she typed: the same 404, with what was typed to copy.
        typed = typed_texts(request, [("text", _("Ý kiến của bạn"))])
        if not typed:
            raise Http404
        return typed_back_page(request, typed, _("Nhiệm vụ này không còn nhận ý kiến của bạn."))
    if not perms.may_comment_on_task(request.user, task):
        raise PermissionDenied
    text = request.POST.get("text", "")
    try:
        services.add_task_comment(task, request.user, text)
        messages.success(request, _("Đã gửi ý kiến."))
    except services.AlreadyDone as exc:
        messages.info(request, str(exc))
    except services.WorkflowError as exc:
        from lotrinh.programmes.services import task_by_anchor
        from lotrinh.programmes.views import task_page

        # Nothing is recorded; the task page again with what was typed, the message
        # beside it.
        shown = task_by_anchor(task.programme, task.clause.anchor)
        return task_page(
            request,
            task.programme,
            shown,
            status=400,
            refused_comment=(text.replace("\x00", ""), str(exc)),
        )
    return redirect(
        f"{reverse('programmes:task', args=[task.programme.slug, task.clause.anchor])}#comments"
    )


@login_required
@require_safe
def evidence_download(request: HttpRequest, pk: int, entry_pk: int) -> FileResponse:
    """An evidence file, to those who may read the report, as an attachment (never rendered)."""
    from lotrinh.reporting import evidence

    report = _report(request, pk)
    entry = get_object_or_404(ReportEntry, pk=entry_pk, report=report)
    if not entry.evidence_file:
        raise Http404
    try:
        handle = entry.evidence_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    stored = entry.evidence_file.name or ""
    extension = entry.evidence_type or stored.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=entry.evidence_name or stored.rsplit("/", 1)[-1],
        content_type=evidence.CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def download_form(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, perms.EDIT_REPORT)
    return attachment(
        xlsx_form.build_form(report), f"bao-cao-{report.period.year}-{report.agency.code}.xlsx"
    )


@login_required
@require_POST
@writes(Write.CREATE)
def upload_form(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept a filled-in form and queue it on the worker; nothing is parsed here."""
    report = _report(request, pk, perms.EDIT_REPORT)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Chưa chọn tệp."))
        return redirect("reporting:report", pk=report.pk)
    data = upload.read(limit("LOTRINH_XLSX_MAX_BYTES") + 1)
    try:
        job = form_uploads.queue_upload(report, request.user, data, upload.name or "")
    except (UploadRefused, services.WorkflowError) as exc:
        message = exc.message if isinstance(exc, UploadRefused) else str(exc)
        return render(
            request,
            "reporting/upload_errors.html",
            {"report": report, "problems": [message]},
            status=400,
        )
    return redirect("reporting:upload_page", pk=report.pk, upload_pk=job.pk)


@login_required
@require_safe
def upload_page(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponse:
    """The state of one uploaded form: polled by htmx until processed. Never writes."""
    report = _report(request, pk, perms.EDIT_REPORT)
    job = get_object_or_404(
        FormUpload.objects.defer("data").select_related("created_by"), pk=upload_pk, report=report
    )
    now = timezone.now()
    active = form_uploads.is_active(job)
    context = {
        "report": report,
        "job": job,
        "active": active,
        "problems": job.reader_problems,
        "conflicts": form_uploads.conflicts_of(job),
        "waiting_long": job.status == UploadStatus.QUEUED
        and (now - job.created_at).total_seconds() > 60,
    }
    template = (
        "reporting/_upload_job.html"
        if request.headers.get("HX-Request")
        else "reporting/upload.html"
    )
    return render(request, template, context)
