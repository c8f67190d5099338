"""The spreadsheet's status dropdown offers the status labels whole (two contain a comma,
which an inline list would split), read from cells of a hidden sheet; a typed value
outside the list is stopped by Excel with a message in Vietnamese; and every label the
dropdown offers is accepted by the upload."""

import pytest
from openpyxl.utils.cell import range_boundaries

from lotrinh.reporting import xlsx_form
from lotrinh.reporting.models import ReportEntry, TaskStatus
from tests.reporting.test_xlsx import save, workbook

pytestmark = pytest.mark.django_db


def status_validation(book):
    sheet = book[xlsx_form.SHEET]
    [validation] = [
        v for v in sheet.data_validations.dataValidation if "C2" in str(v.sqref).split(":")[0]
    ]
    return validation


def offered_labels(book, formula: str) -> list[str]:
    """The values of the cells a list validation's formula points to."""
    sheet_name, _sep, cells = formula.rpartition("!")
    sheet = book[sheet_name.strip("'")]
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    assert min_col == max_col
    return [sheet.cell(row, min_col).value for row in range(min_row, max_row + 1)]


def test_the_dropdown_reads_the_exact_labels_from_a_hidden_sheet(report_a):
    book = workbook(report_a)
    validation = status_validation(book)
    assert validation.type == "list"
    assert not validation.formula1.startswith('"')  # not an inline list split at commas
    labels = offered_labels(book, validation.formula1)
    assert labels == list(xlsx_form.status_by_label())
    assert "Đang thực hiện, trong hạn" in labels and "Quá hạn, chưa hoàn thành" in labels
    assert len(labels) == len(TaskStatus.choices)
    assert book[xlsx_form.LISTS].sheet_state == "hidden"
    assert book[xlsx_form.LISTS].protection.sheet  # the labels cannot be edited
    # Every status cell of the form is covered.
    assert str(validation.sqref) == f"C2:C{book[xlsx_form.SHEET].max_row}"


def test_a_typed_status_is_stopped_with_a_message_in_vietnamese(report_a):
    validation = status_validation(workbook(report_a))
    assert validation.showErrorMessage
    assert validation.errorStyle in (None, "stop")
    assert validation.errorTitle == "Tình trạng không hợp lệ"
    assert "chọn một tình trạng trong danh sách" in validation.error


def test_every_label_of_the_dropdown_is_accepted_by_the_upload(report_a, officer_a):
    book = workbook(report_a)
    sheet = book[xlsx_form.SHEET]
    labels = offered_labels(book, status_validation(book).formula1)
    rows = range(2, 2 + len(labels))
    assert sheet.max_row >= rows[-1]
    for row, label in zip(rows, labels, strict=True):
        sheet[f"C{row}"] = label
        sheet[f"E{row}"] = "1/QĐ"  # a done task needs its evidence
    assert xlsx_form.import_form(report_a, officer_a, save(book)) == len(labels)
    by_label = xlsx_form.status_by_label()
    for row, label in zip(rows, labels, strict=True):
        entry = ReportEntry.objects.get(report=report_a, task__ref=sheet[f"A{row}"].value)
        assert entry.status == by_label[label]
