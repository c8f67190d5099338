"""The "targets served" section of a task page."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from lotrinh.programmes.models import Task


def render_task_section(request: HttpRequest, task: Task) -> str:
    links = list(
        task.target_links.filter(target__is_current=True).select_related("target__indicator")
    )
    if not links:
        return ""
    return render_to_string("indicators/_task_targets.html", {"links": links}, request=request)
