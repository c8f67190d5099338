"""In a province's or a city's plan, "các ngành (có) liên quan" are its departments
concerned (`related_departments`: its sở, ban, ngành), as "các sở, ngành liên quan" are;
in a ministry's plan "ngành" are sectors at large, and the words name no class
(docs/importer.md, "Generic addressees")."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.service import parse_bytes

STATE = (
    "{issuer_lines}\n-------\nSố: 12/KH-{symbol}\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
    "Hà Nội, ngày 12 tháng 6 năm 2025\n\nKẾ HOẠCH\nPhát triển công nghệ cao\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Phát triển công nghệ cao.\n\n"
    "II. NHIỆM VỤ, GIẢI PHÁP\n"
    "1. {lead} chủ trì, phối hợp với {partners} phát triển thị trường cho sản phẩm công"
    " nghệ cao.\n"
    "2. {lead} chủ trì xây dựng cơ sở dữ liệu về công nghệ cao.\n"
)
PROVINCES = (
    ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP", "UBND", "Sở Công Thương"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "UBND", "Sở Khoa học và Công nghệ"),
)
MINISTRY = ("BỘ CÔNG THƯƠNG", "BCT", "Cục Công nghiệp")


def _first(head: tuple[str, str, str], partners: str) -> dict:
    issuer_lines, symbol, lead = head
    text = STATE.format(issuer_lines=issuer_lines, symbol=symbol, lead=lead, partners=partners)
    return parse_bytes(text.encode(), "ke-hoach.txt")["tasks"][0]


@settings(max_examples=20, deadline=None)
@given(
    head=st.sampled_from(PROVINCES),
    partners=st.sampled_from(("các ngành liên quan", "các ngành có liên quan")),
)
def test_a_provinces_sectors_concerned_are_its_departments(head, partners) -> None:
    task = _first(head, partners)
    assert task["lead"] == [head[2]]
    assert [(a["generic"], a["role"]) for a in task["addressees"]] == [
        ("related_departments", "coordinating")
    ]


def test_a_ministrys_sectors_are_no_class() -> None:
    task = _first(MINISTRY, "các ngành liên quan")
    assert task["addressees"] == []


@settings(max_examples=20, deadline=None)
@given(
    article=st.sampled_from(("", "các ")),
    ministries=st.sampled_from(("Bộ", "bộ")),
    comma=st.sampled_from(("", ",")),
    head=st.sampled_from((*PROVINCES, MINISTRY)),
)
def test_the_central_ministries_and_sectors_are_a_class(article, ministries, comma, head):
    if not article and ministries == "bộ":
        ministries = "Bộ"  # without the article the genre capitalises it
    written = f"{article}{ministries}{comma} ngành Trung ương"
    task = _first(head, written)
    assert task["coordinating"] == []
    assert [(a["generic"], a["role"], a["text"]) for a in task["addressees"]] == [
        ("all_ministries_agencies", "coordinating", written)
    ]
