"""The kind of a document is the line in capitals under the letterhead (KẾ HOẠCH, NGHỊ
QUYẾT, QUYẾT ĐỊNH…), its subject under it, in capitals or in ordinary letters (Decree
30/2020; Hướng dẫn 36-HD/VPTW for the Party's, "ĐẢNG CỘNG SẢN VIỆT NAM" beside the number
in a two-column letterhead). A PDF's text layer runs a subject in ordinary letters on to
the kind's line ("KẾ HOẠCH triển khai thực hiện …"): 3260-KH/ĐĐQH15 rendered to PDF read
as "other" where its text reads as a plan. The issuer of a document without letterhead
is the enacting body in capitals under the title ("CHÍNH PHỦ"), never a line of the title,
a numbered heading or a table row."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.parser import read_header

pytestmark = pytest.mark.django_db

KINDS = {"KẾ HOẠCH": "plan", "NGHỊ QUYẾT": "government_resolution", "QUYẾT ĐỊNH": "pm_decision"}
# Letterheads of the genre: a State body's (Decree 30) and the Party's (Hướng dẫn 36).
LETTERHEADS = (
    [
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẮC NINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/KH-UBND",
        "Bắc Ninh, ngày 5 tháng 3 năm 2025",
    ],
    [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "ĐẢNG ĐOÀN QUỐC HỘI",
        "Số 3260-KH/ĐĐQH15",
        "Hà Nội, ngày 10 tháng 01 năm 2025",
    ],
    # Read column by column from a PDF: the issuer and the number, then the Party's mark.
    [
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "ĐẢNG ĐOÀN QUỐC HỘI",
        "Số 3260-KH/ĐĐQH15",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hà Nội, ngày 10 tháng 01 năm 2025",
    ],
    # A transcription without the motto: the number and date, then the kind.
    ["Số: 12/KH-UBND", "Hà Nội, ngày 5 tháng 3 năm 2025"],
)
WORDS = (
    "triển khai",
    "thực hiện",
    "Nghị quyết số 57-NQ/TW",
    "ngày 22/12/2024",
    "của Bộ Chính trị",
    "về đột phá",
    "phát triển khoa học, công nghệ",
    "đổi mới sáng tạo",
    "và chuyển đổi số quốc gia",
)
BODY = ["---", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Quán triệt sâu sắc Nghị quyết."]


@settings(max_examples=60, deadline=None)
@given(
    letterhead=st.sampled_from(LETTERHEADS),
    kind=st.sampled_from(sorted(KINDS)),
    first=st.sampled_from(("triển khai", "thực hiện", "về", "phát triển")),
    # A subject as long as the genre's (a line of the title is under 150 characters).
    rest=st.lists(st.sampled_from(WORDS), min_size=1, max_size=5, unique=True),
    cut=st.integers(min_value=0, max_value=5),
)
def test_a_subject_run_on_to_the_kind_line_reads_as_under_it(
    letterhead, kind, first, rest, cut
) -> None:
    subject = [first, *rest]
    cut = min(cut, len(subject) - 1)
    # The subject under the kind, on one or two lines as the drafter broke it …
    lines_under = [" ".join(subject[: cut + 1])] + (
        [" ".join(subject[cut + 1 :])] if cut + 1 < len(subject) else []
    )
    under = read_header(letterhead + [kind, *lines_under, *BODY])
    # … and its first line run on to the kind's, as a PDF's text layer gives it.
    run_on = read_header(letterhead + [f"{kind} {lines_under[0]}", *lines_under[1:], *BODY])
    assert under["kind"] == KINDS[kind]
    assert (run_on["kind"], run_on["title"]) == (under["kind"], under["title"])
    assert under["title"] == " ".join(subject)


@pytest.mark.parametrize(
    "line",
    [
        "KẾ HOẠCHXYZ triển khai",  # no word of its own
        "KẾ HOẠCH",  # the kind alone
        "KẾ HOẠCH PHÁT TRIỂN KINH TẾ SỐ",  # a title in capitals on the kind's line
        "Kế hoạch triển khai thực hiện",  # a sentence, not the kind's line
        "KẾ HOẠCH: Sở Tài chính",  # a label, its value in capitals
    ],
)
def test_only_the_kinds_word_in_capitals_starts_a_kind_line(line: str) -> None:
    from lotrinh.importer.parser import kind_line

    found = kind_line(line)
    if line in ("KẾ HOẠCH", "KẾ HOẠCH PHÁT TRIỂN KINH TẾ SỐ"):
        assert found == ("KẾ HOẠCH", "")
    else:
        assert found is None


ENACTING = ("CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "BỘ TRƯỞNG BỘ Y TẾ")
TITLE_LINES = (
    "VỀ PHÁT ĐỘNG PHONG TRÀO TOÀN DÂN THAM GIA BẢO VỆ MÔI TRƯỜNG;",
    "GIẢM THIỂU PHÁT SINH, PHÂN LOẠI, THU GOM, XỬ LÝ RÁC THẢI",
    "VÌ MỘT VIỆT NAM SÁNG - XANH - SẠCH - ĐẸP",
    "BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG",
)


@settings(max_examples=40, deadline=None)
@given(
    kind=st.sampled_from(("NGHỊ QUYẾT", "QUYẾT ĐỊNH")),
    title=st.lists(st.sampled_from(TITLE_LINES), min_size=1, max_size=3, unique=True),
    body=st.sampled_from(ENACTING),
    joined=st.booleans(),
)
def test_the_issuer_without_letterhead_is_the_enacting_body_under_the_title(
    kind, title, body, joined
) -> None:
    # The title on its lines (a transcription) or as one paragraph (a PDF's text layer).
    title_lines = [" ".join(title)] if joined else title
    header = read_header(
        [
            "Số: 394/NQ-CP",
            "Hà Nội, ngày 03 tháng 12 năm 2025",
            kind,
            *title_lines,
            body,
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
            "I- QUAN ĐIỂM CHỈ ĐẠO",
        ]
    )
    assert header["issuer"].upper() == body
    assert header["title"] == " ".join(title)


def test_a_numbered_heading_or_a_table_row_is_no_issuer() -> None:
    header = read_header(
        [
            "Nghị quyết số 57-NQ/TW",
            "Phát triển khoa học, công nghệ là yếu tố quyết định.",
            "I- QUAN ĐIỂM CHỈ ĐẠO",
            "TT | NHIỆM VỤ | CƠ QUAN THỰC HIỆN",
        ]
    )
    assert header["issuer"] == ""


def test_without_letterhead_the_kinds_line_wins_over_a_cited_number() -> None:
    # A plan copied from its kind on: the first number is the resolution its bases cite,
    # and the line under the title, "2026 - 2030", has no letter to be a name.
    header = read_header(
        [
            "KẾ HOẠCH",
            "PHÁT TRIỂN KINH TẾ SỐ TỈNH BẮC NINH GIAI ĐOẠN",
            "2026 - 2030",
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
            "I. MỤC TIÊU",
        ]
    )
    assert header["kind"] == "plan"
    assert header["issuer"] == ""
