"""Pages of the cascade (docs/cascade.md): an agency's plans as child programmes (import,
links, units, publish, the units' reports), and the roll-up into the report to MOST.
Visibility is decided in permissions.py; the rules are in programmes/cascade.py and
reporting/rollup.py."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.agencies.models import Unit
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.locale import localized, name_order
from lotrinh.core.params import whole_number
from lotrinh.core.text import posted_pk
from lotrinh.core.uploads import UploadRefused, read_upload
from lotrinh.importer import service as import_service
from lotrinh.importer.job_page import JobLinks, job_response
from lotrinh.importer.models import ImportJob, JobKind
from lotrinh.importer.review import pdf_tables_unread
from lotrinh.programmes import cascade, plan_import
from lotrinh.programmes.models import (
    Programme,
    Role,
    Task,
    TaskLink,
    UnitAddressee,
)
from lotrinh.reporting import reminders, rollup
from lotrinh.reporting.models import AgencyReport
from lotrinh.reporting.services import WorkflowError
from lotrinh.reporting.views_compliance import outcome_badge, outcome_message


def _children(user: User) -> list[Programme]:
    queryset = Programme.objects.filter(perms.agency_plan_rule())
    return list(
        perms.visible_child_programmes(user, queryset)
        .select_related("issuer", "implements")
        .order_by(name_order("issuer__"), "issuer_id", "code", "-version")
    )


@login_required
@require_safe
def plans(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    # A Party body's page speaks of its committee's plan, and of the resolution its plan
    # is filed under when it cites none (`cascade.party_parent`), not of 50/NQ-CP.
    party = user.agency is not None and user.agency.is_party
    default = cascade.party_parent(user.agency) if party else None
    return render(
        request,
        "reporting/cascade_plans.html",
        {
            "programmes": _children(user),
            "may_import": user.agency is not None and perms.can(user, perms.EDIT_PLAN, user.agency),
            "parents": _parent_choices(),
            "party": party,
            "party_default": default.programme.code if default else "",
        },
    )


def _parent_choices() -> list[tuple[int, str, str]]:
    """The import form's programmes: (id, "number — title" shortened, the title's
    language), the title in the page's language where the registry has it."""
    choices = []
    for parent in cascade.plan_parents():
        title, language = localized(parent, "title")
        title = " ".join(title.split())
        label = f"{parent.code} — {Truncator(title).chars(90)}" if title else parent.code
        choices.append((parent.pk, label, language))
    return choices


@login_required
@require_POST
@writes(Write.CREATE)
def import_plan(request: HttpRequest) -> HttpResponse:
    """Queue the import of the agency's plan: only the checks that cost no parsing here
    (size, type, the zip directory); the parse runs on the worker (`plan_import`)."""
    user = cast(User, request.user)
    if user.agency is None or not perms.can(user, perms.EDIT_PLAN, user.agency):
        raise Http404
    document = request.FILES.get("document")
    try:
        # The programme chosen on the form is checked before the file is kept: a refused
        # choice keeps nothing.
        asked = request.POST.get("parent", "").strip()
        chosen = cascade.chosen_parent(asked) if asked else None
        data = read_upload(document, "document", deep=False)
        assert document is not None
        job = plan_import.queue_plan_import(
            data,
            document.name or "ke-hoach",
            user,
            user.agency,
            parent=chosen.programme if chosen else None,
            code=request.POST.get("code", ""),
        )
    except UploadRefused as exc:
        messages.error(request, exc.message)
    except cascade.CascadeError as exc:
        messages.error(request, str(exc))
    else:
        return redirect("cascade:import_job", pk=job.pk)
    return redirect("cascade:plans")


