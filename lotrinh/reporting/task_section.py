"""The "latest reports" section of a task page: what the agencies reported on it."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from lotrinh.programmes.models import Task
from lotrinh.reporting.models import ContributionEntry, ReportEntry, ReportStatus

REACHED_MOST = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def render_task_section(request: HttpRequest, task: Task) -> str:
    entries = list(
        ReportEntry.objects.filter(task=task, report__status__in=REACHED_MOST)
        .select_related("report__agency", "report__period")
        .order_by("-report__period__year", "report__agency__name_vi")[:20]
    )
    contributions = list(
        ContributionEntry.objects.filter(task=task, report__status__in=REACHED_MOST)
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
