"""The "latest reports" section of a task page: what the agencies reported on it."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from lotrinh.programmes.models import Task
from lotrinh.programmes.services import task_lineage
from lotrinh.reporting.models import Comment, ContributionEntry, ReportEntry, ReportStatus

REACHED_MOST = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def render_task_section(request: HttpRequest, task: Task) -> str:
    reports = _reports_section(request, task)
    return reports + _comments_section(request, task)


def _comments_section(request: HttpRequest, task: Task) -> str:
    """Comments on the task, for the people of the cycle (not the public)."""
    from lotrinh.accounts.permissions import COMMENT, VIEW_REPORT, has_capability

    if not has_capability(request.user, VIEW_REPORT):
        return ""
    comments = list(
        Comment.objects.filter(task__in=task_lineage(task)).select_related(
            "author", "author__agency"
        )
    )
    return render_to_string(
        "reporting/_task_comments.html",
        {"task": task, "comments": comments, "may_comment": has_capability(request.user, COMMENT)},
        request=request,
    )


def _reports_section(request: HttpRequest, task: Task) -> str:
    entries = list(
        ReportEntry.objects.filter(task__in=task_lineage(task), report__status__in=REACHED_MOST)
        .select_related("report__agency", "report__period")
        .order_by("-report__period__year", "report__agency__name_vi")[:20]
    )
    contributions = list(
        ContributionEntry.objects.filter(
            task__in=task_lineage(task), report__status__in=REACHED_MOST
        )
        .exclude(contribution="")
        .select_related("report__agency", "report__period")
        .order_by("-report__period__year")[:20]
    )
    if not entries and not contributions:
        return ""
    return render_to_string(
        "reporting/_task_reports.html",
        {"entries": entries, "contributions": contributions},
        request=request,
    )
