"""Word tables as templates and forms save them: rows and cells wrapped in content controls
(`w:sdt`, a form's repeating section), and tables inside text boxes, are read once each, in
document order (docs/importer.md, "Word files as saved")."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import read_document
from tests.importer.word_files import docx_bytes, p, text_box

HEADER = ("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành")
ROWS = (
    ("1", "Xây dựng kho dữ liệu dùng chung của tỉnh", "Sở Khoa học và Công nghệ", "Quý II/2026"),
    ("2", "Đào tạo kỹ năng số cho cán bộ, công chức", "Sở Nội vụ", "Năm 2026"),
    ("3", "Rà soát thủ tục hành chính trên môi trường điện tử", "Văn phòng UBND tỉnh", "Năm 2027"),
    ("4", "Phát triển thanh toán không dùng tiền mặt", "Sở Tài chính", "Quý IV/2026"),
)


def control(inner: str, alias: str = "Hàng") -> str:
    """A content control (`w:sdt`) around `inner`, as a form template writes it."""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:id w:val="1"/></w:sdtPr>'
        f"<w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    )


def cell(text: str = "", props: str = "") -> str:
    tc_pr = f"<w:tcPr>{props}</w:tcPr>" if props else ""
    return f"<w:tc>{tc_pr}{p(text)}</w:tc>"


def row(cells: tuple[str, ...] | list[str], wrap_cells: frozenset[int] = frozenset()) -> str:
    return (
        "<w:tr>"
        + "".join(
            control(cell(c), "Ô") if i in wrap_cells else cell(c) for i, c in enumerate(cells)
        )
        + "</w:tr>"
    )


def table(rows: list[str], columns: int = 4) -> str:
    return f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * columns}</w:tblGrid>{''.join(rows)}</w:tbl>"


def shown(data: bytes) -> list[tuple[str, object]]:
    return [(b.kind, b.text or b.rows) for b in read_document(data, "bang.docx")]


def plain_rows() -> list[list[str]]:
    return [list(HEADER), *[list(r) for r in ROWS]]


# ---------------------------------------------------------------- content controls


def test_rows_wrapped_in_content_controls_are_read_in_order():
    # Before: python-docx's `table.rows` sees only the `w:tr` children of the table: the rows
    # of a form's repeating section (one control around each row, one around several, one
    # inside another) were lost.
    body = table(
        [
            row(HEADER),
            control(row(ROWS[0])),
            control(row(ROWS[1]) + control(row(ROWS[2]), "Mục lặp")),
            row(ROWS[3]),
        ]
    )
    [block] = read_document(docx_bytes(p("Phụ lục") + body), "bang.docx")[1:]
    assert block.rows == plain_rows()
    tasks = parse_blocks(read_document(docx_bytes(p("Phụ lục") + body), "bang.docx"))["tasks"]
    assert [(t["text"], t["lead"]) for t in tasks] == [(r[1], [r[2]]) for r in ROWS]


def test_cells_wrapped_in_content_controls_keep_their_columns_and_merges():
    # Before: a cell inside a content control (`w:tr/w:sdt/w:tc`) was not a cell: the row
    # came out short, its lead agency read as its text.
    span = '<w:gridSpan w:val="2"/>'
    merged = '<w:vMerge w:val="restart"/>'
    body = table(
        [
            row(HEADER),
            "<w:tr>"
            + control(cell("1"))
            + control(cell(ROWS[0][1]))
            + control(cell("Sở Khoa học và Công nghệ", merged))
            + cell("Quý II/2026")
            + "</w:tr>",
            # The merged agency continues down; the row itself is in a control.
            control(
                "<w:tr>"
                + cell("2")
                + cell(ROWS[1][1])
                + control(cell("", "<w:vMerge/>"))
                + cell("Năm 2026")
                + "</w:tr>"
            ),
            # A cell spanning two columns, in a control.
            "<w:tr>" + control(cell("Nhóm nhiệm vụ khác", span)) + cell("") + cell("") + "</w:tr>",
        ]
    )
    [block] = read_document(docx_bytes(body), "bang.docx")
    assert block.rows == [
        list(HEADER),
        ["1", ROWS[0][1], "Sở Khoa học và Công nghệ", "Quý II/2026"],
        ["2", ROWS[1][1], "Sở Khoa học và Công nghệ", "Năm 2026"],
        ["Nhóm nhiệm vụ khác", "", "", ""],
    ]


def test_a_merge_continued_below_a_deleted_row_reads_the_cell_above_it():
    # A row deleted as a tracked change is left out, and a merged cell continued under it
    # (here in a row inside a content control) still reads its text. Before: the row in
    # the control was lost.
    RESTART = '<w:vMerge w:val="restart"/>'  # noqa: N806
    deleted = '<w:trPr><w:del w:id="9" w:author="A"/></w:trPr>'
    body = table(
        [
            row(("Nội dung", "Chủ trì")),
            f"<w:tr>{cell('Việc một')}{cell('Sở A', RESTART)}</w:tr>",
            f"<w:tr>{deleted}{cell('Bỏ')}{cell('', '<w:vMerge/>')}</w:tr>",
            control(f"<w:tr>{cell('Việc hai')}{cell('', '<w:vMerge/>')}</w:tr>"),
        ],
        columns=2,
    )
    [block] = read_document(docx_bytes(body), "bang.docx")
    assert block.rows == [["Nội dung", "Chủ trì"], ["Việc một", "Sở A"], ["Việc hai", "Sở A"]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.booleans(), min_size=len(ROWS) + 1, max_size=len(ROWS) + 1),
    st.lists(
        st.frozensets(st.integers(0, len(HEADER) - 1)),
        min_size=len(ROWS) + 1,
        max_size=len(ROWS) + 1,
    ),
    st.lists(st.integers(0, len(ROWS)), max_size=3),
)
def test_wrapping_any_rows_and_cells_in_content_controls_reads_the_same_table(
    wrapped_rows: list[bool], wrapped_cells: list[frozenset[int]], groups: list[int]
):
    # Any subset of rows, and of each row's cells, in controls; runs of rows also inside a
    # repeating section's control (`groups`: where such a run starts, two rows long).
    parts = []
    for index, cells in enumerate([HEADER, *ROWS]):
        xml = row(cells, wrapped_cells[index])
        parts.append(control(xml) if wrapped_rows[index] else xml)
    for start in sorted(set(groups), reverse=True):
        if start + 2 <= len(parts):
            parts[start : start + 2] = [control("".join(parts[start : start + 2]), "Mục lặp")]
    blocks = read_document(docx_bytes(p("Phụ lục") + table(parts)), "bang.docx")
    assert blocks[1].rows == plain_rows()
    tasks = parse_blocks(blocks)["tasks"]
    assert [(t["text"], t["lead"]) for t in tasks] == [(r[1], [r[2]]) for r in ROWS]


# ---------------------------------------------------------------- text boxes


def test_a_table_in_a_text_box_is_read_once_where_the_box_is_anchored():
    # Guard (the body's text boxes were already read with their tables): the table of a box
    # written both as DrawingML (Choice) and VML (Fallback) is one table, between the
    # paragraphs around its anchor.
    inner = p("Danh mục nhiệm vụ") + table([row(HEADER), row(ROWS[0])])
    body = p("Trước") + f"<w:p>{text_box(inner)}</w:p>" + p("Sau")
    assert shown(docx_bytes(body)) == [
        ("p", "Trước"),
        ("p", "Danh mục nhiệm vụ"),
        ("table", [list(HEADER), list(ROWS[0])]),
        ("p", "Sau"),
    ]


def test_a_table_in_a_text_box_inside_a_cell_is_read_as_the_cells_lines():
    # Before: a cell read only the paragraphs of its text boxes; a table in a box (and a box
    # inside that box) was lost.
    inner_table = table(
        [
            row(("TT", "Nội dung", "Thời hạn"), frozenset()),
            row(("a)", "Khảo sát hiện trạng", "Quý I/2026")),
        ],
        columns=3,
    )
    nested_box = f"<w:p>{text_box(p('Ghi chú trong hộp'))}</w:p>"
    box = p("Gồm:") + inner_table + nested_box
    body = table(
        [
            row(HEADER),
            "<w:tr>"
            + cell("1")
            + f"<w:tc>{p(ROWS[0][1])}<w:p>{text_box(box)}</w:p>{p('Báo cáo hằng quý.')}</w:tc>"
            + cell(ROWS[0][2])
            + cell(ROWS[0][3])
            + "</w:tr>",
        ]
    )
    [block] = read_document(docx_bytes(body), "bang.docx")
    assert block.rows[1] == [
        "1",
        f"{ROWS[0][1]}\nGồm:\na) Khảo sát hiện trạng – Quý I/2026\nGhi chú trong hộp\nBáo cáo hằng quý.",
        ROWS[0][2],
        ROWS[0][3],
    ]


def test_a_text_box_only_in_vml_is_read_once():
    # Guard: an older file's box, VML alone (no AlternateContent), with a table.
    inner = table([row(HEADER), row(ROWS[1])])
    vml = f"<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    body = f"<w:p>{vml}</w:p>" + p("Sau")
    assert shown(docx_bytes(body)) == [("table", [list(HEADER), list(ROWS[1])]), ("p", "Sau")]


def test_a_row_that_starts_late_keeps_its_cells_under_their_columns():
    # A row with `w:gridBefore` (Word's "row starts at column 2", a continuation line left
    # without its number) was read one column short, its text under "STT" and its lead
    # agency under "Nội dung"; python-docx's `row.cells` does the same.
    late = (
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + cell(ROWS[1][1])
        + cell(ROWS[1][2])
        + cell(ROWS[1][3])
        + "</w:tr>"
    )
    body = table([row(HEADER), row(ROWS[0]), late])
    [block] = read_document(docx_bytes(body), "bang.docx")
    assert block.rows == [list(HEADER), list(ROWS[0]), ["", *ROWS[1][1:]]]
