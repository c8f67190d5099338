"""Checking indicator values: one rule for the web form and the CSV import alike.

`check_value` says what is wrong with a value for an indicator (unit, bounds, finite
number, sensible year and publication date); `parse_open_sdg_csv` reads an Open SDG CSV
in UTF-8 (with or without BOM; other encodings are refused with what to do, never
guessed) and lists every problem by row and column before anything is written.
"""

import csv
import datetime
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from lotrinh.core.dates import document_day_problem
from lotrinh.core.locale import active_language, format_number, localized_text
from lotrinh.core.text import fold
from lotrinh.core.textfiles import TextEncodingError, csv_delimiter, decode_text_file
from lotrinh.indicators.models import Indicator

COUNTRY = "VNM"
FIRST_YEAR = 1900
# No national figure comes near this; anything larger is a typing or export error.
MAX_MAGNITUDE = 1e18
# Quoted in full below this; beyond, the digits would fill a line (`_fmt`).
BEYOND_FULL = 1e30
MAX_CSV_BYTES = 2 * 1024 * 1024
# An indicator has at most a few hundred years × countries; more is not a data file.
MAX_CSV_ROWS = 2000
WHOLE_NUMBER_KINDS = frozenset({"world_rank", "group_rank", "count", "milestone"})
# Year and Value, the Country disaggregation, and metadata columns (ours and Open SDG's).
KNOWN_CSV_COLUMNS = {
    "Year",
    "Value",
    "Country",
    "COUNTRY",
    "Status",
    "Source",
    "Citation",
    "Units",
    "Unit",
    "Series",
    "Published",
}
NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
NOT_FINITE = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "+nan", "-nan"}
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
# Bytes that, in a file that is not UTF-8, only make sense as Vietnamese in Windows-1258:
# the combining tone marks (0xCC 0xD2 0xDE 0xEC 0xF2) and Ă Đ Ơ Ư ă đ ơ ư.


class ObservationError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Problem:
    field: str  # "year", "value" or "published_on"
    message: str


def _fmt(number: float) -> str:
    """A value quoted back in the page's language, in full ("1.234,5" in Vietnamese,
    "1,234.5" in English): "%g" wrote "1234.5" to a clerk who typed 1.234,5, and
    "1.23457e+06", not the number sent, for 1234567. A value beyond any national figure
    is still quoted in full up to 10^30 ("100.000.000.000.000.000.000": "1e+20" is a form
    the officer who typed twenty-one digits never wrote); past that (1e308 typed to test
    the limits) the short scientific form, as it was typed."""
    if abs(number) >= BEYOND_FULL:
        return f"{number:g}"
    if abs(number) >= MAX_MAGNITUDE:
        return format_number(number, 0)
    return format_number(number, 6)


def check_year(year: int, today: datetime.date) -> list[Problem]:
    if not FIRST_YEAR <= year <= today.year:
        return [
            Problem(
                "year",
                _("Năm %(year)s không hợp lệ: số liệu phải thuộc các năm %(first)s–%(last)s.")
                % {"year": year, "first": FIRST_YEAR, "last": today.year},
            )
        ]
    return []


