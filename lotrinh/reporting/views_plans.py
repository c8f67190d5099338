"""Pages for implementation plans and amendment proposals."""

import datetime
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency
from lotrinh.core.dates import DayError, parse_day
from lotrinh.programmes.models import Task, TaskLink, UnitAssignment
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import amendments, plans
from lotrinh.reporting.models import AmendmentKind, AmendmentProposal
from lotrinh.reporting.services import AlreadyDone, WorkflowError

PROGRAMME = "50/NQ-CP"


def _date(value: str) -> datetime.date | None:
    """A date typed in a form (dd/mm/yyyy or ISO); an impossible one (31/02) is refused,
    never dropped."""
    try:
        return parse_day(value)
    except DayError as exc:
        raise WorkflowError(str(exc)) from None


@login_required
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
    return render(
        request,
        "reporting/plan.html",
        {
            "programme": programme,
            "agency": agency,
            "children": children,
            "current": current,
            "editable": perms.can(user, perms.EDIT_PLAN, agency),
        },
    )


@login_required
@require_POST
def plan_save(request: HttpRequest) -> HttpResponse:
    """Record the agency's issued plan (number, date, note), or correct one's."""
    user = cast(User, request.user)
    if user.agency is None or not perms.has_capability(user, perms.EDIT_PLAN):
        raise PermissionDenied
    parent = plans.plan_programme(user.agency)
    if parent is None:
        messages.error(request, _("Cơ quan chưa có chương trình nào để ghi nhận kế hoạch."))
        return redirect("reporting:plan")
    try:
        chosen = request.POST.get("plan", "")
        plan = (
            get_object_or_404(
                plans.child_plans(programme=parent, agency=user.agency),
                pk=int(chosen) if chosen.isdigit() else 0,
            )
            if chosen
            else None
        )
        plans.record_plan(
            user,
            user.agency,
            parent,
            number=request.POST.get("number", ""),
            date=_date(request.POST.get("date", "")),
            note=request.POST.get("note", ""),
            plan=plan,
        )
        messages.success(request, _("Đã lưu kế hoạch."))
    except (WorkflowError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("reporting:plan")


def _amendments_page(
    request: HttpRequest,
    posted: dict[str, str] | None = None,
    status: int = 200,
    errors: dict[str, str] | None = None,
) -> HttpResponse:
    """The proposals the person may read and, for a proposer, the form: empty, or with
    what was just sent back when it was refused (nothing saved, nothing retyped)."""
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
        },
        status=status,
    )


@login_required
def amendment_list(request: HttpRequest) -> HttpResponse:
    return _amendments_page(request)


# The proposal form's fields, given back as typed when the proposal is refused.
PROPOSAL_FIELDS = ("kind", "task_ref", "deadline", "text", "lead", "coordinating", "reason")


@login_required
@require_POST
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
    return redirect("reporting:amendments")
