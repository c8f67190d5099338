"""Dates on the programme's progress pages in the page's language."""

import datetime

from django import template
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def day(value: datetime.date | None) -> str:
    """dd/mm/yyyy on Vietnamese pages; "30 Nov 2025" on English ones (no ambiguity)."""
    if value is None:
        return ""
    if (get_language() or "vi").startswith("en"):
        return date_format(value, "j M Y")
    return date_format(value, "d/m/Y")