def check_value(
    indicator: Indicator,
    *,
    year: int,
    value: float | None,
    today: datetime.date,
    published_on: datetime.date | None = None,
) -> list[Problem]:
    """Everything wrong with `value` for `indicator` in `year` (empty when it may be entered)."""
    if not indicator.takes_values:
        return [Problem("value", no_values_reason(indicator))]
    problems = check_year(year, today)
    if value is None:
        problems.append(Problem("value", _("Cần nhập giá trị.")))
    elif not math.isfinite(value):
        problems.append(Problem("value", _("Giá trị phải là một số hữu hạn.")))
    else:
        low, high = indicator.bounds()
        if (low is not None and value < low) or (high is not None and value > high):
            problems.append(
                Problem(
                    "value",
                    _("Giá trị %(value)s nằm ngoài khoảng hợp lệ %(low)s–%(high)s %(unit)s.")
                    % {
                        "value": _fmt(value),
                        "low": "−∞" if low is None else _fmt(low),
                        "high": "+∞" if high is None else _fmt(high),
                        "unit": localized_text(indicator, "unit"),
                    },
                )
            )
        elif abs(value) > MAX_MAGNITUDE:
            problems.append(
                Problem(
                    "value",
                    _("Giá trị %(value)s lớn bất thường, không phải số liệu quốc gia.")
                    % {"value": _fmt(value)},
                )
            )
        elif indicator.kind in WHOLE_NUMBER_KINDS and value != int(value):
            problems.append(
                Problem(
                    "value",
                    _("Chỉ tiêu loại “%(kind)s” nhận số nguyên; %(value)s không phải số nguyên.")
                    % {"kind": indicator.get_kind_display(), "value": _fmt(value)},
                )
            )
    if published_on is not None:
        # The rule of every typed document day: from 02/09/1945 to today.
        day_problem = document_day_problem(published_on, _("Ngày công bố"), today)
        if day_problem:
            problems.append(Problem("published_on", day_problem))
        elif published_on.year < year:
            problems.append(
                Problem(
                    "published_on",
                    _("Ngày công bố %(day)s đứng trước năm số liệu %(year)s.")
                    % {"day": published_on.strftime("%d/%m/%Y"), "year": year},
                )
            )
    return problems


def no_values_reason(indicator: Indicator) -> str:
    """Why no value is entered for `indicator` (one that does not `take_values`)."""
    if indicator.kind == "tasks":
        return _(
            "Chỉ tiêu này được tính từ báo cáo về các nhiệm vụ liên kết; không nhập số liệu "
            "cho chỉ tiêu này."
        )
    return _(
        "Mục tiêu này chưa được lượng hoá (chưa có chỉ tiêu và ngưỡng); không nhập số liệu "
        "cho chỉ tiêu này."
    )


# ------------------------------------------------------------------ CSV


def decode_csv(data: bytes) -> str:
    """The text of an uploaded CSV as a Vietnamese office saves it (UTF-8 with or without
    BOM, UTF-16 with its BOM as Excel's "Unicode text", Windows-1258 as Excel's "CSV" on a
    Vietnamese Windows: `core.textfiles`), or ObservationError saying what to do instead.

    Legacy font encodings (TCVN3, VNI), UTF-16 without its mark and bytes that fit no
    encoding are refused rather than guessed: the figures' sources are records.
    """
    try:
        text = decode_text_file(data)
    except TextEncodingError as exc:
        if exc.code == "legacy_encoding":
            raise ObservationError([exc.message]) from None
        raise _not_text() from None
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        raise _not_text()
    return text


def _not_text() -> ObservationError:
    return ObservationError(
        [
            _(
                "Tệp không phải văn bản CSV đọc được (không nhận ra bảng mã, hoặc có ký tự "
                "điều khiển); trong Excel, chọn Lưu thành → “CSV UTF-8 (phân tách bằng dấu "
                "phẩy)” rồi tải lên lại."
            )
        ]
    )


def parse_number(text: str) -> tuple[float | None, str]:
    """A value typed in a cell, or None with the reason it is not a number."""
    if text.lower() in NOT_FINITE:
        return None, _("“%(value)s” không phải một số hữu hạn.") % {"value": text}
    if not NUMBER.match(text):
        return None, _("“%(value)s” không phải số.") % {"value": text}
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        return None, _("“%(value)s” quá lớn.") % {"value": text}
    return value, ""


# Thousands grouped by points, the decimal after a comma: 1.234 · 1.234,5 · 12.345.678.
GROUPED_BY_POINTS = re.compile(r"[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")


