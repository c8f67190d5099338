import datetime
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pdfminer.high_level import extract_text

from lotrinh.documents import assemble, render, services
from lotrinh.documents.models import DocumentTemplate, GeneratedDocument
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
CUTOFF = datetime.date(2024, 12, 31)


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


@pytest.fixture
def submitted(programme, officer_a, approver_a, most_monitor):
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    report = reporting.ensure_report(officer_a.agency, period)
    fill(report, officer_a, status="done_on_time")
    entry = report.entries.first()
    reporting.save_entry(
        entry,
        officer_a,
        {
            "status": "done_on_time",
            "evidence_number": "12/QĐ-BYT",
            "evidence_date": datetime.date(2024, 6, 1),
            "difficulties": "Thiếu kinh phí cho hạ tầng số",
            "proposals": "Bổ sung ngân sách",
        },
        expected_version=entry.version,
    )
    with time_machine.travel(datetime.datetime(2024, 11, 25, 9, 0), tick=False):
        reporting.approve_report(report, approver_a)
        reporting.submit_report(report, approver_a)
    with time_machine.travel(datetime.datetime(2024, 12, 5, 9, 0), tick=False):
        reporting.accept_report(report, most_monitor)
    return report


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_consolidated_docx_has_the_administrative_format_and_the_numbers(programme, submitted):
    data = assemble.consolidated(programme, 2024, CUTOFF)
    assert data["overview"]["reports_submitted"] == 1 and data["overview"]["reports_on_time"] == 1
    blob = render.render("consolidated", "docx", data, when=CUTOFF)
    text = docx_text(blob)
    for expected in (
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số:",
        "Hà Nội, ngày 31 tháng 12 năm 2024",
        "BÁO CÁO",
        "I. TÌNH HÌNH",
        "II. KẾT QUẢ",
        "III. KHÓ KHĂN",
        "IV. KIẾN NGHỊ",
        "Nơi nhận:",
        "BỘ TRƯỞNG",
    ):
        # The letterhead breaks the body's name between word groups (a line break).
        assert expected in text.replace("\n", " "), expected
    assert f"Có 1/{data['overview']['expected']} cơ quan đã gửi báo cáo" in text
    assert "Bộ Y tế (nhiệm vụ" in text and "Thiếu kinh phí cho hạ tầng số" in text
    assert "12/QĐ-BYT (Bộ Y tế)" in text
    section = Document(io.BytesIO(blob)).sections[0]
    assert round(section.left_margin.cm) == 3 and round(section.page_width.cm) == 21
    assert "{{" not in text  # every placeholder filled
    assert not any(bad in text for bad in ("Ã¡", "Ã³", "Ä‘", "á»", "\ufffd"))  # no mojibake


def test_the_same_request_twice_gives_the_same_content(programme, submitted):
    first = render.render(
        "consolidated", "docx", assemble.consolidated(programme, 2024, CUTOFF), when=CUTOFF
    )
    second = render.render(
        "consolidated", "docx", assemble.consolidated(programme, 2024, CUTOFF), when=CUTOFF
    )
    read = lambda blob: zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml")  # noqa: E731
    assert read(first) == read(second)


def test_numbers_come_from_reports_frozen_at_the_cut_off(programme, submitted):
    before = assemble.consolidated(programme, 2024, datetime.date(2024, 11, 20))
    after = assemble.consolidated(programme, 2024, CUTOFF)
    assert (
        before["overview"]["reports_submitted"] == 0 and after["overview"]["reports_submitted"] == 1
    )


def test_pdf_has_the_text_the_fonts_and_ink(programme, submitted, tmp_path):
    blob = render.render("consolidated", "pdf", assemble.consolidated(programme, 2024, CUTOFF))
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(blob)
    text = extract_text(str(path))
    for expected in (
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KHÓ KHĂN, VƯỚNG MẮC",
        "Thiếu kinh phí cho hạ tầng số",
    ):
        assert expected in text, expected
    assert "\ufffd" not in text and "□" not in text
    from pypdf import PdfReader

    fonts = {
        str(font.get_object().get("/BaseFont"))
        for page in PdfReader(io.BytesIO(blob)).pages
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values()
    }
    assert any("Liberation-Serif" in name for name in fonts), fonts  # the serif font is embedded
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_pdf_page.py"), str(path)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_page_check_fails_on_an_empty_page(tmp_path):
    from weasyprint import HTML

    empty = tmp_path / "trang-trang.pdf"
    empty.write_bytes(HTML(string="<html><body></body></html>").write_pdf())
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_pdf_page.py"), str(empty)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1


def test_agency_report_and_xlsx_appendix(programme, submitted):
    data = assemble.agency_report(submitted, CUTOFF)
    text = docx_text(render.render("agency", "docx", data, when=CUTOFF))
    assert "BỘ Y TẾ" in text and "Số:      /BC-BYT" in text and "Hoàn thành đúng hạn" in text
    book = load_workbook(
        io.BytesIO(
            render.render("consolidated", "xlsx", assemble.consolidated(programme, 2024, CUTOFF))
        )
    )
    assert {"Tình hình báo cáo", "Nhiệm vụ", "Chỉ tiêu"} <= set(book.sheetnames)
    rows = {r[0]: r for r in book["Tình hình báo cáo"].iter_rows(min_row=2, values_only=True)}
    assert rows["Bộ Y tế"][2] == "Đúng hạn"


