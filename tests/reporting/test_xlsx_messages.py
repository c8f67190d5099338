"""The spreadsheet's refusals say why, as the web form's do: a date that is no day says
which part is wrong (and takes what the form takes, d/m/yyyy), a status that is no status
lists the ones there are."""

import datetime

import pytest

from lotrinh.reporting import xlsx_form
from lotrinh.reporting.models import ReportEntry
from tests.reporting.test_xlsx import save as _bytes
from tests.reporting.test_xlsx import workbook as _book

pytestmark = pytest.mark.django_db


def _problems(report, officer, book) -> list[str]:
    with pytest.raises(xlsx_form.FormErrors) as excinfo:
        xlsx_form.import_form(report, officer, _bytes(book))
    return [str(p) for p in excinfo.value.problems]


def test_a_day_that_does_not_exist_says_how_many_days_the_month_has(report_a, officer_a):
    book = _book(report_a)
    sheet = book[xlsx_form.SHEET]
    sheet["C2"] = "Đang thực hiện, trong hạn"
    sheet["F2"] = "31/02/2024"
    (problem,) = _problems(report_a, officer_a, book)
    assert "dòng 2" in problem and "tháng 2/2024 có 29 ngày" in problem


def test_a_month_typed_first_is_pointed_out(report_a, officer_a):
    book = _book(report_a)
    sheet = book[xlsx_form.SHEET]
    sheet["C2"] = "Đang thực hiện, trong hạn"
    sheet["F2"] = "03/15/2024"
    (problem,) = _problems(report_a, officer_a, book)
    assert "15/03/2024" in problem


def test_a_day_written_without_leading_zeros_is_taken_as_on_the_web_form(report_a, officer_a):
    book = _book(report_a)
    sheet = book[xlsx_form.SHEET]
    sheet["C2"] = "Hoàn thành đúng hạn"
    sheet["E2"] = "123/QĐ-BYT"
    sheet["F2"] = "5/3/2024"
    xlsx_form.import_form(report_a, officer_a, _bytes(book))
    entry = ReportEntry.objects.get(report=report_a, task__ref=sheet["A2"].value)
    assert entry.evidence_date == datetime.date(2024, 3, 5)


def test_a_status_that_is_none_lists_the_statuses(report_a, officer_a):
    book = _book(report_a)
    sheet = book[xlsx_form.SHEET]
    sheet["C2"] = "Xong rồi"
    (problem,) = _problems(report_a, officer_a, book)
    assert "Xong rồi" in problem
    for label in xlsx_form.status_by_label():
        assert label in problem


def test_the_date_refusal_is_kept_in_english_too(report_a, officer_a):
    """The worker stores each problem in both languages (`Problem.render`)."""
    book = _book(report_a)
    sheet = book[xlsx_form.SHEET]
    sheet["C2"] = "Đang thực hiện, trong hạn"
    sheet["F2"] = "31/02/2024"
    with pytest.raises(xlsx_form.FormErrors) as excinfo:
        xlsx_form.import_form(report_a, officer_a, _bytes(book))
    (problem,) = excinfo.value.problems
    english = problem.render("en")
    assert "29 days" in english and "tháng" not in english