def parse_csv_number(text: str, *, decimal_comma: bool) -> tuple[float | None, str]:
    """A CSV cell's value. `decimal_comma`: the file is separated by ";", the list separator
    of the locales that write decimals after a comma (Vietnamese Excel saves "1.234,5" and
    "1.234" so), where a point can only group thousands. In a file separated by ",", the
    Open SDG convention holds: "1.234" is one and a bit."""
    if decimal_comma and GROUPED_BY_POINTS.fullmatch(text):
        return parse_number(text.replace(".", ""))
    return parse_number(text)


# Spaces a person or a spreadsheet puts between thousands (plain, no-break, narrow).
GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
DIGITS = re.compile(r"[0-9]+")
EXPONENT = re.compile(r"[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+")


def parse_typed_number(text: str, *, percent: bool = False) -> tuple[float | None, str]:
    """A value typed in a form, or None with what to write instead.

    Vietnamese writing (1.234,5 · 1 234,5 · 1,5) and international writing (1234.5,
    1,234.5) are both read; a single separator before exactly three digits ("1.234",
    "1,234") means a thousand or a decimal depending on the writer, so it is refused with
    both readings rather than guessed. `percent`: a trailing "%" is allowed (the unit).
    """
    raw = "".join(c for c in text.strip() if c.isprintable())[:40]  # as echoed in a message
    text = text.strip().translate(GROUP_SPACES).replace("\u2212", "-")
    if percent and text.endswith("%"):
        text = text[:-1]
    negative = text.startswith("-")
    if text[:1] in "+-":
        text = text[1:]
    if text.lower() in NOT_FINITE:
        return None, _("“%(value)s” không phải một số hữu hạn.") % {"value": raw}
    not_a_number = _(
        "“%(value)s” không phải số: hãy ghi như 1234,5 hoặc 1.234,5 (dấu phẩy trước phần "
        "thập phân)."
    ) % {"value": raw}
    value: float
    if EXPONENT.fullmatch(text):
        value = float(text)
    elif "," in text and "." in text:
        point = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if point == "," else ","
        whole, _sep, fraction = text.rpartition(point)
        if not re.fullmatch(rf"[0-9]{{1,3}}(\{group}[0-9]{{3}})+", whole) or not DIGITS.fullmatch(
            fraction
        ):
            return None, not_a_number
        value = float(f"{whole.replace(group, '')}.{fraction}")
    elif text.count(",") + text.count(".") > 1:
        group = "," if "," in text else "."
        if not re.fullmatch(rf"[0-9]{{1,3}}(\{group}[0-9]{{3}})+", text):
            return None, not_a_number
        value = float(text.replace(group, ""))
    elif "," in text or "." in text:
        whole, _sep, fraction = text.replace(",", ".").partition(".")
        if not (whole == "" or DIGITS.fullmatch(whole)) or not DIGITS.fullmatch(fraction):
            return None, not_a_number
        if len(fraction) == 3 and whole.strip("0"):
            return None, _(
                "“%(value)s” chưa rõ: là %(thousands)s hay %(decimal)s? Hãy ghi số nghìn không "
                "có dấu phân cách (%(thousands)s) hoặc phần thập phân sau dấu phẩy "
                "(%(decimal)s)."
            ) % {
                "value": raw,
                "thousands": whole + fraction,
                "decimal": f"{whole}{'.' if active_language() == 'en' else ','}{fraction}",
            }
        value = float(f"{whole or '0'}.{fraction}")
    elif DIGITS.fullmatch(text):
        value = float(text)
    else:
        return None, not_a_number
    if not math.isfinite(value):
        return None, _("“%(value)s” quá lớn.") % {"value": raw}
    return (-value if negative else value), ""


