"""A Party committee's document names the committees under it as a class: "các huyện ủy,
thành ủy, đảng ủy trực thuộc", "các đảng ủy trực thuộc Tỉnh ủy", "các cấp ủy trực thuộc",
"các chi bộ, đảng bộ trực thuộc". The importer reads it as the generic addressee
`subordinate_party_committees` (a class, never a list: docs/importer.md "Generic
addressees"), in any of its spellings, and only in a Party committee's document: in a
People's Committee's plan the same words are not that class, and "… trực thuộc Trung
ương" never is (those report to the Centre: `party_committees`)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.agencies import unit_names
from lotrinh.importer import review
from lotrinh.importer.service import parse_bytes

CODE = "subordinate_party_committees"

PARTY = (
    "TỈNH ỦY NGHỆ AN\n*\nSố 45-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Nghệ An, ngày 12 tháng 6 năm 2025\n\n"
)
STATE = (
    "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n-------\nSố: 45/KH-UBND\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
    "Nghệ An, ngày 12 tháng 6 năm 2025\n\n"
)
BODY = """KẾ HOẠCH
Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc Nghị quyết trong toàn Đảng bộ tỉnh.
II. NHIỆM VỤ, GIẢI PHÁP
1. Tổ chức quán triệt Nghị quyết số 57-NQ/TW đến cán bộ, đảng viên.
2. Đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan Đảng.
III. TỔ CHỨC THỰC HIỆN
1. {lead} xây dựng kế hoạch thực hiện, hoàn thành trong Quý III/2025.
2. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với {coordinating} tổ chức tuyên truyền Nghị quyết.
3. Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Kế hoạch; định kỳ hằng năm báo cáo Ban Thường vụ Tỉnh ủy.
"""


def _parse(head: str, lead: str, coordinating: str) -> dict:
    text = head + BODY.format(lead=lead, coordinating=coordinating)
    return parse_bytes(text.encode(), "ke-hoach.txt")


def _classes(parsed: dict) -> dict[str, list[tuple[str, str, str]]]:
    return {
        task["ref"]: [(a["generic"], a["role"], a["text"]) for a in task["addressees"]]
        for task in parsed["tasks"]
    }


# The members of the class as the genre lists them (Hướng dẫn 36-HD/VPTW's recipients, the
# Tổ chức thực hiện of a Tỉnh ủy's plan): before 2025 the district committees, since then
# the Party committees of communes, wards and provincial bodies.
MEMBERS = (
    ["huyện ủy", "thành ủy", "đảng ủy"],
    ["huyện ủy", "thị ủy", "thành ủy", "đảng ủy"],
    ["đảng ủy"],
    ["cấp ủy"],
    ["chi bộ", "đảng bộ"],
    ["đảng bộ", "chi bộ"],
    ["tổ chức đảng"],
    ["cấp ủy", "tổ chức đảng"],
)


def _spelling(members: list[str], joiner: str, article: str, above: str) -> str:
    listed = members[0] if len(members) == 1 else ", ".join(members[:-1]) + joiner + members[-1]
    return f"{article}{listed} trực thuộc{above}"


@st.composite
def spellings(draw: st.DrawFn) -> str:
    members = draw(st.sampled_from(MEMBERS))
    joiner = draw(st.sampled_from((", ", " và ", ", và ")))
    article = draw(st.sampled_from(("các ", "")))
    above = draw(st.sampled_from(("", " Tỉnh ủy", " Tỉnh ủy Nghệ An")))
    phrase = _spelling(members, joiner, article, above)
    if draw(st.booleans()):
        phrase = phrase.replace("ủy", "uỷ").replace("Ủy", "Uỷ")
    casing = draw(st.sampled_from(("lower", "capitals", "upper")))
    if casing == "capitals":  # "Các Huyện ủy, Thành ủy, Đảng ủy trực thuộc"
        phrase = ", ".join(part[:1].upper() + part[1:] for part in phrase.split(", "))
    elif casing == "upper":
        phrase = phrase.upper()
    return phrase


def _at_head(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


@settings(max_examples=40, deadline=None)
@given(lead=spellings(), coordinating=spellings())
def test_a_party_committees_plan_names_its_subordinate_committees_as_a_class(
    lead: str, coordinating: str
) -> None:
    classes = _classes(_parse(PARTY, _at_head(lead), coordinating))
    assert classes["III.1"] == [(CODE, "lead", _at_head(lead))]
    assert classes["III.2"] == [(CODE, "coordinating", coordinating)]
    assert all(not found for ref, found in classes.items() if ref not in ("III.1", "III.2"))


@settings(max_examples=25, deadline=None)
@given(lead=spellings(), coordinating=spellings())
def test_a_peoples_committees_plan_does_not_read_the_class(lead: str, coordinating: str) -> None:
    # A guard (passes on the code before the class): it must stay so.
    parsed = _parse(STATE, _at_head(lead), coordinating)
    assert parsed["programme"]["issuer"] == "Tỉnh Nghệ An"
    assert not any(a["generic"] == CODE for t in parsed["tasks"] for a in t["addressees"])


def test_the_committees_under_the_centre_are_not_the_issuers_own() -> None:
    # A guard: "trực thuộc Trung ương" is `party_committees`' wording, never this class.
    classes = _classes(
        _parse(
            PARTY,
            "Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
            "các đảng ủy trực thuộc Trung ương",
        )
    )
    assert not any(code == CODE for found in classes.values() for code, _r, _t in found)


@pytest.mark.parametrize(
    ("issuer", "party"),
    [
        ("Tỉnh ủy Nghệ An", True),
        ("TỈNH ỦY NGHỆ AN", True),
        ("Thành uỷ Hà Nội", True),
        ("Đảng ủy Chính phủ", True),
        ("Ban Chấp hành Đảng bộ tỉnh Nghệ An", True),
        ("Tỉnh Nghệ An", False),
        ("Ủy ban nhân dân tỉnh Nghệ An", False),
        ("Bộ Chính trị", False),
        ("Ban cán sự đảng Chính phủ", False),
        ("Bộ Y tế", False),
    ],
)
def test_only_a_party_committee_has_committees_under_it(issuer: str, party: bool) -> None:
    assert unit_names.is_party_committee(issuer) is party


@pytest.mark.django_db
@pytest.mark.parametrize(("head", "read"), [(PARTY, True), (STATE, False)])
def test_the_reviewer_typing_the_class_gets_it_in_a_party_draft_only(
    head: str, read: bool, most_monitor
) -> None:
    parsed = _parse(head, "Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy")
    draft = review.create_draft(parsed, "ke-hoach.txt", most_monitor)
    draft = review.set_roles(
        draft,
        "III.1",
        lead=["Các đảng uỷ trực thuộc Tỉnh uỷ"],
        coordinating=[],
        user=most_monitor,
        seen=review.task_seen(draft.data, "III.1"),
    )
    task = next(t for t in draft.data["tasks"] if t["ref"] == "III.1")
    if read:
        assert task["addressees"] == [
            {"generic": CODE, "role": "lead", "text": "Các đảng uỷ trực thuộc Tỉnh uỷ"}
        ]
        assert task["lead"] == []
    else:
        assert task["addressees"] == [] and task["lead"] == ["Các đảng uỷ trực thuộc Tỉnh uỷ"]
