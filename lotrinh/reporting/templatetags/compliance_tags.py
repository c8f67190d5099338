"""The compliance page's league rows (`reporting.compliance_html`)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from lotrinh.reporting.compliance_html import league_rows as write_rows

register = template.Library()


@register.simple_tag
def league_rows(
    league: list[dict[str, Any]], year: Any, invite_url: str | None, years: str = ""
) -> SafeString:
    return write_rows(league, year, invite_url, years)
