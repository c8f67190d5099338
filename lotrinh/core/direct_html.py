"""Helpers of the modules that write hot page rows directly instead of through a template
(`reporting/compliance_html.py`, `programmes/timeline_html.py`, `programmes/task_rows_html.py`):
each has an equality test against the template it replaced, so these must write exactly
what the template language writes."""

import html
from typing import Any

from django.utils.formats import localize
from django.utils.html import conditional_escape


def value_html(value: Any) -> str:
    """A value as `{{ value }}` writes it: localised, then escaped. A plain string (not
    marked safe) is only escaped: localising leaves it as it is."""
    if type(value) is str:
        return html.escape(value)
    return str(conditional_escape(localize(value)))
