from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.core.audit import events_for
from lotrinh.core.downloads import attachment
from lotrinh.core.uploads import limit
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services, xlsx_form
from lotrinh.reporting.forms import ContributionForm, EntryForm, SectionsForm
from lotrinh.reporting.models import (
    AgencyReport,
    ContributionEntry,
    ReportEntry,
    ReportingPeriod,
    ReportStatus,
)

PROGRAMME = "50/NQ-CP"


def _user(request: HttpRequest) -> User:
    """The logged-in user (every view here requires login)."""
    return cast(User, request.user)


def _report(request: HttpRequest, pk: int, capability: str = perms.VIEW_REPORT) -> AgencyReport:
    return get_object_or_404(services.reports_for_user(_user(request), capability), pk=pk)


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    """The user's reports and what awaits her (read-only: reports are opened by the daily
    cycle or by the "start" button, never by this page)."""
    user = _user(request)
    if not perms.has_capability(user, perms.VIEW_REPORT):
        raise PermissionDenied
    programme = current_programme(PROGRAMME)
    regime = programme.reporting_regimes.filter(code="annual-report").first()
    own: list[AgencyReport] = []
    may_start: list[ReportingPeriod] = []
    if (
        regime is not None
        and user.agency_id
        and (
            perms.has_capability(user, perms.EDIT_REPORT)
            or perms.has_capability(user, perms.APPROVE_REPORT)
        )
    ):
        existing = {
            r.period.year: r
            for r in AgencyReport.objects.filter(agency_id=user.agency_id, period__regime=regime)
            .select_related("period", "agency")
            .order_by("period__year")
        }
        today = timezone.localdate()
        for period in services.periods_of(regime, today.year):
            if period.year in existing:
                own.append(existing[period.year])
            elif period.start <= today and user.agency in services.expected_reporters(
                regime, period
            ):
                may_start.append(period)
    submitted = []
    if perms.has_capability(user, perms.VIEW_COMPLIANCE):
        submitted = list(
            services.reports_for_user(user)
            .filter(status__in=(ReportStatus.SUBMITTED,))
            .order_by("period__year", "agency__name_vi")
        )
    notifications = list(user.notifications.filter(read_at__isnull=True)[:10])
    return render(
        request,
        "reporting/my_reports.html",
        {
            "own": own,
            "may_start": may_start,
            "to_review": submitted,
            "notifications": notifications,
            "programme": programme,
        },
    )


@login_required
@require_POST
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
    year = _bounded_int(request.POST.get("year", ""), 1990, 2200)
    if regime is None or year is None:
        messages.error(request, _("Kỳ báo cáo không hợp lệ."))
        return redirect("reporting:my_reports")
    try:
        report = services.start_report(request.user, regime, year)
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:my_reports")
    return redirect("reporting:report", pk=report.pk)


def _bounded_int(value: str, low: int, high: int) -> int | None:
    """An integer query/form parameter within bounds, or None (never a 500)."""
    value = (value or "").strip()
    if not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number if low <= number <= high else None


