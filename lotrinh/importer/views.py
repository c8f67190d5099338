from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.permissions import IMPORT_PROGRAMME, has_capability
from lotrinh.core.audit import events_for
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.locale import localized_text
from lotrinh.core.params import whole_number
from lotrinh.core.text import vi_sort_key
from lotrinh.core.uploads import UploadRefused, limit, read_upload, size_text
from lotrinh.importer import review, service
from lotrinh.importer.job_page import JobLinks, job_response
from lotrinh.importer.models import DraftImport, DraftStatus, ImportJob, JobKind, JobStatus
from lotrinh.importer.names import known_names
from lotrinh.programmes.models import ProgrammeKind


def _require(request: HttpRequest) -> None:
    if not has_capability(request.user, IMPORT_PROGRAMME):
        raise PermissionDenied


@login_required
@writes(Write.CREATE)
def upload(request: HttpRequest) -> HttpResponse:
    _require(request)
    error = ""
    status = 200
    if request.method == "POST":
        document = request.FILES.get("document")
        try:
            # Only what costs no parsing here; the deep checks and the parse run on the worker.
            data = read_upload(document, "document", deep=False)
        except UploadRefused as exc:
            error, status = exc.message, exc.status
        else:
            assert document is not None
            job = service.queue_import(data, document.name or "van-ban", request.user)
            return redirect("importer:job", pk=job.pk)
    drafts = DraftImport.objects.order_by("-created_at")[:20]
    # An agency's plan import is the agency's (its own page, `cascade:import_job`).
    jobs = (
        ImportJob.objects.filter(kind=JobKind.PROGRAMME)
        .exclude(status=JobStatus.DONE)
        .select_related("created_by")[:10]
    )
    return render(
        request,
        "importer/upload.html",
        {
            "error": error,
            "drafts": drafts,
            "jobs": jobs,
            "max_size": size_text(limit("LOTRINH_DOCUMENT_MAX_BYTES")),
        },
        status=status,
    )


@login_required
@require_safe
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The state of one import; polled by htmx until it is done or failed. Never writes."""
    _require(request)
    job = get_object_or_404(
        ImportJob.objects.select_related("draft", "created_by"), pk=pk, kind=JobKind.PROGRAMME
    )
    return job_response(
        request,
        job,
        done_url=reverse("importer:review", args=[job.draft_id]) if job.draft_id else None,
        page="importer/job.html",
        links=JobLinks(
            poll_url=reverse("importer:job", args=[job.pk]),
            retry_url=reverse("importer:retry", args=[job.pk]),
            another_file_url=reverse("importer:upload"),
            progress_hint=gettext_lazy(
                "Trang tự cập nhật; khi nhận dạng xong sẽ chuyển sang trang rà soát."
            ),
        ),
    )


@login_required
@require_POST
@writes(Write.STEP)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    job = get_object_or_404(ImportJob, pk=pk, kind=JobKind.PROGRAMME)
    try:
        service.retry_import(job, request.user)
    except service.JobError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã đưa văn bản vào hàng đợi nhận dạng lại."))
    return redirect("importer:job", pk=job.pk)


def highlighted(task: dict) -> str:
    """The task text with the detected agencies, deadline and output marked."""
    text = task["text"]
    marks = []
    for kind, spans in task.get("spans", {}).items():
        for start, end in spans:
            marks.append((start, end, kind))
    marks.sort()
    pieces = []
    position = 0
    for start, end, kind in marks:
        if start < position:
            continue
        pieces.append(("", text[position:start]))
        pieces.append((kind, text[start:end]))
        position = end
    pieces.append(("", text[position:]))
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<mark class="hl-{}">{}</mark>', kind, piece)
                if kind
                else format_html("{}", piece),
            )
            for kind, piece in pieces
        ),
    )


@login_required
@require_safe
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    return _review_page(request, get_object_or_404(DraftImport, pk=pk))


def _issuer_in_language(name: str) -> str:
    """The registry's body named `name` (Vietnamese, as `review.Unknown.issuer` holds it)
    in the page's language: the English page said "units of Tỉnh Bắc Ninh" beside "Bac
    Ninh Province"."""
    from lotrinh.agencies.models import Agency
    from lotrinh.core.locale import localized_text

    agency = Agency.objects.filter(name_vi=name).first()
    return localized_text(agency, "name") if agency is not None else name


def _first_of_each(items: Any) -> list[review.Unknown]:
    first: dict[str, review.Unknown] = {}
    for item in items:
        first.setdefault(item.name, item)
    return list(first.values())