def test_report_commands(programme, submitted, tmp_path):
    out = tmp_path / "tong-hop.docx"
    call_command(
        "report",
        "consolidated",
        "--programme",
        "50/NQ-CP",
        "--year",
        "2024",
        "--format",
        "docx",
        "-o",
        str(out),
    )
    assert "BÁO CÁO" in docx_text(out.read_bytes())
    pdf = tmp_path / "byt.pdf"
    call_command(
        "report",
        "agency",
        "--agency",
        "Bộ Y tế",
        "--programme",
        "50/NQ-CP",
        "--year",
        "2024",
        "--format",
        "pdf",
        "-o",
        str(pdf),
    )
    assert "Kết quả thực hiện" in extract_text(str(pdf))
    review = tmp_path / "so-ket.docx"
    call_command(
        "report", "review", "--from", "2020", "--to", "2024", "--format", "docx", "-o", str(review)
    )
    assert "Sơ kết 5 năm" in docx_text(review.read_bytes())


def test_a_broken_template_is_refused_naming_the_placeholder(tmp_path):
    from docx import Document as NewDocument

    broken = tmp_path / "mau.docx"
    document = NewDocument()
    document.add_paragraph("{{ header.title }} {{ so_lieu_bi_sai }}")
    document.save(broken)
    with pytest.raises(render.TemplateProblem, match="so_lieu_bi_sai"):
        render.check_template(broken)
    document = NewDocument()
    document.add_paragraph("{{ header.title ")
    document.save(broken)
    with pytest.raises(render.TemplateProblem, match="cú pháp"):
        render.check_template(broken)
    render.check_template(render.DEFAULT_TEMPLATE)


def test_background_generation_keeps_every_version_and_says_what_changed(
    programme,
    submitted,
    most_monitor,
    officer_a,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(most_monitor)
    request = {"kind": "consolidated", "year": 2024, "cutoff": "2024-12-31", "fmt": "docx"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:request"), request)
    first = GeneratedDocument.objects.get()
    assert first.status == "done" and first.file and first.note == ""
    # A correction accepted after the first version: the next version says so.
    report = reporting.revise_accepted_report(submitted, officer_a, "Bổ sung minh chứng")
    from tests.conftest import make_user

    approver = make_user("approver_docs", officer_a.agency.code, "approver")
    reporting.approve_report(report, approver)
    reporting.submit_report(report, approver)
    reporting.accept_report(report, most_monitor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:request"), request)
    second = GeneratedDocument.objects.order_by("-id").first()
    assert second.pk != first.pk and "1 báo cáo được tiếp nhận sau lần tạo trước" in second.note
    assert GeneratedDocument.objects.count() == 2 and first.file.name != second.file.name
    assert "Báo cáo tổng hợp" in client.get(reverse("documents:list")).content.decode()
    assert client.get(reverse("documents:download", args=[first.pk])).status_code == 200


def test_only_most_uploads_templates_and_agencies_see_their_own_documents(
    officer_a, officer_b, most_monitor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("mau.docx", render.DEFAULT_TEMPLATE.read_bytes())
    assert (
        client_for(officer_a)
        .post(reverse("documents:upload_template"), {"template": upload})
        .status_code
        == 403
    )
    upload = SimpleUploadedFile("mau.docx", render.DEFAULT_TEMPLATE.read_bytes())
    client_for(most_monitor).post(reverse("documents:upload_template"), {"template": upload})
    assert DocumentTemplate.objects.count() == 1
    assert (
        client_for(officer_b)
        .post(
            reverse("documents:request"),
            {"kind": "consolidated", "year": 2024, "cutoff": "2024-12-31", "fmt": "pdf"},
        )
        .status_code
        == 403
    )
    assert services.current_template() is not None


def in_order(needle: list[str], hay: list[str], slack: int = 40) -> bool:
    """Whether the words of `needle` appear in `hay` in order, whole, within a span of
    len(needle) + `slack` words."""
    for start, word in enumerate(hay):
        if word != needle[0]:
            continue
        found, at = 0, start
        while found < len(needle) and at < min(len(hay), start + len(needle) + slack):
            if hay[at] == needle[found]:
                found += 1
            at += 1
        if found == len(needle):
            return True
    return False


def test_the_documents_print_every_tasks_whole_text(programme, submitted, tmp_path):
    """The consolidated document cut 50 of 50/NQ-CP's 68 tasks at 220 characters, mid-word
    ("thông tin tuyê…"), and the agency's report without even a "…": an official document
    prints each task's text whole (a table cell wraps it)."""
    import re

    longest = max(programme.tasks.all(), key=lambda t: len(t.text))
    assert len(longest.text) > 220

    def words(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    consolidated = assemble.consolidated(programme, 2024, CUTOFF)
    docx = words(docx_text(render.render("consolidated", "docx", consolidated)))
    assert words(longest.text) in docx and "…" not in docx.replace("……", "")
    pdf = tmp_path / "tong-hop.pdf"
    pdf.write_bytes(render.render("consolidated", "pdf", consolidated))
    # pdfminer gives the wrapped lines of a cell one by one, the row's other cells (its
    # counts) between them, and a row longer than a page's rest goes on to the next page
    # under the page number and the repeated header row: every word of the task, whole
    # and in order, with no more than a few dozen other words among them.
    assert in_order(words(longest.text).split(), words(extract_text(str(pdf))).split())
    agency = assemble.agency_report(submitted, CUTOFF)
    own = max((submitted.entries.select_related("task")), key=lambda e: len(e.task.text)).task.text
    assert len(own) > 220
    assert words(own) in words(docx_text(render.render("agency", "docx", agency, when=CUTOFF)))


def test_the_report_command_says_the_size_in_vietnamese(programme, submitted, tmp_path):
    import io

    err = io.StringIO()
    out = tmp_path / "tong-hop.docx"
    call_command(
        "report", "consolidated", "--programme", "50/NQ-CP", "--year", "2024",
        "--format", "docx", "-o", str(out), stderr=err,
    )  # fmt: skip
    size = out.stat().st_size
    assert size > 999
    assert f"({size:,} byte)".replace(",", ".") in err.getvalue()
