"""Conventions of the genre that the annotated corpus lacked (helper genre2; docs/importer.md,
"Rules"), found on documents written as a ministry, a commune, a provincial Party committee
and a province write them (`tests/importer/build_genre2.py`):

- a dash inside a table cell's line joins the words of one name ("Vụ Kế hoạch - Tài
  chính", "Bộ Lao động - Thương binh và Xã hội") unless another name starts after it;
- the bodies of the two-level local government (1 July 2025) and of a Party committee are
  names: "Phòng Kinh tế", "Công an xã", "Văn phòng HĐND và UBND xã", "Trung tâm Phục vụ
  hành chính công xã", "Ủy ban Kiểm tra Tỉnh ủy", "Đảng ủy Ủy ban nhân dân tỉnh", the
  Front's committee of a level (never the central one), an officer by the post;
- a Party letterhead "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH X" names the committee, not the province;
  "CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện …" on one line is the kind and its subject; "… này
  được phổ biến đến chi bộ" closes the body;
- "Đơn vị tính" is no agency column; beside a table that assigns its rows, single closing
  clauses (monitoring, funding, reporting) are no tasks;
- deadlines in prose: "trước D/M/Y" (the day before, as "trước ngày D tháng M năm Y"), a
  deadline field run into the clause, a clause ending in a time alone.
"""

import datetime
import io
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.core.text import fold
from lotrinh.importer.dates import find_deadline
from lotrinh.importer.parser import parse_blocks, roles_in
from lotrinh.importer.reader import read_document
from lotrinh.importer.service import parse_bytes
from lotrinh.importer.tables import split_agencies, table_columns

EVAL = Path(__file__).parent / "eval"


def _parse(text: str) -> dict:
    return parse_blocks(read_document(text.encode(), "x.txt"))


def _written(mentions) -> list[str]:  # type: ignore[no-untyped-def]
    return [" ".join(m.written.split()) for m in mentions]


# ------------------------------------------------------------------ dashes inside names
DASHED = (
    "Bộ Lao động - Thương binh và Xã hội",
    "Vụ Kế hoạch - Tài chính",
    "Phòng Văn hóa - Xã hội",
    "Sở Văn hóa - Thể thao",
    "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
)
PLAIN = ("Vụ Pháp chế", "Bộ Y tế", "Sở Tài chính", "Cục Quản lý Dược", "Bộ Công an")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(DASHED + PLAIN), min_size=1, max_size=4, unique=True),
    st.sampled_from(("; ", ";\n", "\n", "\n- ", ";\n- ")),
    st.booleans(),
)
def test_a_dash_inside_a_name_in_a_table_cell_never_cuts_it(names, separator, bulleted):
    cell = ("- " if bulleted else "") + separator.join(names)
    found = split_agencies(cell)
    assert [fold(n) for n in _written(found.lead)] == [fold(n) for n in names], cell


def test_a_list_flattened_onto_one_line_is_still_cut_at_its_bullets():
    assert _written(split_agencies("- Bộ Y tế - Bộ Công an").lead) == ["Bộ Y tế", "Bộ Công an"]
    assert _written(split_agencies("Sở Tư pháp - Sở Tài chính").lead) == [
        "Sở Tư pháp",
        "Sở Tài chính",
    ]


# ------------------------------------------------------------------ local and Party bodies
LOCAL_BODIES = (
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Công an xã",
    "Công an phường",
    "Văn phòng HĐND và UBND xã",
    "Trung tâm Phục vụ hành chính công xã",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Đảng ủy Ủy ban nhân dân tỉnh",
    "Đảng ủy xã",
    "công chức phụ trách công nghệ thông tin",
    "công chức Tư pháp - Hộ tịch",
)
VERBS = ("rà soát", "hướng dẫn", "tổ chức", "bảo đảm", "lãnh đạo", "kiểm tra")


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(LOCAL_BODIES),
    st.sampled_from(LOCAL_BODIES),
    st.sampled_from(("", "Giao ", "Đề nghị ")),
    st.sampled_from(VERBS),
)
def test_local_and_party_bodies_lead_and_coordinate_as_written(lead, partner, opening, verb):
    if fold(lead) == fold(partner):
        return
    roles = roles_in(f"{opening}{lead} chủ trì, phối hợp với {partner} {verb} các nội dung")
    assert _written(roles.lead) == [lead]
    assert _written(roles.coordinating) == [partner]


