"""Filters of the printed (PDF) documents."""

import re
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A document's number and symbol (Decree 30: "Số: 50/NQ-CP"): a number, perhaps its year,
# then the parts of the symbol joined by "-" or "/" ("52-NQ/TW", "30/2020/NĐ-CP",
# "1132/QĐ-TTg"). Dates ("05/12/2026") have no capital after the slash.
SYMBOL = re.compile(r"(?<![\w/-])\d+(?:/\d{4})?[/-][A-ZĐ][A-Za-zĐđ&]*(?:[/-][A-ZĐ][A-Za-zĐđ&]*)*")


@register.filter
def whole_symbols(text: Any) -> SafeString:
    """The text, escaped, with each document symbol kept on one line: a line of the page
    never ends at its "/" or "-" ("52-NQ/" / "TW")."""
    escaped = str(conditional_escape("" if text is None else text))
    return mark_safe(  # noqa: S308 - escaped above; the symbols hold no markup
        SYMBOL.sub(lambda m: f'<span class="symbol">{m.group(0)}</span>', escaped)
    )
