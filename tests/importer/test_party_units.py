"""A Party committee's programme assigns work to its own bodies (Hướng dẫn 36-HD/VPTW;
the committee's boards, its inspection commission, its office, the Party committees
directly under it): "Ban Thường vụ Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh
ủy", "Văn phòng Tỉnh ủy", "Đảng ủy Ủy ban nhân dân tỉnh". They are units of the issuing
Tỉnh ủy (Thành ủy, Đảng ủy) as a province plan's "Sở …" are units of the province, in any
casing and with "Uỷ"/"Ủy" alike; never units of a People's Committee, nor of a committee
of the other level."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.agencies.unit_names import classify_unit_name, is_unit_of
from lotrinh.importer import review
from lotrinh.importer.service import parse_bytes

EVAL = Path(__file__).parent / "eval"

BODIES = (
    "Ban Thường vụ",
    "Ban Tổ chức",
    "Ban Tuyên giáo và Dân vận",
    "Ban Tuyên giáo",
    "Ban Nội chính",
    "Ban Dân vận",
    "Ủy ban Kiểm tra",
    "Uỷ ban Kiểm tra",
    "Văn phòng",
)


@pytest.mark.parametrize(
    ("name", "issuer", "mine"),
    [
        ("Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Nghệ An", True),
        ("Ủy ban Kiểm tra Tỉnh ủy", "Tỉnh ủy Nghệ An", True),
        ("Uỷ ban Kiểm tra Tỉnh uỷ", "Tỉnh ủy Nghệ An", True),
        ("Văn phòng Tỉnh uỷ", "Tỉnh uỷ Nghệ An", True),
        ("Ban Nội chính Tỉnh ủy Nghệ An", "Tỉnh ủy Nghệ An", True),
        ("Đảng ủy các cơ quan Đảng tỉnh", "Tỉnh ủy Nghệ An", True),
        ("Đảng ủy Ủy ban nhân dân tỉnh", "Tỉnh ủy Nghệ An", True),
        ("Đảng ủy UBND thành phố", "Thành ủy Hà Nội", True),
        ("Ban Tổ chức Thành ủy", "Thành ủy Hà Nội", True),
        ("Ban Tổ chức Đảng ủy", "Đảng ủy Chính phủ", True),
        # Another committee's, another level's, or not the committee's at all.
        ("Ban Nội chính Tỉnh ủy Hà Tĩnh", "Tỉnh ủy Nghệ An", False),
        ("Ban Tổ chức Tỉnh ủy", "Thành ủy Hà Nội", False),
        ("Ban Tổ chức Thành ủy", "Tỉnh ủy Nghệ An", False),
        ("Đảng ủy Ủy ban nhân dân tỉnh", "Thành ủy Hà Nội", False),
        ("Sở Tài chính", "Tỉnh ủy Nghệ An", False),
        ("Công an tỉnh", "Tỉnh ủy Nghệ An", False),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Tỉnh ủy Nghệ An", False),
        ("Ban Chỉ đạo 35 Tỉnh ủy", "Tỉnh ủy Nghệ An", False),
        # A People's Committee's plan: the Party's bodies are not its units.
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Tỉnh Nghệ An", False),
        ("Văn phòng Tỉnh ủy", "Tỉnh Nghệ An", False),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Tỉnh Nghệ An", True),
    ],
)
def test_a_party_committees_bodies_are_its_units(name, issuer, mine) -> None:
    assert is_unit_of(name, issuer) is mine


def _variant(text: str, upper: bool, old_tone: bool) -> str:
    if old_tone:
        text = text.replace("Ủy", "Uỷ").replace("ủy", "uỷ")
    return text.upper() if upper else text


@settings(max_examples=60, deadline=None)
@given(
    body=st.sampled_from(BODIES),
    level=st.sampled_from(("Tỉnh ủy", "Thành ủy")),
    upper=st.booleans(),
    old_tone=st.booleans(),
    issuer_old_tone=st.booleans(),
)
def test_any_spelling_of_a_body_is_a_unit_of_its_level_only(
    body, level, upper, old_tone, issuer_old_tone
) -> None:
    name = _variant(f"{body} {level}", upper, old_tone)
    issuer = _variant(f"{level} Nghệ An", False, issuer_old_tone)
    other = "Thành ủy Hà Nội" if level == "Tỉnh ủy" else "Tỉnh ủy Nghệ An"
    assert is_unit_of(name, issuer)
    assert not is_unit_of(name, other)
    assert not is_unit_of(name, "Tỉnh Nghệ An")
    # A kind the cascade can file the unit under (a board, the commission, the office).
    assert classify_unit_name(name) is not None


def test_the_party_programme_names_the_committees_bodies_as_its_units() -> None:
    source = EVAL / "g2-ctr-tu.docx"
    parsed = parse_bytes(source.read_bytes(), source.name)
    assert parsed["programme"]["issuer"] == "Tỉnh ủy Nghệ An"
    named = {
        name: task["unit_of"].get(name)
        for task in parsed["tasks"]
        for name in task["lead"] + task["coordinating"]
    }
    assert named == {
        "Ban Thường vụ Tỉnh ủy": "Tỉnh ủy Nghệ An",
        "Đảng ủy Ủy ban nhân dân tỉnh": "Tỉnh ủy Nghệ An",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy": "Tỉnh ủy Nghệ An",
        # The province's Front is a body of its own, not the committee's.
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": None,
        "Ủy ban Kiểm tra Tỉnh ủy": "Tỉnh ủy Nghệ An",
        "Ban Nội chính Tỉnh ủy": "Tỉnh ủy Nghệ An",
        "Văn phòng Tỉnh ủy": "Tỉnh ủy Nghệ An",
    }


@pytest.mark.django_db
def test_the_review_lists_them_as_the_committees_units(most_monitor) -> None:
    source = EVAL / "g2-ctr-tu.docx"
    draft = review.create_draft(
        parse_bytes(source.read_bytes(), source.name), source.name, most_monitor
    )
    issuers = {u.name: u.issuer for u in review.unknown_names(draft)}
    assert issuers["Ban Thường vụ Tỉnh ủy"] == "Tỉnh ủy Nghệ An"
    assert issuers["Ủy ban Kiểm tra Tỉnh ủy"] == "Tỉnh ủy Nghệ An"
    assert issuers["Đảng ủy Ủy ban nhân dân tỉnh"] == "Tỉnh ủy Nghệ An"
    with pytest.raises(review.ReviewError, match="đơn vị của Tỉnh ủy Nghệ An"):
        review.create_agency(draft, "Ban Thường vụ Tỉnh ủy", most_monitor)
