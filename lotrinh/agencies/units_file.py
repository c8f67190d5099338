"""The agency's units as a file to edit and send back (docs/cascade.md): the download
(CSV, Excel) has exactly the columns `units.import_units_csv` reads, under the Vietnamese
headers it accepts, with each unit's `version`, so a file sent back unchanged changes
nothing and a row changed by a colleague since the download is refused, naming who."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.utils import translation

from lotrinh.agencies.models import Agency, Unit, UnitKind, UnitSuccession
from lotrinh.core.exports import append_row, fit_columns, for_excel, unsafe_cell, write_csv_row
from lotrinh.core.text import fold

# The import's columns, in the file's order, with the header the download writes.
HEADERS: dict[str, str] = {
    "code": "Mã đơn vị",
    "name_vi": "Tên đơn vị",
    "name_en": "Tên tiếng Anh",
    "abbreviation": "Tên viết tắt",
    "kind": "Loại",
    "parent": "Mã đơn vị cấp trên",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
    "successor": "Mã đơn vị kế thừa",
    "succession_date": "Ngày kế thừa",
    "version": "Phiên bản",
}


def _key(text: str) -> str:
    return " ".join(fold(text.strip().lstrip("\ufeff")).replace("đ", "d").split())


# A header as typed (the import's own name or the Vietnamese one, any case or accents).
_COLUMN_OF = {_key(h): c for c, h in HEADERS.items()} | {_key(c): c for c in HEADERS}


def column_of(header: str) -> str:
    """The import's name of a file's column header ("Tên đơn vị" → "name_vi"); a header
    it does not know as it is."""
    return _COLUMN_OF.get(_key(header or ""), header)


def kind_of(text: str) -> str:
    """A kind as the file writes it (its Vietnamese name) or as stored ("department")."""
    if text in UnitKind.values:
        return text
    with translation.override("vi"):
        names = {_key(str(label)): value for value, label in UnitKind.choices}
    return names.get(_key(text), text)


def _kind_name(kind: str) -> str:
    with translation.override("vi"):
        return str(UnitKind(kind).label) if kind in UnitKind.values else kind


def rows(agency: Agency) -> list[list[Any]]:
    """The agency's units, one row each in `HEADERS`' order (dates as dates), parents
    before their children; a unit's latest succession in its successor columns."""
    from lotrinh.agencies.units import tree

    latest: dict[int, UnitSuccession] = {}
    for succession in UnitSuccession.objects.filter(predecessor__agency=agency).select_related(
        "successor__agency"
    ):
        held = latest.get(succession.predecessor_id)
        if succession.successor_id and (
            held is None or held.effective_date < succession.effective_date
        ):
            latest[succession.predecessor_id] = succession
    out: list[list[Any]] = []
    units: list[Unit] = [u for u, _depth in tree(agency)]
    codes = {u.pk: u.code for u in units}
    for unit in units:
        last = latest.get(unit.pk)
        successor = ""
        if last is not None and last.successor is not None:
            target = last.successor
            successor = (
                target.code
                if target.agency_id == agency.pk
                else f"{target.agency.code}:{target.code}"
            )
        values = {
            "code": unit.code,
            "name_vi": unit.name_vi,
            "name_en": unit.name_en,
            "abbreviation": unit.abbreviation,
            "kind": _kind_name(unit.kind),
            "parent": codes.get(unit.parent_id or 0, ""),
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
            "successor": successor,
            "succession_date": last.effective_date if successor and last else None,
            "version": unit.version,
        }
        out.append([values[column] for column in HEADERS])
    return out


def as_csv(agency: Agency) -> str:
    """UTF-8 with its mark (Excel in Vietnam reads the accents), dates dd/mm/yyyy."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    write_csv_row(writer, HEADERS.values())
    for row in rows(agency):
        write_csv_row(
            writer,
            [
                v.strftime("%d/%m/%Y") if isinstance(v, datetime.date) else ("" if v is None else v)
                for v in row
            ],
        )
    return for_excel(buffer.getvalue())


def as_xlsx(agency: Agency) -> bytes:
    """One sheet, the header frozen, dates as Excel dates shown dd/mm/yyyy."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet: Any = book.active
    sheet.title = "Đơn vị"
    append_row(sheet, HEADERS.values())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(agency):
        append_row(sheet, row)
    fit_columns(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    value = unsafe_cell(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_as_csv(data: bytes) -> str:
    """An Excel file's first sheet as the CSV text the import reads (its dates dd/mm/yyyy,
    its numbers as written), so the preview carries it as it carries a CSV's."""
    from lotrinh.agencies.units import UnitError
    from lotrinh.core.uploads import XLSX_READ_ERRORS, UploadRefused, open_xlsx, unreadable_xlsx

    try:
        book = open_xlsx(data, "don-vi.xlsx")
        sheet = book.worksheets[0]
        table = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except UploadRefused as exc:
        raise UnitError(exc.message) from None
    except XLSX_READ_ERRORS:
        raise UnitError(unreadable_xlsx().message) from None
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in table:
        if any(cell.strip() for cell in row):
            writer.writerow(row)
    return buffer.getvalue()
