"""The report page's read-only entries table (`reporting.entry_html.entry_rows_html`), the
stale-save comparison's rows and moments in the page's date format (`reporting.stale`),
and whether a report listed is late (`rules.overdue`)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from lotrinh.core.locale import format_datetime
from lotrinh.reporting import stale
from lotrinh.reporting.entry_html import entry_rows_html

register = template.Library()


@register.filter
def entry_rows(entries: Any, report: Any) -> SafeString:
    return entry_rows_html(entries, report.pk)


@register.filter
def comparison_rows(conflict: Any) -> list[dict[str, Any]]:
    return stale.comparison_rows(conflict)


@register.filter
def moment(value: Any) -> str:
    """A moment as every page writes it, in both languages ("01/10/2026 14:05")."""
    return format_datetime(value)


@register.filter
def forged(form: Any) -> bool:
    """Did a hidden field of the form (its version) come back unreadable (`stale.forged`)?"""
    return stale.forged(form)


@register.simple_tag
def forged_message() -> str:
    return str(stale.FORGED_MESSAGE)


@register.filter
def overdue_on(report: Any, today: Any) -> bool:
    """`{% if r|overdue_on:today %}`: the report is late on `today` (`rules.overdue`:
    past its deadline and not in its recipient's hands), at an agency's level or a unit's."""
    return report is not None and today is not None and bool(report.overdue_on(today))
