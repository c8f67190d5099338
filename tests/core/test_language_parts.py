"""Language of parts (WCAG 3.1.2): Vietnamese inside English pages is marked lang="vi"."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from lotrinh.core.templatetags.lotrinh_tags import english_note, own_language, typed


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_vietnamese_quoted_in_an_english_note_is_marked(english):
    note = "Written as “coi đây là nhiệm vụ thường xuyên” (an ongoing task), via Báo Bắc Kạn."
    html = english_note(note)
    assert '<span lang="vi">“coi đây là nhiệm vụ thường xuyên”</span>' in html
    assert '<span lang="vi">Báo Bắc Kạn</span>' in html
    assert html.startswith("Written as ")


def test_links_stay_links_and_markup_is_escaped():
    note = "See https://example.gov.vn/a?b=1 <script>"
    for language in ("vi", "en"):
        with translation.override(language):
            html = english_note(note)
        assert '<a href="https://example.gov.vn/a?b=1"' in html and "<script>" not in html
    with translation.override("vi"):
        assert english_note(note).startswith('<span lang="en">')


def test_typed_text_is_marked_vietnamese_on_english_pages_only(english):
    assert typed("Nguyễn Văn Theo") == '<span lang="vi">Nguyễn Văn Theo</span>'
    assert typed("Plain & simple") == "Plain &amp; simple"
    with translation.override("vi"):
        assert typed("Nguyễn Văn Theo") == "Nguyễn Văn Theo"


@given(st.text(max_size=200))
def test_no_text_is_lost_or_left_unescaped(text):
    from html import unescape

    from django.utils.html import strip_tags

    with translation.override("en"):
        html = english_note(text)
    assert "<script" not in html.replace("&lt;script", "")
    if "http" not in text and "www." not in text and "@" not in text:
        assert unescape(strip_tags(html)) == text


def test_a_publisher_name_is_marked_with_its_own_language():
    with translation.override("vi"):
        assert (
            own_language("WIPO; NEDA Philippines")
            == '<span lang="en">WIPO; NEDA Philippines</span>'
        )
        assert own_language("Tổng cục Thống kê") == "Tổng cục Thống kê"
        assert own_language("—") == "—"
    with translation.override("en"):
        assert own_language("WIPO & UN") == "WIPO &amp; UN"
        assert own_language("Tổng cục Thống kê") == '<span lang="vi">Tổng cục Thống kê</span>'
