"""An appendix heading in capitals on its own line ("PHỤ LỤC", "DANH MỤC NHIỆM VỤ …") under
a plan's title starts the appendix: it ends the title (lotrinh/importer/parser._title_after).
Before, a title in small letters ran on into it ("… lần thứ tư DANH MỤC NHIỆM VỤ"), and one
in capitals took it as its last line."""

import pytest

from lotrinh.importer.service import parse_bytes
from tests.importer.build_docx import appendix_docx

pytestmark = pytest.mark.django_db

LETTERHEAD = [
    "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 77/KH-UBND",
    "Bắc Ninh, ngày 05 tháng 3 năm 2021",
    "KẾ HOẠCH",
]
SMALL = "Thực hiện Nghị quyết số 50/NQ-CP của Chính phủ về Cách mạng công nghiệp lần thứ tư"
CAPS = ["PHÁT TRIỂN KINH TẾ SỐ TỈNH BẮC NINH", "GIAI ĐOẠN 2026 - 2030"]
HEADINGS = ["DANH MỤC NHIỆM VỤ", "PHỤ LỤC", "PHỤ LỤC I", "DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2026"]
ROWS = [
    [
        "1",
        "Rà soát thủ tục hành chính trên môi trường số",
        "Các Sở, ban, ngành",
        "",
        "Báo cáo",
        "Quý IV/2021",
    ],
    ["2", "Phổ cập kỹ năng số cho người dân", "UBND các xã, phường", "", "Báo cáo", "năm 2022"],
]


@pytest.mark.parametrize("heading", HEADINGS)
@pytest.mark.parametrize("letterhead", [True, False])
def test_an_appendix_heading_ends_a_title_in_small_letters(heading: str, letterhead: bool) -> None:
    header = (LETTERHEAD if letterhead else ["KẾ HOẠCH"]) + [SMALL, heading]
    found = parse_bytes(appendix_docx(header, ROWS), "kh.docx")["programme"]
    assert found["title"] == SMALL


@pytest.mark.parametrize("heading", HEADINGS)
def test_an_appendix_heading_ends_a_title_in_capitals(heading: str) -> None:
    found = parse_bytes(appendix_docx([*LETTERHEAD, *CAPS, heading], ROWS), "kh.docx")
    assert found["programme"]["title"] == " ".join(CAPS)


def test_a_title_that_opens_with_danh_muc_keeps_it() -> None:
    # Guard: the heading ends a title, it does not start one ("KẾ HOẠCH" over "DANH MỤC
    # …" is the title itself).
    title = ["DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ", "NĂM 2026"]
    found = parse_bytes(appendix_docx([*LETTERHEAD, *title], ROWS), "kh.docx")
    assert found["programme"]["title"] == " ".join(title)
