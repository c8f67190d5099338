"""Pages for implementation plans and amendment proposals."""

import datetime
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import amendments, plans
from lotrinh.reporting.models import (
    AmendmentKind,
    AmendmentProposal,
    ImplementationPlan,
    PlanAction,
)
from lotrinh.reporting.services import WorkflowError, tasks_for_report

PROGRAMME = "50/NQ-CP"


def _date(value: str) -> datetime.date | None:
    """A date typed in a form; an impossible one (31/02) is refused, never dropped."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        raise WorkflowError(
            _("Ngày “%(value)s” không hợp lệ: hãy chọn một ngày có thật.") % {"value": value[:40]}
        ) from None


def _percent(value: str) -> int:
    try:
        number = int(value or 0)
    except ValueError:
        number = -1
    if not 0 <= number <= 100:
        raise WorkflowError(_("Tiến độ phải là số nguyên từ 0 đến 100."))
    return number


@login_required
def plan_page(request: HttpRequest, code: str = "") -> HttpResponse:
    user = cast(User, request.user)
    programme = current_programme(PROGRAMME)
    if code:
        agency = get_object_or_404(Agency, code=code)
        if not perms.may_read_plan(user, agency.pk):
            raise PermissionDenied
    else:
        if user.agency is None:
            raise PermissionDenied
        agency = user.agency
    # Read-only: the plan is created by the first save (a POST), not by opening the page.
    plan = ImplementationPlan.objects.filter(agency=agency, programme=programme).first()
    editable = perms.can(user, perms.EDIT_PLAN, agency)
    regime = programme.reporting_regimes.filter(code="annual-report").first()
    candidate_tasks = []
    if editable and regime is not None:
        from lotrinh.reporting.services import periods_of

        periods = periods_of(regime, datetime.date.today().year)
        if periods:
            lead, coordinated = tasks_for_report(agency, periods[-1])
            candidate_tasks = [t for t, _ in lead] + coordinated
    return render(
        request,
        "reporting/plan.html",
        {
            "plan": plan,
            "programme": programme,
            "agency": agency,
            "editable": editable,
            "actions": plan.actions.prefetch_related("tasks") if plan else [],
            "rollup": plans.rollup(plan) if plan else [],
            "tasks": candidate_tasks,
        },
    )


@login_required
@require_POST
def plan_save(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if user.agency is None or not perms.has_capability(user, perms.EDIT_PLAN):
        raise PermissionDenied
    plan = plans.plan_for(user.agency, current_programme(PROGRAMME))
    try:
        if request.POST.get("what") == "action":
            tasks = list(
                plan.programme.tasks.filter(
                    pk__in=[int(x) for x in request.POST.getlist("tasks") if x.isdigit()]
                )
            )
            plans.add_action(
                plan,
                user,
                text=request.POST.get("text", ""),
                owner_unit=request.POST.get("owner_unit", ""),
                deadline=_date(request.POST.get("deadline", "")),
                expected_output=request.POST.get("expected_output", ""),
                tasks=tasks,
                progress=_percent(request.POST.get("progress", "")),
            )
        elif request.POST.get("what") == "progress":
            action = get_object_or_404(
                PlanAction, pk=int(request.POST.get("action", "0")), plan=plan
            )
            plans.set_progress(action, user, _percent(request.POST.get("progress", "")))
        else:
            plans.save_plan(
                plan,
                user,
                number=request.POST.get("number", ""),
                date=_date(request.POST.get("date", "")),
                note=request.POST.get("note", ""),
            )
        messages.success(request, _("Đã lưu kế hoạch."))
    except (WorkflowError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("reporting:plan")


@login_required
def amendment_list(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    programme = current_programme(PROGRAMME)
    if perms.has_capability(user, perms.DECIDE_AMENDMENT) or perms.has_capability(
        user, perms.VIEW_COMPLIANCE
    ):
        proposals = AmendmentProposal.objects.select_related("agency", "resulting_version")
    elif perms.has_capability(user, perms.PROPOSE_AMENDMENT) and user.agency is not None:
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
            "may_propose": perms.has_capability(user, perms.PROPOSE_AMENDMENT),
            "may_decide": perms.has_capability(user, perms.DECIDE_AMENDMENT),
        },
    )


@login_required
@require_POST
def amendment_propose(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if user.agency_id is None or not perms.has_capability(user, perms.PROPOSE_AMENDMENT):
        raise PermissionDenied
    try:
        amendments.propose_amendment(
            cast(User, request.user),
            current_programme(PROGRAMME),
            kind=request.POST.get("kind", ""),
            task_ref=request.POST.get("task_ref", "").strip(),
            reason=request.POST.get("reason", ""),
            text=request.POST.get("text", ""),
            deadline=_date(request.POST.get("deadline", "")),
            lead=request.POST.get("lead", ""),
            coordinating=request.POST.get("coordinating", ""),
        )
        messages.success(request, _("Đã gửi đề xuất tới Bộ Khoa học và Công nghệ."))
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:amendments")


@login_required
@require_POST
def amendment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    if not perms.has_capability(user, perms.DECIDE_AMENDMENT):
        raise PermissionDenied
    proposal = get_object_or_404(AmendmentProposal, pk=pk)
    try:
        if request.POST.get("step") == "consolidate":
            amendments.consolidate(user, proposal)
        else:
            amendments.decide(
                user,
                proposal,
                accepted=request.POST.get("step") == "accept",
                decision=request.POST.get("decision", ""),
            )
        messages.success(request, _("Đã ghi nhận."))
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:amendments")
