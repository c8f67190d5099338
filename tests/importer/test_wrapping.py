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
