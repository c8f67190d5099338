import functools
import json
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency, AgencyKind
from lotrinh.core.downloads import attachment
from lotrinh.core.locale import name_key, name_order
from lotrinh.core.replay_cache import replayed_page
from lotrinh.programmes import services
from lotrinh.programmes.exporters import matrix_xlsx, programme_to_data
from lotrinh.programmes.models import (
    Programme,
    ProgrammeStatus,
    Role,
    Task,
    TaskAssignment,
)
from lotrinh.programmes.progress import programme_progress
from lotrinh.programmes.timeline import TimelineFilter, build, filter_choices
from lotrinh.reporting import task_status


def readable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the view's programme from its slug, if the visitor may read it
    (`permissions.may_read_programme`: an agency's plan is not public). A visitor not
    signed in is asked to sign in; anyone else who may not read it gets 404."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
        programme = services.current_programme(slug)
        if not perms.may_read_programme(request.user, programme):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404("programme")
        return view(request, programme, **kwargs)

    return wrapper


@replayed_page
@readable
@require_safe
def overview(request: HttpRequest, programme: Programme) -> HttpResponse:
    context = {"programme": programme, **services.programme_overview(programme)}
    # The programmes carrying this one out, those the visitor may read (an agency's plan
    # is not public).
    context["implemented_by"] = list(
        perms.readable_programmes(
            request.user, programme.implemented_by.filter(status=ProgrammeStatus.PUBLISHED)
        )
    )
    from lotrinh.indicators.models import Milestone

    context["targets"] = list(
        Milestone.objects.filter(target__programme=programme, target__is_current=True)
        .select_related("target__indicator")
        .order_by("year", "target__indicator__position")
    )
    context["progress"] = programme_progress(programme, request.user, timezone.localdate())
    if request.user.is_authenticated:
        from lotrinh.reporting.views_regimes import mark_regime_pages

        mark_regime_pages(context["regimes"], request.user, timezone.localdate())
    return render(request, "programmes/overview.html", context)


@replayed_page
@readable
@require_safe
def task_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    task_filter = services.TaskFilter.from_params(request.GET)
    problems = task_filter.problems(task_status.STATUS_ORDER)
    states = task_status.task_states(programme, request.user)
    tasks = task_filter.order(
        task_filter.apply_status(
            services.tasks_with_assignments(
                task_filter.apply(programme.tasks.all()),
                units=perms.is_agency_plan(programme),
            ),
            states,
            task_status.NO_REPORT,
        ),
        states,
        task_status.STATUS_ORDER,
    )
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    assigned = Agency.objects.filter(
        pk__in=TaskAssignment.objects.filter(
            task__programme=programme, agency__isnull=False
        ).values("agency_id")
    ).order_by(name_order(), "pk")
    context = {
        "programme": programme,
        "filter": task_filter,
        "page": page,
        "groups": programme.task_groups.all(),
        "agencies": assigned,
        "kinds": AgencyKind.choices,
        "statuses": task_status.status_choices(),
        "states": states,
        "problems": problems,
    }
    template = (
        "programmes/_task_rows.html"
        if request.headers.get("HX-Request")
        else "programmes/task_list.html"
    )
    return render(request, template, context)


@replayed_page
@readable
@require_safe
def task_detail(request: HttpRequest, programme: Programme, anchor: str) -> HttpResponse:
    return task_page(request, programme, services.task_by_anchor(programme, anchor))


def task_page(
    request: HttpRequest,
    programme: Programme,
    task: Task,
    *,
    status: int = 200,
    refused_comment: tuple[str, str] | None = None,
) -> HttpResponse:
    """The task's page; after a refused comment (`refused_comment`: what was typed, the
    message) with it back in its box, answered `status`."""
    assignments = list(task.assignments.all())
    # What the public reads of the programme's reports, read once for the task's status
    # and for its "latest reports" section.
    from lotrinh.reporting.services import accepted_copies

    copies = accepted_copies(programme.code)
    context = {
        "programme": programme,
        "task": task,
        "lead": [a for a in assignments if a.role == Role.LEAD],
        "coordinating": [a for a in assignments if a.role == Role.COORDINATING],
        **plan_addressees(programme, task),
        "parent_group": task.group.implements,
        "state": task_status.task_states(programme, request.user, copies).get(task.ref),
        "extra_sections": task_sections(request, task, copies, refused_comment),
        "history": task_history(task),
    }
    return render(request, "programmes/task_detail.html", context, status=status)


def plan_addressees(programme: Programme, task: Task) -> dict[str, Any]:
    """An agency's plan (a child programme) gives its tasks to its units and to groups of
    them ("Các cấp ủy trực thuộc", "Các Sở, ban, ngành"), not to agencies: what the plan
    gives, by role (`plan_lead`, `plan_coordinating`), for the task page, and `is_plan`
    (its headings name units). A group is named
    in the reader's language, a unit as its name is."""
    found: dict[str, Any] = {"plan_lead": [], "plan_coordinating": [], "is_plan": False}
    if not perms.is_agency_plan(programme):
        return found
    found["is_plan"] = True  # its headings name units ("Đơn vị chủ trì")
    for group in task.unit_addressees.all():
        found[f"plan_{group.role}"].append(
            {"name": str(group.get_group_display()), "lang": "", "kind": "generic"}
        )
    for assignment in task.unit_assignments.select_related("unit").order_by("role", "position"):
        found[f"plan_{assignment.role}"].append(
            {"name": assignment.unit.name_vi, "lang": "vi", "kind": assignment.role}
        )
    return found


def task_history(task: Task) -> list[Task]:
    """The same task in every version of its programme, oldest first (commitment history)."""
    return services.task_versions(task)


def task_sections(
    request: HttpRequest,
    task: Task,
    copies: list | None = None,
    refused_comment: tuple[str, str] | None = None,
) -> list[str]:
    """HTML fragments that other apps add to the task page: targets served, reports
    (`copies`: the programme's accepted copies, when the page has read them) and
    comments (`refused_comment`: a refused one's text and message, kept in its box)."""
    from lotrinh.indicators.task_section import render_task_section as targets_section
    from lotrinh.reporting.cascade_section import render_task_section as cascade_section
    from lotrinh.reporting.task_section import render_task_section as reports_section

    return [
        s
        for s in (
            targets_section(request, task),
            reports_section(request, task, copies, refused_comment),
            cascade_section(request, task),
        )
        if s
    ]


@readable
@require_safe
def document(request: HttpRequest, programme: Programme) -> HttpResponse:
    clauses = list(programme.clauses.all())
    task_anchors = set(programme.tasks.values_list("clause__anchor", flat=True))
    return render(
        request,
        "programmes/document.html",
        {"programme": programme, "clauses": clauses, "task_anchors": task_anchors},
    )


@readable
@require_safe
def export(request: HttpRequest, programme: Programme, fmt: str) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        body = json.dumps(programme_to_data(programme), ensure_ascii=False, indent=2)
        return attachment(body, f"{programme.slug}-{stamp}.json")
    return attachment(matrix_xlsx(programme), f"{programme.slug}-ma-tran-{stamp}.xlsx")


@readable
@require_safe
def versions(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "programmes/versions.html",
        {
            "programme": programme,
            "versions": perms.readable_versions(
                request.user, services.lineage_versions(programme)
            ).order_by("-version"),
        },
    )


@replayed_page
@readable
@require_safe
def timeline(request: HttpRequest, programme: Programme) -> HttpResponse:
    flt = TimelineFilter.from_params(request.GET)
    today = timezone.localdate()
    agencies, groups = filter_choices(programme, today)
    result = build(programme, request.user, flt, today, agencies, groups)
    agencies.sort(key=name_key)  # by the name the page shows, in its language's order
    return render(
        request,
        "programmes/timeline.html",
        {
            "programme": programme,
            "timeline": result,
            "filter": flt,
            "agencies": agencies,
            "groups": groups,
        },
    )
