"""Dates typed and shown the Vietnamese way: day/month/year ("30/11/2026"), on Vietnamese
and English pages alike (every date the site shows is written so).

A browser's `<input type=date>` shows and takes dates in the browser's own language, not
the page's: an English Chromium on a Vietnamese page asks for 12/01/2026 where the page
says 01/12/2026. So date fields are text inputs (`DayInput`) read by one parser
(`parse_day`): dd/mm/yyyy (d/m/yyyy too) and ISO yyyy-mm-dd (what old tabs and scripts
send). A calendar is still there: `static/js/site.js` adds a button that opens the
browser's picker through a hidden `type=date` and writes the day back as dd/mm/yyyy.

One field (`DayField`) for Django forms, one widget (`DayInput`) for forms and the
templates that write their inputs by hand (`{% day_input %}`), one parser for views that
read a date from a request. The API keeps ISO (its serializers are DRF's).
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotrinh.core.i18n import gettext  # a refusal the worker stores in both languages
from lotrinh.core.locale import active_language

# 30/11/2026, 1/12/2026, also with "-" or "." between (30-11-2026, 30.11.2026): the day
# first. The year has four digits: "1/12/26" is refused, not guessed.
_DMY = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# What the English pages write ("1 Oct 2026", `core.locale.format_date`) and the month in
# full ("1 October 2026"); a copied date reads back as the day it showed.
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
# The Vietnamese long form, as in a document's date line: "ngày 1 tháng 10 năm 2026".
_VI_LONG = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+năm\s+(\d{4})", re.I)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


class DayError(ValueError):
    """A date that cannot be read, with a message for the person who typed it."""


def show_day(day: datetime.date | None) -> str:
    """The day as every page writes it: "01/12/2026" ("" for none)."""
    if day is None:
        return ""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _day(text: str, year: int, month: int, day: int, *, day_first: bool) -> datetime.date:
    if not 1 <= year <= 9999:
        raise DayError(
            gettext("“%(value)s” không phải một ngày: năm %(year)s nằm ngoài phạm vi.")
            % {"value": _clip(text), "year": year}
        )
    if not 1 <= month <= 12:
        if day_first and 1 <= day <= 12 and month <= calendar.monthrange(year, day)[1]:
            # 12/31/2026: typed month first, as an English calendar asks.
            raise DayError(
                gettext(
                    "“%(value)s” không phải một ngày: không có tháng %(month)s. Ghi ngày "
                    "trước, tháng sau (ngày/tháng/năm): có phải %(swapped)s?"
                )
                % {
                    "value": _clip(text),
                    "month": month,
                    "swapped": show_day(datetime.date(year, day, month)),
                }
            )
        raise DayError(
            gettext("“%(value)s” không phải một ngày: không có tháng %(month)s.")
            % {"value": _clip(text), "month": month}
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DayError(
            gettext("“%(value)s” không phải một ngày: tháng %(month)s/%(year)s có %(days)s ngày.")
            % {"value": _clip(text), "month": month, "year": year, "days": days}
        )
    return datetime.date(year, month, day)


def parse_day(value: Any) -> datetime.date | None:
    """The day typed in a form: dd/mm/yyyy, d/m/yyyy (also with "-" or "."), ISO
    yyyy-mm-dd, or a date as the site writes it in words ("1 Oct 2026", "1 October 2026",
    "ngày 1 tháng 10 năm 2026"); None for an empty field; a `DayError` with a message for
    anything else (31/02/2026, 12/31/2026, 1/12/26, "tomorrow")."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    found = _DMY.fullmatch(text)
    if found:
        day, month, year = int(found[1]), int(found[3]), int(found[4])
        return _day(text, year, month, day, day_first=True)
    found = _ISO.fullmatch(text)
    if found:
        year, month, day = int(found[1]), int(found[2]), int(found[3])
        return _day(text, year, month, day, day_first=False)
    found = _DAY_MONTH_NAME.fullmatch(text)
    if found and found[2].lower() in _MONTHS:
        return _day(text, int(found[3]), _MONTHS[found[2].lower()], int(found[1]), day_first=False)
    found = _VI_LONG.fullmatch(" ".join(text.split()))
    if found:
        return _day(text, int(found[3]), int(found[2]), int(found[1]), day_first=False)
    raise DayError(
        gettext(
            "“%(value)s” không phải một ngày: nhập theo dạng ngày/tháng/năm, ví dụ %(example)s."
        )
        % {"value": _clip(text), "example": "30/11/2026"}
    )


