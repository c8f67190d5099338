"""The cascade's section of a national task page: how many ministries and provinces
planned the task in their own published plans, with how many actions, and the combined
status of their units' accepted entries (docs/cascade.md). For those who follow every
agency's compliance (agencies' plans and units' reports are not public)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from lotrinh.accounts import permissions as perms
from lotrinh.programmes.models import Task
from lotrinh.reporting.models import TaskStatus
from lotrinh.reporting.rollup import national_task_spread


def render_task_section(request: HttpRequest, task: Task) -> str:
    if not perms.may_view_cascade_spread(request.user):
        return ""
    spread = national_task_spread(task)
    if not spread["rows"]:
        return ""
    for row in spread["rows"]:
        row["status_label"] = TaskStatus(row["status"]).label
    return render_to_string("reporting/_task_cascade.html", {"spread": spread}, request=request)
