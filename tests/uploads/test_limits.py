"""Every upload path refuses hostile and oversized files fast, with a message, writing nothing."""

import functools
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.urls import reverse

from lotrinh.core import uploads
from lotrinh.core.uploads import UploadRefused
from lotrinh.documents.models import DocumentTemplate
from lotrinh.importer.models import DraftImport, ImportJob
from lotrinh.indicators.models import Observation
from lotrinh.reporting.models import FormUpload, ReportEntry
from tests.conftest import client_for
from tests.uploads import corpus

pytestmark = pytest.mark.django_db

# Built once: the bombs take a second to compress.
docx_bomb = functools.cache(corpus.docx_bomb)
xlsx_bomb = functools.cache(corpus.xlsx_bomb)
xlsx_million_rows = functools.cache(corpus.xlsx_million_rows)


def entries_state(report):
    return list(ReportEntry.objects.filter(report=report).order_by("pk").values())


# ------------------------------------------------------------------ the request body
class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readinto = read


def test_a_body_over_the_limit_is_refused_before_it_is_read(settings):
    settings.LOTRINH_MAX_UPLOAD_BYTES = 1000
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/nhap-van-ban/",
            "CONTENT_TYPE": "multipart/form-data; boundary=x",
            "CONTENT_LENGTH": str(10**9),
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "wsgi.input": Unreadable(),
            "wsgi.url_scheme": "http",
        }
    )

    def view_must_not_run(request):
        raise AssertionError("the view ran")

    response = uploads.UploadLimitMiddleware(view_must_not_run)(request)
    assert response.status_code == 413
    # Written the Vietnamese way: a decimal comma, a dot between thousands.
    assert "Tệp quá lớn (953,7 MB; tối đa 1.000 B)" in response.content.decode()


def test_an_over_size_upload_gets_a_page_in_vietnamese_and_nothing_is_written(
    settings, most_monitor
):
    settings.LOTRINH_MAX_UPLOAD_BYTES = 10_000
    response = client_for(most_monitor).post(
        reverse("importer:upload"),
        {"document": SimpleUploadedFile("lon.txt", b"a" * 20_000)},
    )
    page = response.content.decode()
    assert response.status_code == 413 and 'id="upload-error"' in page
    assert "Tệp quá lớn" in page and "Không có gì được ghi" in page
    assert not ImportJob.objects.exists()


# ------------------------------------------------------------------ the importer
@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("rong.docx", b"", "Tệp rỗng"),
        ("ngau-nhien.docx", corpus.RANDOM_BYTES, "nội dung là dữ liệu nhị phân"),
        ("chuong-trinh.exe", b"MZ\x90\x00", "không đúng loại"),
        ("that-ra-pdf.docx", corpus.PDF_BYTES, "nội dung là PDF"),
        ("cu.docx", corpus.OLE_BYTES, "định dạng Office cũ"),
        ("bom.docx", None, "Tệp nén bất thường"),
    ],
)
def test_the_importer_refuses_bad_files_with_a_message_and_queues_nothing(
    most_monitor, name, data, says
):
    data = docx_bomb() if data is None else data
    start = time.thread_time()
    response = client_for(most_monitor).post(
        reverse("importer:upload"), {"document": SimpleUploadedFile(name, data)}
    )
    # CPU time of the request: what it costs the worker, whatever else the machine runs.
    assert time.thread_time() - start < 0.5
    page = response.content.decode()
    assert response.status_code == 400 and says in page and 'id="upload-error"' in page
    assert not ImportJob.objects.exists() and not DraftImport.objects.exists()