def _import_job(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(
        ImportJob.objects.select_related("plan", "created_by"), pk=pk, kind=JobKind.PLAN
    )
    if not perms.may_follow_plan_import(request.user, job):
        raise Http404
    return job


@login_required
@require_safe
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The state of one plan import; polled by htmx until it is done or failed. Never
    writes. Done: the draft's page."""
    job = _import_job(request, pk)
    return job_response(
        request,
        job,
        done_url=reverse("cascade:plan", args=[job.plan_id]) if job.plan_id else None,
        page="reporting/cascade_import_job.html",
        links=JobLinks(
            poll_url=reverse("cascade:import_job", args=[job.pk]),
            retry_url=reverse("cascade:import_retry", args=[job.pk]),
            another_file_url=reverse("cascade:plans"),
            progress_hint=gettext_lazy(
                "Trang tự cập nhật; khi nhận dạng xong sẽ chuyển sang bản nháp của kế hoạch. "
                "Các gợi ý liên kết được xem lại theo nội dung văn bản sau đó (vài phút với kế "
                "hoạch dài)."
            ),
            say_nothing_changed=True,
        ),
    )


@login_required
@require_POST
@writes(Write.STEP)
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _import_job(request, pk)
    try:
        import_service.retry_import(job, request.user)
    except import_service.JobError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã đưa kế hoạch vào hàng đợi nhận dạng lại."))
    return redirect("cascade:import_job", pk=job.pk)


def _child(request: HttpRequest, pk: int) -> Programme:
    programme = get_object_or_404(
        Programme.objects.select_related("issuer", "implements"),
        perms.agency_plan_rule(),
        pk=pk,
    )
    if not perms.may_read_child_programme(request.user, programme):
        raise Http404
    return programme


def _report_years(programme: Programme, shown: int) -> list[int]:
    """The years of the plan's own regime up to this one (newest first), and the year shown
    if it is earlier (the view accepts years from 1990), for the year select."""
    regime = programme.reporting_regimes.filter(first_year__isnull=False).first()
    this_year = timezone.localdate().year
    first = min(regime.first_year if regime and regime.first_year else this_year, this_year, shown)
    return list(range(this_year, first - 1, -1))


def _year(asked: str) -> int:
    """A year asked for in a form or link ("2025"), else this one."""
    year = whole_number(asked) if len(asked) == 4 else None
    return year if year is not None and year >= 1990 else timezone.localdate().year


@login_required
@require_safe
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, _child(request, pk))


def _plan_page(
    request: HttpRequest,
    programme: Programme,
    *,
    status: int = 200,
    refused: dict[str, object] | None = None,
) -> HttpResponse:
    """The plan's page; after a refused link or assignment, `refused` (task, what, the
    typed value, the role, the message) puts what was typed back in that task's form."""
    user = cast(User, request.user)
    tasks = list(
        programme.tasks.order_by("position").prefetch_related(
            "links_up__parent_task", "unit_assignments__unit", "unit_addressees"
        )
    )
    issuer = programme.issuer
    assert issuer is not None
    # The year asked for (MOST's compliance page links here with its year), else this one.
    year = _year(request.GET.get("year", ""))
    compliance = []
    show_units = programme.is_published and perms.may_view_unit_compliance(user, issuer)
    if show_units:
        try:
            compliance = rollup.unit_compliance(programme, year)
        except WorkflowError:
            compliance = []
    own_reports = []
    if user.unit_id is not None and user.agency_id == programme.issuer_id:
        own_reports = list(
            AgencyReport.objects.filter(
                unit_id=user.unit_id, period__regime__programme=programme
            ).select_related("period")
        )
    editable = programme.status == "draft" and perms.may_edit_child_programme(user, programme)
    if refused and not editable:  # no form to show it beside: said at the top
        messages.error(request, str(refused["error"]))
    return render(
        request,
        "reporting/cascade_plan.html",
        {
            "programme": programme,
            "tasks": tasks,
            "editable": editable,
            # Imported from a PDF in which no table was read: its appendix may be missing.
            "pdf_tables_unread": editable
            and pdf_tables_unread(programme.source, (task.ref for task in tasks)),
            # The programme a draft implements may still be corrected (`change_parent`).
            "parents": _parent_choices() if editable else [],
            # A plan with no tasks says how its tasks come: its issuer imports the text.
            "may_import": not tasks and perms.can(user, perms.EDIT_PLAN, issuer),
            # Offered once on the page (a datalist every task's form refers to): the page
            # does not grow as tasks × units.
            "units": cascade.assignable_units(issuer, timezone.localdate()),
            "parent_tasks": programme.implements.tasks.order_by("position")
            if programme.implements
            else [],
            "compliance": compliance,
            # A unit's report is linked for those who may open it (a unit's draft is its
            # own people's: the agency's monitor sees its state, not a link to a 404).
            "readable_reports": {
                row.report.pk
                for row in compliance
                if row.report is not None
                and perms.may_read_report(
                    user, row.report.agency_id, row.report.status, row.report.unit_id
                )
            },
            # The "Nhắc" button of a unit whose report is not sent (the rule is
            # `reminders.remind_unit`, which says why when it does not send).
            "remindable": {row.unit.pk for row in compliance if not row.sent}
            if show_units and perms.may_remind_units(user, issuer)
            else set(),
            "year": year,
            "years": _report_years(programme, year),
            "show_units": show_units,
            "own_reports": own_reports,
            "may_start": programme.is_published
            and user.unit_id is not None
            and user.agency_id == programme.issuer_id
            and perms.has_capability(user, perms.EDIT_REPORT),
            "roles": Role.choices,
            "parent_reason": cascade.parent_reason(programme),
            # What the document was read as, while the draft is reviewed.
            "reading": cascade.document_reading(programme) if editable else None,
            "refused": refused or {},
        },
        status=status,
    )


