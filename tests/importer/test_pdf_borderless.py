"""Task tables printed without rulings (aligned columns) read from a PDF
(lotrinh/importer/pdf_columns.py, docs/importer.md).

The evaluation documents with task tables, printed with their tables' borders removed,
give the tasks of their tables as the DOCX read directly does; any generated task table
without borders reads back its cells; two columns of prose (a signature block, a
letterhead) and ordinary paragraphs stay text."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lotrinh.importer.reader import read_document
from lotrinh.importer.service import parse_bytes
from tests.importer.pdf_renderings import (
    WITH_TABLES,
    render_docx_pdf,
    render_paragraphs_pdf,
    render_table_pdf,
    render_tables_pdf,
)
from tests.importer.test_pdf_tables import docx_parse, table_tasks

EVAL = Path(__file__).parent / "eval"


@pytest.mark.parametrize("name", WITH_TABLES)
def test_a_table_printed_without_rulings_gives_the_tasks_of_the_docx(name: str) -> None:
    # Before: the cells read as paragraphs, no row with its lead or deadline (cv402, a
    # table alone, gave no task at all).
    docx = docx_parse(name)
    data = render_docx_pdf(EVAL / f"{name}.docx", borders=False)
    pdf = parse_bytes(data, f"{name}.pdf")
    assert table_tasks(docx)
    assert table_tasks(pdf) == table_tasks(docx)
    assert len(pdf["tasks"]) == len(docx["tasks"])


def test_a_plan_of_seven_narrow_columns_printed_without_rulings_gives_all_its_tasks() -> None:
    # 112/KH-UBND Ninh Bình (genre2 set): its Phụ lục I, a table of targets ("Đơn vị
    # tính" | "Năm 2025" | "Năm 2030" | "Ghi chú" beside the target and the agency), breaks
    # across a page; under its repeated header on the next page stands Phụ lục II. Before:
    # 14 of 17 tasks (the targets' header was no header line); with it read, the columns
    # of its second page were taken from Phụ lục II's lines too, and Phụ lục II's header
    # was held to repeat Phụ lục I's (10 of 17).
    docx = docx_parse("g2-kh-tinh")
    data = render_docx_pdf(EVAL / "g2-kh-tinh.docx", borders=False)
    pdf = parse_bytes(data, "g2-kh-tinh.pdf")
    assert len(docx["tasks"]) == 17
    assert table_tasks(pdf) == table_tasks(docx)


def test_a_table_without_rulings_continued_without_its_header_is_one_table() -> None:
    docx = docx_parse("qd2597-ttg")
    data = render_docx_pdf(EVAL / "qd2597-ttg.docx", repeat_header=False, borders=False)
    pdf = parse_bytes(data, "qd2597-ttg.pdf")
    assert table_tasks(pdf) == table_tasks(docx)


def test_a_table_at_the_top_of_the_page_after_a_table_that_ended_the_page_keeps_its_header():
    # Phụ lục I fills its page to the foot; Phụ lục II starts the next page, its names set
    # on two lines ("Đơn vị" / "chủ trì"). Before: the page's first header was taken for
    # Phụ lục I's repeated, so only its lines that repeat it went on the header: "chủ trì",
    # "phối hợp", "hoàn thành" became a row, the lead and coordinating columns both
    # "Đơn vị" (the agencies read as leads, the deadline lost).
    first = [["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"]] + [
        [str(i), f"Nhiệm vụ thứ {i} của phụ lục một về chuyển đổi số", "Sở Nội vụ", "Năm 2026"]
        for i in range(1, 23)
    ]
    second = [
        ["STT", "Tên nhiệm vụ", "Đơn vị\nchủ trì", "Đơn vị\nphối hợp", "Thời gian\nhoàn thành"],
        ["1", "Xây dựng kho dữ liệu dùng chung", "Sở Tài chính", "Sở Nội vụ", "Quý II/2026"],
        ["2", "Đào tạo kỹ năng số cho cán bộ", "Công an tỉnh", "", "Năm 2027"],
    ]
    data = render_tables_pdf(
        [(first, [0.6, 3.0, 1.4, 1.0]), (second, [0.5, 2.5, 1.2, 1.2, 1.0])], borders=False
    )
    blocks = read_document(data, "phu-luc.pdf")
    tables = [b.rows for b in blocks if b.kind == "table"]
    assert len(tables) == 2
    assert _plain(tables[0]) == _plain(first)
    assert _plain(tables[1]) == _plain(second)
    tasks = parse_bytes(data, "phu-luc.pdf")["tasks"]
    assert [(t["text"], t["lead"], t["coordinating"]) for t in tasks[-2:]] == [
        ("Xây dựng kho dữ liệu dùng chung", ["Sở Tài chính"], ["Sở Nội vụ"]),
        ("Đào tạo kỹ năng số cho cán bộ", ["Công an tỉnh"], []),
    ]
    assert len(tasks) == 24


# ------------------------------------------------------------------ generated tables

HEADERS = {
    "number": ["STT", "TT"],
    "text": ["Nhiệm vụ", "Nội dung", "Nhiệm vụ, giải pháp", "Tên nhiệm vụ"],
    "lead": ["Cơ quan chủ trì", "Đơn vị chủ trì", "Chủ trì", "Đơn vị thực hiện"],
    "coordinating": ["Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp"],
    "deadline": ["Thời gian hoàn thành", "Thời hạn", "Tiến độ", "Thời gian thực hiện"],
    "output": ["Sản phẩm", "Kết quả dự kiến"],
}
WORDS = (
    "Xây dựng triển khai nền tảng dữ liệu số chuyển đổi số hạ tầng viễn thông đào tạo"
    " nguồn nhân lực kinh tế số xã hội số doanh nghiệp công nghệ cao đổi mới sáng tạo"
    " kế hoạch chương trình đề án hướng dẫn kiểm tra đánh giá"
).split()
AGENCIES = [
    "Sở Khoa học và Công nghệ",
    "Sở Tài chính",
    "Sở Nội vụ",
    "Công an tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Quản lý các khu công nghiệp",
    "Sở Giáo dục và Đào tạo",
    "Các sở, ban, ngành",
    "UBND các xã, phường",
]
DEADLINES = ["Quý IV/2026", "2026 - 2030", "Thường xuyên", "Năm 2027", "Hằng năm"]
OUTPUTS = ["Kế hoạch", "Báo cáo", "Quyết định của UBND tỉnh", "Nền tảng số", "Đề án"]

content = st.lists(st.sampled_from(WORDS), min_size=1, max_size=24).map(
    lambda words: " ".join(words).capitalize()
)
agencies = st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=3, unique=True).map("; ".join)


@st.composite
def task_tables(draw: st.DrawFn) -> tuple[list[list[str]], list[float]]:
    """A task table as drafters lay them out: a number column, the content, the lead
    and some of coordinating, deadline and output, in any of the genre's names; cells
    that wrap over several lines; the content column the widest."""
    extra = draw(
        st.lists(st.sampled_from(["coordinating", "deadline", "output"]), unique=True, max_size=3)
    )
    kinds = ["number", "text", "lead", *extra]
    header = [draw(st.sampled_from(HEADERS[kind])) for kind in kinds]
    count = draw(st.integers(1, 6))
    numbered = draw(st.sampled_from(["1", "1.", "a)"]))
    rows = [header]
    for index in range(count):
        row = []
        for kind in kinds:
            if kind == "number":
                number = str(index + 1) if numbered != "a)" else "abcdeg"[index] + ")"
                row.append(number + ("." if numbered == "1." else ""))
            elif kind == "text":
                row.append(draw(content))
            elif kind == "lead":
                row.append(draw(agencies))
            elif kind == "coordinating":
                row.append(draw(st.one_of(st.just(""), agencies)))
            elif kind == "deadline":
                row.append(draw(st.sampled_from(DEADLINES)))
            else:
                row.append(draw(st.one_of(st.just(""), st.sampled_from(OUTPUTS))))
        rows.append(row)
    widths = [0.6, draw(st.floats(2.0, 4.0))] + [1.0] * (len(kinds) - 2)
    return rows, widths


def _plain(rows: list[list[str]]) -> list[list[str]]:
    # A cell's wrapped lines are joined with a space; the names of an agency cell the
    # reader splits at line breaks or ";" alike.
    return [[" ".join(cell.replace("\n", " ").split()) for cell in row] for row in rows]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=task_tables())
# Found by hypothesis (2026-12-06): six narrow columns whose names wrap so that no line
# of the header is a line of names ("Cơ quan" | "Thời" | "Sản", then "chủ trì" | "gian" |
# "phẩm" …): the header is read with the lines that go on its names.
@example(
    table=(
        [
            ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
            + ["Sản phẩm"],
            ["1", "Xây", "Sở Khoa học và Công nghệ", "", "Quý IV/2026", ""],
        ],
        [0.6, 4.0, 1.0, 1.0, 1.0, 1.0],
    )
)
def test_any_task_table_without_rulings_reads_back_its_cells(
    table: tuple[list[list[str]], list[float]],
) -> None:
    rows, widths = table
    after = "Giao Sở Khoa học và Công nghệ theo dõi, tổng hợp tình hình thực hiện kế hoạch."
    data = render_table_pdf(rows, borders=False, after=after, widths=widths)
    blocks = read_document(data, "table.pdf")
    assert [b.kind for b in blocks] == ["p", "table", "p"]
    assert _plain(blocks[1].rows) == _plain(rows)
    assert blocks[2].text == after


FIRST = [["STT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"]] + [
    [str(i), f"Nhiệm vụ thứ {i} của phụ lục một về chuyển đổi số", "Sở Nội vụ", "Năm 2026"]
    for i in range(1, 8)
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=task_tables(), wrapped=st.lists(st.booleans(), min_size=6, max_size=6))
# Found by hypothesis (2026-12-07): names wrapped at their first word ("Cơ" / "quan chủ
# trì") whose first line is no line of names, at the top of the page where a table from
# the page before was expected to go on: passed as a running header, and "hợp" under it,
# at a column of the table before, read as that table going on.
@example(
    table=(
        [
            ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"],
            ["1", "Xây", "Sở Khoa học và Công nghệ", ""],
        ],
        [0.6, 3.5, 1.0, 1.0],
    ),
    wrapped=[False, False, True, True, False, False],
)
def test_any_task_table_after_a_table_that_ended_the_page_reads_back_its_header(
    table: tuple[list[list[str]], list[float]], wrapped: list[bool]
) -> None:
    # A table that ends its page (the next table starts a new page), then any task table,
    # some of its names set on two lines: each reads back its own cells, header included.
    rows, widths = table
    header = [
        name.replace(" ", "\n", 1) if wrap and index else name
        for index, (name, wrap) in enumerate(zip(rows[0], wrapped, strict=False))
    ]
    second = [header, *rows[1:]]
    data = render_tables_pdf([(FIRST, [0.6, 3.0, 1.4, 1.0]), (second, widths)], borders=False)
    tables = [b.rows for b in read_document(data, "phu-luc.pdf") if b.kind == "table"]
    assert [_plain(t) for t in tables] == [_plain(FIRST), _plain(second)]


@st.composite
def narrow_task_tables(draw: st.DrawFn) -> tuple[list[list[str]], list[float], float]:
    """Six or seven narrow columns whose cells' margins a template set near zero: two
    cells' texts on a line stand about a word space apart (closer than the gap that tells
    pieces of one line apart), so only the columns the whole table keeps tell them apart."""
    kinds = ["number", "text", "lead", "coordinating", "deadline", "output"]
    header = [draw(st.sampled_from(HEADERS[kind])) for kind in kinds]
    rows = [header]
    for index in range(draw(st.integers(3, 5))):
        row = [str(index + 1)]
        row.append(draw(content.filter(lambda text: len(text) > 12)))
        row.append(draw(agencies))
        row.append(draw(agencies))
        row.append(draw(st.sampled_from(DEADLINES)))
        row.append(draw(st.sampled_from(OUTPUTS)))
        rows.append(row)
    widths = [0.6, draw(st.floats(1.2, 1.8))] + [1.0] * (len(kinds) - 2)
    return rows, widths, draw(st.floats(0.5, 1.5))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=narrow_task_tables())
# Found by hypothesis (2026-12-07): margins of 0.5 pt, and a cell's line ("UBND tỉnh; Sở")
# alone on its line ending 0.9 pt before the next column starts: taken as crossing into
# it, the table ended there and its last rows read as paragraphs.
@example(
    table=(
        [
            ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
            + ["Sản phẩm"],
            ["1", "Xây xây xây xây", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"]
            + ["Quý IV/2026", "Kế hoạch"],
            ["2", "Xây xây xây xây", "Sở Khoa học và Công nghệ; Văn phòng UBND tỉnh; Sở Tài chính"]
            + ["Sở Khoa học và Công nghệ", "Quý IV/2026", "Kế hoạch"],
            ["3", "Xây xây triển", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"]
            + ["Quý IV/2026", "Kế hoạch"],
        ],
        [0.6, 1.203125, 1.0, 1.0, 1.0, 1.0],
        0.5,
    )
)
# Found by hypothesis (2026-12-07): the same margins, "UBND tỉnh; Sở" and "và Công nghệ" of
# the next column on one line 0.96 pt apart: read as one piece across both columns.
@example(
    table=(
        [
            ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
            + ["Sản phẩm"],
            ["1", "Xây xây xây xây", "Sở Khoa học và Công nghệ; Sở Tài chính; Sở Nội vụ"]
            + ["Sở Khoa học và Công nghệ; Sở Tài chính; Sở Nội vụ", "Quý IV/2026", "Kế hoạch"],
            ["2", "Xây xây xây xây", "Sở Khoa học và Công nghệ; Sở Tài chính; Sở Nội vụ"]
            + ["Sở Khoa học và Công nghệ; Sở Tài chính", "Quý IV/2026", "Kế hoạch"],
            ["3", "Xây xây xây xây xây xây xây", "Văn phòng UBND tỉnh; Sở Khoa học và Công nghệ"]
            + ["Sở Khoa học và Công nghệ", "Quý IV/2026", "Kế hoạch"],
        ],
        [0.6, 1.2, 1.0, 1.0, 1.0, 1.0],
        0.5,
    )
)
def test_narrow_columns_whose_cells_stand_close_read_back_their_cells(
    table: tuple[list[list[str]], list[float], float],
) -> None:
    # Before: "Sở Khoa học" and "Sở Tài" of the next column, 3 points apart, were one
    # piece of the line, and the row's agencies ran into one cell.
    rows, widths, padding = table
    after = "Giao Sở Khoa học và Công nghệ theo dõi, tổng hợp tình hình thực hiện kế hoạch."
    data = render_table_pdf(rows, borders=False, after=after, widths=widths, padding=padding)
    blocks = read_document(data, "table.pdf")
    assert [b.kind for b in blocks] == ["p", "table", "p"]
    assert _plain(blocks[1].rows) == _plain(rows)
    assert blocks[2].text == after


@st.composite
def target_tables(draw: st.DrawFn) -> tuple[list[list[str]], list[float]]:
    """A table of targets as the genre sets it out (a plan's "Phụ lục I"): the number, the
    target, its unit and the figures of its years, the agency in charge and a note; only
    the target and the agency columns are a task table's own names."""
    years = draw(st.lists(st.sampled_from(["Năm 2025", "Năm 2030", "Năm 2026"]), unique=True))
    unit = draw(st.sampled_from([[], ["Đơn vị tính"], ["ĐVT"]]))
    note = draw(st.sampled_from([[], ["Ghi chú"]]))
    header = [
        draw(st.sampled_from(HEADERS["number"])),
        draw(st.sampled_from(["Chỉ tiêu", "Nội dung", "Tên chỉ tiêu"])),
        *unit,
        *years,
        draw(st.sampled_from(HEADERS["lead"])),
        *note,
    ]
    rows = [header]
    for index in range(draw(st.integers(1, 4))):
        figures = [str(draw(st.integers(1, 100))) for _ in years]
        row = [str(index + 1), draw(content), *(["%"] if unit else []), *figures]
        row += [draw(agencies), *([draw(st.sampled_from(["", "Lũy kế"]))] if note else [])]
        rows.append(row)
    widths = [0.6, draw(st.floats(1.5, 3.0))] + [1.0] * (len(header) - 2)
    return rows, widths


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=target_tables())
@example(
    # 112/KH-UBND Ninh Bình's Phụ lục I, printed without rulings.
    table=(
        [
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030", "Cơ quan chủ trì"]
            + ["Ghi chú"],
            ["1", "Tỷ trọng kinh tế số trong GRDP của tỉnh", "%", "12", "30", "Sở Tài chính", ""],
        ],
        [0.6, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    )
)
def test_a_table_of_targets_without_rulings_reads_back_its_cells(
    table: tuple[list[list[str]], list[float]],
) -> None:
    # Before: "Đơn vị tính", "Năm 2025", "Năm 2030" and "Ghi chú" are no task column's
    # names, so the header was not a header line and the targets stayed text.
    rows, widths = table
    after = "Giao Sở Khoa học và Công nghệ theo dõi, tổng hợp tình hình thực hiện kế hoạch."
    data = render_table_pdf(rows, borders=False, after=after, widths=widths)
    blocks = read_document(data, "table.pdf")
    assert [b.kind for b in blocks] == ["p", "table", "p"]
    assert _plain(blocks[1].rows) == _plain(rows)
    assert blocks[2].text == after


# ------------------------------------------------------------- what must stay text

SIGNERS = [
    ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
    ["THỦ TƯỚNG"],
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Tuấn", "Mai Sơn"]


@st.composite
def signature_blocks(draw: st.DrawFn) -> list[list[str]]:
    """The genre's closing, set in two borderless columns: the recipients on the left,
    the signer on the right."""
    recipients = draw(st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=6, unique=True))
    left = "\n".join(["Nơi nhận:", *(f"- {name};" for name in recipients), "- Lưu: VT."])
    signer = [*draw(st.sampled_from(SIGNERS)), "", draw(st.sampled_from(NAMES))]
    return [[left, "\n".join(line for line in signer if line)]]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=signature_blocks())
