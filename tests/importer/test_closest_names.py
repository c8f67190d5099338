"""The closest known names offered for a name the registry does not know (the review's
"Gần nhất"): compared on the names' own words (`names.comparable_name`: folded, the fields'
abbreviations written out, the kind's head "Sở"/"Bộ"/"Ủy ban nhân dân"/"Tỉnh" and "và"
left out), with the body holding a merged body's duties after it. Raw-string matching
offered "Thành phố Hà Nội" for "Sở KH&CN" and "Ủy ban Kinh tế" for "bo y te"."""

import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lotrinh.core.text import fold
from lotrinh.importer.names import (
    _successions,
    closest_names,
    comparable_name,
    fold_aligned,
    known_names,
    registry,
)

pytestmark = pytest.mark.django_db
NAMES = sorted({n for n in registry().values() if not n.startswith("generic:")})
MINISTRIES = [n for n in NAMES if n.startswith("Bộ ") and len(n) > 8]
PROVINCES = [n for n in NAMES if n.startswith("Tỉnh ")]
MERGED = sorted({old for old in _successions()})
DAY = datetime.date(2026, 1, 1)


def _unambiguous(name: str) -> bool:
    return known_names().get(fold_aligned(name)) == name


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(["as is", "upper", "lower", "folded", "spaced"]))
def test_a_known_name_however_written_is_first(name: str, form: str) -> None:
    assume(_unambiguous(name))
    written = {
        "as is": name,
        "upper": name.upper(),
        "lower": name.lower(),
        "folded": fold(name),
        "spaced": "  " + name.replace(" ", "  ") + " ",
    }[form]
    assume(known_names().get(fold_aligned(" ".join(written.split()))) == name)
    found = closest_names(written, 3, DAY)
    assert found[0] == name, written
    assert len(found) == len(set(found)) <= 3
    assert all(f in set(known_names().values()) for f in found)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(MINISTRIES), st.sampled_from(["Sở ", "sở ", "So "]), st.booleans())
def test_a_department_named_for_a_ministry_finds_the_ministry_first(
    ministry: str, head: str, without_and: bool
) -> None:
    rest = ministry[len("Bộ ") :]
    written = head + (rest.replace(" và ", " ") if without_and else rest)
    rivals = [n for n in NAMES if n != ministry and comparable_name(n) == comparable_name(ministry)]
    assume(not rivals)
    assert closest_names(written, 3, DAY)[0] == ministry, written


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(PROVINCES),
    st.sampled_from(["Ủy ban nhân dân tỉnh ", "UBND tỉnh ", "UBND Tỉnh "]),
)
def test_a_provinces_committee_finds_the_province_first(province: str, head: str) -> None:
    written = head + province[len("Tỉnh ") :]
    assert closest_names(written, 3, DAY)[0] == province, written


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(MERGED))
def test_a_body_merged_in_2025_is_followed_by_its_successor(old: str) -> None:
    name = registry().get(old, old)
    successor = _successions()[old]
    assume(successor[1] <= DAY)
    found = closest_names(name, 3, DAY)
    assert successor[0] in found, (name, found)


@pytest.mark.parametrize(
    ("written", "first"),
    [
        ("Sở KH&CN", "Bộ Khoa học và Công nghệ"),
        ("Sở Khoa học Công nghệ", "Bộ Khoa học và Công nghệ"),
        ("bo y te", "Bộ Y tế"),
        ("UBND tỉnh Bắc Ninh", "Tỉnh Bắc Ninh"),
        ("Sở Tài chính", "Bộ Tài chính"),
    ],
)
def test_names_the_raw_comparison_got_wrong(written: str, first: str) -> None:
    assert closest_names(written, 3, DAY)[0] == first


def test_the_review_offers_them(seeded_db: None) -> None:
    from lotrinh.importer.models import DraftImport
    from lotrinh.importer.review import unknown_names

    task = {"ref": "1", "text": "…", "lead": ["Sở KH&CN"], "coordinating": []}
    draft = DraftImport.objects.create(
        code="1/KH", filename="a.txt", data={"programme": {}, "tasks": [task]}
    )
    (unknown,) = unknown_names(draft)
    assert unknown.suggestions[0] == "Bộ Khoa học và Công nghệ"
