"""Numbers in the reader's language, and data fields with a fallback to the other one."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.core.locale import format_number, format_percent, localized, parse_number
from lotrinh.core.refs import human_ref

numbers = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(numbers, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_formatted_numbers_read_back_in_both_languages(value, digits, language):
    text = format_number(value, digits, language)
    assert parse_number(text, language) == pytest.approx(round(value, digits), abs=10**-digits)


@given(numbers, st.integers(min_value=1, max_value=4))
def test_vietnamese_never_writes_a_decimal_point(value, digits):
    text = format_number(value, digits, "vi", fixed=True)
    whole, _, fraction = text.partition(",")
    assert len(fraction) == digits and fraction.isdigit()
    # Every "." groups thousands: groups of exactly three digits after the first.
    groups = whole.lstrip("−").split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


def test_examples_of_each_language():
    assert format_number(1234.5, 2, "vi") == "1.234,5"
    assert format_number(1234.5, 2, "en") == "1,234.5"
    assert format_percent(24.6, 1, "vi") == "24,6%"
    assert format_percent(0.246, 1, "en", ratio=True) == "24.6%"
    assert format_number(0.95, 2, "en") == "0.95"
    assert format_number(None) == "—"
    assert format_number(-0.001, 2, "vi") == "0"


@pytest.mark.parametrize(
    ("language", "expected"), [("vi", "24,6% · 1.234,5 · 50%"), ("en", "24.6% · 1,234.5 · 50%")]
)
def test_template_filters_follow_the_active_language(language, expected):
    template = Template(
        "{% load lotrinh_tags %}{{ 24.56|pct }} · {{ 1234.5|num }} · {% share 1 2 %}"
    )
    with translation.override(language):
        assert template.render(Context()) == expected


def test_an_english_page_reads_the_english_field_and_falls_back_marked():
    both = SimpleNamespace(note="Ghi chú", note_en="A note")
    only_vietnamese = SimpleNamespace(note="Ghi chú", note_en="")
    only_english = SimpleNamespace(note="", note_en="A note")
    assert localized(both, "note", "en") == ("A note", "en")
    assert localized(both, "note", "vi") == ("Ghi chú", "vi")
    assert localized(only_vietnamese, "note", "en") == ("Ghi chú", "vi")
    assert localized(only_english, "note", "vi") == ("A note", "en")
    agency = SimpleNamespace(name_vi="Bộ Y tế", name_en="Ministry of Health")
    assert localized(agency, "name", "en") == ("Ministry of Health", "en")

    template = Template('{% load lotrinh_tags %}{{ obj|localized:"note" }}')
    with translation.override("en"):
        assert (
            template.render(Context({"obj": only_vietnamese})) == '<span lang="vi">Ghi chú</span>'
        )
        assert template.render(Context({"obj": both})) == "A note"
    with translation.override("vi"):
        assert template.render(Context({"obj": only_english})) == '<span lang="en">A note</span>'
        assert template.render(Context({"obj": both})) == "Ghi chú"


def test_internal_clause_keys_become_words():
    with translation.override("vi"):
        assert human_ref("preamble.1") == "Phần mở đầu, đoạn 1"
        assert human_ref("2.general") == "Mục 2, mục tiêu tổng quát"
        assert human_ref("2.2030") == "Mục 2, mục tiêu đến năm 2030"
        assert human_ref("II.1.b") == "II.1.b"
        assert human_ref("3.2.1") == "3.2.1"


# ------------------------------------------------------------ the minus sign in text

# The machine is shared: slow generation is no failure of the property.
patient = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@patient
@given(numbers, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_a_figure_code_wrote_into_a_sentence_reads_back_with_the_minus_sign(
    value, digits, language
):
    from lotrinh.core.locale import MINUS, figures_in_text

    written = f"{value:.{digits}f}"
    shown = figures_in_text(f"từ {written}%/năm", language)
    figure = shown.removeprefix("từ ").removesuffix("%/năm")
    assert "-" not in shown
    assert shown.startswith(f"từ {MINUS}") == written.startswith("-")
    assert parse_number(figure, language) == pytest.approx(float(written), abs=10**-digits)


@patient
@given(numbers, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_a_formatted_number_is_signed_with_the_minus_sign(value, digits, language):
    assert "-" not in format_number(value, digits, language)


@pytest.mark.parametrize(
    "text",
    ["2020-05-01", "KH-2024", "2-3 năm", "Quyết định số 12/QĐ-BKHCN", "Bộ Y tế - 5 nhiệm vụ"],
)
def test_a_hyphen_that_signs_no_number_stays(text):
    from lotrinh.core.locale import figures_in_text

    assert figures_in_text(text, "en") == text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "(3 điểm, −0,25 bậc/năm); −2; từ −0,31% đến 6,45%"),
        ("en", "(3 điểm, −0.25 bậc/năm); −2; từ −0.31% đến 6.45%"),
    ],
)
def test_the_page_filter_writes_the_minus_sign_in_both_languages(language, expected):
    template = Template("{% load lotrinh_tags %}{{ text|localnum }}")
    with translation.override(language):
        shown = template.render(
            Context({"text": "(3 điểm, -0.25 bậc/năm); -2; từ -0.31% đến 6.45%"})
        )
    assert shown == expected
