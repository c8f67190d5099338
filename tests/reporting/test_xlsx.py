import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from lotrinh.reporting import xlsx_form
from lotrinh.reporting.models import ReportEntry
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def workbook(report):
    return load_workbook(BytesIO(xlsx_form.build_form(report)))


def save(book) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_round_trip_updates_the_entries(report_a, officer_a):
    book = workbook(report_a)
    sheet = book[xlsx_form.SHEET]
    assert sheet.max_row - 1 == report_a.entries.count()
    sheet["C2"] = "Hoàn thành đúng hạn"
    sheet["D2"] = "Đã ban hành Quyết định"
    sheet["E2"] = "123/QĐ-BYT"
    sheet["F2"] = "15/03/2024"
    sheet["C3"] = "Đang thực hiện, trong hạn"
    count = xlsx_form.import_form(report_a, officer_a, save(book))
    assert count == 2  # only the rows changed in the file are saved
    first = ReportEntry.objects.get(report=report_a, task__ref=sheet["A2"].value)
    assert (first.status, first.evidence_number, first.evidence_date) == (
        "done_on_time",
        "123/QĐ-BYT",
        datetime.date(2024, 3, 15),
    )


def test_three_planted_errors_are_all_reported_and_nothing_is_written(report_a, officer_a):
    book = workbook(report_a)
    sheet = book[xlsx_form.SHEET]
    sheet["A2"] = "IX.9.z"  # unknown task
    sheet["C3"] = "Xong rồi"  # invalid status
    sheet["C4"] = "Đang thực hiện, trong hạn"
    sheet["F4"] = "01/01/2999"  # date in the future
    sheet["C5"] = "Hoàn thành đúng hạn"  # fine but …
    sheet["E5"] = "1/QĐ"
    before = list(ReportEntry.objects.filter(report=report_a).values_list("status", "version"))
    with pytest.raises(xlsx_form.FormErrors) as excinfo:
        xlsx_form.import_form(report_a, officer_a, save(book))
    problems = [str(p) for p in excinfo.value.problems]
    assert len(problems) == 3
    assert any("dòng 2" in p and "IX.9.z" in p for p in problems)
    assert any("dòng 3" in p and "Tình trạng" in p for p in problems)
    assert any("dòng 4" in p and "tương lai" in p for p in problems)
    assert (
        list(ReportEntry.objects.filter(report=report_a).values_list("status", "version")) == before
    )


def test_missing_evidence_for_done_is_reported(report_a, officer_a):
    book = workbook(report_a)
    book[xlsx_form.SHEET]["C2"] = "Hoàn thành quá hạn"
    with pytest.raises(xlsx_form.FormErrors, match="minh chứng"):
        xlsx_form.import_form(report_a, officer_a, save(book))


def test_a_wrong_file_is_refused_clearly(report_a, report_b, officer_a):
    with pytest.raises(xlsx_form.FormErrors, match="Không đọc được tệp"):
        xlsx_form.import_form(report_a, officer_a, b"not an xlsx")
    with pytest.raises(xlsx_form.FormErrors, match="báo cáo khác"):
        xlsx_form.import_form(report_a, officer_a, xlsx_form.build_form(report_b))


def test_upload_page_lists_every_problem(report_a, officer_a):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    book = workbook(report_a)
    book[xlsx_form.SHEET]["C2"] = "???"
    upload = SimpleUploadedFile("bao-cao.xlsx", save(book))
    response = client_for(officer_a).post(
        reverse("reporting:upload_form", args=[report_a.pk]), {"file": upload}
    )
    assert response.status_code == 400 and "dòng 2" in response.content.decode()