def test_a_docx_beyond_the_paragraph_cap_fails_on_the_worker_with_the_reason(
    settings, most_monitor, django_capture_on_commit_callbacks
):
    settings.LOTRINH_DOCX_MAX_PARAGRAPHS = 50
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(most_monitor).post(
            reverse("importer:upload"),
            {"document": SimpleUploadedFile("dai.docx", corpus.docx_paragraphs(51))},
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == "failed"
    assert "quá nhiều đoạn (51; tối đa 50)" in job.error and not DraftImport.objects.exists()
    page = client_for(most_monitor).get(reverse("importer:job", args=[job.pk])).content.decode()
    # The same file fails the same way: no "Chạy lại" (docs/uploads.md), another file.
    assert "quá nhiều đoạn" in page and 'id="retry"' not in page


# ------------------------------------------------------------------ the XLSX report form
@pytest.mark.parametrize(
    ("build", "says"),
    [
        (xlsx_bomb, "Tệp nén bất thường"),
        (xlsx_million_rows, "quá lớn"),
        (lambda: corpus.xlsx_million_rows(50_000), "quá nhiều dòng (50000; tối đa 500)"),
        (corpus.xlsx_far_row, "quá nhiều dòng (1000000; tối đa 500)"),
        (corpus.xlsx_far_column, "quá nhiều cột (16384; tối đa 30)"),
        (lambda: corpus.PDF_BYTES, "Không đọc được tệp"),
        (lambda: b"", "Tệp rỗng"),
    ],
)
def test_the_report_form_refuses_hostile_spreadsheets_fast_and_writes_nothing(
    report_a, officer_a, build, says
):
    data = build()
    before = entries_state(report_a)
    start = time.thread_time()
    response = client_for(officer_a).post(
        reverse("reporting:upload_form", args=[report_a.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", data)},
    )
    assert time.thread_time() - start < 0.5
    assert response.status_code == 400 and says in response.content.decode()
    assert entries_state(report_a) == before
    assert not FormUpload.objects.exists()  # refused by the request, not queued


def test_open_xlsx_gives_a_read_only_workbook_of_values(report_a):
    from lotrinh.reporting import xlsx_form

    book = uploads.open_xlsx(xlsx_form.build_form(report_a))
    assert book.read_only and xlsx_form.SHEET in book.sheetnames


# ------------------------------------------------------------------ templates and CSV
def test_a_zip_bomb_template_is_refused_and_the_previous_template_stays(most_monitor):
    response = client_for(most_monitor).post(
        reverse("documents:upload_template"),
        {"template": SimpleUploadedFile("mau.docx", docx_bomb())},
        follow=True,
    )
    assert "Tệp nén bất thường" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_a_csv_beyond_the_row_cap_is_refused_and_nothing_is_recorded(settings, most_monitor):
    settings.LOTRINH_CSV_MAX_ROWS = 10
    data = "Year,Value\n" + "".join(f"{2000 + n},{n}\n" for n in range(11))
    response = client_for(most_monitor).post(
        reverse("indicators:enter", args=["SMART_CITIES_COUNT"]),
        {
            "csv": "1",
            "citation": "Thử",
            "file": SimpleUploadedFile("so-lieu.csv", data.encode()),
        },
    )
    assert response.status_code == 400 and "quá nhiều dòng (12; tối đa 11)" in (
        response.content.decode()
    )
    assert not Observation.objects.filter(indicator__code="SMART_CITIES_COUNT").exists()


# ------------------------------------------------------------------ the zip inspection
def refusal(data: bytes, kind: str = "template", name: str = "x.docx") -> UploadRefused:
    with pytest.raises(UploadRefused) as excinfo:
        uploads.check_bytes(data, name, kind)
    return excinfo.value


def test_nested_archives_and_encrypted_parts_are_refused():
    small = corpus.docx_paragraphs(3)
    assert refusal(corpus.with_member(small, "word/media/x.zip", small)).code == "zip_nested"
    assert (
        refusal(corpus.with_member(small, "word/x.xml", b"<x/>", encrypted=True)).code
        == "zip_encrypted"
    )
    # An embedded chart's workbook is never opened: it only counts towards the sizes.
    uploads.check_bytes(
        corpus.with_member(small, "word/embeddings/Chart.xlsx", small), "x.docx", "template"
    )


def test_too_many_members_and_too_much_uncompressed_content_are_refused(settings):
    settings.LOTRINH_ZIP_MAX_MEMBERS = 4  # the minimal Word file has 3
    many = corpus.with_member(corpus.docx_paragraphs(1), "word/a.xml", b"<a/>")
    many = corpus.with_member(many, "word/b.xml", b"<b/>")
    assert refusal(many).code == "zip_members"
    settings.LOTRINH_ZIP_MAX_MEMBERS = 2000
    settings.LOTRINH_ZIP_MAX_UNCOMPRESSED_BYTES = 10_000
    picture = corpus.with_member(corpus.docx_paragraphs(1), "word/media/a.png", bytes(20_000))
    assert refusal(picture).code == "zip_size"


def test_a_broken_zip_and_a_workbook_without_sheets_are_refused():
    assert refusal(b"PK\x03\x04broken").code == "bad_zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert refusal(buffer.getvalue(), "xlsx", "x.xlsx").code == "not_xlsx"


def test_caps_on_pdf_pages_and_text_lines(settings):
    settings.LOTRINH_TEXT_MAX_LINES = 3
    assert refusal(b"a\nb\nc\nd\n", "document", "a.txt").code == "text_lines"
    uploads.check_bytes(b"a\nb\nc\n", "a.txt", "document")
    settings.LOTRINH_PDF_MAX_PAGES = 1
    assert refusal(corpus.pdf_with_pages(2), "document", "a.pdf").code == "pdf_pages"
    uploads.check_bytes(corpus.pdf_with_pages(1), "a.pdf", "document")


def test_a_programme_longer_than_the_character_cap_is_refused_before_its_parse(settings):
    from lotrinh.importer.reader import ReadError
    from lotrinh.importer.service import parse_bytes

    settings.LOTRINH_DOCUMENT_MAX_CHARS = 100
    with pytest.raises(ReadError) as excinfo:
        parse_bytes(("NHIỆM VỤ\n" + "1. Bộ Y tế chủ trì xây dựng đề án.\n" * 5).encode(), "a.txt")
    assert excinfo.value.code == "too_long" and "tối đa 100" in excinfo.value.message


def test_a_text_that_starts_with_pk_is_read_as_text_not_as_a_word_file():
    from lotrinh.importer.reader import read_document

    assert [block.text for block in read_document(b"PK", "x.txt")] == ["PK"]
