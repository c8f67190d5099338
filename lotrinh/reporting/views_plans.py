"""Pages for implementation plans and amendment proposals."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency
from lotrinh.core import concurrency
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.dates import DayError, parse_day
from lotrinh.core.params import whole_number
from lotrinh.core.typed_back import typed_texts
from lotrinh.programmes.models import Task, TaskLink, UnitAssignment
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import amendments, plans
from lotrinh.reporting.models import AmendmentKind, AmendmentProposal, AmendmentStatus
from lotrinh.reporting.services import AlreadyDone, WorkflowError

PROGRAMME = "50/NQ-CP"


@login_required
@require_safe
def plan_page(request: HttpRequest, code: str = "") -> HttpResponse:
    """The agency's plans of the programme: its child programmes (published, drafts for
    its own people), their number and date, tasks with the national tasks they carry out
    and their units; recording an issued plan by its number and date."""
    user = cast(User, request.user)
    if code:
        agency = get_object_or_404(Agency, code=code)
        if not perms.may_read_plan(user, agency.pk):
            raise PermissionDenied
    else:
        if user.agency is None:
            raise PermissionDenied
        agency = user.agency
    return _plan_page(request, agency)


# The plan form's fields, given back as typed when the plan is refused ("plan": which
# form, the id of the plan corrected or "" for the new one).
PLAN_FIELDS = ("plan", "number", "date", "note")


def _plan_page(
    request: HttpRequest,
    agency: Agency,
    posted: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The plan page; after a refusal, the form that was sent holds what was typed, the
    date's message beside the date (nothing saved, nothing to retype)."""
    user = cast(User, request.user)
    # 50/NQ-CP, or for a Party body the Party resolution it reports on.
    programme = plans.plan_programme(agency)
    if programme is None:
        return render(request, "reporting/plan.html", {"programme": None, "agency": agency})
    children = list(
        perms.visible_child_programmes(user, plans.child_plans(programme=programme, agency=agency))
        .prefetch_related(
            Prefetch(
                "tasks",
                queryset=Task.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "links_up",
                        queryset=TaskLink.objects.filter(confirmed=True).select_related(
                            "parent_task"
                        ),
                    ),
                    Prefetch(
                        "unit_assignments",
                        queryset=UnitAssignment.objects.select_related("unit").order_by(
                            "role", "position"
                        ),
                    ),
                    "unit_addressees",
                ),
            )
        )
        .order_by("-status", "-issue_date", "-pk")
    )
    current = plans.issued_plans(programme=programme, agency=agency).get(
        (agency.pk, programme.code)
    )
    posted = posted or {}
    for child in children:
        # The correction form of the plan that was sent shows what was typed.
        child.typed = posted if posted and posted.get("plan") == str(child.pk) else None  # type: ignore[attr-defined]
        # The version its correction form shows (core/concurrency.py); after a refusal,
        # the current one: the form sent again is the person's decision.
        child.seen_event = concurrency.event_version(child)  # type: ignore[attr-defined]
    return render(
        request,
        "reporting/plan.html",
        {
            "programme": programme,
            "agency": agency,
            "children": children,
            "current": current,
            "editable": perms.can(user, perms.EDIT_PLAN, agency),
            "posted": posted if posted and not posted.get("plan") else {},
            "errors": errors or {},
        },
        status=status,
    )


@login_required
@require_POST
@writes(Write.CREATE, Write.EDIT, version=concurrency.SEEN_FIELD)
def plan_save(request: HttpRequest) -> HttpResponse:
    """Record the agency's issued plan (number, date, note), or correct one's."""
    user = cast(User, request.user)
    if user.agency is None or not perms.has_capability(user, perms.EDIT_PLAN):
        raise PermissionDenied
    parent = plans.plan_programme(user.agency)
    if parent is None:
        messages.error(request, _("Cơ quan chưa có chương trình nào để ghi nhận kế hoạch."))
        return redirect("reporting:plan")
    chosen = request.POST.get("plan", "")
    plan = (
        get_object_or_404(
            plans.child_plans(programme=parent, agency=user.agency),
            pk=whole_number(chosen) or 0,
        )
        if chosen
        else None
    )
    # What was typed (a NUL dropped: a page cannot show it), given back on a refusal.
    posted = {f: request.POST.get(f, "").replace("\x00", "") for f in PLAN_FIELDS}
    try:
        date = parse_day(request.POST.get("date", ""))
    except DayError as exc:
        return _plan_page(request, user.agency, posted, {"date": str(exc)}, status=400)
    try:
        plans.record_plan(
            user,
            user.agency,
            parent,
            number=request.POST.get("number", ""),
            date=date,
            note=request.POST.get("note", ""),
            plan=plan,
            # The version the correction form showed; none sent: a crafted post (-1).
            seen=concurrency.shown_version(request.POST.get(concurrency.SEEN_FIELD)) or -1
            if plan is not None
            else None,
        )
    except concurrency.StaleEdit as exc:
        # Nothing saved: the page as it now is, with what was typed in that plan's form.
        messages.error(request, str(exc))
        return _plan_page(request, user.agency, posted, status=409)
    except plans.PlanExists as exc:
        # Nothing saved: the new plan's form keeps what was typed, the message beside the
        # number with a link to the recorded plan's own form.
        errors = {"number": str(exc), "number_plan": str(exc.plan.pk)}
        return _plan_page(request, user.agency, posted, errors, status=409)
    except plans.PlanDateRefused as exc:
        return _plan_page(request, user.agency, posted, {"date": str(exc)}, status=400)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return _plan_page(request, user.agency, posted, status=400)
    messages.success(request, _("Đã lưu kế hoạch."))
    return redirect("reporting:plan")


