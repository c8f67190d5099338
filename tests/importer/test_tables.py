"""Task tables (lotrinh/importer/tables.py): small synthetic tables of the genre's shapes,
and properties under hypothesis."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import read_document
from lotrinh.importer.tables import read_table, split_agencies, text_table_rows


def _sets(task):
    lead = set(task["lead"]) | {
        "generic:" + a["generic"] for a in task["addressees"] if a["role"] == "lead"
    }
    coordinating = set(task["coordinating"]) | {
        "generic:" + a["generic"] for a in task["addressees"] if a["role"] == "coordinating"
    }
    return lead, coordinating


def _bar_text(rows: list[list[str]], blank_cell_as_line: bool = True) -> str:
    """A table as a web page copy gives it: every cell mark `|` on a line of its own."""
    lines: list[str] = []
    for row in rows:
        lines.append("|")
        for cell in row:
            if cell:
                lines.extend(cell.split("\n"))
            elif blank_cell_as_line:
                lines.append("")
            lines.append("|")
    return "\n".join(lines)


HEADER = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def _parse_text(text: str) -> list[dict]:
    document = "KẾ HOẠCH\nTriển khai\n\nPHỤ LỤC\n\n" + text + "\n"
    return parse_blocks(read_document(document.encode(), "x.txt"))["tasks"]


def test_a_text_table_with_cell_marks_on_their_own_lines():
    rows = [
        HEADER,
        ["I", "NHÓM NHIỆM VỤ VỀ THỂ CHẾ", "", "", ""],
        ["1", "Xây dựng đề án chuyển đổi số", "Bộ Y tế", "Bộ Tài chính; Bộ Xây dựng", "2026"],
        ["2", "Rà soát quy định", "Bộ Tài chính", "", "Quý IV/2026"],
    ]
    tasks = _parse_text(_bar_text(rows))
    assert [t["text"] for t in tasks] == ["Xây dựng đề án chuyển đổi số", "Rà soát quy định"]
    assert _sets(tasks[0]) == ({"Bộ Y tế"}, {"Bộ Tài chính", "Bộ Xây dựng"})
    assert _sets(tasks[1]) == ({"Bộ Tài chính"}, set())
    assert tasks[0]["deadline"]["text"] == "2026"


def test_cell_text_wrapped_over_lines_is_one_cell():
    rows = [
        HEADER,
        ["1", "Xây dựng đề án\nchuyển đổi số", "Bộ Khoa học và\nCông nghệ", "Bộ Y tế", "2026"],
    ]
    (task,) = _parse_text(_bar_text(rows))
    assert task["text"] == "Xây dựng đề án chuyển đổi số"
    assert _sets(task)[0] == {"Bộ Khoa học và Công nghệ"}


def test_repeated_header_rows_and_group_rows_are_not_tasks():
    rows = [
        HEADER,
        ["A", "PHẦN MỘT", "", "", ""],
        ["I", "Nhóm thứ nhất", "", "", ""],
        ["", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        ["1.1", "Việc thứ nhất", "Bộ Y tế", "", "2026"],
        ["", "Nhóm không đánh số", "", "", ""],
        ["1.2", "Việc thứ hai", "Bộ Nội vụ", "", "2027"],
    ]
    tasks = _parse_text(_bar_text(rows))
    assert [t["text"] for t in tasks] == ["Việc thứ nhất", "Việc thứ hai"]


def test_a_numbered_row_with_numbered_rows_under_it_is_a_heading():
    rows = [
        HEADER,
        ["1", "Hoàn thiện thể chế", "", "", ""],
        ["1.1", "Sửa đổi luật", "Bộ Tư pháp", "", ""],
        ["2", "Việc không giao cho ai", "", "", ""],
    ]
    tasks = _parse_text(_bar_text(rows))
    assert [t["text"] for t in tasks] == ["Sửa đổi luật", "Việc không giao cho ai"]


def test_a_group_row_naming_an_agency_gives_the_lead_of_the_rows_below():
    rows = [
        HEADER,
        ["", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "", "", ""],
        ["1", "Việc thứ nhất", "", "Bộ Tài chính", "2026"],
        ["2", "Việc thứ hai", "Bộ Xây dựng", "", "2026"],
        ["", "Nhóm ứng dụng, nền tảng số quy mô quốc gia", "", "", ""],
        ["3", "Việc thứ ba", "", "", "2026"],
    ]
    tasks = _parse_text(_bar_text(rows))
    assert [_sets(t) for t in tasks] == [
        ({"Bộ Nông nghiệp và Môi trường"}, {"Bộ Tài chính"}),
        ({"Bộ Xây dựng"}, set()),
        (set(), set()),
    ]


def test_a_continuation_row_adds_a_second_lead_and_coordinators():
    rows = [
        HEADER,
        ["1", "Đề án thứ nhất", "Bộ Y tế", "Bộ Tài chính", "2030"],
        ["", "", "Bộ Nội vụ", "Bộ Xây dựng", ""],
        ["2", "Đề án thứ hai", "Bộ Công Thương", "", "2030"],
    ]
    # The page drops the merged cells of the continuation row: it has two cells only.
    text = _bar_text(rows[:2]) + "\n|\nBộ Nội vụ\n|\nBộ Xây dựng\n|\n" + _bar_text(rows[3:])
    tasks = _parse_text(text)
    assert len(tasks) == 2
    assert _sets(tasks[0]) == ({"Bộ Y tế", "Bộ Nội vụ"}, {"Bộ Tài chính", "Bộ Xây dựng"})


def _docx(rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r1, c1, r2, c2 in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_tables_with_merged_cells():
    rows = [
        HEADER,
        ["I", "CƠ CHẾ, CHÍNH SÁCH", "", "", ""],
        ["1", "Đề án thứ nhất", "Bộ Y tế", "Bộ Tài chính", "2030"],
        ["", "", "Bộ Nội vụ", "Bộ Xây dựng", ""],
        ["2", "Đề án thứ hai", "Bộ Công Thương", "Các bộ, ngành liên quan", "2030"],
    ]
    # The group row merged across; the continuation row's number, content and deadline
    # merged down with the row above.
    data = _docx(rows, [(1, 1, 1, 4), (2, 0, 3, 0), (2, 1, 3, 1), (2, 4, 3, 4)])
    tasks = parse_blocks(read_document(data, "x.docx"))["tasks"]
    assert [t["text"] for t in tasks] == ["Đề án thứ nhất", "Đề án thứ hai"]
    assert _sets(tasks[0]) == ({"Bộ Y tế", "Bộ Nội vụ"}, {"Bộ Tài chính", "Bộ Xây dựng"})
    assert _sets(tasks[1]) == ({"Bộ Công Thương"}, {"generic:related_agencies"})


def _names(cell: str, lead_cell: bool = False) -> tuple[list[str], list[str]]:
    found = split_agencies(cell, lead_cell=lead_cell)
    return [m.canonical for m in found.lead], [m.canonical for m in found.others]


def test_list_valued_agency_cells():
    expected = ["Bộ Khoa học và Công nghệ", "Bộ Xây dựng", "Bộ Công Thương"]
    for cell in (
        "- Bộ Khoa học và Công nghệ; - Bộ Xây dựng; - Bộ Công Thương",
        "Bộ Khoa học và Công nghệ; Bộ Xây dựng; Bộ Công Thương",
        "Bộ Khoa học và Công nghệ\nBộ Xây dựng\nBộ Công Thương",
        "Bộ Khoa học và Công nghệ Bộ Xây dựng Bộ Công Thương",
        "Bộ Khoa học và Công nghệ, Bộ Xây dựng, Bộ Công Thương",
    ):
        assert _names(cell)[0] == expected, cell
    # Commas inside a name or a class of addressees do not separate.
    assert _names("Bộ Văn hóa, Thể thao và Du lịch")[0] == ["Bộ Văn hóa, Thể thao và Du lịch"]
    assert _names("Các bộ, ngành liên quan")[0] == ["related_agencies"]
    assert _names("Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ")[0] == ["all_ministries_agencies"]
    assert _names("Các bộ, ngành và địa phương có liên quan")[0] == ["related_agencies_provinces"]
    assert _names("Doanh nghiệp, nhà cung cấp dịch vụ, nhà đầu tư")[0] == [
        "Doanh nghiệp, nhà cung cấp dịch vụ, nhà đầu tư"
    ]
    assert _names("Viện, Trường; Doanh nghiệp")[0] == ["Viện", "Trường", "Doanh nghiệp"]
    assert _names("Bộ Y tế và các cơ quan thông tấn, báo chí")[0] == [
        "Bộ Y tế",
        "các cơ quan thông tấn, báo chí",
    ]


def test_a_lead_cell_written_as_clauses():
    lead, others = _names(
        "Bộ Y tế chủ trì hướng dẫn, tổng hợp; Bộ Nội vụ, Bộ Tài chính thực hiện", lead_cell=True
    )
    assert lead == ["Bộ Y tế"] and others == ["Bộ Nội vụ", "Bộ Tài chính"]
    assert _names("Bộ Y tế thúc đẩy, theo dõi, báo cáo chỉ tiêu", lead_cell=True) == (
        ["Bộ Y tế"],
        [],
    )


def test_header_words_of_the_genre():
    for header in (
        ["STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Đơn vị phối hợp", "Sản phẩm"],
        ["TT", "Tên đề án", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"],
        ["TT", "Chỉ tiêu", "Chủ trì"],
        ["STT", "NHIỆM VỤ VÀ GIẢI PHÁP", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN"],
    ):
        table = read_table([header, ["1", "Việc", "Bộ Y tế"] + [""] * (len(header) - 3)])
        assert table is not None and [t.text for t in table.tasks] == ["Việc"], header
    assert read_table([["STT", "Chỉ tiêu", "Năm 2025"], ["1", "Tỷ lệ", "80%"]]) is None


def test_an_appendix_row_restating_a_body_task_is_one_task():
    body = "Xây dựng cơ sở dữ liệu quốc gia về công trình hạ tầng và kết nối với các hệ thống"
    text = (
        "II. NHIỆM VỤ\n1. Nhiệm vụ cụ thể\na) "
        + body
        + ".\nb) Việc khác của phần thân.\n\n"
        + _bar_text([HEADER, ["1", body, "Bộ Xây dựng", "Bộ Tài chính", "2026"]])
    )
    tasks = parse_blocks(read_document(text.encode(), "x.txt"))["tasks"]
    assert [t["text"] for t in tasks] == ["Việc khác của phần thân.", body]
    assert tasks[1]["restates"] == "II.1.a"
    assert _sets(tasks[1]) == ({"Bộ Xây dựng"}, {"Bộ Tài chính"})


# ---------------------------------------------------------------- properties

AGENCIES = [
    "Bộ Y tế",
    "Bộ Tài chính",
    "Bộ Xây dựng",
    "Bộ Nội vụ",
    "Bộ Khoa học và Công nghệ",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Ngân hàng Nhà nước Việt Nam",
    "Các bộ, ngành liên quan",
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
]
SEPARATORS = ["; ", "\n", ";\n", "; - "]


@settings(max_examples=80, deadline=3000)
@given(
    st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=5, unique=True),
    st.lists(st.sampled_from(AGENCIES), min_size=0, max_size=5, unique=True),
    st.randoms(use_true_random=False),
    st.sampled_from(SEPARATORS),
    st.booleans(),
)
def test_shuffling_the_agencies_of_a_cell_changes_no_set(lead, coordinating, rnd, sep, as_text):
    def table(lead_names, coord_names):
        return [
            HEADER,
            ["1", "Xây dựng đề án", sep.join(lead_names), sep.join(coord_names), "2026"],
        ]

    shuffled_lead, shuffled_coord = list(lead), list(coordinating)
    rnd.shuffle(shuffled_lead)
    rnd.shuffle(shuffled_coord)
    if as_text:
        first = _parse_text(_bar_text(table(lead, coordinating)))
        second = _parse_text(_bar_text(table(shuffled_lead, shuffled_coord)))
    else:
        first = parse_blocks(read_document(_docx(table(lead, coordinating), []), "x.docx"))
        second = parse_blocks(
            read_document(_docx(table(shuffled_lead, shuffled_coord), []), "x.docx")
        )
        first, second = first["tasks"], second["tasks"]
    assert len(first) == len(second) == 1
    assert _sets(first[0]) == _sets(second[0])
    assert len(_sets(first[0])[0]) == len(lead)


CELLS = st.text(
    alphabet=st.sampled_from(list("|;-,.:\n ") + list("IVX1234aBộYtếSởChủtrì")), max_size=40
)


@settings(max_examples=150, deadline=3000)
@given(st.lists(st.lists(CELLS, min_size=0, max_size=7), min_size=0, max_size=8))
def test_no_table_crashes_the_table_reader(rows):
    for candidate in (rows, [HEADER, *rows], [["STT", "Chỉ tiêu", "Chủ trì"], *rows]):
        table = read_table(candidate)
        if table is not None:
            assert all(t.text for t in table.tasks)
    lines = "\n".join("\n".join(r) for r in rows).split("\n")
    text_table_rows(lines)
    text_table_rows(_bar_text([HEADER, *rows]).split("\n"))
    _parse_text(_bar_text([HEADER, *rows], blank_cell_as_line=False))
