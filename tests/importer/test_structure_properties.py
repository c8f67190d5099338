"""Properties of the prose reader on synthetic plans of the genre (issue 12).

- no input crashes the parser;
- every character of a task section ends in exactly one task or heading;
- shuffling the agencies of a list changes no lead or coordinating set;
- the rules themselves, on small inputs: field lists, a heading per department, "+" items
  under a "-" item, sections that assign under other titles, the header block.
"""

from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lotrinh.importer.evaluate import role_set
from lotrinh.importer.parser import clean_line, parse_blocks
from lotrinh.importer.reader import _text_blocks

EVAL = Path(__file__).parent / "eval"
NAMED = [
    "Bộ Tài chính",
    "Bộ Công an",
    "Bộ Xây dựng",
    "Sở Tư pháp",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Nông nghiệp và Môi trường",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
]
GENERIC = ["các sở, ngành có liên quan", "Ủy ban nhân dân các xã, phường"]
SENTENCES = [
    "Rà soát, hoàn thiện các văn bản quy phạm pháp luật thuộc phạm vi quản lý.",
    "Tổ chức tuyên truyền, phổ biến nội dung Kế hoạch đến cán bộ, công chức.",
    "Xây dựng cơ sở dữ liệu dùng chung, bảo đảm kết nối, chia sẻ dữ liệu.",
    "Đẩy mạnh ứng dụng khoa học, công nghệ trong quản lý nhà nước.",
]


def parse(text: str) -> dict[str, Any]:
    return parse_blocks(_text_blocks(text))


def sets(task: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    return role_set(task, "lead"), role_set(task, "coordinating")


# ------------------------------------------------------------------ no input crashes


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                ["I.", "II. NHIỆM VỤ", "1.", "a)", "- ", "+ ", "Số:", "|", "| a | b |", "Nơi nhận:"]
            ),
            st.sampled_from(["- Cơ quan chủ trì:", "b) Cơ quan thực hiện:", "- Đơn vị phối hợp: "]),
            st.sampled_from(NAMED + GENERIC + ["Ủy ban nhân dân các xã: Gia Thuận, Tân Điền"]),
        ),
        max_size=30,
    )
)
def test_no_input_crashes_the_parser(lines: list[str]) -> None:
    parsed = parse("\n".join(lines))
    assert isinstance(parsed["tasks"], list)


# ------------------------------------------------------------------ synthetic plans


@st.composite
def plans(draw: Any) -> tuple[str, list[str]]:
    """A plan: a purpose section and a task section of items, some with field lines,
    some with bullets and "+" items. Returns the text and the task section's lines
    without their outline marks."""
    lines = ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", draw(st.sampled_from(SENTENCES))]
    title = draw(
        st.sampled_from(["II. NHIỆM VỤ, GIẢI PHÁP", "II. NỘI DUNG", "II. PHÂN CÔNG NHIỆM VỤ"])
    )
    lines.append(title)
    body = [title.split(". ", 1)[1]]
    for number in range(1, draw(st.integers(1, 4)) + 1):
        text = draw(st.sampled_from(SENTENCES))
        lines.append(f"{number}. {text}")
        body.append(text)
        shape = draw(st.sampled_from(["fields", "bullets", "plain"]))
        if shape == "fields":
            lead = draw(st.lists(st.sampled_from(NAMED), min_size=1, max_size=3, unique=True))
            for field in (f"Cơ quan chủ trì: {'; '.join(lead)}.", "Thời gian thực hiện: Năm 2026."):
                lines.append(f"- {field}")
                body.append(field)
        elif shape == "bullets":
            for _ in range(draw(st.integers(1, 3))):
                bullet = draw(st.sampled_from(SENTENCES))
                lines.append(f"- {bullet}")
                body.append(bullet)
                if draw(st.booleans()):
                    plus = draw(st.sampled_from(SENTENCES))
                    lines.append(f"+ {plus}")
                    body.append(plus)
    lines += ["III. TỔ CHỨC THỰC HIỆN", "Các sở, ngành tổ chức thực hiện Kế hoạch này."]
    return "\n".join(lines), body


