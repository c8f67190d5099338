"""Dates are typed and shown day first, dd/mm/yyyy, on Vietnamese and English pages
(lotrinh/core/dates.py): any day round-trips through the form it is shown in, ISO still
reads, and a day that does not exist (31/02/2026) or is typed month first (12/31/2026)
is refused with a message that says why."""

import datetime

import pytest
from django import forms
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.core.dates import DayError, DayField, DayInput, filter_day, parse_day, show_day
from lotrinh.core.templatetags.lotrinh_tags import day_input
from tests.core.pending_english import add_pending_english


class OneDay(forms.Form):
    day = DayField(label="Ngày", required=False)


@settings(deadline=None)
@given(st.dates())
def test_any_day_reads_back_from_the_form_it_is_shown_in(day: datetime.date) -> None:
    shown = DayInput().format_value(day)
    assert shown == day.strftime("%d/%m/") + f"{day.year:04d}"
    assert parse_day(shown) == day
    form = OneDay({"day": shown})
    assert form.is_valid() and form.cleaned_data["day"] == day


@settings(deadline=None)
@given(st.dates())
def test_any_day_reads_unpadded_and_as_iso_too(day: datetime.date) -> None:
    assert parse_day(f"{day.day}/{day.month}/{day.year:04d}") == day
    assert parse_day(f" {day.day:02d}-{day.month:02d}-{day.year:04d} ") == day
    assert parse_day(day.isoformat()) == day


@settings(deadline=None)
@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_the_bound_form_shows_any_day_as_the_page_writes_it(day: datetime.date) -> None:
    form = OneDay({"day": day.isoformat()})
    assert f'value="{show_day(day)}"' in str(form["day"])


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_day_comes_first_in_english_too(language: str) -> None:
    with translation.override(language):
        form = OneDay({"day": "01/12/2026"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "vi", "en"),
    [
        (
            "31/02/2026",
            "“31/02/2026” không phải một ngày: tháng 2/2026 có 28 ngày.",
            "“31/02/2026” is not a date: month 2/2026 has 28 days.",
        ),
        (
            "12/31/2026",
            "“12/31/2026” không phải một ngày: không có tháng 31. Ghi ngày trước, tháng sau "
            "(ngày/tháng/năm): có phải 31/12/2026?",
            "“12/31/2026” is not a date: there is no month 31. Type the day first, then the "
            "month (day/month/year): did you mean 31/12/2026?",
        ),
        (
            "2026-02-30",
            "“2026-02-30” không phải một ngày: tháng 2/2026 có 28 ngày.",
            "“2026-02-30” is not a date: month 2/2026 has 28 days.",
        ),
        (
            "1/12/26",
            "“1/12/26” không phải một ngày: nhập theo dạng ngày/tháng/năm, ví dụ 30/11/2026.",
            "“1/12/26” is not a date: type it as day/month/year, for example 30/11/2026.",
        ),
    ],
)
def test_a_day_that_does_not_exist_is_refused_saying_why(
    typed: str, vi: str, en: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_pending_english(monkeypatch)
    for language, message in (("vi", vi), ("en", en)):
        with translation.override(language):
            with pytest.raises(DayError) as refused:
                parse_day(typed)
            assert str(refused.value) == message
            form = OneDay({"day": typed})
            assert not form.is_valid()
            assert form.errors["day"] == [message]
            # What was typed stays in the field, to be corrected.
            assert f'value="{typed}"' in str(form["day"])


@settings(deadline=None)
@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=13, max_value=99),
    st.integers(min_value=1, max_value=9999),
)
def test_a_month_over_twelve_is_never_read_as_a_day(day: int, month: int, year: int) -> None:
    with pytest.raises(DayError):
        parse_day(f"{day:02d}/{month:02d}/{year:04d}")


def test_an_empty_field_is_no_day() -> None:
    assert parse_day("") is None and parse_day("  ") is None and parse_day(None) is None
    form = OneDay({"day": ""})
    assert form.is_valid() and form.cleaned_data["day"] is None


def test_a_filter_with_a_wrong_day_falls_back_and_says_so() -> None:
    today = datetime.date(2026, 12, 6)
    assert filter_day("01/12/2026", today) == (datetime.date(2026, 12, 1), "")
    assert filter_day("2026-12-01", today) == (datetime.date(2026, 12, 1), "")
    assert filter_day("", today) == (today, "")
    day, message = filter_day("31/02/2026", today)
    assert day == today and "28" in message


def test_the_input_says_its_format_and_ties_its_error_to_itself() -> None:
    form = OneDay({"day": "31/02/2026"})
    form.is_valid()
    html = str(form["day"])
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_day_error id_day_format"' in html
    assert '<span class="visually-hidden" id="id_day_format">' in html
    assert 'placeholder="dd/mm/yyyy"' in html


def test_a_handwritten_input_gives_its_limit_to_the_calendar_and_its_error_to_itself() -> None:
    html = day_input(
        "cutoff",
        datetime.date(2026, 1, 2),
        id="cutoff",
        max="2026-12-06",
        required=True,
        error="Sai",
    )
    assert 'value="02/01/2026"' in html
    assert 'data-max="2026-12-06"' in html and " max=" not in html
    assert 'aria-describedby="cutoff_error cutoff_format"' in html
    assert '<span class="errorlist" id="cutoff_error" role="alert">Sai</span>' in html
    assert "required" in html and "autofocus" in html


@settings(deadline=None)
@given(st.dates(), st.sampled_from(["vi", "en"]))
def test_what_the_site_writes_in_either_language_reads_back_as_that_day(
    day: datetime.date, language: str
) -> None:
    from lotrinh.core.locale import format_date

    assert parse_day(format_date(day, language)) == day
    assert parse_day(show_day(day)) == day


@settings(deadline=None)
@given(st.dates())
def test_a_day_in_words_reads_in_english_and_vietnamese(day: datetime.date) -> None:
    month = day.strftime("%B")  # the C locale's English month
    assert parse_day(f"{day.day} {month} {day.year:04d}") == day
    assert parse_day(f"{day.day} {month[:3].lower()} {day.year:04d}") == day
    assert parse_day(f"ngày {day.day} tháng {day.month} năm {day.year:04d}") == day
    assert parse_day(f"Ngày {day.day:02d} tháng {day.month:02d} năm {day.year:04d}") == day


@pytest.mark.parametrize(
    "typed, problem",
    [
        ("31 Feb 2026", "tháng 2/2026 có 28 ngày"),
        ("1 Foo 2026", "nhập theo dạng ngày/tháng/năm"),
        ("ngày 1 tháng 13 năm 2026", "không có tháng 13"),
    ],
)
def test_a_day_in_words_that_does_not_exist_is_refused_with_why(typed: str, problem: str) -> None:
    with pytest.raises(DayError, match=problem):
        parse_day(typed)
