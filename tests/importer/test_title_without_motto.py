"""A plan transcribed without the national motto block ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
NAM / Độc lập - Tự do - Hạnh phúc"): its title is the lines under "KẾ HOẠCH" up to the
body's first heading, never section I (issue of the walk: "Phát triển kinh tế số … I.
MỤC ĐÍCH, YÊU CẦU 1. Mục đích" was the title)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.service import parse_bytes

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Thúc đẩy phát triển kinh tế số.

II. NHIỆM VỤ, GIẢI PHÁP
1. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu số của tỉnh.
2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.
"""
TITLES = (
    "Phát triển kinh tế số tỉnh Bắc Ninh năm 2025",
    "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH",
    "Chuyển đổi số trong các cơ quan nhà nước\ntrên địa bàn tỉnh năm 2025",
    # A subject in small letters on one line longer than 150 characters (a copy joins the
    # title's lines): it was left out, and the title read "KẾ HOẠCH".
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát"
    " triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
)
FIRST_HEADINGS = ("I. MỤC ĐÍCH, YÊU CẦU", "I. Mục đích, yêu cầu", "1. Mục đích")


def document(title: str, first: str, motto: bool, blank: bool) -> bytes:
    gap = "\n" if blank else ""
    header = "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n" + (MOTTO if motto else "")
    header += "Số: 12/KH-UBND\nBắc Ninh, ngày 5 tháng 3 năm 2025\n\nKẾ HOẠCH\n"
    body = (
        BODY.replace("I. MỤC ĐÍCH, YÊU CẦU", first, 1)
        if first != "1. Mục đích"
        else (BODY.replace("I. MỤC ĐÍCH, YÊU CẦU\n", "", 1))
    )
    return (header + title + "\n" + gap + body).encode()


@pytest.mark.django_db
@settings(max_examples=24, deadline=None)
@given(
    title=st.sampled_from(TITLES),
    first=st.sampled_from(FIRST_HEADINGS),
    motto=st.booleans(),
    blank=st.booleans(),
)
def test_the_title_stops_at_the_first_heading_with_or_without_the_motto(
    title: str, first: str, motto: bool, blank: bool
) -> None:
    parsed = parse_bytes(document(title, first, motto, blank), "ke-hoach.txt")
    assert parsed["programme"]["title"] == " ".join(title.split())
    assert parsed["programme"]["code"] == "12/KH-UBND"
