"""A task's rhythm as the genre writes it: monthly, quarterly, every six months, yearly,
ongoing (docs/programme-format.md, `recurrence`). Before, only "hằng năm" and "thường
xuyên" were read: "Định kỳ 6 tháng" (57-NQ/TW IV.6, a province's reporting calendar) and
"hằng tháng" gave no recurrence."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotrinh.importer.dates import find_recurrence
from lotrinh.programmes.models import Recurrence


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Định kỳ 6 tháng", "semiannual"),
        ("định kỳ 06 tháng báo cáo kết quả với Ban Chỉ đạo", "semiannual"),
        ("06 tháng/lần", "semiannual"),
        ("báo cáo 6 tháng một lần", "semiannual"),
        ("Hằng quý", "quarterly"),
        ("báo cáo hàng quý, hằng năm", "quarterly"),
        ("trước ngày 20 hằng tháng", "monthly"),
        ("Hằng năm", "annual"),
        ("hàng năm", "annual"),
        ("Thường xuyên", "ongoing"),
        ("hằng năm và thường xuyên", "annual"),
        ("6 tháng đầu năm 2025", None),
        ("Quý IV/2026", None),
        ("Tháng 12/2025", None),
        ("ngày 15 tháng năm", None),  # "tháng năm" holds "hang nam" inside a word
    ],
)
def test_the_genres_rhythms_are_read(text, code):
    assert find_recurrence(text) == code


def test_every_rhythm_read_is_a_value_of_the_format():
    for text in ("hằng tháng", "hằng quý", "định kỳ 6 tháng", "hằng năm", "thường xuyên"):
        assert find_recurrence(text) in Recurrence.values


PERIODS = st.builds(
    lambda half, year: f"6 tháng {half} năm {year}",
    st.sampled_from(["đầu", "cuối"]),
    st.integers(2020, 2035),
)
WORDS = st.lists(
    st.sampled_from("báo cáo kết quả thực hiện kế hoạch trước ngày tổng hợp gửi Sở".split()),
    max_size=8,
).map(" ".join)


@given(before=WORDS, period=PERIODS, after=WORDS)
def test_a_half_year_period_is_a_deadline_not_a_rhythm(before, period, after):
    assert find_recurrence(f"{before} {period} {after}") is None


@given(
    before=WORDS,
    after=WORDS,
    rhythm=st.sampled_from(
        [("hằng tháng", "monthly"), ("hằng quý", "quarterly"), ("định kỳ 6 tháng", "semiannual")]
    ),
)
def test_a_rhythm_more_frequent_than_a_year_wins_over_the_yearly_one(before, after, rhythm):
    words, code = rhythm
    assert find_recurrence(f"{before} {words} {after}, hằng năm") == code


def test_words_that_fold_like_a_rhythm_are_not_one():
    # Folded, "đổi mới quy trình" holds "moi quy" ("mỗi quý"): read with the diacritics.
    assert find_recurrence("Đổi mới quy trình xây dựng nghị quyết") is None
    assert find_recurrence("Báo cáo mỗi quý một lần") == "quarterly"
