"""The report page's read-only entries table (`reporting.entry_html.entry_rows_html`)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from lotrinh.reporting.entry_html import entry_rows_html

register = template.Library()


@register.filter
def entry_rows(entries: Any, report: Any) -> SafeString:
    return entry_rows_html(entries, report.pk)
