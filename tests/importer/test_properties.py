"""The parser never crashes, never hangs, and never loses text."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.core.text import fold
from lotrinh.importer.parser import clean_line, parse_blocks
from lotrinh.importer.reader import read_document

MARKERS = ["II. NHIỆM VỤ", "1. ", "a) ", "đ) ", "- ", "+ ", "III. TỔ CHỨC THỰC HIỆN", ""]
WORDS = [
    "Bộ Y tế",
    "chủ trì",
    "phối hợp với",
    "Bộ Tài chính",
    "và các bộ, ngành liên quan",
    "xây dựng",
    "trước ngày 01 tháng 6 năm 2020",
    "Quý IV/2020",
    ",",
    ":",
    "Uỷ ban nhân dân Thành phố Hà Nội",
    "đề án",
]

line = st.builds(
    lambda m, ws: m + " ".join(ws),
    st.sampled_from(MARKERS),
    st.lists(st.sampled_from(WORDS), max_size=12),
)
document = st.lists(line, min_size=1, max_size=40).map("\n".join).filter(lambda t: t.strip())


def _content(text: str) -> str:
    return re.sub(r"\s+", "", fold(text))


@settings(max_examples=150, deadline=2000)
@given(document)
def test_every_line_ends_up_in_exactly_one_clause(text):
    result = parse_blocks(read_document(text.encode(), "x.txt"))
    clause_text = "".join(_content(c["label"] + c["text"]) for c in result["clauses"])
    source = "".join(_content(clean_line(line)) for line in text.split("\n"))
    assert sorted(clause_text) == sorted(source)
    refs = [c["ref"] for c in result["clauses"]]
    assert len(refs) == len(set(refs))
    clause_refs = set(refs)
    assert all(t["ref"] in clause_refs for t in result["tasks"])


@settings(max_examples=100, deadline=2000)
@given(st.text(max_size=3000))
def test_random_text_is_parsed_or_refused_clearly(text):
    from lotrinh.importer.reader import ReadError

    try:
        parse_blocks(read_document(text.encode(), "x.txt"))
    except ReadError as exc:
        assert exc.code in ("empty", "binary") and exc.message


@settings(max_examples=60, deadline=3000)
@given(st.binary(min_size=1, max_size=2000))
def test_random_bytes_are_read_or_refused(data):
    from lotrinh.importer.reader import ReadError

    try:
        parse_blocks(read_document(data, "x.txt"))
    except ReadError as exc:
        assert exc.message