def test_a_level_after_the_front_names_its_local_committee_not_the_central_one():
    local = roles_in("Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An chủ trì tuyên truyền").lead
    assert _written(local) == ["Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An"]
    assert local[0].canonical == "Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An"
    central = roles_in("Mặt trận Tổ quốc Việt Nam chủ trì tuyên truyền").lead
    assert central[0].canonical == "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"
    # "các tỉnh, thành phố" after a name is no level of it.
    assert not roles_in("Công chức cấp xã được đào tạo").lead


# ------------------------------------------------------------------ Party documents
PROVINCES = ("NGHỆ AN", "BẮC NINH", "ĐỒNG THÁP", "LAI CHÂU", "QUẢNG NINH")


@pytest.mark.django_db
@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(PROVINCES),
    st.sampled_from(("executive", "committee", "one line")),
    st.integers(min_value=1, max_value=120),
)
def test_a_party_letterhead_names_the_committee_and_its_programme(place, form, number):
    # "one line": a transcription writes the committee's name on one line ("TỈNH ỦY
    # NGHỆ AN"); it was kept in capitals, a name the registry does not know.
    left = {
        "executive": ["BAN CHẤP HÀNH ĐẢNG BỘ", f"TỈNH {place}", "*"],
        "committee": [f"ĐẢNG BỘ TỈNH {place}", "TỈNH ỦY", "*"],
        "one line": [f"TỈNH ỦY {place}", "*"],
    }[form]
    text = "\n".join(
        [
            *left,
            f"Số {number}-CTr/TU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            f"{place.title()}, ngày 12 tháng 5 năm 2025",
            # A PDF's text layer runs the kind's line on to its subject.
            "CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ"
            " Chính trị về đổi mới công tác xây dựng và thi hành pháp luật",
            "-----",
            "I. NHIỆM VỤ, GIẢI PHÁP",
            "1. Quán triệt sâu sắc nội dung Nghị quyết đến cán bộ, đảng viên.",
            "II. TỔ CHỨC THỰC HIỆN",
            "1. Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo việc triển khai Chương trình này.",
            "2. Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện Chương trình hành động.",
            "Chương trình hành động này được phổ biến đến chi bộ./.",
        ]
    )
    parsed = _parse(text)
    header = parsed["programme"]
    assert header["issuer"] == f"Tỉnh ủy {place.title()}"
    assert header["code"] == f"{number}-CTr/TU"
    assert header["title"].startswith("thực hiện Nghị quyết số 66-NQ/TW")
    assert header["implements"] == "66-NQ/TW"
    last = parsed["tasks"][-1]
    assert last["text"].endswith("Chương trình hành động."), last["text"]
    assert last["lead"] == ["Văn phòng Tỉnh ủy"]


# ------------------------------------------------------------------ tables and closing
def test_the_unit_of_measure_is_no_agency_column():
    columns = table_columns(
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030", "Cơ quan chủ trì", "Ghi chú"]
    )
    assert columns is not None and columns["lead"] == 5
    assert table_columns(["STT", "Chỉ tiêu", "ĐVT", "Giá trị"]) is None


def _plan_with_appendix(closing: list[str]) -> bytes:
    document = Document()
    for line in [
        "KẾ HOẠCH",
        "Hành động của Bộ Y tế năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Cụ thể hóa các nhiệm vụ được giao.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "Các nhiệm vụ cụ thể được phân công tại Phụ lục kèm theo Kế hoạch này.",
        "III. TỔ CHỨC THỰC HIỆN",
        *closing,
        "Phụ lục",
    ]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(
        table.rows[0].cells, ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời hạn"), strict=True
    ):
        cell.text = title
    for row in (
        ("1", "Xây dựng Thông tư về hồ sơ bệnh án điện tử", "Vụ Pháp chế", "Quý IV/2026"),
        ("2", "Kết nối dữ liệu khám bệnh, chữa bệnh", "Vụ Bảo hiểm y tế", "Năm 2026"),
    ):
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_beside_a_table_that_assigns_its_rows_closing_clauses_are_no_tasks():
    single = _plan_with_appendix(
        [
            "1. Cục Khoa học công nghệ và Đào tạo là đơn vị đầu mối, theo dõi, đôn đốc việc"
            " thực hiện Kế hoạch; định kỳ 6 tháng báo cáo Bộ trưởng.",
            "2. Vụ Kế hoạch - Tài chính bố trí kinh phí thực hiện Kế hoạch.",
        ]
    )
    tasks = parse_bytes(single, "a.docx")["tasks"]
    assert [t["text"] for t in tasks] == [
        "Xây dựng Thông tư về hồ sơ bệnh án điện tử",
        "Kết nối dữ liệu khám bệnh, chữa bệnh",
    ]
    assert tasks[0]["lead"] == ["Vụ Pháp chế"]
    # Laid out per body, each body's heading over its points, it distributes work.
    per_body = _plan_with_appendix(
        [
            "1. Cục Khoa học công nghệ và Đào tạo:",
            "- Xây dựng kiến trúc dữ liệu của ngành y tế.",
            "- Tập huấn kỹ năng số cho viên chức.",
        ]
    )
    texts = [t["text"] for t in parse_bytes(per_body, "b.docx")["tasks"]]
    assert "Xây dựng kiến trúc dữ liệu của ngành y tế." in texts and len(texts) == 4