def _shown(value: Any) -> str | None:
    """A field's value as its input shows it: a day as dd/mm/yyyy (an ISO string too),
    anything else as it was typed, to be corrected."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return show_day(value)
    try:
        day = parse_day(value)
    except DayError:
        return str(value)
    return show_day(day)


def filter_day(value: str | None, default: datetime.date) -> tuple[datetime.date, str]:
    """The day a page's filter asks for (a GET: `?ngay=30/11/2026`, or ISO from a link),
    and the message when it cannot be read (then the page is shown for `default`)."""
    try:
        return parse_day(value) or default, ""
    except DayError as exc:
        return default, str(exc)


# The earliest day a document of the Vietnamese state can bear: the Declaration of
# Independence, 2 September 1945. An earlier date is a slip (0001-01-01, 1/1/205).
EARLIEST_DOCUMENT_DAY = datetime.date(1945, 9, 2)


def document_day_problem(
    day: datetime.date | None, field: str, today: datetime.date | None = None
) -> str:
    """Why `day` cannot be the date of an issued document, "" when it can: not after
    today (Vietnam's day, `timezone.localdate()`: Asia/Ho_Chi_Minh) nor before
    02/09/1945. The one rule of every typed document date (evidence, a plan's issue, an
    imported document's); `field` names the date in the reader's language."""
    if day is None:
        return ""
    today = today or timezone.localdate()
    words = {"field": field, "first": show_day(EARLIEST_DOCUMENT_DAY), "today": show_day(today)}
    if day > today:
        return (
            gettext(
                "%(field)s không thể ở tương lai: hãy nhập ngày từ %(first)s đến hôm nay (%(today)s)."
            )
            % words
        )
    if day < EARLIEST_DOCUMENT_DAY:
        return (
            gettext(
                "%(field)s không thể trước %(first)s: hãy nhập ngày từ %(first)s đến hôm nay (%(today)s)."
            )
            % words
        )
    return ""


READINGS = {"vi": "= {weekday}, ngày {dd}/{mm}/{yyyy}", "en": "= {weekday} {d} {mon} {yyyy}"}


def reading_words() -> dict[str, str]:
    """How site.js writes, beside a date input, the day it reads, in the page's language:
    {weekday} {d} {dd} {mm} {mon} {yyyy} filled in; weekdays from Sunday (JavaScript's
    order); the months as the English pages write them; and what it says of text that
    is no day."""
    return {
        # As format_date writes a day in each language, with the weekday: a pattern per
        # language, not a translation (English names the month, which Vietnamese does not).
        "reading": READINGS["en" if active_language() == "en" else "vi"],
        "reading_weekdays": "|".join(
            [
                gettext("Chủ nhật"),
                gettext("thứ Hai"),
                gettext("thứ Ba"),
                gettext("thứ Tư"),
                gettext("thứ Năm"),
                gettext("thứ Sáu"),
                gettext("thứ Bảy"),
            ]
        ),
        "reading_months": "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
        # What is typed and is no day (31/02/2026, 1/12/26, "mai"): said as it is typed,
        # not only once the form is sent.
        "reading_invalid": gettext("Không đọc được ngày này"),
    }


class DayInput(forms.DateInput):
    """A text input for a day, shown as dd/mm/yyyy, with a calendar button added by
    site.js (`.day-field`); its format hint is tied to it (aria-describedby)."""

    input_type = "text"
    template_name = "core/widgets/day.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": "11",
            "maxlength": "40",
        }
        super().__init__({**base, **(attrs or {})}, format="%d/%m/%Y")

    def format_value(self, value: Any) -> str | None:
        return _shown(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget_attrs = widget["attrs"]
        # The minimum and maximum go to the calendar (ISO), not to the text input.
        for key in ("min", "max"):
            limit = widget_attrs.pop(key, None)
            if limit:
                try:
                    day = parse_day(limit)
                except DayError:
                    day = None
                if day is not None:
                    widget_attrs[f"data-{key}"] = day.isoformat()
        widget_attrs.setdefault("placeholder", gettext("dd/mm/yyyy"))
        hint_id = f"{widget_attrs['id']}_format" if widget_attrs.get("id") else ""
        if hint_id:
            described = str(widget_attrs.get("aria-describedby", "")).split()
            widget_attrs["aria-describedby"] = " ".join([*described, hint_id])
        widget["hint_id"] = hint_id
        widget["hint"] = gettext("Ngày/tháng/năm, ví dụ 30/11/2026")
        widget["picker_label"] = gettext("Chọn ngày trên lịch")
        widget.update(reading_words())
        return context


class DayField(forms.DateField):
    """A day typed as dd/mm/yyyy (or ISO), refused with a message that says why."""

    widget = DayInput
    default_error_messages = {
        "invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/11/2026."),
    }

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        try:
            return parse_day(value)
        except DayError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class AdminDayInput(AdminDateWidget):
    """The admin's date input (with its own calendar) showing dd/mm/yyyy."""

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format="%d/%m/%Y")

    def format_value(self, value: Any) -> str | None:
        return _shown(value)
