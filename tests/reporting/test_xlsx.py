import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lotrinh.reporting import form_uploads, xlsx_form
from lotrinh.reporting.models import FormUpload, ReportEntry
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


def post_form(client, report, data: bytes, capture=None):
    """Upload a form as the report page does; with `capture` (pytest-django's
    django_capture_on_commit_callbacks), the queued job runs as the worker would."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("bao-cao.xlsx", data)
    url = reverse("reporting:upload_form", args=[report.pk])
    if capture is None:
        return client.post(url, {"file": upload})
    with capture(execute=True):
        return client.post(url, {"file": upload})


def test_upload_page_lists_every_problem(report_a, officer_a, django_capture_on_commit_callbacks):
    book = workbook(report_a)
    book[xlsx_form.SHEET]["C2"] = "???"
    client = client_for(officer_a)
    response = post_form(client, report_a, save(book), django_capture_on_commit_callbacks)
    job = FormUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:upload_page", args=[report_a.pk, job.pk])
    assert job.status == "failed" and job.data == b"" and any("dòng 2" in p for p in job.problems)
    page = client.get(response["Location"]).content.decode()
    assert "dòng 2" in page and 'class="upload-problems"' in page and "hx-get" not in page


def test_an_upload_is_processed_on_the_worker_not_in_the_request(report_a, officer_a):
    book = workbook(report_a)
    book[xlsx_form.SHEET]["C2"] = "Đang thực hiện, trong hạn"
    book[xlsx_form.SHEET]["D2"] = "Ghi từ tệp"
    client = client_for(officer_a)
    response = post_form(client, report_a, save(book))  # the job is queued, not run
    job = FormUpload.objects.get()
    assert response.status_code == 302 and job.status == "queued" and job.data
    assert not ReportEntry.objects.filter(result="Ghi từ tệp").exists()
    # The page polls while it waits (htmx) and shows the progress.
    page = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert 'id="upload-job"' in page and "hx-get" in page and "<progress" in page
    assert "<html" not in page  # the fragment only
    assert form_uploads.run_upload(job.pk).status == "done"
    job.refresh_from_db()
    assert job.saved == 1 and job.data == b"" and job.progress == 100
    assert ReportEntry.objects.filter(report=report_a, result="Ghi từ tệp").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Đã cập nhật 1 nhiệm vụ từ tệp Excel" in page and "hx-get" not in page


def test_an_upload_is_processed_exactly_once(report_a, officer_a):
    from lotrinh.core.models import AuditEvent

    book = workbook(report_a)
    book[xlsx_form.SHEET]["C2"] = "Đang thực hiện, trong hạn"
    book[xlsx_form.SHEET]["D2"] = "Một lần thôi"
    post_form(client_for(officer_a), report_a, save(book))
    job = FormUpload.objects.get()
    events = AuditEvent.objects.filter(action="report.entry_saved").count()
    form_uploads.run_upload(job.pk)
    form_uploads.run_upload(job.pk)  # the same job delivered twice: the second does nothing
    assert AuditEvent.objects.filter(action="report.entry_saved").count() == events + 1
    # A worker killed mid-run: its job goes back to the queue and runs again from the start.
    post_form(client_for(officer_a), report_a, save(book))
    second = FormUpload.objects.latest("pk")
    FormUpload.objects.filter(pk=second.pk).update(status="running")
    form_uploads.upload_back_in_queue(second.pk)
    second = form_uploads.run_upload(second.pk)
    # The file says what the system already holds: nothing saved again, not a conflict.
    assert (second.status, second.saved, second.attempts) == ("done", 0, 1)
    assert AuditEvent.objects.filter(action="report.entry_saved").count() == events + 1


def test_an_upload_to_a_report_no_longer_editable_is_refused_at_once(report_a, officer_a):
    from lotrinh.reporting.models import AgencyReport

    AgencyReport.objects.filter(pk=report_a.pk).update(status="submitted")
    response = post_form(client_for(officer_a), report_a, save(workbook(report_a)))
    assert response.status_code == 400 and "không thể sửa" in response.content.decode()
    assert not FormUpload.objects.exists()


def test_the_upload_page_is_only_for_the_reports_editors(report_a, report_b, officer_a, officer_b):
    post_form(client_for(officer_a), report_a, save(workbook(report_a)))
    job = FormUpload.objects.get()
    own = reverse("reporting:upload_page", args=[report_a.pk, job.pk])
    assert client_for(officer_b).get(own).status_code == 404
    # Another report's address does not reach it either.
    other = reverse("reporting:upload_page", args=[report_b.pk, job.pk])
    assert client_for(officer_b).get(other).status_code == 404