def _chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


@settings(max_examples=60, deadline=None)
@given(plans())
def test_every_character_of_a_task_section_ends_in_one_task_or_heading(
    plan: tuple[str, list[str]],
) -> None:
    text, body = plan
    parsed = parse(text)
    section = [c for c in parsed["clauses"] if c.get("task_section")]
    assume(section)  # "II. NỘI DUNG" with no assignment is not a task section
    task_refs = {t["ref"] for t in parsed["tasks"]}
    for clause in section:
        assert clause["role"] in ("task", "heading")
        assert (clause["role"] == "task") == (clause["task"] is not None)
        assert clause["task"] is None or clause["task"] in task_refs
    # Every task is reached by its own clause; no clause is in two tasks (one key each).
    assert task_refs == {c["task"] for c in section if c["task"]}
    # No character lost or counted twice: the clauses hold exactly the section's words.
    assert sum(_chars(clean_line(c["text"])) for c in section) == sum(_chars(b) for b in body)


@settings(max_examples=60, deadline=None)
@given(
    st.permutations([NAMED[0], NAMED[4], NAMED[5]]),
    st.permutations(NAMED[6:] + GENERIC),
    st.sampled_from(["fields", "sentence"]),
)
def test_shuffling_the_agencies_of_a_list_changes_no_set(
    lead: list[str], coordinating: list[str], form: str
) -> None:
    def text_for(lead: list[str], coordinating: list[str]) -> str:
        if form == "fields":
            item = [
                "1. Rà soát các văn bản quy phạm pháp luật.",
                f"- Cơ quan chủ trì: {'; '.join(lead[:3])}.",
                f"- Cơ quan phối hợp: {', '.join(coordinating)}.",
            ]
        else:
            item = [
                f"1. {', '.join(lead[:2])} và {lead[2]} chủ trì, phối hợp với "
                f"{', '.join(coordinating[:-1])} và {coordinating[-1]} rà soát các văn bản."
            ]
        return "\n".join(["II. NHIỆM VỤ", *item])

    first = parse(text_for(lead, coordinating))["tasks"]
    reference = parse(text_for(sorted(lead), sorted(coordinating)))["tasks"]
    assert len(first) == len(reference) == 1
    assert sets(first[0]) == sets(reference[0])
    assert len(sets(first[0])[0]) == 3 and len(sets(first[0])[1]) == len(coordinating)


# ------------------------------------------------------------------ the rules, small


def test_a_field_list_names_the_lead_and_the_coordinating_bodies() -> None:
    parsed = parse(
        "II. NỘI DUNG\n1. Tổ chức tập huấn về Luật.\n- Cơ quan thực hiện: Sở Tư pháp; Sở Nội vụ.\n"
        "- Cơ quan phối hợp: Các sở, ngành; Ủy ban nhân dân các xã, phường.\n"
        "- Thời gian thực hiện: Quý IV năm 2025."
    )
    (task,) = parsed["tasks"]
    assert task["text"] == "Tổ chức tập huấn về Luật."
    assert task["lead"] == ["Sở Tư pháp", "Sở Nội vụ"]
    assert {a["generic"] for a in task["addressees"]} == {"departments", "communes"}
    assert task["deadline"]["text"] == "Quý IV năm 2025."


def test_a_lettered_field_block_with_sub_fields() -> None:
    parsed = parse(
        "II. NHIỆM VỤ\n1. Về dữ liệu\na) Nhiệm vụ: Chuẩn hóa dữ liệu.\nb) Cơ quan thực hiện:\n"
        "- Đơn vị chủ trì: Công an tỉnh.\n- Đơn vị phối hợp: Sở Tài chính.\n"
        "c) Thời gian thực hiện: Năm 2026."
    )
    (task,) = parsed["tasks"]
    assert task["text"] == "Về dữ liệu\nChuẩn hóa dữ liệu."
    assert (task["lead"], task["coordinating"]) == (["Công an tỉnh"], ["Sở Tài chính"])


