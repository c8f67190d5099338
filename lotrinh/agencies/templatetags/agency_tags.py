"""Tags of the agency pages."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def task_table(rows: list[Any], empty_text: str) -> SafeString:
    """An agency's task table (`agencies.task_table_html`)."""
    from lotrinh.agencies.task_table_html import task_table as write_table

    return write_table(rows, empty_text)