def _review_page(
    request: HttpRequest,
    draft: DraftImport,
    *,
    status: int = 200,
    refused: dict[str, Any] | None = None,
) -> HttpResponse:
    """The review page; after a refused correction, `refused` (the task's ref or the
    header, what was typed, the message, whether the form was stale) puts what was typed
    back: in its form, or beside the form as stored when someone corrected it since."""
    unknown = review.unknown_names(draft)
    # Each unit once, where it is first named (a department is named in many tasks).
    units = _first_of_each(u for u in unknown if u.issuer)
    unknown_by_ref: dict[str, list[review.Unknown]] = {}
    for item in unknown:
        unknown_by_ref.setdefault(item.ref, []).append(item)
    tasks = [
        {
            **task,
            "html": highlighted(task),
            "seen": review.task_seen(draft.data, task["ref"]),
            # The issuer's own units are no error: shown apart, in a neutral style.
            "unknown": [u for u in unknown_by_ref.get(task["ref"], []) if not u.issuer],
            "units": [u for u in unknown_by_ref.get(task["ref"], []) if u.issuer],
            "unit_of": {
                name: of
                for name, of in (task.get("unit_of") or {}).items()
                if not any(u.name == name for u in unknown_by_ref.get(task["ref"], []))
            },
            "lead_text": "\n".join(
                task["lead"] + [a["text"] for a in task["addressees"] if a["role"] == "lead"]
            ),
            "coordinating_text": "\n".join(
                task["coordinating"]
                + [a["text"] for a in task["addressees"] if a["role"] == "coordinating"]
            ),
        }
        for task in draft.data["tasks"]
    ]
    return render(
        request,
        "importer/review.html",
        {
            "draft": draft,
            "meta": draft.data["programme"],
            "header_seen": review.header_seen(draft.data),
            "reading": review.header_reading(draft.data, draft.filename),
            "kinds": ProgrammeKind.choices,
            # The same document uploaded twice (a double click, two officers).
            "other_drafts": DraftImport.objects.filter(code=draft.code, status=DraftStatus.DRAFT)
            .exclude(pk=draft.pk)
            .select_related("created_by")
            .order_by("created_at")[:10],
            "tasks": tasks,
            "pdf_tables_unread": review.pdf_tables_unread(
                draft.filename, (task["ref"] for task in draft.data["tasks"])
            ),
            "tracked_changes": "tracked_changes" in (draft.data.get("read_notes") or []),
            "unknown": [u for u in unknown if not u.issuer],
            "units": units,
            "units_issuer": _issuer_in_language(units[0].issuer) if units else "",
            "agency_names": sorted(set(known_names().values()), key=vi_sort_key),
            "changes": review.changes_against_published(draft),
            "events": events_for(draft)[:30],
            "refused": refused or {},
        },
        status=status,
    )


@login_required
@require_POST
@writes(Write.EDIT, version="seen")
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    draft = get_object_or_404(DraftImport, pk=pk)
    ref = request.POST.get("ref", "")
    action = request.POST.get("action", "roles")
    # What the form was shown with: a correction made since elsewhere is not overwritten.
    seen = request.POST.get("seen") or None
    try:
        if action == "header":
            review.set_header(
                draft,
                code=request.POST.get("code", ""),
                title=request.POST.get("title", ""),
                issue_date=request.POST.get("issue_date", ""),
                implements=request.POST.get("implements", ""),
                user=request.user,
                seen=seen,
                # A form without the fields (an older tab) keeps what is stored.
                issuer=request.POST.get("issuer"),
                kind=request.POST.get("kind"),
            )
        elif action == "merge":
            review.merge_with_next(draft, ref, request.user, seen=seen)
        elif action == "create_agency":
            agency = review.create_agency(draft, request.POST.get("name", ""), request.user)
            messages.success(
                request,
                _("Đã thêm cơ quan “%(name)s” vào danh mục.")
                % {"name": localized_text(agency, "name")},
            )
            return redirect(f"{draft_url(draft)}#task-{ref}")
        elif action == "split":
            position = whole_number(request.POST.get("position", ""))
            if position is None:
                raise review.ReviewError(
                    _("Hãy nhập vị trí tách là số thứ tự ký tự (một số nguyên dương).")
                )
            review.split_task(draft, ref, position, request.user, seen=seen)
        else:
            review.set_roles(
                draft,
                ref,
                lead=request.POST.get("lead", "").splitlines(),
                coordinating=request.POST.get("coordinating", "").splitlines(),
                user=request.user,
                seen=seen,
            )
        if action == "header":
            messages.success(request, _("Đã ghi nhận chỉnh sửa thông tin chung của văn bản."))
        else:
            messages.success(request, _("Đã ghi nhận chỉnh sửa nhiệm vụ %(ref)s.") % {"ref": ref})
    except review.ReviewError as exc:
        return _refused_correction(request, draft, action, ref, seen, exc)
    if action == "header":
        return redirect(f"{draft_url(draft)}#header-form")
    return redirect(f"{draft_url(draft)}#task-{ref}")


