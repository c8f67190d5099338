"""Hard-wrapped text (copied from a PDF or a web page) parses as the same text unwrapped."""

import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.reader import _unwrap, unwrapped_text
from lotrinh.importer.service import parse_bytes

EVAL = Path(__file__).parent / "eval"
DOCUMENTS = sorted(path.name for path in EVAL.glob("*.txt"))
# Transcriptions with one paragraph a line (some lines far longer than any wrap width);
# the others are hard-wrapped as found (web pages of thuvienphapluat.vn).
ONE_PARAGRAPH_A_LINE = [
    name
    for name in DOCUMENTS
    if max(
        len(line)
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines()
        if not line.startswith(("Source:", "Note:"))  # the corpus's provenance lines
    )
    > 200
]


def rewrap(text: str, width: int) -> str:
    """Wrap every paragraph at `width` characters, as a PDF or a web page does (table
    lines of the markdown transcriptions stay whole)."""
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("|"):
            out.append(stripped)
            continue
        out.extend(textwrap.wrap(stripped, width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def assignments(parsed: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            task["ref"],
            task["lead"],
            task["coordinating"],
            [a["generic"] for a in task["addressees"]],
            task["deadline"],
        )
        for task in parsed["tasks"]
    ]


@cache
def unwrapped(name: str) -> list[tuple[Any, ...]]:
    return assignments(parse_bytes((EVAL / name).read_bytes(), name))


@pytest.mark.parametrize("name", DOCUMENTS)
@settings(max_examples=6, deadline=None)
@given(width=st.integers(min_value=50, max_value=120))
def test_rewrapping_at_any_width_changes_nothing_parsed(name: str, width: int) -> None:
    text = (EVAL / name).read_text(encoding="utf-8")
    if name not in ONE_PARAGRAPH_A_LINE:
        # Hard-wrapped as found: its paragraphs (as the reader joins them, text tables
        # aside) wrapped at another width must parse the same as the document as found.
        text = unwrapped_text(text)
    wrapped = rewrap(text, width)
    assert assignments(parse_bytes(wrapped.encode(), name)) == unwrapped(name)


@pytest.mark.parametrize("name", ONE_PARAGRAPH_A_LINE)
def test_a_document_with_one_paragraph_a_line_keeps_its_paragraphs(name: str) -> None:
    """Only a line that starts with a small letter (a title continued: "thực hiện Nghị
    quyết số 52-NQ/TW…") is joined to the line before; every other line stays whole."""
    lines = [line.strip() for line in (EVAL / name).read_text(encoding="utf-8").splitlines()]
    expected: list[str] = []
    for line in lines:
        bare = line.lstrip("*_# ")
        if expected and expected[-1] and bare[:1].islower() and not bare[1:2] == ")":
            expected[-1] += " " + line
        else:
            expected.append(line)
    assert _unwrap(lines) == expected


def test_a_heading_split_over_two_lines_is_one_heading() -> None:
    body = "Các bộ, ngành, địa phương tổ chức triển khai thực hiện nhiệm vụ được giao. " * 12
    lines = ["II. CÁC NHIỆM", "VỤ, GIẢI PHÁP TRỌNG TÂM", *textwrap.wrap("1. " + body, 72)]
    joined = _unwrap(lines)
    assert joined[0] == "II. CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM"
    assert joined[1].startswith("1. Các bộ") and joined[1].endswith("được giao.")
    assert len(joined) == 2


def test_a_field_list_broken_inside_a_name_is_read_whole() -> None:
    intro = "Triển khai các nhiệm vụ về chuyển đổi số trong lĩnh vực công thương năm 2026 "
    lines = [
        "II. NHIỆM VỤ, GIẢI PHÁP",
        *textwrap.wrap("1. " + intro * 3 + "theo kế hoạch đã được phê duyệt.", 64),
        "- Cơ quan chủ trì: Bộ Công",
        "an",
    ]
    assert _unwrap(lines)[-1] == "- Cơ quan chủ trì: Bộ Công an"


# ------------------------------------------- items cut mid-phrase (web pages' transcriptions)
# thuvienphapluat.vn pages cut the first line of a paragraph short, anywhere ("1. Sở" /
# "Khoa học và Công nghệ"), and end every paragraph with a blank line.
DEPARTMENTS = [
    "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương",
    "Sở Tài chính",
    "Sở Giáo dục và Đào tạo",
    "Ban Quản lý khu Kinh tế",
]
DUTIES = [
    "Chủ trì, phối hợp với các sở, ngành liên quan triển khai các nhiệm vụ của Kế hoạch.",
    "Tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện theo quy định.",
]


def _cut(text: str, at: int) -> str:
    """The item with its first line cut after its marker and `at` words (0: not cut)."""
    words = text.split()
    if at == 0 or len(words) < 3:
        return text
    at = 2 + (at - 1) % (len(words) - 2)
    return " ".join(words[:at]) + "\n" + " ".join(words[at:])


def _section_v(cuts: list[int]) -> str:
    paragraphs = ["KẾ HOẠCH", "Triển khai công nghệ trên địa bàn tỉnh", "V. TỔ CHỨC THỰC HIỆN"]
    for number, name in enumerate(DEPARTMENTS, start=1):
        paragraphs.append(_cut(f"{number}. {name}", cuts[(2 * number) % len(cuts)]))
        paragraphs += [_cut(f"- {duty}", cuts[(2 * number + 1) % len(cuts)]) for duty in DUTIES]
    return "\n\n".join(paragraphs)


def _groups_and_tasks(text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    parsed = parse_bytes(text.encode(), "kh.txt")
    groups = [group["title"] for group in parsed["task_groups"]]
    return groups, [(t["ref"], t["text"], t["lead"], t["coordinating"]) for t in parsed["tasks"]]


def test_a_numbered_heading_cut_mid_name_goes_on_to_the_end_of_its_paragraph() -> None:
    groups, tasks = _groups_and_tasks(_section_v([1]))  # every first line cut after one word
    assert groups == DEPARTMENTS
    assert tasks[0] == ("V.1.1", DUTIES[0], ["Sở Khoa học và Công nghệ"], [])
    assert [lead for _ref, _text, lead, _co in tasks[::2]] == [[name] for name in DEPARTMENTS]
    assert all("\n" not in text for _ref, text, _lead, _co in tasks)


@settings(max_examples=30, deadline=None)
@given(cuts=st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=14))
def test_cutting_an_items_first_line_at_any_word_changes_nothing_parsed(cuts: list[int]) -> None:
    assert _groups_and_tasks(_section_v(cuts)) == _groups_and_tasks(_section_v([0]))


@pytest.mark.parametrize("name", ["kh310-hanoi.txt", "kh552-dongthap.txt"])
def test_the_departments_headings_of_the_corpus_plans_are_whole(name: str) -> None:
    parsed = parse_bytes((EVAL / name).read_bytes(), name)
    titles = {g["ref"]: g["title"] for g in parsed["task_groups"] if g["ref"].startswith("V.")}
    assert (
        titles["V.1"]
        == {
            "kh310-hanoi.txt": "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
            "kh552-dongthap.txt": "Sở Khoa học và Công nghệ",
        }[name]
    )
    assert titles["V.2"] in ("Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Môi trường")
    assert all(len(title.split()) >= 2 for title in titles.values()), titles


def test_without_a_blank_line_between_paragraphs_a_heading_keeps_its_line() -> None:
    """Where blank lines do not end paragraphs, the line after a short heading is the
    heading's body, not its rest ("1. Mục tiêu" / "Nâng cao năng lực …")."""
    lines = ["II. NHIỆM VỤ"]
    for number in range(1, 10):
        lines += [f"{number}. Mục tiêu", "Nâng cao năng lực đổi mới sáng tạo của doanh nghiệp."]
    assert _unwrap(lines) == lines
    # The same text with a blank line after every paragraph but the heading: one paragraph.
    blank = ["II. NHIỆM VỤ", ""]
    for number in range(1, 10):
        blank += [f"{number}. Mục tiêu", "Nâng cao năng lực đổi mới sáng tạo của doanh nghiệp.", ""]
    assert _unwrap(blank)[2] == "1. Mục tiêu Nâng cao năng lực đổi mới sáng tạo của doanh nghiệp."


@pytest.mark.parametrize(
    "after", ["Điều 2. Quyết định này có hiệu lực từ ngày ký.", "Nơi nhận:", "PHỤ LỤC DANH MỤC"]
)
def test_an_article_the_recipients_or_a_title_after_an_item_is_no_part_of_it(after: str) -> None:
    # One paragraph a line (not hard-wrapped), a blank line after each.
    lines = ["II. NHIỆM VỤ", ""]
    for number in range(1, 10):
        lines += [f"{number}. Sở Tài chính bố trí kinh phí", "", BODY_LINE, ""]
    lines[-3:] = [after]
    assert _unwrap(lines)[-2:] == ["9. Sở Tài chính bố trí kinh phí", after]


BODY_LINE = "Các sở, ngành, địa phương tổ chức triển khai thực hiện nhiệm vụ được giao. " * 4
