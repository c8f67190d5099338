"""A Party committee's own boards, commission and office are its units whatever its
level word (Tỉnh ủy, Thành ủy, Huyện ủy, Quận ủy, Thị ủy, Đảng ủy): "Ban Tổ chức Huyện
ủy" in Huyện ủy Gia Lâm's plan, "Văn phòng Quận ủy" in Quận ủy Ba Đình's, "Ủy ban Kiểm
tra Thị ủy" in Thị ủy Sơn Tây's, as "Văn phòng Thành ủy" in Thành ủy Hà Nội's. Never for
a State issuer, never for a committee of another level word."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.agencies.unit_names import classify_unit_name, is_party_committee, is_unit_of

BODIES = (
    "Ban Thường vụ",
    "Ban Tổ chức",
    "Ban Tuyên giáo và Dân vận",
    "Ban Nội chính",
    "Ủy ban Kiểm tra",
    "Uỷ ban Kiểm tra",
    "Văn phòng",
)
# A level word and a committee of that level.
COMMITTEES = (
    ("Tỉnh ủy", "Tỉnh ủy Nghệ An"),
    ("Thành ủy", "Thành ủy Hà Nội"),
    ("Huyện ủy", "Huyện ủy Gia Lâm"),
    ("Quận ủy", "Quận ủy Ba Đình"),
    ("Thị ủy", "Thị ủy Sơn Tây"),
    ("Đảng ủy", "Đảng ủy Chính phủ"),
)
STATE_ISSUERS = (
    "Tỉnh Nghệ An",
    "Thành phố Hà Nội",
    "Ủy ban nhân dân thành phố Hà Nội",
    "Bộ Khoa học và Công nghệ",
    "Huyện Gia Lâm",
)


def _variant(text: str, upper: bool, old_tone: bool) -> str:
    if old_tone:
        text = text.replace("Ủy", "Uỷ").replace("ủy", "uỷ")
    return text.upper() if upper else text


@settings(max_examples=150, deadline=None)
@given(
    body=st.sampled_from(BODIES),
    committee=st.sampled_from(COMMITTEES),
    other=st.sampled_from(COMMITTEES),
    state=st.sampled_from(STATE_ISSUERS),
    upper=st.booleans(),
    old_tone=st.booleans(),
    with_place=st.booleans(),
)
def test_a_board_named_with_its_level_word_is_the_committees_unit(
    body, committee, other, state, upper, old_tone, with_place
) -> None:
    level, issuer = committee
    written = f"{body} {issuer}" if with_place else f"{body} {level}"
    name = _variant(written, upper, old_tone)
    assert is_party_committee(issuer)
    assert is_unit_of(name, issuer)
    assert is_unit_of(name, _variant(issuer, False, not old_tone))
    assert classify_unit_name(name) is not None
    # Never a State issuer's; never a committee's of another level word.
    assert not is_unit_of(name, state)
    if other[0] != level:
        assert not is_unit_of(name, other[1])


@pytest.mark.parametrize(
    ("name", "issuer", "mine"),
    [
        ("Ban Tổ chức Huyện ủy", "Huyện ủy Gia Lâm", True),
        ("Văn phòng Quận ủy", "Quận ủy Ba Đình", True),
        ("Ủy ban Kiểm tra Thị ủy", "Thị ủy Sơn Tây", True),
        ("Ban Tuyên giáo và Dân vận Thành ủy", "Thành ủy Hà Nội", True),
        # Another district's committee, the other level, a State issuer.
        ("Ban Tổ chức Huyện ủy Đông Anh", "Huyện ủy Gia Lâm", False),
        ("Ban Tổ chức Huyện ủy", "Thành ủy Hà Nội", False),
        ("Văn phòng Quận ủy", "Quận Ba Đình", False),
        ("Văn phòng Huyện ủy", "Ủy ban nhân dân huyện Gia Lâm", False),
        # "Quân ủy" (the army's) folds as "Quận ủy": the tone decides.
        ("Văn phòng Quận ủy", "Quân ủy Trung ương", False),
        ("Văn phòng Quân ủy Trung ương", "Quân ủy Trung ương", True),
    ],
)
def test_district_committees_boards(name, issuer, mine) -> None:
    assert is_unit_of(name, issuer) is mine
