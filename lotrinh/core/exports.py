"""Spreadsheet exports: the one place where cells are neutralised against formula injection.

A text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
formula by Excel, LibreOffice and openpyxl (OWASP "CSV injection"). Every XLSX and CSV
writer of the project passes its rows through `safe_row`/`append_row`/`write_csv_row`,
which prefix such a text with a single quote, so it arrives as text. Numbers, dates and
booleans are left as they are: a negative number stays a number.

A day or a moment is written as Excel's own date (`safe_cell`, `append_row`), shown
dd/mm/yyyy (dd/mm/yyyy hh:mm for a moment, in Vietnam's time as the pages show it, naive
in the cell since Excel has no zones), so a reader sorts and filters it as a date: text
"01/12/2025" sorts before "02/01/2024". A CSV keeps its text.

`WRITERS` lists the modules that write spreadsheets; tests/exports greps the source for
openpyxl workbooks and csv writers and fails when a writer is missing from it, and runs each
exporter on hostile data.
"""

import datetime
import decimal
import re
from collections.abc import Iterable
from typing import Any

from lotrinh.core.text import xml_safe

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DAY_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
SECONDS_FORMAT = "dd/mm/yyyy hh:mm:ss"

_DMY = re.compile(r"\d\d/\d\d/\d{4}")

# Modules with an XLSX/CSV writer (checked against the source by tests/exports).
WRITERS = (
    "lotrinh/agencies/units_file.py",
    "lotrinh/core/activity.py",
    "lotrinh/documents/render.py",
    "lotrinh/indicators/sdmx.py",
    "lotrinh/indicators/services.py",
    "lotrinh/portal/datasets.py",
    "lotrinh/programmes/exporters.py",
    "lotrinh/reporting/compliance.py",
    "lotrinh/reporting/xlsx_form.py",
)


def safe_cell(value: Any) -> Any:
    """`value` as it may leave the system in a spreadsheet cell (a text without the
    control characters a sheet cannot hold: `core.text.xml_safe`); a moment with a zone
    as the local time it is in Vietnam, naive (openpyxl refuses a zone), to the second."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value).replace(tzinfo=None)
        # To the second: Excel rounds the seconds it shows (16.6 s would read 17).
        return value.replace(microsecond=0)
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    if value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def unsafe_cell(value: Any) -> Any:
    """The inverse of `safe_cell`, for reading back a file the system wrote."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:].startswith(DANGEROUS_PREFIXES)
    ):
        return value[1:]
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def day_or_text(value: Any) -> Any:
    """A day written dd/mm/yyyy (a document's stored data) as the day, to be written as a
    date; any other value as it is ("Trước 31/12", "Quý IV/2025" stay words)."""
    if isinstance(value, str) and _DMY.fullmatch(value):
        try:
            return datetime.date(int(value[6:]), int(value[3:5]), int(value[:2]))
        except ValueError:
            return value
    return value


def append_row(sheet: Any, values: Iterable[Any], *, moment_format: str = MOMENT_FORMAT) -> None:
    """Append a row to an openpyxl worksheet (a write-only one too), every text cell
    neutralised, every day and moment a date cell shown dd/mm/yyyy (`moment_format` for
    a moment)."""
    from openpyxl.cell.cell import Cell

    row: list[Any] = []
    for value in safe_row(values):
        if isinstance(value, datetime.date):
            # Placed by `append` (row and column are placeholders, as in WriteOnlyCell).
            cell = Cell(sheet, row=1, column=1, value=value)
            cell.number_format = (
                moment_format if isinstance(value, datetime.datetime) else DAY_FORMAT
            )
            row.append(cell)
        else:
            row.append(value)
    sheet.append(row)


# Column widths in characters: a column is as wide as its longest header or cell line
# (the first rows tell), never narrower than a short number or wider than a screen's
# half (a long task text wraps in its cell instead of pushing the others off screen).
MIN_WIDTH = 8
MAX_WIDTH = 60
_SAMPLE_ROWS = 200


def _shown_length(value: Any, number_format: str) -> int:
    """How many characters a cell shows: a date as its format, a number as Excel writes it
    with thousands separators, a text by its longest line."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return len(number_format) if number_format != "General" else len(MOMENT_FORMAT)
    if isinstance(value, datetime.date):
        return len(DAY_FORMAT)
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float | decimal.Decimal):
        return len(f"{value:,}") if abs(float(value)) < 1e15 else 20
    return max((len(line) for line in str(value).splitlines()), default=0)


def fit_columns(sheet: Any, *, freeze: str | None = "A2", header_row: int = 1) -> None:
    """Size every used column of a filled worksheet to its header and typical content
    (`MIN_WIDTH`..`MAX_WIDTH` characters, a column already given a width keeps it), wrap
    the header's text, and freeze the panes at `freeze` (the header row by default) so the
    headings stay in view as the reader scrolls."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    widest: dict[int, int] = {}
    last = min(sheet.max_row, header_row + _SAMPLE_ROWS)
    for row in sheet.iter_rows(min_row=header_row, max_row=last):
        for cell in row:
            length = _shown_length(cell.value, cell.number_format)
            # A bold header reads a little wider than its characters.
            length += 2 if cell.row == header_row else 1
            widest[cell.column] = max(widest.get(cell.column, 0), length)
    wrapped: list[int] = []
    for column, length in widest.items():
        letter = get_column_letter(column)
        if letter in sheet.column_dimensions:  # the writer chose its width (or hid it)
            continue
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, length))
        if length > MAX_WIDTH:
            wrapped.append(column)
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            if cell.value is not None and (cell.row == header_row or cell.column in wrapped):
                cell.alignment = Alignment(
                    wrap_text=True, vertical="top", horizontal=cell.alignment.horizontal
                )
    if freeze and sheet.max_row > header_row:
        sheet.freeze_panes = freeze


def _csv_text(value: Any) -> Any:
    # Floats as short decimal text ("-1.5", "3", "1e+308"), never as a formula.
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, bool | int | decimal.Decimal | datetime.date):
        return value
    return safe_cell("" if value is None else str(value))


# Excel opens a CSV without a byte-order mark in the computer's code page (Windows-1258
# in Vietnam): "Bộ Y tế" arrives as "Bá»™ Y táº¿". CSV that people download gets the mark;
# SDMX-CSV does not (a machine format; docs/portal.md says which is which).
UTF8_BOM = "\ufeff"


def for_excel(text: str) -> str:
    """A CSV text as Excel reads it right: UTF-8 with its byte-order mark."""
    return text if text.startswith(UTF8_BOM) else UTF8_BOM + text


def write_csv_row(writer: Any, values: Iterable[Any]) -> None:
    """Write a row with a csv writer, every text field neutralised."""
    writer.writerow([_csv_text(value) for value in values])
