"""The offline round trip: the report form as XLSX, filled in Excel, uploaded back.

The upload is validated row by row; on any error nothing is written and every problem is
listed with its row and column.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from lotrinh.core.dates import DayError, parse_day
from lotrinh.core.exports import DAY_FORMAT, append_row, unsafe_cell
from lotrinh.core.i18n import gettext as _
from lotrinh.core.i18n import in_language
from lotrinh.core.locale import format_number
from lotrinh.core.text import xml_safe
from lotrinh.core.uploads import XLSX_READ_ERRORS, UploadRefused, open_xlsx, unreadable_xlsx
from lotrinh.reporting.models import AgencyReport, TaskStatus
from lotrinh.reporting.services import (
    ENTRY_FIELDS,
    Conflict,
    ConflictError,
    WorkflowError,
    differences,
    entry_values,
    last_change,
    save_entry,
    validate_entry,
)

SHEET = "Báo cáo"
META = "Thông tin"
LISTS = "Danh mục"  # hidden: the status labels the dropdown offers
COLUMNS = [
    ("ref", "Tham chiếu nhiệm vụ"),
    ("text", "Nội dung nhiệm vụ (không sửa)"),
    ("status", "Tình trạng"),
    ("result", "Kết quả"),
    ("evidence_number", "Số, ký hiệu văn bản minh chứng"),
    ("evidence_date", "Ngày văn bản (dd/mm/yyyy)"),
    ("evidence_link", "Đường dẫn minh chứng"),
    ("difficulties", "Khó khăn, vướng mắc"),
    ("proposals", "Kiến nghị"),
]
# Hidden, locked columns after the visible ones: the entry's version when the form was
# made, and a digest of the row's content then. An unchanged row is not saved; a changed
# row whose entry moved on since the download is a conflict (docs/security.md).
VERSION_COLUMNS = [
    ("version", "Phiên bản (không sửa)"),
    ("digest", "Mã kiểm tra (không sửa)"),
]


def row_digest(values: dict[str, Any]) -> str:
    """A digest of a row's editable content, normalised as the upload reads it."""
    plain = []
    for field in ENTRY_FIELDS:
        value = values.get(field)
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, str):
            # As the sheet holds it (`core.exports.safe_cell`): a text with a pasted line
            # break (U+000B) sent back unchanged is unchanged.
            value = xml_safe(value).strip()
        plain.append(value or "")
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False).encode()).hexdigest()[:32]


def status_by_label() -> dict[str, str]:
    """Status labels of the form: always Vietnamese, the language of the report."""
    with translation.override("vi"):
        return {str(label): value for value, label in TaskStatus.choices}


def status_range(count: int) -> str:
    """The cells of the hidden sheet that hold the `count` status labels."""
    return f"'{LISTS}'!$A$1:$A${count}"


def build_form(report: AgencyReport) -> bytes:
    with translation.override("vi"):
        return _build_form(report)


