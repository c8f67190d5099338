"""Files built to hurt a parser by their structure (tests/uploads/hostile.py): entities,
broken or doubled zip parts, odd member names, PDFs with loops, locks, giant pages.

Each ends with the reason in both languages, or is read without the entity expanded;
never an "unexpected error", never a write, and the worker carries on.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.importer.models import DraftImport, ImportJob
from lotrinh.importer.reader import ReadError
from lotrinh.importer.service import parse_bytes
from lotrinh.reporting.models import FormUpload, ReportEntry
from tests.conftest import client_for
from tests.uploads import hostile

pytestmark = pytest.mark.django_db


def _text_of(parsed: dict) -> str:
    return repr(parsed)


@pytest.mark.parametrize("name", list(hostile.DOCX))
def test_a_hostile_word_file_is_refused_or_read_without_its_entities(name):
    try:
        parsed = parse_bytes(hostile.DOCX[name](), "ke-hoach.docx")
    except ReadError as exc:
        assert exc.message and exc.code != "unexpected"
    else:
        # An entity is never expanded: no file of the server, no laughs.
        assert "root:" not in _text_of(parsed) and "haha" not in _text_of(parsed)


@pytest.mark.parametrize("name", list(hostile.PDF))
def test_a_hostile_pdf_is_refused_with_its_reason(name):
    with pytest.raises(ReadError) as excinfo:
        parse_bytes(hostile.PDF[name](), "ke-hoach.pdf")
    assert excinfo.value.message


@pytest.mark.parametrize(
    ("kind", "name"),
    [("docx", "billion-laughs"), ("docx", "part-not-xml"), ("pdf", "page-tree-loop")],
)
def test_the_import_job_of_a_hostile_file_fails_with_the_reason_in_both_languages(
    most_monitor, django_capture_on_commit_callbacks, kind, name
):
    data = getattr(hostile, kind.upper())[name]()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(most_monitor).post(
            reverse("importer:upload"),
            {"document": SimpleUploadedFile(f"ke-hoach.{kind}", data)},
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == "failed"
    assert job.error_code != "unexpected" and job.error and job.error_en
    assert job.error != job.error_en
    assert not DraftImport.objects.exists()


@pytest.mark.parametrize("name", list(hostile.XLSX))
def test_a_hostile_spreadsheet_fails_with_a_reason_about_the_file_and_writes_nothing(
    report_a, officer_a, django_capture_on_commit_callbacks, name
):
    before = list(ReportEntry.objects.filter(report=report_a).order_by("pk").values())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post(
            reverse("reporting:upload_form", args=[report_a.pk]),
            {"file": SimpleUploadedFile("bao-cao.xlsx", hostile.XLSX[name]())},
        )
    assert response.status_code in (302, 400)
    if response.status_code == 302:  # queued: the worker read it
        upload = FormUpload.objects.get()
        assert upload.status == "failed" and bytes(upload.data) == b""
        said = upload.message + " ".join(upload.problems)
        assert "ngoài dự kiến" not in said
        assert "Không đọc được tệp" in said or "Biểu mẫu" in said or "trang" in said
    assert list(ReportEntry.objects.filter(report=report_a).order_by("pk").values()) == before


@pytest.mark.parametrize("name", list(hostile.FORM))
def test_a_report_form_spoilt_inside_its_sheets_fails_as_unreadable_not_unexpected(
    report_a, officer_a, django_capture_on_commit_callbacks, name
):
    from lotrinh.reporting import xlsx_form

    data = hostile.FORM[name](xlsx_form.build_form(report_a))
    before = list(ReportEntry.objects.filter(report=report_a).order_by("pk").values())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer_a).post(
            reverse("reporting:upload_form", args=[report_a.pk]),
            {"file": SimpleUploadedFile("bao-cao.xlsx", data)},
        )
    assert response.status_code == 302
    upload = FormUpload.objects.get()
    assert upload.status == "failed" and bytes(upload.data) == b""
    said = upload.message + " ".join(upload.problems)
    assert "Không đọc được tệp" in said, said
    assert list(ReportEntry.objects.filter(report=report_a).order_by("pk").values()) == before


def test_a_template_whose_body_does_not_inflate_is_refused_not_a_500(most_monitor):
    from lotrinh.documents.models import DocumentTemplate
    from tests.uploads.test_fuzz_files import TEMPLATE

    data = hostile.corrupt_deflate(TEMPLATE.read_bytes(), "word/document.xml")
    before = list(DocumentTemplate.objects.values())
    response = client_for(most_monitor).post(
        reverse("documents:upload_template"),
        {"template": SimpleUploadedFile("mau.docx", data)},
        follow=True,
    )
    assert response.status_code == 200
    assert "Tệp hỏng" in response.content.decode()
    assert list(DocumentTemplate.objects.values()) == before


def test_a_report_form_whose_sheet_does_not_inflate_is_refused_not_a_500(report_a, officer_a):
    from lotrinh.reporting import xlsx_form

    data = hostile.corrupt_deflate(xlsx_form.build_form(report_a), "xl/worksheets/sheet1.xml")
    response = client_for(officer_a).post(
        reverse("reporting:upload_form", args=[report_a.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", data)},
    )
    assert response.status_code == 400
    assert (
        "Không đọc được tệp" in response.content.decode() or "Tệp hỏng" in response.content.decode()
    )
    assert not FormUpload.objects.exists()


@pytest.mark.parametrize("path", ["importer", "template", "form"])
def test_a_zip_asking_for_an_unknown_zip_version_is_refused_not_a_500(
    path, most_monitor, officer_a, report_a
):
    from lotrinh.documents.models import DocumentTemplate
    from lotrinh.reporting import xlsx_form

    if path == "form":
        data = hostile.future_zip_version(xlsx_form.build_form(report_a))
        user, url, field, name = (
            officer_a,
            reverse("reporting:upload_form", args=[report_a.pk]),
            "file",
            "bao-cao.xlsx",
        )
    else:
        data = hostile.future_zip_version(hostile.TEMPLATE_BYTES())
        user, url, field, name = (
            (most_monitor, reverse("importer:upload"), "document", "ke-hoach.docx")
            if path == "importer"
            else (most_monitor, reverse("documents:upload_template"), "template", "mau.docx")
        )
    templates = list(DocumentTemplate.objects.values())
    response = client_for(user).post(url, {field: SimpleUploadedFile(name, data)}, follow=True)
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Tệp hỏng" in page or "Không đọc được tệp" in page
    assert not ImportJob.objects.exists() and not FormUpload.objects.exists()
    assert list(DocumentTemplate.objects.values()) == templates


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("minh-chung.docx", lambda: hostile.future_zip_version(hostile.TEMPLATE_BYTES())),
        ("minh-chung.odt", lambda: hostile.odt_with_deflated_broken_mimetype()),
    ],
    ids=["unknown-zip-version", "broken-mimetype-stream"],
)
def test_an_evidence_file_with_a_broken_zip_is_refused_with_its_reason(name, build):
    from lotrinh.reporting import evidence

    with pytest.raises(evidence.EvidenceRefused) as excinfo:
        evidence.inspect(SimpleUploadedFile(name, build()))
    assert "không đúng định dạng" in str(excinfo.value)


def test_a_failed_form_upload_keeps_its_reason_in_both_languages_and_shows_the_readers(
    report_a, officer_a, django_capture_on_commit_callbacks
):
    from lotrinh.reporting import xlsx_form

    data = hostile.FORM["billion-laughs"](xlsx_form.build_form(report_a))
    client = client_for(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:upload_form", args=[report_a.pk]),
            {"file": SimpleUploadedFile("bao-cao.xlsx", data)},
        )
    upload = FormUpload.objects.get()
    assert upload.message == "Tệp Excel có lỗi: chưa ghi nội dung nào."
    assert upload.message_en and upload.message_en != upload.message
    assert "Không đọc được tệp" in upload.problems[0]
    assert upload.problems_en and "Không" not in upload.problems_en[0]
    client.cookies["django_language"] = "en"
    page = client.get(response["Location"]).content.decode()
    assert upload.message_en in page and upload.problems_en[0] in page
    assert upload.message not in page