def _render_report(
    request: HttpRequest,
    report: AgencyReport,
    *,
    status: int = 200,
    sections_form: SectionsForm | None = None,
    contribution_forms: dict[int, ContributionForm] | None = None,
    conflicts: list[services.Conflict] | None = None,
) -> HttpResponse:
    """The report page; after a conflict, the user's text stays in its form beside the
    current value (`conflicts`), with the form's version moved so she can save the merge."""
    view = services.report_view(report, request.user)
    editable = report.is_editable and perms.can(request.user, perms.EDIT_REPORT, report.agency)
    overrides = contribution_forms or {}
    context = {
        "report": report,
        "view": view,
        "editable": editable,
        "may_approve": report.is_editable
        and perms.can(request.user, perms.APPROVE_REPORT, report.agency),
        "may_submit": report.status == ReportStatus.APPROVED
        and perms.can(request.user, perms.SUBMIT_REPORT, report.agency),
        "may_review": report.status == ReportStatus.SUBMITTED
        and perms.can(request.user, perms.REVIEW_REPORT),
        "may_revise": report.status == ReportStatus.ACCEPTED
        and perms.can(request.user, perms.EDIT_REPORT, report.agency),
        "may_comment": perms.can(request.user, perms.COMMENT),
        "entry_forms": [
            (entry, EntryForm(instance=entry, prefix=f"e{entry.pk}")) for entry in view.entries
        ]
        if editable
        else [],
        "contribution_forms": [
            (c, overrides.get(c.pk) or ContributionForm(instance=c, prefix=f"c{c.pk}"))
            for c in view.contributions
        ]
        if editable
        else [],
        "sections_form": sections_form
        or SectionsForm(
            initial={
                "general_assessment": report.general_assessment,
                "proposals_to_government": report.proposals_to_government,
                "version": report.sections_version,
            }
        ),
        "conflicts": conflicts or [],
        "evidence": [e for e in view.entries if e.evidence_file],
        "events": events_for(report)[:50],
        "snapshots": report.snapshots.select_related("created_by").all(),
        "comments": report.comments.select_related("author", "author__agency").all(),
    }
    return render(request, "reporting/report.html", context, status=status)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_report(request, _report(request, pk))


def _with_version(form: Any, field: str, version: int) -> None:
    """Move a bound form's hidden version to the current one (after a conflict)."""
    data = form.data.copy()
    data[field] = str(version)
    form.data = data


@login_required
@require_POST
def save_entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    report = _report(request, pk, perms.EDIT_REPORT)
    entry = get_object_or_404(
        ReportEntry.objects.select_related("task"), pk=entry_pk, report=report
    )
    form = EntryForm(request.POST, request.FILES, instance=entry, prefix=f"e{entry.pk}")
    status = 200
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "evidence_file")}
        if form.add_prefix("evidence_file") in request.FILES:
            data["evidence_file"] = request.FILES[form.add_prefix("evidence_file")]
        try:
            entry = services.save_entry(
                entry, request.user, data, expected_version=form.cleaned_data["version"]
            )
            form = EntryForm(instance=entry, prefix=f"e{entry.pk}")
            form.saved = True  # type: ignore[attr-defined]
        except services.ConflictError as exc:
            entry.refresh_from_db()
            # Keep what she typed in the form; show the current value beside it.
            _with_version(form, f"e{entry.pk}-version", entry.version)
            form.conflict = (str(exc), exc.conflicts)  # type: ignore[attr-defined]
            status = 409
        except services.WorkflowError as exc:
            form.add_error(None, str(exc))
            status = 400
    else:
        status = 400
    return render(
        request,
        "reporting/_entry_form.html",
        {"report": report, "entry": entry, "form": form},
        status=status,
    )