def _build_form(report: AgencyReport) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    append_row(sheet, [label for _key, label in COLUMNS + VERSION_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F5")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for entry in report.entries.select_related("task").order_by("task__position"):
        append_row(
            sheet,
            [
                entry.task.ref,
                entry.task.text,
                entry.get_status_display(),
                entry.result,
                entry.evidence_number,
                # A date cell (dd/mm/yyyy); read back by `_date`, as is a day typed as text.
                entry.evidence_date,
                entry.evidence_link,
                entry.difficulties,
                entry.proposals,
                entry.version,
                row_digest({f: getattr(entry, f) for f in ENTRY_FIELDS}),
            ],
        )
    # The dropdown reads the labels from cells: an inline list is split at commas, and two
    # labels contain one ("Đang thực hiện, trong hạn").
    lists = book.create_sheet(LISTS)
    labels = list(status_by_label())
    for label in labels:
        append_row(lists, [label])
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    validation = DataValidation(
        type="list", formula1=status_range(len(labels)), allow_blank=False, showDropDown=False
    )
    validation.errorStyle = "stop"
    validation.errorTitle = "Tình trạng không hợp lệ"
    validation.error = (
        "Hãy chọn một tình trạng trong danh sách của ô (bấm vào mũi tên bên phải ô), không gõ tay."
    )
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(f"C2:C{max(sheet.max_row, 2)}")
    evidence_date = [key for key, _label in COLUMNS].index("evidence_date")
    for row in sheet.iter_rows(min_row=2):
        for cell in row[2 : len(COLUMNS)]:
            cell.protection = Protection(locked=False)
        # A blank date cell too: a day the clerk types shows as the others do.
        row[evidence_date].number_format = DAY_FORMAT
    sheet.protection.sheet = True  # the reference and task text stay as issued
    for letter, width in zip("ABCDEFGHI", (12, 60, 26, 50, 22, 16, 30, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    for letter in "JK":
        sheet.column_dimensions[letter].hidden = True
    sheet.freeze_panes = "C2"  # the reference and task stay beside the typed columns
    meta = book.create_sheet(META)
    append_row(meta, ["report", report.pk])
    append_row(meta, ["version", report.version])
    append_row(meta, ["sections_version", report.sections_version])
    append_row(meta, ["agency", report.agency.name_vi])
    append_row(meta, ["period", str(report.period)])
    meta.sheet_state = "hidden"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("dòng %(row)s") % {"row": self.row} if self.row else _("tệp")
        return (
            _("%(where)s, cột “%(column)s”: %(message)s")
            % {"where": where, "column": self.column, "message": self.message}
            if self.column
            else f"{where}: {self.message}"
        )

    def render(self, language: str) -> str:
        """The problem in `language` (the worker stores it in both)."""
        with translation.override(language):
            return str(Problem(self.row, self.column, in_language(self.message, language)))


class FormErrors(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def _date(value: Any) -> datetime.date | None:
    """A date cell: Excel's own date, or a day typed as the web form takes it
    (`parse_day`); a `DayError` that says why for anything else."""
    if value in (None, ""):
        return None
    return parse_day(value)


TEXT_KEYS = ("result", "evidence_number", "evidence_link", "difficulties", "proposals")


def _cell_text(value: Any, number_format: str | None) -> str:
    """A text cell as the clerk saw it in Vietnamese Excel: a number or a date typed into
    a text column is stored by Excel as a number or a date (1234,5; 1.234,5 when grouped;
    50%; 15/03/2026), and must not come back as Python writes it (1234.5, 0.5,
    2026-03-15 00:00:00)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        shown = value.strftime("%d/%m/%Y")
        return shown if value.time() == datetime.time() else shown + value.strftime(" %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).strip()
    shape = number_format or "General"
    percent = "%" in shape
    number = value * 100 if percent else value
    written = repr(round(number, 10) if isinstance(number, float) else number)
    digits = 0 if "e" in written or "." not in written else len(written.split(".")[1])
    text = format_number(number, digits, "vi", grouping="#,##" in shape)
    return text.replace("\u2212", "-") + ("%" if percent else "")


def _web_form_link(value: str) -> str:
    """The link as the web form reads it ("example.org/a" is "https://example.org/a");
    whether it is acceptable is `validate_entry`'s rule, the same for both paths."""
    return (forms.URLField(assume_scheme="https").to_python(value) or "") if value else ""


def parse_form(report: AgencyReport, data: bytes) -> dict[str, dict[str, Any]]:
    """The entries of an uploaded form, by task reference; raises FormErrors listing all problems."""
    try:
        return _parse_form(report, data)
    except XLSX_READ_ERRORS:
        # A sheet openpyxl meets only row by row (read-only): XML that is not XML, an entity
        # the parser refuses to expand, a part that does not inflate: the file, not a bug.
        raise FormErrors([Problem(0, "", unreadable_xlsx().message)]) from None


def _parse_form(report: AgencyReport, data: bytes) -> dict[str, dict[str, Any]]:
    try:
        # Size, zip directory, rows and columns checked before openpyxl reads anything.
        book = open_xlsx(data)
    except UploadRefused as exc:
        raise FormErrors([Problem(0, "", exc.message)]) from None
    if SHEET not in book.sheetnames or META not in book.sheetnames:
        raise FormErrors(
            [
                Problem(
                    0,
                    "",
                    _("Tệp không có trang “%(SHEET)s” của biểu mẫu báo cáo.") % {"SHEET": SHEET},
                )
            ]
        )
    meta = {row[0]: row[1] for row in book[META].iter_rows(values_only=True) if row and row[0]}
    if meta.get("report") != report.pk:
        raise FormErrors([Problem(0, "", _("Tệp này là biểu mẫu của một báo cáo khác."))])
    sheet = book[SHEET]
    header = [c.value for c in sheet[1]]
    if header[: len(COLUMNS)] != [label for _key, label in COLUMNS]:
        raise FormErrors([Problem(1, "", _("Các cột của biểu mẫu đã bị thay đổi."))])
    known = {e.task.ref for e in report.entries.select_related("task")}
    today = timezone.localdate()
    problems: list[Problem] = []
    parsed: dict[str, dict[str, Any]] = {}
    statuses = status_by_label()
    labels = dict(COLUMNS)
    keys = [key for key, _ in COLUMNS + VERSION_COLUMNS]
    versions_missing = header[len(COLUMNS) : len(COLUMNS) + 1] != [VERSION_COLUMNS[0][1]]
    if versions_missing:
        raise FormErrors(
            [
                Problem(
                    1,
                    "",
                    _(
                        "Biểu mẫu này không ghi phiên bản của từng nhiệm vụ (tải về từ bản cũ của hệ thống): hãy tải biểu mẫu mới."
                    ),
                )
            ]
        )
    all_labels = dict(COLUMNS + VERSION_COLUMNS)
    for index, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        row = tuple(cell.value for cell in cells)
        shapes = dict(
            zip(keys, (getattr(cell, "number_format", None) for cell in cells), strict=False)
        )
        # A formula is never taken as a report's text (it would be evaluated by whoever
        # opens a download): the workbook is read with formulas, not cached values, and a
        # formula cell is refused by name. Text the form neutralised on the way out
        # (core/exports.py) starts with an apostrophe and reads back as typed.
        formulas = [
            key
            for key, value in zip(keys, row, strict=False)
            if isinstance(value, str) and value.startswith("=")
        ]
        for key in formulas:
            problems.append(
                Problem(
                    index,
                    all_labels[key],
                    _(
                        "ô chứa công thức (“%(formula)s”): hãy nhập nội dung dạng chữ, không bắt đầu bằng dấu =."
                    )
                    % {"formula": str(dict(zip(keys, row, strict=False))[key])[:60]},
                )
            )
        if formulas:
            continue
        values = dict(zip(keys, map(unsafe_cell, row), strict=False))
        if not any(values.get(key) for key, _label in COLUMNS):
            continue
        ref = str(values.get("ref") or "").strip()
        if ref not in known:
            problems.append(
                Problem(
                    index,
                    labels["ref"],
                    _("không có nhiệm vụ “%(ref)s” trong báo cáo này.") % {"ref": ref},
                )
            )
            continue
        status_label = str(values.get("status") or "").strip()
        status = statuses.get(status_label)
        entry: dict[str, Any] = {
            "status": status,
            **{key: _cell_text(values.get(key), shapes.get(key)).strip() for key in TEXT_KEYS},
        }
        if status is None:
            problems.append(
                Problem(
                    index,
                    labels["status"],
                    _(
                        "“%(status_label)s” không phải tình trạng hợp lệ. Chọn một trong: %(choices)s."
                    )
                    % {"status_label": status_label, "choices": "; ".join(statuses)},
                )
            )
        try:
            entry["evidence_date"] = _date(values.get("evidence_date"))
        except DayError as exc:
            # The message itself (a `Text`): the worker renders it in both languages.
            problems.append(Problem(index, labels["evidence_date"], exc.args[0]))
            continue
        version = values.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            problems.append(
                Problem(
                    index,
                    VERSION_COLUMNS[0][1],
                    _("cột phiên bản ẩn đã bị sửa hoặc xoá: hãy tải biểu mẫu mới."),
                )
            )
            continue
        # Unchanged rows are not validated against today's rules nor saved.
        entry["_version"] = version
        entry["_row"] = index
        entry["_unchanged"] = row_digest(entry) == str(values.get("digest") or "")
        if not entry["_unchanged"]:
            entry["evidence_link"] = _web_form_link(entry["evidence_link"])
            for field, message in validate_entry(entry, today).items():
                if field == "status" and status is None:
                    continue
                problems.append(Problem(index, labels[field], message))
        parsed[ref] = entry
    if problems:
        raise FormErrors(problems)
    return parsed


@transaction.atomic
def import_form(report: AgencyReport, user: Any, data: bytes) -> int:
    """Save the rows changed since the form was downloaded; returns how many were saved.

    All or nothing: a row changed in the file whose entry was also changed in the system
    since the download is a conflict; every such row is listed (with who changed it and
    when) and nothing is written. The upload page runs it in two steps on the worker
    (`form_uploads.run_upload`: `parse_form`, then `save_form`).
    """
    return save_form(report, user, parse_form(report, data))


@transaction.atomic
def save_form(report: AgencyReport, user: Any, parsed: dict[str, dict[str, Any]]) -> int:
    """Save a parsed form (`parse_form`): the version check and the saves of `import_form`."""
    locked = AgencyReport.objects.select_for_update().get(pk=report.pk)
    entries = {e.task.ref: e for e in locked.entries.select_related("task").select_for_update()}
    changed = {ref: v for ref, v in parsed.items() if not v["_unchanged"]}
    conflicts: list[Conflict] = []
    for ref, values in changed.items():
        entry = entries[ref]
        if entry.version == values["_version"]:
            continue
        fields = {f: values[f] for f in ENTRY_FIELDS}
        diff = differences(entry_values(entry), fields)
        if not diff:
            continue  # the file says what the system already holds
        who, when = last_change(locked, "report.entry_saved", ref)
        conflicts.append(Conflict(ref, diff, who, when))
    if conflicts:
        raise ConflictError(
            _(
                "Biểu mẫu đã cũ: %(n)s nhiệm vụ đã được sửa trên hệ thống sau khi tải biểu mẫu về. Chưa ghi nội dung nào."
            )
            % {"n": len(conflicts)},
            conflicts,
        )
    count = 0
    for ref, values in changed.items():
        entry = entries[ref]
        fields = {f: values[f] for f in ENTRY_FIELDS}
        try:
            saved = save_entry(entry, user, fields, expected_version=values["_version"])
        except WorkflowError as exc:
            raise FormErrors([Problem(values["_row"], "", str(exc))]) from exc
        if saved.version != entry.version:
            count += 1
    return count
