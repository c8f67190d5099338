"""A Party plan's letterhead and title as the genre writes them (2026-12-07, party41).
Hướng dẫn 36-HD/VPTW: the issuing body's block is the superior Party organisation's line
("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI") over the issuing committee ("THÀNH ỦY", or "THÀNH ỦY HÀ
NỘI"), a "*" under it, then "Số 15-KH/TU"; the right block is "ĐẢNG CỘNG SẢN VIỆT NAM"
and the place and date. The issuer is the committee, never the two lines run together
("Thành ủy Hà Nội Thành Ủy Hà Nội", before). A title ends where the grounds open ("Căn
cứ …", "- Căn cứ …", "Thực hiện Nghị quyết số …"); before, a subject run on to "KẾ
HOẠCH" took the grounds with it."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.importer.service import parse_bytes

pytestmark = pytest.mark.django_db

BODY = (
    "\nKẾ HOẠCH\nthực hiện Nghị quyết số 18-NQ/TW về chuyển đổi số trong các cơ quan đảng\n\n"
    "{grounds}\nBan Thường vụ ban hành Kế hoạch thực hiện như sau:\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\n\n"
    "II. NHIỆM VỤ, GIẢI PHÁP\n1. Văn phòng chủ trì xây dựng kho dữ liệu số; thực hiện năm 2026.\n"
)
TITLE = "thực hiện Nghị quyết số 18-NQ/TW về chuyển đổi số trong các cơ quan đảng"
GROUNDS = "Căn cứ Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;"


def _read(head: str, grounds: str = GROUNDS) -> dict[str, Any]:
    text = head + BODY.format(grounds=grounds)
    return parse_bytes(text.encode(), "ke-hoach.txt")["programme"]


def _letterhead(superior: str, committee: str, number: str, place: str = "Hà Nội") -> str:
    return (
        f"{superior}\n{committee}\n*\nSố {number}\n"
        f"ĐẢNG CỘNG SẢN VIỆT NAM\n{place}, ngày 10 tháng 3 năm 2026\n"
    )


@pytest.mark.parametrize(
    ("superior", "committee", "number", "issuer"),
    [
        ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY", "15-KH/TU", "Thành ủy Hà Nội"),
        ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY HÀ NỘI", "15-KH/TU", "Thành ủy Hà Nội"),
        ("ĐẢNG BỘ TỈNH BẮC NINH", "TỈNH ỦY BẮC NINH", "20-KH/TU", "Tỉnh ủy Bắc Ninh"),
        ("ĐẢNG BỘ TỈNH BẮC NINH", "TỈNH ỦY", "20-KH/TU", "Tỉnh ủy Bắc Ninh"),
        ("ĐẢNG BỘ CHÍNH PHỦ", "ĐẢNG ỦY CHÍNH PHỦ", "05-KH/ĐU", "Đảng ủy Chính phủ"),
        ("ĐẢNG BỘ CHÍNH PHỦ", "ĐẢNG ỦY", "05-KH/ĐU", "Đảng ủy Chính phủ"),
        ("ĐẢNG BỘ CHÍNH PHỦ", "BAN CÁN SỰ ĐẢNG BỘ Y TẾ", "05-KH/BCSĐ", "Ban cán sự đảng Bộ Y tế"),
        (
            "BAN CHẤP HÀNH TRUNG ƯƠNG",
            "BAN CÁN SỰ ĐẢNG BỘ Y TẾ",
            "05-KH/BCSĐ",
            "Ban cán sự đảng Bộ Y tế",
        ),
    ],
)
def test_the_issuer_is_the_committee_under_its_superior(
    superior: str, committee: str, number: str, issuer: str
) -> None:
    place = "Bắc Ninh" if "BẮC NINH" in superior else "Hà Nội"
    programme = _read(_letterhead(superior, committee, number, place))
    assert programme["issuer"] == issuer
    assert programme["code"] == number
    assert programme["issue_date"] == "2026-03-10"
    assert programme["title"] == TITLE


def test_the_party_name_above_the_superior_is_no_part_of_the_issuer() -> None:
    # The right block transcribed first: "ĐẢNG CỘNG SẢN VIỆT NAM" above the left block.
    head = (
        "ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nTHÀNH ỦY HÀ NỘI\n*\n"
        "Số 15-KH/TU\nHà Nội, ngày 10 tháng 3 năm 2026\n"
    )
    assert _read(head)["issuer"] == "Thành ủy Hà Nội"


def test_a_government_letterhead_is_read_as_before() -> None:
    # Guard (passes on the old code): "ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH".
    head = (
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 20/KH-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Bắc Ninh, ngày 10 tháng 3 năm 2026\n"
    )
    programme = _read(head)
    assert programme["issuer"].count("Bắc Ninh") == 1
    assert programme["title"] == TITLE


GROUND_OPENINGS = (
    "Căn cứ Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;",
    "- Căn cứ Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;",
    "Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương,",
    "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị,",
    "Thực hiện Kết luận số 12-KL/TW ngày 01/02/2026 của Bộ Chính trị,",
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    opening=st.sampled_from(GROUND_OPENINGS),
    committee=st.sampled_from(["THÀNH ỦY", "THÀNH ỦY HÀ NỘI"]),
)
def test_the_title_ends_where_the_grounds_open(opening: str, committee: str) -> None:
    head = _letterhead("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", committee, "15-KH/TU")
    programme = _read(head, grounds=opening)
    assert programme["title"] == TITLE
    assert programme["issuer"] == "Thành ủy Hà Nội"


# party42: Hướng dẫn 36's two blocks laid out as a table and flattened one row a line,
# the cells parted by "|": the left block is the issuer's (the committee, its number),
# the right one the Party's name over the place and date. Read row by row, the issuer's
# second line came after "ĐẢNG CỘNG SẢN VIỆT NAM"; the header was read loosely, with no
# issuer and the date the grounds cite (25/10/2017).
@pytest.mark.parametrize("committee", ["THÀNH ỦY", "THÀNH ỦY HÀ NỘI"])
@pytest.mark.parametrize("number_row", ["*\nSố 15-KH/TU\n", "Số 15-KH/TU | \n", ""])
def test_a_letterhead_laid_out_as_table_rows_is_read_as_two_blocks(
    committee: str, number_row: str
) -> None:
    head = (
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI | ĐẢNG CỘNG SẢN VIỆT NAM\n"
        f"{committee} | Hà Nội, ngày 10 tháng 3 năm 2026\n{number_row}"
    )
    programme = _read(head)
    assert programme["issuer"] == "Thành ủy Hà Nội"
    assert programme["issue_date"] == "2026-03-10"
    assert programme["title"] == TITLE
    if number_row:
        assert programme["code"] == "15-KH/TU"


@pytest.mark.parametrize(
    "head",
    [
        # The right block transcribed before the left block's number.
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nTHÀNH ỦY\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Hà Nội, ngày 10 tháng 3 năm 2026\nSố 15-KH/TU\n",
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nTHÀNH ỦY\n*\nHà Nội, ngày 10 tháng 3 năm 2026\n"
        "Số 15-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n",
    ],
)
def test_the_number_under_the_place_and_date_keeps_the_date(head: str) -> None:
    programme = _read(head)
    assert programme["code"] == "15-KH/TU"
    assert programme["issue_date"] == "2026-03-10"
    assert programme["issuer"] == "Thành ủy Hà Nội"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    day=st.integers(1, 28),
    month=st.integers(1, 12),
    year=st.integers(2020, 2030),
    piped=st.booleans(),
    number_last=st.booleans(),
)
def test_the_issue_date_is_the_letterheads_never_the_grounds(
    day: int, month: int, year: int, piped: bool, number_last: bool
) -> None:
    place_date = f"Hà Nội, ngày {day} tháng {month} năm {year}"
    if piped:
        head = (
            f"ĐẢNG BỘ THÀNH PHỐ HÀ NỘI | ĐẢNG CỘNG SẢN VIỆT NAM\nTHÀNH ỦY | {place_date}\n"
            "Số 15-KH/TU | \n"
        )
    elif number_last:
        head = (
            "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nTHÀNH ỦY\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            f"{place_date}\nSố 15-KH/TU\n"
        )
    else:
        head = _letterhead("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY", "15-KH/TU")
        head = head.replace("Hà Nội, ngày 10 tháng 3 năm 2026", place_date)
    programme = _read(head)
    assert programme["issue_date"] == f"{year:04d}-{month:02d}-{day:02d}"
    assert programme["issuer"] == "Thành ủy Hà Nội"