# ------------------------------------------------------------------ deadlines in prose
FORMS = (
    ("Quý III/2025", datetime.date(2025, 9, 30)),
    ("Tháng 12/2025", datetime.date(2025, 12, 31)),
    ("năm 2026", datetime.date(2026, 12, 31)),
    ("2025 – 2030", datetime.date(2030, 12, 31)),
    ("2025 - 2027", datetime.date(2027, 12, 31)),
    ("Quý IV/2027", datetime.date(2027, 12, 31)),
)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(FORMS),
    st.sampled_from(
        (
            "; thời gian thực hiện: {}.",
            "; thời gian hoàn thành: {}.",
            "; thời hạn: {}",
            "; {}.",
            ", {}.",
        )
    ),
)
def test_a_deadline_run_into_the_clause_is_read(form, shape):
    written, date = form
    text = "Chủ trì xây dựng kiến trúc chính quyền số của tỉnh" + shape.format(written)
    found = find_deadline(text)
    assert found is not None and found.date == date, text


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=datetime.date(2025, 1, 2), max_value=datetime.date(2035, 12, 31)))
def test_before_a_date_means_the_same_however_the_date_is_written(day):
    spelled = find_deadline(
        f"hoàn thành trước ngày {day.day} tháng {day.month} năm {day.year}", table_cell=False
    )
    for text in (
        f"hoàn thành trước {day.day}/{day.month}/{day.year}",
        f"hoàn thành trước ngày {day.day}/{day.month}/{day.year}",
    ):
        assert find_deadline(text).date == spelled.date == day - datetime.timedelta(days=1)
    cell = find_deadline(f"Trước {day.day}/{day.month}/{day.year}", table_cell=True)
    assert cell.date == spelled.date
    # The date of a cited document is no deadline.
    assert (
        find_deadline(f"theo Nghị quyết số 71/NQ-CP ngày {day.day}/{day.month}/{day.year}") is None
    )


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(("XÃ", "PHƯỜNG", "ĐẶC KHU")),
    st.sampled_from(("ĐÔNG ANH", "HOÀN KIẾM", "PHÚ QUỐC", "TIÊN DU", "CẨM GIÀNG")),
    st.sampled_from(("ỦY BAN NHÂN DÂN", "UBND")),
)
def test_a_communes_committee_is_written_as_the_genre_writes_it(level, place, head):
    text = "\n".join(
        [
            head,
            f"{level} {place}",
            "Số: 86/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"{place.title()}, ngày 20 tháng 8 năm 2025",
            "KẾ HOẠCH",
            "Triển khai chuyển đổi số năm 2025",
            "I. NHIỆM VỤ",
            "1. Phòng Kinh tế chủ trì hướng dẫn hộ kinh doanh thanh toán không dùng tiền mặt.",
        ]
    )
    issuer = _parse(text)["programme"]["issuer"]
    assert issuer == f"Ủy ban nhân dân {level.lower()} {place.title()}"


@pytest.mark.django_db
def test_a_ministrys_unit_named_with_a_comma_in_a_cell_is_its_unit():
    parsed = parse_bytes((EVAL / "g2-qd-byt.docx").read_bytes(), "g2-qd-byt.docx")
    first = parsed["tasks"][0]
    assert first["lead"] == ["Cục Quản lý Khám, chữa bệnh"]
    assert first["unit_of"]["Cục Quản lý Khám, chữa bệnh"] == "Bộ Y tế"
    assert split_agencies("Cục Quản lý Khám, chữa bệnh").lead[0].unit
    assert not split_agencies("Doanh nghiệp viễn thông").lead[0].unit


def test_law_at_large_is_no_law_to_draft():
    from lotrinh.importer.dates import find_output

    assert find_output("xác định công tác xây dựng và thi hành pháp luật là trọng tâm") is None
    assert find_output("Bộ Tư pháp chủ trì xây dựng Luật Chuyển đổi số").text == "Luật"
