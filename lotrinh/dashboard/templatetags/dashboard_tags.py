from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def agency_name(agency: Any) -> str:
    """The agency's name in the page's language; the Vietnamese name, marked lang="vi",
    on an English page when the registry has no English name."""
    if agency is None:
        return ""
    english = (get_language() or "vi").startswith("en")
    if english and agency.name_en:
        return format_html("{}", agency.name_en)
    if english:
        return format_html('<span lang="vi">{}</span>', agency.name_vi)
    return format_html("{}", agency.name_vi)


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """How many unread notifications the signed-in person has (one query). The menu's
    badge is written by core/frame.py; the reference template of the frame
    (tests/core/frame_reference/base.html) still counts with this tag."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    from lotrinh.reporting.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@register.filter
def get_count(counts: Any, key: str) -> int:
    return int(counts.get(key, 0)) if counts else 0


@register.filter
def period_label(period: Any) -> str:
    from lotrinh.dashboard.queries import period_label as label

    return label(period)


@register.simple_tag(takes_context=True)
def may_see_obligations(context: template.Context, agency: Any) -> bool:
    """May the signed-in person open the agency's "what we owe" page (permissions.py)?"""
    from lotrinh.accounts import permissions as perms

    request = context.get("request")
    return perms.may_view_agency_obligations(getattr(request, "user", None), agency)


@register.simple_tag
def agency_task_rows(tasks: list[Any]) -> SafeString:
    """The agency dashboard's task rows (`dashboard.task_rows_html`)."""
    from lotrinh.dashboard.task_rows_html import agency_task_rows as write_rows

    return write_rows(tasks)
