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


def _lines(text: Any) -> list[str]:
    """The escaped text's lines, each document symbol kept whole and each line's indent as
    no-break spaces (HTML drops spaces at a line's start; the DOCX keeps them)."""
    escaped = str(conditional_escape("" if text is None else text))
    lines = []
    for line in escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        body = line.lstrip(" ")
        symbols = SYMBOL.sub(lambda m: f'<span class="symbol">{m.group(0)}</span>', body)
        lines.append("&nbsp;" * (len(line) - len(body)) + symbols)
    return lines


@register.filter
def whole_symbols(text: Any) -> SafeString:
    """The text, escaped, with each document symbol kept on one line: a line of the page
    never ends at its "/" or "-" ("52-NQ/" / "TW"). Its line breaks are kept (`<br>`), as
    the DOCX's cells keep them (until 2026-12-07 a list in a cell ran into one line)."""
    return mark_safe("<br>".join(_lines(text)))  # noqa: S308 - escaped; <br> and symbols only


@register.filter
def continued_lines(text: Any) -> SafeString:
    """`whole_symbols` inside a body paragraph (`<p>…{{ text|continued_lines }}</p>`): the
    text's further lines each a `<p class="more">` of its own, set in under the first, as
    the DOCX's `render._para` writes them."""
    return mark_safe('</p><p class="more">'.join(_lines(text)))  # noqa: S308 - as above
