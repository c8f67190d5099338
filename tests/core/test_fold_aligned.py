"""`fold_aligned` and `fold` (translation tables filled as characters are met) fold as
the per-character loops they replaced did: the same string, position for position."""

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lotrinh.core.text import fold, fold_aligned


def loop_fold(text: str) -> str:
    """The definition: each character's base letter (NFD, đ → d), lowercase; white space a
    space."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))[:1] or ch
        out.append(base.lower() if not base.isspace() else " ")
    return "".join(out)


VIETNAMESE = "Ủy ban Nhân dân tỉnh Đồng Nai, Bộ Khoa học và Công nghệ; ƯỚC TÍNH: hoà\u0301\tİ\u00a0"


@given(st.text(alphabet=st.sampled_from(VIETNAMESE) | st.characters(), max_size=200))
def test_fold_aligned_is_the_per_character_fold(text: str) -> None:
    assert fold_aligned(text) == loop_fold(text)


def test_a_vietnamese_name_folds_in_place() -> None:
    assert fold_aligned("Ủy ban Đồng Nai\u00a0İ") == "uy ban dong nai i"


@given(st.text(alphabet=st.sampled_from(VIETNAMESE) | st.characters(), max_size=200))
def test_fold_drops_the_marks_as_the_loop_did(text: str) -> None:
    assert fold(text) == re.sub(r"\s+", " ", loop_strip_raw(text).lower()).strip()


def loop_strip_raw(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
