"""A table at the top of a page after a table that ended the page before: the same table
going on, or a new one (lotrinh/importer/pdf_tables.continues, docs/importer.md).

Word repeats a table's header rows on every page, so a new table whose columns are the
carried table's (an appendix after another, from the same template) looks, at the top of
its page, like the carried table going on. The genre's own cues tell them apart: the
numbering starts again, a caption or another header opens it, the carried table ended
with its total. Tables are printed as tests/importer/test_pdf_borderless.py prints them
(`render_tables_pdf`: each table from the top of a new page), ruled and without rulings."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lotrinh.importer.pdf_tables import PdfTable, continues, join_pages
from lotrinh.importer.reader import read_document
from tests.importer.pdf_renderings import render_tables_pdf
from tests.importer.test_pdf_borderless import AGENCIES, DEADLINES, _plain

HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"]
WIDTHS = [0.6, 3.0, 1.4, 1.0]


def task(number: str, text: str, lead: str = "Sở Nội vụ", deadline: str = "Năm 2026") -> list[str]:
    return [number, text, lead, deadline]


def numbered(start: int, count: int, name: str) -> list[list[str]]:
    return [task(str(i), f"Nhiệm vụ thứ {i} của {name}") for i in range(start, start + count)]


def tables_of(data: bytes) -> list[list[list[str]]]:
    return [_plain(b.rows) for b in read_document(data, "phu-luc.pdf") if b.kind == "table"]


@pytest.mark.parametrize("borders", [True, False])
def test_a_second_table_numbered_from_one_is_its_own_table(borders: bool) -> None:
    # Phụ lục I ends at 15; Phụ lục II, the same template, starts the next page at 1.
    # Before: read as Phụ lục I going on (its header dropped as a repeat), 19 rows.
    first = [HEADER, *numbered(1, 15, "phụ lục một")]
    second = [HEADER, *numbered(1, 3, "phụ lục hai")]
    data = render_tables_pdf([(first, WIDTHS), (second, WIDTHS)], borders=borders)
    assert tables_of(data) == [_plain(first), _plain(second)]


@pytest.mark.parametrize("borders", [True, False])
def test_a_table_numbering_on_at_the_top_of_the_page_is_the_same_table(borders: bool) -> None:
    rows = [HEADER, *numbered(1, 20, "kế hoạch")]
    parts = [(rows[:16], WIDTHS), ([HEADER, *rows[16:]], WIDTHS)]
    assert tables_of(render_tables_pdf(parts, borders=borders)) == [_plain(rows)]


def test_a_numbered_decimal_table_restarting_at_one_is_new() -> None:
    # "1." after the carried table ended at "2.3".
    first = [HEADER, task("1.", "Nhóm nhiệm vụ thứ nhất"), task("1.1.", "Việc một")]
    first += [task("2.", "Nhóm nhiệm vụ thứ hai"), task("2.3.", "Việc ba")]
    second = [HEADER, task("1.", "Nhiệm vụ của phụ lục hai"), task("2.", "Việc khác")]
    data = render_tables_pdf([(first, WIDTHS), (second, WIDTHS)])
    assert tables_of(data) == [_plain(first), _plain(second)]


def test_a_table_after_a_total_row_is_new() -> None:
    # The carried table closes with its total; the next, numbered by Roman groups the
    # carried one never used, starts a new count.
    first = [HEADER, *numbered(1, 4, "phụ lục một"), ["", "Tổng cộng", "", ""]]
    second = [HEADER, ["I", "KINH TẾ SỐ", "", ""], task("1", "Xây dựng kho dữ liệu")]
    data = render_tables_pdf([(first, WIDTHS), (second, WIDTHS)])
    assert tables_of(data) == [_plain(first), _plain(second)]


def test_a_table_opening_with_its_caption_row_is_new() -> None:
    # The caption set in the table's first row (merged across in Word; its first cell here).
    first = [HEADER, *numbered(1, 4, "phụ lục một")]
    second = [["Phụ lục II", "", "", ""], HEADER, task("5", "Nhiệm vụ tiếp theo đánh số")]
    data = render_tables_pdf([(first, WIDTHS), (second, WIDTHS)])
    assert tables_of(data) == [_plain(first), _plain(second)]


def test_a_table_with_another_header_is_new() -> None:
    first = [HEADER, *numbered(1, 4, "phụ lục một")]
    other = ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"]
    second = [other, task("5", "Nhiệm vụ đánh số tiếp")]
    data = render_tables_pdf([(first, WIDTHS), (second, WIDTHS)])
    assert tables_of(data) == [_plain(first), _plain(second)]


def test_a_heading_between_the_two_parts_ends_the_first_table() -> None:
    # Guard: a section heading over the table at the top of the page (the lines between
    # the two parts are not a page number) already kept them apart before.
    first = [HEADER, *numbered(1, 4, "phụ lục một")]
    second = [HEADER, *numbered(5, 2, "phụ lục hai")]
    data = render_tables_pdf([(first, WIDTHS), (second, WIDTHS)], captions=["", "PHỤ LỤC II"])
    assert tables_of(data) == [_plain(first), _plain(second)]


def test_a_row_the_page_split_goes_on_whatever_its_text() -> None:
    # The carried part open at its foot (no ruling under its last row) goes on with a
    # first row that has no number, even after a "total"; closed there, the total ends it
    # (the first assertion guards the old behaviour, the second failed before).
    before = PdfTable(700, 100, 72, 520, [HEADER, ["", "Tổng cộng", "", ""]], [72, 120, 400, 520])
    after = PdfTable(780, 600, 72, 520, [["", "kinh phí", "", ""]], [72, 120, 400, 520])
    before.open_bottom = True
    assert continues(before, after)
    before.open_bottom = False
    assert not continues(before, after)


def test_groups_numbering_their_rows_from_one_go_on_over_the_page() -> None:
    # Rows count from 1 under each group heading: "1" after a heading "II" that ended the
    # page is its first row, not a new table; after the heading's own rows it is.
    groups = [["I", "KINH TẾ SỐ", "", ""], *numbered(1, 3, "nhóm một"), ["II", "XÃ HỘI SỐ", "", ""]]
    rest = numbered(1, 2, "nhóm hai")
    data = render_tables_pdf([([HEADER, *groups], WIDTHS), ([HEADER, *rest], WIDTHS)])
    assert tables_of(data) == [_plain([HEADER, *groups, *rest])]


# ------------------------------------------------------------------ generated tables


@st.composite
def task_tables(draw: st.DrawFn) -> list[list[str]]:
    """A task table's rows under its header: numbered 1, 2, … ("1" or "1."), or in groups
    under Roman headings, each group's rows numbered from 1."""
    style = draw(st.sampled_from(["", "."]))
    groups = draw(st.integers(0, 3))
    rows: list[list[str]] = []
    counter = 0
    for group in range(max(groups, 1)):
        if groups:
            rows.append(["I II III".split()[group], f"NHÓM NHIỆM VỤ {group + 1}", "", ""])
            counter = 0
        for _ in range(draw(st.integers(1, 4))):
            counter += 1
            lead = draw(st.sampled_from(AGENCIES))
            deadline = draw(st.sampled_from(DEADLINES))
            rows.append(
                task(f"{counter}{style}", f"Nhiệm vụ số {counter} nhóm {group}", lead, deadline)
            )
    return rows


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=task_tables(),
    cut=st.integers(1, 20),
    repeat=st.booleans(),
    borders=st.booleans(),
)
@example(rows=[task("1", "Việc một"), task("2", "Việc hai")], cut=1, repeat=True, borders=True)
def test_any_table_split_at_any_row_is_one_table(
    rows: list[list[str]], cut: int, repeat: bool, borders: bool
) -> None:
    # The page breaks after any row; the rest goes on at the top of the next page, under
    # its header repeated (Word's "Repeat as header row") or not.
    cut = 1 + cut % max(1, len(rows) - 1) if len(rows) > 1 else 1
    if len(rows) < 2:
        rows = [*rows, task("9", "Nhiệm vụ cuối")]
    head, tail = rows[:cut], rows[cut:]
    parts = [([HEADER, *head], WIDTHS), ([HEADER, *tail] if repeat else tail, WIDTHS)]
    data = render_tables_pdf(parts, borders=borders, repeat_header=False)
    assert tables_of(data) == [_plain([HEADER, *rows])]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=task_tables(), second=task_tables(), borders=st.booleans())
