"""The notes a report page shows when a new programme version changed its tasks."""

from django import template

from lotrinh.core.audit import events_for
from lotrinh.core.models import AuditEvent
from lotrinh.reporting.carry import TASKS_CHANGED
from lotrinh.reporting.models import AgencyReport

register = template.Library()


@register.simple_tag
def task_change_notes(report: AgencyReport) -> list[AuditEvent]:
    """Newest first: each says which tasks joined or left the report, and why."""
    return list(events_for(report).filter(action=TASKS_CHANGED).order_by("-occurred_at", "-id"))
