"""The compliance workbook's "Nhắc <year>" cell is a day Excel can sort and filter, as
every day in a workbook is (docs/architecture.md, "A day in a workbook is a date cell"):
one reminder is a date cell shown dd/mm/yyyy; several stay listed in one cell."""

import datetime
import io
from types import SimpleNamespace

import openpyxl

from lotrinh.reporting import compliance


def _picture(reminders: list[datetime.date]) -> SimpleNamespace:
    period = SimpleNamespace(year=2025)
    row = SimpleNamespace(
        agency=SimpleNamespace(name_vi="Bộ Y tế"),
        plan_state="missing",
        plan=None,
        cells={2025: SimpleNamespace(state="missing", reminders=reminders)},
    )
    rates = {2025: SimpleNamespace(reporting_rate=None, timeliness_rate=None)}
    return SimpleNamespace(periods=[period], rows=[row], rates=rates)


def _reminder_cell(reminders: list[datetime.date]) -> openpyxl.cell.cell.Cell:
    sheet = openpyxl.load_workbook(io.BytesIO(compliance.picture_xlsx(_picture(reminders)))).active
    assert sheet["D1"].value == "Nhắc 2025"
    return sheet["D2"]


def test_one_reminder_is_a_date_cell() -> None:
    cell = _reminder_cell([datetime.date(2025, 12, 7)])
    assert isinstance(cell.value, datetime.datetime)  # openpyxl reads a date cell so
    assert cell.value.date() == datetime.date(2025, 12, 7)
    assert cell.number_format == "dd/mm/yyyy"


def test_several_reminders_stay_listed_and_none_is_empty() -> None:
    listed = _reminder_cell([datetime.date(2025, 11, 1), datetime.date(2025, 12, 7)])
    assert listed.value == "01/11/2025, 07/12/2025"
    assert _reminder_cell([]).value in (None, "")