def test_any_second_table_numbering_from_the_first_is_new(
    first: list[list[str]], second: list[list[str]], borders: bool
) -> None:
    # The same template (columns, widths, header) for both: only the numbering tells.
    parts = [([HEADER, *first], WIDTHS), ([HEADER, *second], WIDTHS)]
    data = render_tables_pdf(parts, borders=borders)
    assert tables_of(data) == [_plain([HEADER, *first]), _plain([HEADER, *second])]


# A header on two rows: the names over the columns' numbers, as the genre prints them.
NUMBERS = ["(1)", "(2)", "(3)", "(4)"]


def test_a_repeated_two_row_header_is_dropped_whole() -> None:
    # Before: only the first row was dropped; "(1) | (2) | …" stayed in the table's middle.
    columns = [72.0, 120.0, 400.0, 460.0, 520.0]
    head = numbered(1, 3, "kế hoạch")
    tail = numbered(4, 3, "kế hoạch")
    before = PdfTable(700, 100, 72, 520, [HEADER, NUMBERS, *head], columns)
    after = PdfTable(780, 600, 72, 520, [HEADER, NUMBERS, *tail], columns)
    assert join_pages(before, after).rows == [HEADER, NUMBERS, *head, *tail]


def test_a_table_with_a_two_row_header_over_two_pages_reads_it_once() -> None:
    # Ruled only: printed without rulings, a table under a row of column numbers is not
    # found as a table at all (pdf_columns), on main as here.
    head, tail = numbered(1, 4, "kế hoạch"), numbered(5, 4, "kế hoạch")
    parts = [([HEADER, NUMBERS, *head], WIDTHS), ([HEADER, NUMBERS, *tail], WIDTHS)]
    data = render_tables_pdf(parts, borders=True, repeat_header=False)
    assert tables_of(data) == [_plain([HEADER, NUMBERS, *head, *tail])]


def test_a_first_row_repeated_alone_is_still_dropped() -> None:
    # Guard: a one-row header repeated (twice, as a copy may) is dropped as before.
    columns = [72.0, 120.0, 400.0, 460.0, 520.0]
    head, tail = numbered(1, 2, "kế hoạch"), numbered(3, 2, "kế hoạch")
    before = PdfTable(700, 100, 72, 520, [HEADER, *head], columns)
    after = PdfTable(780, 600, 72, 520, [HEADER, HEADER, *tail], columns)
    assert join_pages(before, after).rows == [HEADER, *head, *tail]