def test_a_heading_per_department_leads_its_duties_and_plus_items_nest() -> None:
    parsed = parse(
        "IV. NHIỆM VỤ CỤ THỂ\n1. Sở Xây dựng\n- Chủ trì, phối hợp với các sở, ngành có liên quan"
        " rà soát quy hoạch.\n- Ưu tiên các hoạt động sau:\n+ Phát triển cảng biển.\n"
        "+ Phát triển giao thông ven biển.\n2. Ủy ban nhân dân các xã: Gia Thuận, Tân Điền\n"
        "- Xây dựng kế hoạch của xã."
    )
    texts = [t["text"] for t in parsed["tasks"]]
    assert "Ưu tiên các hoạt động sau:" not in texts  # it only introduces the "+" items
    assert len(texts) == 4
    assert all(t["lead"] == ["Sở Xây dựng"] for t in parsed["tasks"][:3])
    assert parsed["tasks"][0]["addressees"][0]["generic"] == "related_departments"
    assert parsed["tasks"][3]["lead"] == [
        "Ủy ban nhân dân xã Gia Thuận",
        "Ủy ban nhân dân xã Tân Điền",
    ]


def test_closing_sections_assign_only_when_the_task_sections_name_nobody() -> None:
    tasks_named = parse(
        "II. NHIỆM VỤ\n1. Bộ Tài chính chủ trì rà soát.\nIII. TỔ CHỨC THỰC HIỆN\n"
        "1. Bộ Công an theo dõi, đôn đốc."
    )
    assert [t["text"] for t in tasks_named["tasks"]] == ["Bộ Tài chính chủ trì rà soát."]
    nobody_named = parse(
        "II. NHIỆM VỤ\n1. Rà soát văn bản.\nIII. TỔ CHỨC THỰC HIỆN\n1. Bộ Công an theo dõi, đôn đốc.\n"
        "2. Trong quá trình thực hiện, nếu có khó khăn, các bộ báo cáo."
    )
    assert [t["lead"] for t in nobody_named["tasks"]] == [[], ["Bộ Công an"]]


def test_the_header_is_the_documents_own_block_not_a_citation() -> None:
    header = parse(
        # A `|` table runs from the blank line before it (docs/importer.md, "Tables").
        "Note: plan for Nghị quyết số 214/NQ-CP\n\nỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n-------\n|\n"
        "CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n|\nSố:\n308/KH-UBND\n|\nHà Nội, ngày 17\n"
        "tháng 11 năm 2025\n|\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025\n"
        "Thực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ;\nII. NHIỆM VỤ\n1. Rà soát."
    )["programme"]
    assert header["code"] == "308/KH-UBND"
    assert header["issue_date"] == "2025-11-17"
    assert header["issuer"] == "Thành phố Hà Nội"
    assert header["kind"] == "plan"
    assert header["title"] == "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025"


@pytest.mark.parametrize(
    ("name", "code", "date", "issuer"),
    [
        ("kh7360-laichau.txt", "7360/KH-UBND", "2025-11-19", "Tỉnh Lai Châu"),
        ("kh308-hanoi.txt", "308/KH-UBND", "2025-11-17", "Thành phố Hà Nội"),
        ("kh556-dongthap.txt", "556/KH-UBND", "2025-11-19", "Tỉnh Đồng Tháp"),
        ("qd4385-bvhttdl.txt", "4385/QĐ-BVHTTDL", "2025-11-18", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("kh3260-qh.txt", "3260-KH/ĐĐQH15", "2025-01-10", "Đảng đoàn Quốc hội"),
    ],
)
def test_the_header_of_the_real_documents(name: str, code: str, date: str, issuer: str) -> None:
    """Their first lines cite other documents' numbers and dates (the corpus note, "Thực
    hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025"): only the header block counts."""
    header = parse((EVAL / name).read_text(encoding="utf-8"))["programme"]
    assert (header["code"], header["issue_date"], header["issuer"]) == (code, date, issuer)