def parse_date(text: str) -> datetime.date | None:
    """YYYY-MM-DD or DD/MM/YYYY; None when it is not a real day (31/02)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text)
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
    except ValueError:
        return None
    return None


@dataclass
class ParsedRow:
    line: int
    year: int
    value: float
    country: str
    published_on: datetime.date | None = None


CSV_COLUMN = {"year": "Year", "value": "Value", "published_on": "Published"}


# Column headings as a Vietnamese office writes them, folded (no diacritics, lower case),
# to the Open SDG names the rest of the import reads.
HEADING_NAMES = {
    "year": "Year",
    "nam": "Year",
    "value": "Value",
    "gia tri": "Value",
    "so lieu": "Value",
    "country": "Country",
    "quoc gia": "Country",
    "ma quoc gia": "Country",
    "published": "Published",
    "ngay cong bo": "Published",
    "status": "Status",
    "trang thai": "Status",
    "source": "Source",
    "nguon": "Source",
    "citation": "Citation",
    "trich dan": "Citation",
    "units": "Units",
    "unit": "Unit",
    "don vi": "Units",
    "don vi tinh": "Units",
    "series": "Series",
}


def _heading(text: str) -> str:
    """The Open SDG name of a column heading ("Năm" → "Year"), else the heading itself."""
    written = (text or "").strip()
    return HEADING_NAMES.get(fold(written), written)


def parse_open_sdg_csv(
    data: bytes, today: datetime.date | int, indicator: Indicator | None = None
) -> list[ParsedRow]:
    """Rows of an Open SDG CSV (Year, optional Country and Published, Value; or the same
    columns headed in Vietnamese: Năm, Giá trị, Quốc gia, Ngày công bố); all problems at
    once. With `indicator`, every value is also checked against it (`check_value`)."""
    if len(data) > MAX_CSV_BYTES:
        raise ObservationError(
            [
                _("Tệp quá lớn (%(size)s byte; tối đa %(limit)s).")
                % {"size": len(data), "limit": MAX_CSV_BYTES}
            ]
        )
    text = decode_csv(data)
    delimiter = csv_delimiter(text)
    try:
        table = _within_limit(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ObservationError(
            [_("Tệp không đúng định dạng CSV (%(error)s).") % {"error": exc}]
        ) from None
    return _observation_rows(table, today, indicator, decimal_comma=delimiter == ";")


def parse_open_sdg_xlsx(
    data: bytes, today: datetime.date | int, indicator: Indicator | None = None
) -> list[ParsedRow]:
    """The same rows from the first sheet of an Excel workbook (.xlsx), headings in its
    first non-empty row; numbers are Excel's own, whatever the sheet shows."""
    from openpyxl import load_workbook

    unreadable = ObservationError(
        [_("Không đọc được tệp Excel: hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên.")]
    )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise unreadable from None
    try:
        # A read-only workbook parses its sheet while it is read: damage shows here too.
        table = _within_limit(_sheet_rows(book.worksheets[0]))
    except ObservationError:
        raise
    except Exception:
        raise unreadable from None
    finally:
        book.close()
    return _observation_rows(table, today, indicator, decimal_comma=False)


def _within_limit(rows: Iterable[list[str]]) -> list[list[str]]:
    """The rows read, the headings' and at most MAX_CSV_ROWS more; more: refused."""
    table = []
    for row in rows:
        table.append(row)
        if len(table) > MAX_CSV_ROWS + 1:
            raise ObservationError(
                [
                    _("Tệp có hơn %(limit)s dòng số liệu; hãy chia nhỏ tệp.")
                    % {"limit": MAX_CSV_ROWS}
                ]
            )
    return table


def _sheet_rows(sheet: Any) -> Iterator[list[str]]:
    """A sheet's rows as text (`_cell_text`), from its first row that is not blank."""
    started = False
    for cells in sheet.iter_rows(values_only=True):
        if not started and not any(c is not None and str(c).strip() for c in cells):
            continue  # blank rows above the headings
        started = True
        yield [_cell_text(c) for c in cells]