@login_required
@require_POST
@writes(Write.CREATE, Write.STEP, Write.EDIT, version="draft_version")
def plan_save(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    programme = _child(request, pk)
    what = request.POST.get("what", "")
    if what == "start_report":
        if user.unit_id is None or user.agency_id != programme.issuer_id:
            raise PermissionDenied
    elif not perms.may_edit_child_programme(user, programme):
        raise PermissionDenied
    task: Task | None = None  # the task of a link or an assignment, once found
    try:
        if what in ("confirm", "reject"):
            link = TaskLink.objects.filter(
                pk=posted_pk(request.POST.get("link", "")), task__programme=programme
            ).first()
            if link is None:  # removed meanwhile, in another tab or by a colleague
                raise cascade.CascadeError(
                    _("Gợi ý liên kết này đã được bỏ (có thể bởi người khác): hãy tải lại trang.")
                )
            if what == "confirm":
                cascade.confirm_link(user, link)
            else:
                cascade.reject_link(user, link)
        elif what == "add_link":
            task = get_object_or_404(
                Task, pk=int(request.POST.get("task", "0") or 0), programme=programme
            )
            # The parent's task picked from the page's one list (by reference), or by id.
            if "parent_ref" in request.POST:
                parent_task = cascade.parent_task_named(programme, request.POST["parent_ref"])
            else:
                parent_task = get_object_or_404(
                    Task,
                    pk=int(request.POST.get("parent_task", "0") or 0),
                    programme=programme.implements,
                )
            cascade.add_link(user, task, parent_task)
        elif what == "assign":
            task = get_object_or_404(
                Task, pk=int(request.POST.get("task", "0") or 0), programme=programme
            )
            issuer = programme.issuer
            assert issuer is not None
            # The unit picked from the page's one list of units (by name), or by id.
            found = (
                cascade.unit_named(issuer, request.POST["unit_name"], timezone.localdate())
                if "unit_name" in request.POST
                else Unit.objects.filter(
                    pk=posted_pk(request.POST.get("unit", "")), agency=issuer
                ).first()
            )
            if found is None:
                typed = request.POST.get("unit_name", "")[:200]
                message = _(
                    "Không có đơn vị nào tên “%(name)s” trong cơ quan: hãy chọn trong danh sách."
                ) % {"name": typed}
                closest = cascade.closest_units(issuer, typed, timezone.localdate())
                if typed.strip() and closest:
                    message += " " + _("Gần nhất: %(names)s.") % {"names": "; ".join(closest)}
                raise cascade.CascadeError(message)
            # The draft's version the page showed: a coordinating role given since is
            # not undone by a lead from this tab (`assign_unit`).
            posted_version = request.POST.get("draft_version")
            draft_seen = whole_number(posted_version)
            if posted_version is not None and draft_seen is None:
                draft_seen = -1  # sent but unreadable: a crafted post, never unchecked
            cascade.assign_unit(
                user, task, found, request.POST.get("role", ""), shown_version=draft_seen
            )
        elif what == "assign_group":
            addressee = get_object_or_404(
                UnitAddressee,
                pk=int(request.POST.get("addressee", "0") or 0),
                task__programme=programme,
            )
            made = cascade.assign_unit_group(user, addressee)
            messages.success(
                request,
                ngettext(
                    "Đã giao nhiệm vụ cho %(n)s đơn vị.",
                    "Đã giao nhiệm vụ cho %(n)s đơn vị.",
                    len(made),
                )
                % {"n": len(made)},
            )
            return redirect("cascade:plan", pk=programme.pk)
        elif what == "change_parent":
            # Chosen among the national programmes (`chosen_parent` refuses any other id).
            choice = cascade.chosen_parent(request.POST.get("parent", ""))
            # The programme the page showed: a tab opened before a colleague changed it
            # changes nothing (`change_parent`), nor a post that does not say (0).
            shown = posted_pk(request.POST.get("shown", ""))
            cascade.change_parent(user, programme, choice, shown)
            messages.success(
                request,
                _(
                    "Đã đổi chương trình mà kế hoạch thực hiện thành %(code)s: các liên kết "
                    "cũ đã bỏ, gợi ý liên kết được lập lại."
                )
                % {"code": choice.programme.code},
            )
            return redirect("cascade:plan", pk=programme.pk)
        elif what == "publish":
            # The draft's version the page showed: a colleague's change since refuses it.
            version = request.POST.get("draft_version")
            cascade.publish_child(
                user, programme, shown_version=int(version) if version is not None else None
            )
        elif what == "start_report":
            report = rollup.start_unit_report(
                user, programme, int(request.POST.get("year", "0") or 0)
            )
            return redirect("reporting:report", pk=report.pk)
        else:
            raise cascade.CascadeError(_("Yêu cầu không hợp lệ."))
        messages.success(request, _("Đã lưu."))
    except (cascade.CascadeError, WorkflowError) as exc:
        if task is not None and what in ("add_link", "assign"):
            # Nothing is linked or assigned; the page again with what was typed in that
            # task's form, the message beside it.
            field = "parent_ref" if what == "add_link" else "unit_name"
            refused = {
                "task": task.pk,
                "what": what,
                "value": request.POST.get(field, "").replace("\x00", ""),
                "role": request.POST.get("role", ""),
                "error": str(exc),
            }
            return _plan_page(request, programme, status=400, refused=refused)
        messages.error(request, str(exc))
    except ValueError:  # a number in the form that is not one (a crafted or broken post)
        messages.error(request, _("Yêu cầu không hợp lệ."))
    return redirect("cascade:plan", pk=programme.pk)


@login_required
@require_POST
@writes(Write.CREATE)
def remind_unit(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """A unit's "Nhắc" button on its agency's plan page (`reminders.remind_unit`)."""
    user = cast(User, request.user)
    programme = _child(request, pk)
    if not perms.may_remind_units(user, programme.issuer):
        raise PermissionDenied
    unit = get_object_or_404(Unit, pk=unit_pk, agency=programme.issuer)
    asked = request.POST.get("year", "")
    year = _year(asked)
    if str(year) != asked:  # a crafted year: refused, not a reminder for this year instead
        text = _("Yêu cầu không hợp lệ.")
        if request.headers.get("HX-Request"):
            return outcome_badge(text, 400)
        messages.error(request, text)
        return redirect(reverse("cascade:plan", args=[programme.pk]))
    outcome = reminders.remind_unit(unit, programme, year, user, timezone.localdate())
    text, level, status = outcome_message(outcome, unit, unit=True)
    if request.headers.get("HX-Request"):
        return outcome_badge(text, status)  # in place of the button, as on MOST's page
    messages.add_message(request, level, text)
    # The message is shown at the top of the page: no jump to the units' table.
    return redirect(f"{reverse('cascade:plan', args=[programme.pk])}?year={year}")


def _national_report(request: HttpRequest, pk: int) -> AgencyReport:
    report = get_object_or_404(
        AgencyReport.objects.select_related("agency", "period__regime__programme"),
        pk=pk,
        unit__isnull=True,
    )
    if not perms.may_read_report(request.user, report.agency_id, report.status):
        raise Http404
    return report


@login_required
@require_safe
def report_rollup(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    report = _national_report(request, pk)
    if not perms.may_read_rollup(user, report):  # every unit's results: not a unit's officer
        raise Http404
    rolled = rollup.rollup(report.agency, report.period.regime.programme, report.period.year)
    return render(
        request,
        "reporting/cascade_rollup.html",
        {
            "report": report,
            "rows": sorted(rolled.values(), key=lambda r: r.task.position),
            "beyond": {item.task.pk for item in rollup.rolled_beyond_report(report, rolled)},
            "may_prefill": report.is_editable and perms.can(user, perms.EDIT_REPORT, report),
            "waiting": list(
                rollup.pending_unit_reports(report.agency, report.period.year).select_related(
                    "unit"
                )
            ),
        },
    )


@login_required
@require_POST
@writes(Write.CREATE)
def report_prefill(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    report = _national_report(request, pk)
    if not perms.can(user, perms.EDIT_REPORT, report):
        raise PermissionDenied
    try:
        done = rollup.prefill_report(report, user)
        messages.success(request, prefill_message(done))
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("cascade:rollup", pk=report.pk)
    return redirect("reporting:report", pk=report.pk)


def prefill_message(done: rollup.Prefilled) -> str:
    """What the pre-fill did, and where the work beyond the report went."""
    parts = [_("Đã điền sẵn %(n)s mục từ báo cáo của các đơn vị.") % {"n": done.filled}]
    if done.kept:
        parts.append(
            ngettext(
                "%(n)s mục có kết quả của các đơn vị được giữ nguyên vì cơ quan đã viết: xem trang Tổng hợp từ các đơn vị để chép phần cần thiết.",
                "%(n)s mục có kết quả của các đơn vị được giữ nguyên vì cơ quan đã viết: xem trang Tổng hợp từ các đơn vị để chép phần cần thiết.",
                done.kept,
            )
            % {"n": done.kept}
        )
    if done.written:
        parts.append(
            ngettext(
                "Kết quả của các đơn vị gắn với %(n)s nhiệm vụ khác của Chương trình (không thuộc báo cáo này) đã được ghi vào mục Đánh giá chung.",
                "Kết quả của các đơn vị gắn với %(n)s nhiệm vụ khác của Chương trình (không thuộc báo cáo này) đã được ghi vào mục Đánh giá chung.",
                done.written,
            )
            % {"n": done.written}
        )
    if done.shown:
        parts.append(
            ngettext(
                "Kết quả gắn với %(n)s nhiệm vụ khác của Chương trình chưa có trong mục Đánh giá chung: xem khung ngay dưới mục đó để chép phần cần thiết.",
                "Kết quả gắn với %(n)s nhiệm vụ khác của Chương trình chưa có trong mục Đánh giá chung: xem khung ngay dưới mục đó để chép phần cần thiết.",
                done.shown,
            )
            % {"n": done.shown}
        )
    already = done.beyond - done.written - done.shown
    if already:
        parts.append(
            ngettext(
                "Kết quả gắn với %(n)s nhiệm vụ khác của Chương trình đã có sẵn trong mục Đánh giá chung.",
                "Kết quả gắn với %(n)s nhiệm vụ khác của Chương trình đã có sẵn trong mục Đánh giá chung.",
                already,
            )
            % {"n": already}
        )
    return " ".join(parts)
