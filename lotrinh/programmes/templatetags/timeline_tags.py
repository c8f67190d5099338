"""Dates on the programme's progress pages in the page's language."""

import datetime
from typing import Any

from django import template
from django.utils.safestring import SafeString

from lotrinh.core.locale import format_date

register = template.Library()


@register.filter
def day(value: datetime.date | None) -> str:
    """dd/mm/yyyy on Vietnamese pages; "30 Nov 2025" on English ones (no ambiguity)."""
    return format_date(value)


@register.simple_tag
def timeline_rows(section: Any, timeline: Any) -> SafeString:
    """The chart rows of a timeline section (`programmes.timeline_html`)."""
    from lotrinh.programmes.timeline_html import section_rows

    return section_rows(section, timeline)


@register.filter
def timeline_items(items: list[Any]) -> SafeString:
    """The dated list's items (`programmes.timeline_html`)."""
    from lotrinh.programmes.timeline_html import list_items

    return list_items(items)


@register.simple_tag
def task_rows(page: Any, states: Any, programme: Any, query: str = "") -> SafeString:
    """The task list's rows (`programmes.task_rows_html`)."""
    from lotrinh.programmes.task_rows_html import task_rows as write_rows

    return write_rows(page, states, programme, query)