HEADER_FIELDS = {
    "code": gettext_lazy("Số, ký hiệu"),
    "title": gettext_lazy("Trích yếu"),
    "issue_date": gettext_lazy("Ngày ban hành"),
    "implements": gettext_lazy("Thực hiện văn bản"),
    "kind": gettext_lazy("Loại văn bản"),
    "issuer": gettext_lazy("Cơ quan ban hành"),
}
TASK_FIELDS = {
    "lead": gettext_lazy("Chủ trì"),
    "coordinating": gettext_lazy("Phối hợp"),
    "position": gettext_lazy("Vị trí tách"),
}


def _refused_correction(
    request: HttpRequest,
    draft: DraftImport,
    action: str,
    ref: str,
    seen: str | None,
    exc: review.ReviewError,
) -> HttpResponse:
    """Nothing was recorded: the page again (400) with what was typed, the message beside
    its form (at the top when the form is gone: published, or no such task)."""
    draft.refresh_from_db()
    header = action == "header"
    names = HEADER_FIELDS if header else TASK_FIELDS
    values = {name: request.POST.get(name, "").replace("\x00", "") for name in names}
    has_form = draft.status == DraftStatus.DRAFT and (
        header or any(task["ref"] == ref for task in draft.data.get("tasks", []))
    )
    if not has_form:
        messages.error(request, str(exc))
        return _review_page(request, draft, status=400)
    current = review.header_seen(draft.data) if header else review.task_seen(draft.data, ref)
    refused = {
        "ref": "" if header else ref,
        "header": header,
        "values": values,
        # What was typed, labelled, to be copied when the form shows what is stored.
        "typed": [(str(names[name]), value) for name, value in values.items() if value.strip()],
        "error": str(exc),
        # Corrected elsewhere since: the form shows what is stored, what was typed
        # beside it to be copied.
        "stale": seen is not None and seen != current,
    }
    return _review_page(request, draft, status=400, refused=refused)


def draft_url(draft: DraftImport) -> str:
    return reverse("importer:review", args=[draft.pk])


@login_required
@require_safe
def confirm_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation before publishing: what the programme will hold. Never writes."""
    _require(request)
    draft = get_object_or_404(DraftImport, pk=pk)
    summary = review.publish_summary(draft)
    plan = summary.agency_plan
    return render(
        request,
        "importer/confirm_publish.html",
        {
            "draft": draft,
            "meta": draft.data.get("programme", {}),
            "summary": summary,
            "agency_plan_refusal": review.agency_plan_refusal(plan, draft.code) if plan else "",
            # The plan's page is linked only for whom may open it (a draft: its agency).
            "agency_plan_url": reverse("cascade:plan", args=[plan.pk])
            if plan and perms.may_read_programme(request.user, plan)
            else "",
            "fingerprint": review.fingerprint(draft),
            # The plan import is pointed to only for whom may use it (not MOST's monitors).
            "may_import_plan": perms.may_import_agency_plan(request.user),
        },
    )


@login_required
@require_POST
@writes(Write.STEP)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    draft = get_object_or_404(DraftImport, pk=pk)
    expected = request.POST.get("confirm", "").strip()
    if draft.status == DraftStatus.DRAFT and not expected:
        messages.info(request, _("Hãy xem tóm tắt và xác nhận trước khi công bố."))
        return redirect("importer:confirm_publish", pk=draft.pk)
    try:
        programme = review.publish(draft, request.user, expected=expected or None)
    except review.AlreadyPublished as exc:  # not the confirmation that published it
        messages.error(request, str(exc))
        if draft.programme_id:
            return redirect("programmes:overview", slug=draft.programme.slug)  # type: ignore[union-attr]
        return redirect("importer:review", pk=draft.pk)
    except review.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect("importer:review", pk=draft.pk)
    messages.success(
        request,
        _("Đã công bố %(code)s (phiên bản %(version)s).")
        % {"code": programme.code, "version": programme.version},
    )
    return redirect("programmes:overview", slug=programme.slug)