@login_required
@require_POST
def save_contribution(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    report = _report(request, pk, perms.EDIT_REPORT)
    contribution = get_object_or_404(ContributionEntry, pk=contribution_pk, report=report)
    form = ContributionForm(request.POST, instance=contribution, prefix=f"c{contribution.pk}")
    if not form.is_valid():
        return _render_report(
            request, report, status=400, contribution_forms={contribution.pk: form}
        )
    try:
        services.save_contribution(
            contribution,
            request.user,
            form.cleaned_data["contribution"],
            form.cleaned_data["version"],
        )
    except services.ConflictError as exc:
        contribution.refresh_from_db()
        _with_version(form, f"c{contribution.pk}-version", contribution.version)
        messages.error(request, str(exc))
        return _render_report(
            request,
            report,
            status=409,
            contribution_forms={contribution.pk: form},
            conflicts=exc.conflicts,
        )
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:report", pk=report.pk)
    messages.success(request, _("Đã lưu nội dung phối hợp."))
    return redirect("reporting:report", pk=report.pk)


@login_required
@require_POST
def save_sections(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, perms.EDIT_REPORT)
    form = SectionsForm(request.POST)
    if not form.is_valid():
        return _render_report(request, report, status=400, sections_form=form)
    try:
        services.save_sections(
            report,
            request.user,
            general_assessment=form.cleaned_data["general_assessment"],
            proposals_to_government=form.cleaned_data["proposals_to_government"],
            expected_version=form.cleaned_data["version"],
        )
    except services.ConflictError as exc:
        report.refresh_from_db()
        _with_version(form, "version", report.sections_version)
        messages.error(request, str(exc))
        return _render_report(
            request, report, status=409, sections_form=form, conflicts=exc.conflicts
        )
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("reporting:report", pk=report.pk)
    messages.success(request, _("Đã lưu phần đánh giá chung và kiến nghị."))
    return redirect("reporting:report", pk=report.pk)


ACTIONS = {
    "approve": (
        perms.APPROVE_REPORT,
        lambda r, u, p: services.approve_report(r, u),
        gettext_lazy("Đã duyệt báo cáo."),
    ),
    "submit": (
        perms.SUBMIT_REPORT,
        lambda r, u, p: services.submit_report(r, u),
        gettext_lazy("Đã gửi báo cáo tới Bộ Khoa học và Công nghệ."),
    ),
    "accept": (
        perms.REVIEW_REPORT,
        lambda r, u, p: services.accept_report(r, u),
        gettext_lazy("Đã tiếp nhận báo cáo."),
    ),
    "return": (
        perms.REVIEW_REPORT,
        lambda r, u, p: services.return_report(r, u, p.get("comment", "")),
        gettext_lazy("Đã trả lại báo cáo kèm ý kiến."),
    ),
    "revise": (
        perms.EDIT_REPORT,
        lambda r, u, p: services.revise_accepted_report(r, u, p.get("reason", "")),
        gettext_lazy("Đã mở lần điều chỉnh mới của báo cáo."),
    ),
}


@login_required
@require_POST
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    capability, step, done = ACTIONS[action]
    report = _report(
        request, pk, capability if capability in perms.OWN_AGENCY_ONLY else perms.VIEW_REPORT
    )
    if not perms.has_capability(request.user, capability):
        raise PermissionDenied  # the step is not this role's, whatever the report's state
    try:
        step(report, request.user, request.POST)
        messages.success(request, done)
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:report", pk=report.pk)


@login_required
@require_POST
def add_comment(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not perms.can(request.user, perms.COMMENT):
        raise PermissionDenied
    try:
        services.add_report_comment(report, request.user, request.POST.get("text", ""))
        messages.success(request, _("Đã gửi ý kiến."))
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:report", pk=report.pk)


@login_required
@require_POST
def add_task_comment(request: HttpRequest, task_pk: int) -> HttpResponse:
    from lotrinh.programmes.models import Task

    task = get_object_or_404(Task.objects.select_related("programme", "clause"), pk=task_pk)
    if not perms.has_capability(request.user, perms.COMMENT):
        raise PermissionDenied
    try:
        services.add_task_comment(task, request.user, request.POST.get("text", ""))
        messages.success(request, _("Đã gửi ý kiến."))
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(
        f"{reverse('programmes:task', args=[task.programme.slug, task.clause.anchor])}#comments"
    )


@login_required
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
def download_form(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, perms.EDIT_REPORT)
    return attachment(
        xlsx_form.build_form(report), f"bao-cao-{report.period.year}-{report.agency.code}.xlsx"
    )


@login_required
@require_POST
def upload_form(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, perms.EDIT_REPORT)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Chưa chọn tệp."))
        return redirect("reporting:report", pk=report.pk)
    try:
        count = xlsx_form.import_form(
            report, request.user, upload.read(limit("LOTRINH_XLSX_MAX_BYTES") + 1)
        )
    except xlsx_form.FormErrors as exc:
        return render(
            request,
            "reporting/upload_errors.html",
            {"report": report, "problems": exc.problems},
            status=400,
        )
    except services.ConflictError as exc:
        return render(
            request,
            "reporting/upload_errors.html",
            {"report": report, "problems": [], "conflicts": exc.conflicts, "message": str(exc)},
            status=409,
        )
    if count:
        messages.success(request, _("Đã cập nhật %(n)s nhiệm vụ từ tệp Excel.") % {"n": count})
    else:
        messages.info(request, _("Tệp không có thay đổi nào so với lúc tải về: không lưu gì."))
    return redirect("reporting:report", pk=report.pk)
