"""The "targets served" section of a task page."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from lotrinh.core.prepared import Prepared
from lotrinh.indicators.models import TaskTargetLink
from lotrinh.programmes.models import Task

# The task's current targets, compiled once per connection (core/prepared.py): every
# task page reads them.
_links = Prepared(
    lambda task_id: TaskTargetLink.objects.filter(
        task_id=task_id, target__is_current=True
    ).select_related("target__indicator"),
    [Task._meta.pk],
    [987_654_323],
)


def render_task_section(request: HttpRequest, task: Task) -> str:
    links = _links.objects(task.pk)
    if not links:
        return ""
    return render_to_string("indicators/_task_targets.html", {"links": links}, request=request)
