"""Content in the page's language: bilingual data fields, numbers and percentages.

Data notes, definitions and units are stored twice: the Vietnamese text in the field
itself (or `<field>_vi`) and the English one in `<field>_en`. `localized()` picks the
one of the active language and falls back to the other, saying which language it gave
so a page can mark it (`lang="vi"` on an English page).

Numbers follow the active language: Vietnamese "1.234,5" and "24,6%", English
"1,234.5" and "24.6%". Official documents are Vietnamese whatever the reader's
language (`language="vi"`).
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language


def active_language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def _vietnamese(obj: Any, field: str) -> str:
    value = getattr(obj, f"{field}_vi", None)
    if value is None:
        value = getattr(obj, field, "")
    return str(value or "")


def localized(obj: Any, field: str, language: str | None = None) -> tuple[str, str]:
    """(text, language of the text) of `obj.<field>` for `language` (default: active).

    English pages read `<field>_en` when it is filled, else the Vietnamese text;
    Vietnamese pages read the Vietnamese text, else the English one when only that exists.
    """
    language = language or active_language()
    vietnamese = _vietnamese(obj, field)
    english = str(getattr(obj, f"{field}_en", "") or "")
    if language == "en":
        return (english, "en") if english else (vietnamese, "vi")
    return (vietnamese, "vi") if vietnamese else (english, "en")


def localized_text(obj: Any, field: str, language: str | None = None) -> str:
    return localized(obj, field, language)[0]


def agency_name(agency: Any, language: str | None = None) -> tuple[str, str]:
    """An agency's name in the language: its English name where one exists."""
    if agency is None:
        return "", active_language()
    return localized(agency, "name", language)


def agency_in_sentence(agency: Any, language: str | None = None) -> tuple[str, str]:
    """A body's name inside a sentence (`agency_name`'s pair): in English, "the" before
    an institution's English name ("the leaders of the Ministry of Health", "the Ha Noi
    City Party Committee", "the Department of Finance"), not before a province or city,
    which is a place ("Bac Ninh Province"), nor before a name left in Vietnamese. A
    sentence that opens with it capitalises it (`capfirst`)."""
    language = language or active_language()
    name, written = agency_name(agency, language)
    if language != "en" or written != "en" or not name:
        return name, written
    if getattr(agency, "is_province", False) or name.lower().startswith("the "):
        return name, written
    return f"the {name}", written


def name_order(prefix: str = "") -> str:
    """The stored key a list of agencies or units orders by on this page: the English
    order of the names an English page shows (`name_en_sort`: the English name, else the
    Vietnamese one), the Vietnamese order of the Vietnamese names otherwise (`name_sort`).
    `prefix`: a relation's path ("agency__")."""
    return f"{prefix}{'name_en_sort' if active_language() == 'en' else 'name_sort'}"


def name_key(obj: Any) -> str:
    """`name_order` in Python, for lists sorted after they are read: the English order of
    the name an English page shows, the Vietnamese order of the Vietnamese name otherwise."""
    from lotrinh.core.text import en_sort_key, vi_sort_key

    if active_language() == "en":
        return en_sort_key(localized_text(obj, "name", "en"))
    return vi_sort_key(obj.name_vi)


# ------------------------------------------------------------------ numbers


# Typography writes a negative figure with the minus sign, not the hyphen (CSV, JSON and
# spreadsheet cells keep "-": machines read them).
MINUS = "\u2212"
# A hyphen that signs a number written by code ("-0.25", "(-2", "từ -0.31%"): not one
# after a letter, digit or dash ("2020-05-01", "KH-2024", "2-3" stay as written).
_SIGN = re.compile(r"(?<![\w.,\-\u2212\u2013])-(?=\.?\d)")
_DECIMAL_POINT = re.compile(r"(\d)\.(\d)")


def _separators(language: str) -> tuple[str, str]:
    """(decimal, thousands) separators of the language."""
    return (",", ".") if language == "vi" else (".", ",")


def format_number(
    value: float | int | None,
    digits: int = 2,
    language: str | None = None,
    *,
    fixed: bool = False,
    grouping: bool = True,
) -> str:
    """`value` with at most `digits` decimals (exactly `digits` if `fixed`), in the language.

    Vietnamese: "1.234,5"; English: "1,234.5". None and NaN give "—".
    """
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "—"
    language = language or active_language()
    decimal, thousands = _separators(language)
    text = f"{abs(value):,.{digits}f}" if grouping else f"{abs(value):.{digits}f}"
    if "." in text and not fixed:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", thousands)
    result = whole + (decimal + fraction if fraction else "")
    negative = value < 0 and any(c not in "0.," for c in result)
    return (MINUS if negative else "") + result


def format_percent(
    value: float | int | None, digits: int = 1, language: str | None = None, *, ratio: bool = False
) -> str:
    """A percentage: "24,6%" in Vietnamese, "24.6%" in English (`ratio`: 0.246 → 24,6%)."""
    if value is None:
        return "—"
    return format_number(value * 100 if ratio else value, digits, language) + "%"


def figures_in_text(text: str, language: str | None = None) -> str:
    """Numbers that code wrote into a sentence (`f"{x:.2f}"`) as the language writes
    them: the minus sign for a negative figure, and in Vietnamese the decimal comma
    ("-9.58%" → "−9,58%"; English "−9.58%")."""
    language = language or active_language()
    text = _SIGN.sub(MINUS, str(text))
    return _DECIMAL_POINT.sub(r"\1,\2", text) if language == "vi" else text


def parse_number(text: str, language: str | None = None) -> float:
    """The number written in the language's format (the inverse of `format_number`)."""
    language = language or active_language()
    decimal, thousands = _separators(language)
    plain = text.strip().replace(MINUS, "-").rstrip("%").replace(thousands, "")
    return float(plain.replace(decimal, "."))


# ------------------------------------------------------------------ dates


def format_date(value: datetime.date | None, language: str | None = None) -> str:
    """A day as every page writes it, dd/mm/yyyy in both languages ("01/10/2026";
    docs/architecture.md, "Dates typed and shown day first"), as the templates' `d/m/Y`
    does, so a sentence and a table beside it agree. `language` is kept for the callers
    that name one. None gives ""."""
    if value is None:
        return ""
    return date_format(value, "d/m/Y")


def format_source_day(text: str, language: str | None = None) -> str:
    """A day a source gives as text, as `format_date` writes it: "2023-12-04" →
    "04/12/2023"; a month "2022-09" → "09/2022" (both languages); anything else (a year,
    the source's own words) as it is."""
    parts = text.strip().split("-")
    if not (len(parts) in (2, 3) and all(p.isdigit() for p in parts) and len(parts[0]) == 4):
        return text
    try:
        day = datetime.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
    except ValueError:
        return text
    if len(parts) == 3:
        return format_date(day, language)
    return f"{day.month:02d}/{day.year}"


def format_datetime(value: datetime.datetime | None, language: str | None = None) -> str:
    """A moment in Vietnam's time (Asia/Ho_Chi_Minh, the site's zone): "01/10/2026 14:05"
    in both languages, as the templates' `d/m/Y H:i` and the admin's DATETIME_FORMAT
    (core/formats). The one function for a moment code writes: a refusal, a notice, a
    history line (docs/architecture.md, "Dates typed and shown day first"); the day
    first, never "14:05 01/10/2026". A history of fifty lines calls it fifty times, so
    it is strftime, not Django's slower date format (the same digits)."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return local.strftime("%d/%m/%Y %H:%M")