def _amendments_page(
    request: HttpRequest,
    posted: dict[str, str] | None = None,
    status: int = 200,
    errors: dict[str, str] | None = None,
    typed_back: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """The proposals the person may read and, for a proposer, the form: empty, or with
    what was just sent back when it was refused (nothing saved, nothing retyped);
    `typed_back`: a decision's text refused, shown read-only to copy."""
    user = cast(User, request.user)
    programme = current_programme(PROGRAMME)
    if perms.has_capability(user, perms.DECIDE_AMENDMENT) or perms.has_capability(
        user, perms.VIEW_COMPLIANCE
    ):
        proposals = AmendmentProposal.objects.select_related("agency", "resulting_version")
    elif perms.may_propose_amendment(user):
        proposals = AmendmentProposal.objects.filter(agency=user.agency).select_related(
            "agency", "resulting_version"
        )
    else:
        raise PermissionDenied
    return render(
        request,
        "reporting/amendments.html",
        {
            "proposals": proposals,
            "programme": programme,
            "kinds": AmendmentKind.choices,
            "groups": programme.task_groups.all(),
            "tasks": programme.tasks.order_by("position").only("ref", "text"),
            "posted": posted or {},
            "errors": errors or {},
            "may_propose": perms.may_propose_amendment(user),
            "may_decide": perms.has_capability(user, perms.DECIDE_AMENDMENT),
            "typed_back": typed_back or [],
        },
        status=status,
    )


@login_required
@require_safe
def amendment_list(request: HttpRequest) -> HttpResponse:
    return _amendments_page(request)


# The proposal form's fields, given back as typed when the proposal is refused.
PROPOSAL_FIELDS = ("kind", "task_ref", "deadline", "text", "lead", "coordinating", "reason")


@login_required
@require_POST
@writes(Write.CREATE)
def amendment_propose(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not perms.may_propose_amendment(user):
        raise PermissionDenied
    try:
        deadline = parse_day(request.POST.get("deadline", ""))
    except DayError as exc:
        # Nothing sent; the form again with what was typed, the message beside the date.
        posted = {f: request.POST.get(f, "").replace("\x00", "") for f in PROPOSAL_FIELDS}
        return _amendments_page(request, posted, status=400, errors={"deadline": str(exc)})
    try:
        amendments.propose_amendment(
            cast(User, request.user),
            current_programme(PROGRAMME),
            kind=request.POST.get("kind", ""),
            task_ref=request.POST.get("task_ref", "").strip(),
            reason=request.POST.get("reason", ""),
            text=request.POST.get("text", ""),
            deadline=deadline,
            lead=request.POST.get("lead", ""),
            coordinating=request.POST.get("coordinating", ""),
        )
    except AlreadyDone as exc:
        messages.info(request, str(exc))
        return redirect("reporting:amendments")
    except WorkflowError as exc:
        messages.error(request, str(exc))
        # The page again with what was typed (a NUL dropped: a page cannot show it).
        posted = {f: request.POST.get(f, "").replace("\x00", "") for f in PROPOSAL_FIELDS}
        return _amendments_page(request, posted, status=400)
    messages.success(request, _("Đã gửi đề xuất tới Bộ Khoa học và Công nghệ."))
    return redirect("reporting:amendments")


@login_required
@require_POST
@writes(Write.STEP)
def amendment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    if not perms.has_capability(user, perms.DECIDE_AMENDMENT):
        raise PermissionDenied
    proposal = get_object_or_404(AmendmentProposal, pk=pk)
    step = request.POST.get("step", "")
    try:
        if step == "consolidate":
            amendments.consolidate(user, proposal)
        elif step in ("accept", "reject"):
            amendments.decide(
                user,
                proposal,
                accepted=step == "accept",
                decision=request.POST.get("decision", ""),
            )
        else:
            # A form sent without its button (Enter in a browser that names none, a
            # script): never read as the Government's refusal.
            raise WorkflowError(
                _("Chưa rõ thao tác (tổng hợp, chấp thuận hay không chấp thuận): chưa ghi nhận gì.")
            )
        messages.success(request, _("Đã ghi nhận."))
    except AlreadyDone as exc:
        messages.info(request, str(exc))
    except WorkflowError as exc:
        messages.error(request, str(exc))
        typed = typed_texts(request, [("decision", _("Văn bản quyết định"))])
        if typed:
            # Decided by another officer meanwhile (409) or refused as typed (400): the
            # page as it is now, with her text to copy, never dropped by a redirect.
            proposal.refresh_from_db()
            decided = proposal.status in (AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED)
            return _amendments_page(request, status=409 if decided else 400, typed_back=typed)
    return redirect("reporting:amendments")
