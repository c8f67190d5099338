"""A letterhead laid out as a Word table one line per row (parser._cells_in_reading_order,
docs/importer.md "Word files as saved").

Decree 30's letterhead is two blocks side by side: the issuer with its number under it,
and the motto with the place and date under it. A clerk may lay the table out with one
cell per block (each cell holding its lines) or with one row per line; read row by row,
the second line of the issuer ("TỈNH BẮC NINH") came after the motto, and the plan's
issuer was read as "ỦY BAN NHÂN DÂN"."""

from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.importer.service import parse_bytes
from tests.importer.word_files import docx_bytes, p

pytestmark = pytest.mark.django_db

BODY = "".join(
    p(line)
    for line in [
        "KẾ HOẠCH",
        "Phát triển kinh tế số năm 2026",
        "I. NHIỆM VỤ",
        "1. Sở Tài chính chủ trì bố trí kinh phí thực hiện chuyển đổi số, hoàn thành năm 2026.",
    ]
)
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
PROVINCES = [
    ("TỈNH BẮC NINH", "Bắc Ninh", "Tỉnh Bắc Ninh"),
    ("TỈNH ĐỒNG THÁP", "Đồng Tháp", "Tỉnh Đồng Tháp"),
]


def cell(lines: list[str]) -> str:
    return "<w:tc>" + "".join(p(escape(line)) for line in lines) + "</w:tc>"


def table(left: list[str], right: list[str], per_row: bool) -> str:
    if not per_row:
        return f"<w:tbl>{'<w:tr>' + cell(left) + cell(right) + '</w:tr>'}</w:tbl>"
    height = max(len(left), len(right))
    rows = "".join(
        "<w:tr>"
        + cell([left[i]] if i < len(left) else [])
        + cell([right[i]] if i < len(right) else [])
        + "</w:tr>"
        for i in range(height)
    )
    return f"<w:tbl>{rows}</w:tbl>"


def read(left: list[str], right: list[str], per_row: bool) -> dict:
    data = docx_bytes(table(left, right, per_row) + BODY)
    return parse_bytes(data, "plan.docx")["programme"]


def test_a_letterhead_one_line_per_row_reads_its_issuer_whole() -> None:
    # Before: the issuer was "ỦY BAN NHÂN DÂN" (its second line came after the motto).
    left = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 999/KH-UBND"]
    right = [*MOTTO, "Bắc Ninh, ngày 20 tháng 4 năm 2026"]
    found = read(left, right, per_row=True)
    assert (found["issuer"], found["code"]) == ("Tỉnh Bắc Ninh", "999/KH-UBND")
    assert found["issue_date"] == "2026-04-20"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    province=st.sampled_from(PROVINCES),
    number=st.integers(min_value=1, max_value=9999),
    rule=st.booleans(),
    day=st.integers(min_value=1, max_value=28),
)
def test_one_row_per_line_reads_as_one_cell_per_block(
    province: tuple[str, str, str], number: int, rule: bool, day: int
) -> None:
    capitals, place, name = province
    left = ["ỦY BAN NHÂN DÂN", capitals, *(["-------"] if rule else []), f"Số: {number}/KH-UBND"]
    right = [
        *MOTTO,
        *(["---------------"] if rule else []),
        f"{place}, ngày {day} tháng 3 năm 2026",
    ]
    blocks = read(left, right, per_row=False)
    rows = read(left, right, per_row=True)
    keys = ("issuer", "code", "issue_date", "kind", "title")
    assert {k: rows[k] for k in keys} == {k: blocks[k] for k in keys}
    assert rows["issuer"] == name


def test_a_table_that_is_no_letterhead_is_still_read_row_by_row() -> None:
    # Guard: a two-column table of figures keeps its rows' order.
    from lotrinh.importer.parser import _cells_in_reading_order

    rows = [["Chỉ tiêu", "Năm 2025"], ["Tỷ lệ dịch vụ công trực tuyến", "80%"]]
    assert _cells_in_reading_order(rows) == [
        "Chỉ tiêu",
        "Năm 2025",
        "Tỷ lệ dịch vụ công trực tuyến",
        "80%",
    ]