def test_a_signature_block_in_two_columns_stays_text(rows: list[list[str]]) -> None:
    blocks = read_document(render_table_pdf(rows, borders=False, widths=[1.2, 1.0]), "s.pdf")
    assert all(b.kind == "p" for b in blocks)
    text = "\n".join(b.text for b in blocks)
    assert "Nơi nhận:" in text and rows[0][1].splitlines()[-1] in text


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    left=st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=4),
    right=st.lists(st.sampled_from(WORDS + AGENCIES), min_size=1, max_size=6),
)
def test_two_columns_of_prose_stay_text(left: list[str], right: list[str]) -> None:
    # A letterhead or any two columns of lines that name no task table's columns.
    rows = [[name, word] for name, word in zip(left, right, strict=False)]
    blocks = read_document(render_table_pdf(rows, borders=False), "two.pdf")
    assert all(b.kind == "p" for b in blocks)


paragraph = st.tuples(
    st.sampled_from(["", "1. ", "2.1. ", "a) ", "- ", "II. "]),
    st.lists(
        st.sampled_from(WORDS + AGENCIES + ["chủ trì,", "phối hợp", "Nhiệm vụ", "Thời gian"]),
        min_size=8,  # a PDF of fewer than 20 characters is refused as a scan
        max_size=60,
    ),
).map(lambda parts: parts[0] + " ".join(parts[1]).capitalize())


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(paragraph, min_size=1, max_size=8), width=st.integers(200, 460))
def test_ordinary_prose_never_yields_a_table(texts: list[str], width: int) -> None:
    blocks = read_document(render_paragraphs_pdf(texts, width), "prose.pdf")
    assert all(b.kind == "p" for b in blocks)