def _cell_text(value: object) -> str:
    """A cell as the CSV path reads text: a whole number without ".0", a date as
    YYYY-MM-DD, a number as Python writes it (a decimal point)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def _observation_rows(
    table: list[list[str]],
    today: datetime.date | int,
    indicator: Indicator | None,
    *,
    decimal_comma: bool,
) -> list[ParsedRow]:
    """The rows of a table whose first row is its headings, checked; all problems at once."""
    if isinstance(today, int):  # a year: the last day of it
        today = datetime.date(today, 12, 31)
    written = [(h or "").strip() for h in (table[0] if table else [])]
    headers = [_heading(h) for h in written]
    # Messages name a column as the file heads it ("Năm"), the rest reads Open SDG names.
    as_written = {name: text for name, text in zip(headers, written, strict=True)}
    if "Year" not in headers or "Value" not in headers:
        raise ObservationError(
            [
                _("Thiếu cột bắt buộc Year và/hoặc Value (các cột: %(columns)s).")
                % {"columns": ", ".join(h for h in written if h) or _("không có")}
            ]
        )
    problems: list[str] = []

    def problem(line: int, column: str, message: str) -> None:
        problems.append(
            _("Dòng %(line)s, cột %(column)s: %(problem)s")
            % {"line": line, "column": as_written.get(column, column), "problem": message}
        )

    rows: list[ParsedRow] = []
    seen: set[tuple[int, str]] = set()
    for line, cells in enumerate(table[1:], start=2):
        if len(cells) > len(headers) and any((c or "").strip() for c in cells[len(headers) :]):
            problems.append(
                _("Dòng %(line)s: có nhiều ô hơn số cột của dòng tiêu đề.") % {"line": line}
            )
            continue
        row: dict[str, str] = {}
        for name, cell in zip(headers, cells, strict=False):
            if name:
                row[name] = (cell or "").strip()
        if not any(row.values()):
            continue  # a blank line, as spreadsheets leave at the end
        row.setdefault("Year", "")
        row.setdefault("Value", "")
        before = len(problems)
        country = row.get("Country") or row.get("COUNTRY") or COUNTRY
        if not COUNTRY_CODE.match(country):
            problem(
                line,
                "Country",
                _("“%(value)s” không phải mã quốc gia ISO 3 chữ cái (ví dụ VNM).")
                % {"value": country},
            )
        year = None
        if re.fullmatch(r"\d{4}", row["Year"]) and row["Year"].isascii():
            year = int(row["Year"])
        else:
            problem(line, "Year", _("“%(value)s” không phải năm.") % {"value": row["Year"]})
        value = None
        if row["Value"] == "":
            problem(line, "Value", _("thiếu giá trị."))
        else:
            value, reason = parse_csv_number(row["Value"], decimal_comma=decimal_comma)
            if value is None:
                problem(line, "Value", reason)
        published_on = None
        if row.get("Published"):
            published_on = parse_date(row["Published"])
            if published_on is None:
                problem(
                    line,
                    "Published",
                    _("“%(value)s” không phải ngày có thật (dạng YYYY-MM-DD hoặc DD/MM/YYYY).")
                    % {"value": row["Published"]},
                )
        other = {as_written.get(k, k) for k, v in row.items() if k not in KNOWN_CSV_COLUMNS and v}
        if other:
            problems.append(
                _("Dòng %(line)s: cột phân tổ %(columns)s chưa được hỗ trợ cho chỉ tiêu này.")
                % {"line": line, "columns": ", ".join(sorted(other))}
            )
        if year is not None:
            checks = (
                check_value(
                    indicator, year=year, value=value, today=today, published_on=published_on
                )
                if indicator is not None and value is not None
                else check_year(year, today)
            )
            for p in checks:
                problem(line, CSV_COLUMN[p.field], p.message)
            if (year, country) in seen:
                problem(line, "Year", _("năm %(year)s lặp lại.") % {"year": year})
            seen.add((year, country))
        if len(problems) == before and year is not None and value is not None:
            rows.append(ParsedRow(line, year, value, country, published_on))
    if problems:
        raise ObservationError(problems)
    if not rows:
        raise ObservationError([_("Tệp không có dòng số liệu nào.")])
    return rows
