"""A template with a placeholder written wrongly is refused with a message wholly in the
reader's language: where in the Word file (body, header, footer) and what is wrong. It
used to end with Jinja's English and a line number of the XML part ("Lỗi cú pháp trong
mẫu (document.xml, dòng 2): unexpected '}'"), which says nothing to the author."""

import pytest
from django.utils import translation
from docx import Document

from lotrinh.documents import render

CASES = {
    "{{ header.title }": ("phần nội dung", "gặp “}” không đúng chỗ"),
    "{{ header.title ": ("phần nội dung", "mở bằng “{{” hoặc “{%” nhưng không được đóng"),
    "{% for t in tasks %}{{ t }}": ("phần nội dung", "“{% for … %}” được mở nhưng không đóng"),
    "{% endif %}": ("phần nội dung", "“{% endif %}” không có khối mở tương ứng"),
    "{% frobnicate %}": ("phần nội dung", "“{% frobnicate %}” không có trong các thẻ"),
    "{{ header.title header.code }}": ("phần nội dung", "gặp “header” không đúng chỗ"),
}
JINJA_WORDS = ("unexpected", "Unexpected", "Encountered", "expected", "Jinja", "dòng")


def _template(tmp_path, body: str, header: str = ""):
    document = Document()
    document.add_paragraph("{{p body }}")
    document.add_paragraph(body)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    path = tmp_path / "mau.docx"
    document.save(path)
    return path


@pytest.mark.parametrize("body", CASES)
def test_a_wrong_placeholder_says_where_and_what_in_vietnamese(tmp_path, body):
    where, what = CASES[body]
    with translation.override("vi"), pytest.raises(render.TemplateProblem) as refused:
        render.check_template(_template(tmp_path, body))
    said = str(refused.value)
    assert said.startswith(f"Lỗi cú pháp trong mẫu, ở {where}: ")
    assert what in said
    assert "Hãy sửa lại trong Word" in said
    assert not any(word in said for word in JINJA_WORDS), said


def test_a_wrong_placeholder_in_the_header_is_placed_there(tmp_path):
    with translation.override("vi"), pytest.raises(render.TemplateProblem) as refused:
        render.check_template(_template(tmp_path, "", header="{{ header.title }"))
    assert str(refused.value).startswith("Lỗi cú pháp trong mẫu, ở đầu trang: ")


@pytest.mark.parametrize("body", CASES)
def test_the_same_in_english(tmp_path, body):
    with translation.override("en"), pytest.raises(render.TemplateProblem) as refused:
        render.check_template(_template(tmp_path, body))
    said = str(refused.value)
    assert said.startswith("Syntax error in the template, in the body: "), said
    assert not any(word in said for word in JINJA_WORDS), said
    assert not any("\u00c0" <= ch <= "\u1ef9" for ch in said), said
