"""A password-protected PDF is named as such, with what to do; one protected only against
editing (an owner password, no password to open) is read as any PDF."""

import io

import pytest
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from lotrinh.importer.reader import ReadError, read_document

PLAN = """<p>KẾ HOẠCH</p><p>II. NHIỆM VỤ</p>
<p>1. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu, hoàn thành năm 2026.</p>"""


def protected(user_password: str) -> bytes:
    reader = PdfReader(io.BytesIO(HTML(string=PLAN).write_pdf()))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_that_needs_a_password_to_open_says_so():
    with pytest.raises(ReadError) as refused:
        read_document(protected("mat-khau"), "ke-hoach.pdf")
    assert refused.value.code == "pdf_password"
    assert "mật khẩu" in refused.value.message and "hỏng" not in refused.value.message


def test_a_pdf_protected_only_against_editing_is_read():
    blocks = read_document(protected(""), "ke-hoach.pdf")
    assert "Sở Khoa học và Công nghệ" in " ".join(b.text for b in blocks)


def test_a_broken_pdf_keeps_its_own_message():
    with pytest.raises(ReadError) as refused:
        read_document(b"%PDF-1.4\n rubbish \n%%EOF\n", "hong.pdf")
    assert refused.value.code == "bad_pdf"
