"""What a document is (its number, date, issuer, title and the document it carries out)
read from the genre's conventions rather than from one layout (Decree 30/2020 on the
format of administrative documents; Hướng dẫn 36-HD/VPTW for the Party's):

- its own number is the line "Số: …" of the letterhead, however the clerk typed it into
  the template's blank ("Số: 45 /KH-UBND"), or the kind's own line ("KẾ HOẠCH SỐ 45/…"),
  never a number the title or the legal bases cite; a number carries its kind's
  abbreviation (KH, NQ, QĐ, CT, CTr…), so a "57-NQ/TW" found loosely is no plan's own;
- a title in capitals goes on over a line of figures alone: the period it ends with
  ("GIAI ĐOẠN" / "2026 - 2030");
- the lines a web page adds (its address, the corpus's provenance lines) are not the title;
- the document a plan carries out is the one its title names after "thực hiện/triển
  khai", else the one a basis "Thực hiện …"/"Triển khai …" names, else the first basis
  "Căn cứ …" naming a resolution, decision, directive, plan, programme or conclusion:
  never only the Party's resolutions."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import read_document

pytestmark = pytest.mark.django_db

# A body of the genre's paragraphs (a few lines as long as a page's: a text of short lines
# alone would read as hard-wrapped at their width, its header lines joined).
BODY = (
    "I. NHIỆM VỤ\n"
    "1. Sở Tài chính chủ trì xây dựng cơ sở dữ liệu dùng chung của tỉnh, phối hợp với các sở, "
    "ban, ngành rà soát, cập nhật dữ liệu, hoàn thành năm 2026.\n"
    "2. Sở Khoa học và Công nghệ chủ trì phát triển hạ tầng số, bảo đảm kết nối, chia sẻ dữ "
    "liệu giữa các cơ quan nhà nước trên địa bàn tỉnh, hoàn thành năm 2027.\n"
)
LETTERHEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n{number}\nBắc Ninh, ngày 24 tháng 11 năm 2025\n"
)


def head(text: str) -> dict:
    return parse_blocks(read_document(text.encode(), "plan.txt"))["programme"]


@settings(max_examples=40, deadline=None)
@given(
    figure=st.integers(min_value=1, max_value=9999),
    before=st.sampled_from(("", " ", "  ")),
    after=st.sampled_from(("", " ")),
    symbol=st.sampled_from(("KH-UBND", "KH-BCĐ", "2025/KH-HĐND", "KH-SKHCN")),
)
def test_the_number_typed_into_the_letterheads_blank_is_read_without_its_spaces(
    figure: int, before: str, after: str, symbol: str
) -> None:
    number = f"Số: {figure}{before}/{after}{symbol}"
    found = head(LETTERHEAD.format(number=number) + "KẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ\n" + BODY)
    assert found["code"] == f"{figure}/{symbol}"
    assert found["kind"] == "plan"
    assert found["title"] == "PHÁT TRIỂN KINH TẾ SỐ"


CITED = ("57-NQ/TW", "71/NQ-CP", "2138/QĐ-TTg", "24-CT/TW")


@settings(max_examples=30, deadline=None)
@given(cited=st.sampled_from(CITED), where=st.sampled_from(("title", "basis")))
def test_without_letterhead_a_cited_number_of_another_kind_is_not_the_plans(
    cited: str, where: str
) -> None:
    kind_word = {"NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị"}
    word = next(w for k, w in kind_word.items() if k in cited.replace("-", "/").split("/"))
    title = f"THỰC HIỆN {word.upper()} SỐ {cited}" if where == "title" else "PHÁT TRIỂN KINH TẾ SỐ"
    basis = f"Căn cứ {word} số {cited} ngày 22/12/2024;\n" if where == "basis" else ""
    found = head(f"ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nKẾ HOẠCH\n{title}\n{basis}" + BODY)
    assert found["code"] != cited
    assert found["kind"] == "plan"


def test_the_kinds_own_line_gives_the_number() -> None:
    found = head(
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nKẾ HOẠCH SỐ 45/KH-UBND\nngày 24 tháng 11 năm 2025\n"
        "về phát triển kinh tế số\nCăn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024;\n" + BODY
    )
    assert (found["code"], found["kind"], found["issue_date"]) == (
        "45/KH-UBND",
        "plan",
        "2025-11-24",
    )


def test_a_page_that_names_the_document_gives_its_date_issuer_and_subject() -> None:
    # A press republication: the heading names the resolution, the first paragraph says
    # who issued it, when, and about what ("… số N (ngày D/M/Y) của X về …").
    found = head(
        "Source: https://example.org/nq57.md\nNote: lines 1-124 of the page.\n\n"
        "# Nghị quyết số 57-NQ/TW\n\n"
        "Thay mặt Bộ Chính trị, Tổng Bí thư đã ký ban hành Nghị quyết số 57-NQ/TW (ngày "
        "22/12/2024) của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới "
        "sáng tạo và chuyển đổi số quốc gia.\n\nI- QUAN ĐIỂM CHỈ ĐẠO\n" + BODY.split("\n", 1)[1]
    )
    assert found["code"] == "57-NQ/TW"
    assert found["issue_date"] == "2024-12-22"
    assert found["issuer"] == "Bộ Chính trị"
    assert found["title"] == (
        "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    )


@pytest.mark.parametrize(
    "lines",
    [
        ["Source: https://example.org/a.md", "Note: third-party transcription of a plan."],
        ["https://thuvienphapluat.vn/van-ban/ke-hoach-45", ""],
        ["Nguồn: https://example.org/a.md", ""],
    ],
)
def test_a_web_pages_lines_are_never_the_title(lines: list[str]) -> None:
    found = head(
        "\n".join(lines) + "\n\n## Phụ lục 1: DANH MỤC NHIỆM VỤ THỰC HIỆN NĂM 2025\n\n"
        "| TT | NHIỆM VỤ | CƠ QUAN THỰC HIỆN |\n|---|---|---|\n"
        "| 1. | Xây dựng cơ sở dữ liệu | Bộ Tài chính |\n"
    )
    assert "http" not in found["title"] and not found["title"].startswith(("Source", "Note"))


@settings(max_examples=30, deadline=None)
@given(
    words=st.sampled_from(("GIAI ĐOẠN", "THỜI KỲ", "ĐẾN NĂM", "TẦM NHÌN ĐẾN NĂM")),
    period=st.sampled_from(("2026 - 2030", "2021-2030", "2030", "2026 – 2030")),
    letterhead=st.booleans(),
)
def test_a_capital_title_goes_on_over_its_period_on_a_line_of_its_own(
    words: str, period: str, letterhead: bool
) -> None:
    top = LETTERHEAD.format(number="Số: 45/KH-UBND") if letterhead else ""
    found = head(
        f"{top}KẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ TỈNH BẮC NINH {words}\n{period}\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n" + BODY
    )
    assert found["title"] == f"PHÁT TRIỂN KINH TẾ SỐ TỈNH BẮC NINH {words} {period}"


PARENTS = [
    ("Nghị quyết", "214/NQ-CP"),
    ("Nghị quyết", "57-NQ/TW"),
    ("Quyết định", "2138/QĐ-TTg"),
    ("Chỉ thị", "24/CT-TTg"),
    ("Kế hoạch", "283/KH-UBND"),
    ("Chương trình hành động", "10-CTr/TU"),
]


@settings(max_examples=60, deadline=None)
@given(
    parent=st.sampled_from(PARENTS),
    where=st.sampled_from(("title", "thực hiện", "căn cứ")),
    letterhead=st.booleans(),
    before=st.sampled_from(
        (
            "",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n",
            "Căn cứ Nghị định số 278/2025/NĐ-CP ngày 22/10/2025 của Chính phủ;\n",
        )
    ),
)
def test_the_document_a_plan_carries_out_is_read_whatever_its_kind(
    parent: tuple[str, str], where: str, letterhead: bool, before: str
) -> None:
    word, number = parent
    title = (
        f"TRIỂN KHAI THỰC HIỆN {word.upper()} SỐ {number} NGÀY 23/7/2025"
        if where == "title"
        else "PHÁT TRIỂN KINH TẾ SỐ"
    )
    basis = {
        "title": "",
        "thực hiện": f"Thực hiện {word} số {number} ngày 23/7/2025 của cấp trên;\n",
        "căn cứ": f"Căn cứ {word} số {number} ngày 23/7/2025 của cấp trên;\n",
    }[where]
    top = LETTERHEAD.format(number="Số: 45/KH-UBND") if letterhead else ""
    found = head(f"{top}KẾ HOẠCH\n{title}\n{before}{basis}" + BODY)
    assert found["implements"] == number
    assert found["code"] != number


def test_a_basis_that_says_what_is_carried_out_wins_over_a_ground() -> None:
    found = head(
        LETTERHEAD.format(number="Số: 45/KH-UBND")
        + "KẾ HOẠCH\nTRIỂN KHAI THI HÀNH LUẬT TIÊU CHUẨN\n"
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n"
        "Thực hiện Quyết định số 2138/QĐ-TTg ngày 27/9/2025 của Thủ tướng Chính phủ;\n" + BODY
    )
    assert found["implements"] == "2138/QĐ-TTg"


def test_a_plan_for_what_a_decision_approved_carries_out_that_decision() -> None:
    # "Kế hoạch thực hiện Quy hoạch X": the basis that approved X is the parent, not
    # the first resolution the grounds cite.
    found = head(
        LETTERHEAD.format(number="Số: 45/KH-UBND")
        + "KẾ HOẠCH\nTHỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ VĂN HÓA VÀ THỂ THAO THỜI KỲ 2021-2030\n"
        "Căn cứ Nghị quyết số 81/2023/QH15 ngày 09/01/2023 của Quốc hội về Quy hoạch "
        "tổng thể quốc gia;\n"
        "Căn cứ Quyết định số 991/QĐ-TTg ngày 16/9/2024 của Thủ tướng Chính phủ phê duyệt "
        "Quy hoạch mạng lưới cơ sở văn hóa và thể thao thời kỳ 2021 - 2030;\n" + BODY
    )
    assert found["implements"] == "991/QĐ-TTg"


def test_no_basis_of_a_programmes_kind_implements_nothing() -> None:
    found = head(
        LETTERHEAD.format(number="Số: 45/KH-UBND") + "KẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
        "Căn cứ Nghị định số 278/2025/NĐ-CP ngày 22/10/2025 của Chính phủ;\n" + BODY
    )
    assert found["implements"] is None


EVAL = Path(__file__).parent / "eval"
CORPUS = Path(__file__).parent / "corpus"


@pytest.mark.parametrize(
    ("name", "implements"),
    [
        ("kh144-bacninh.txt", "57-NQ/TW"),  # "Căn cứ Nghị quyết số 57-NQ/TW …"
        ("kh308-hanoi.txt", "214/NQ-CP"),  # its title: "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ …"
        ("kh556-dongthap.txt", "48/NQ-CP"),  # its title
        ("kh7360-laichau.txt", "2138/QĐ-TTg"),  # "Thực hiện Quyết định số …"
        ("qd4385-bvhttdl.txt", "991/QĐ-TTg"),  # the decision approving the Quy hoạch
        ("nq394-cp.txt", None),  # a Government resolution carrying out no document
    ],
)
def test_the_corpus_documents_name_what_they_carry_out(name: str, implements: str | None) -> None:
    source = EVAL / name
    found = parse_blocks(read_document(source.read_bytes(), name))["programme"]
    assert found["implements"] == implements


def test_the_corpus_transcriptions_keep_their_titles_whole() -> None:
    kh144 = parse_blocks(read_document((EVAL / "kh144-bacninh.txt").read_bytes(), "a.txt"))
    assert kh144["programme"]["title"].endswith("GIAI ĐOẠN 2026 - 2030")
    nq57 = parse_blocks(read_document((CORPUS / "nq57_tw_2024.txt").read_bytes(), "b.txt"))
    head = nq57["programme"]
    assert (head["code"], head["issue_date"], head["issuer"]) == (
        "57-NQ/TW",
        "2024-12-22",
        "Bộ Chính trị",
    )
    assert head["title"].startswith("về đột phá phát triển khoa học")
    cv402 = parse_blocks(
        read_document((CORPUS / "cv402_vpdu_2025_phuluc1_status_nq71.txt").read_bytes(), "c.txt")
    )["programme"]
    # Its "Kèm theo Văn bản số -CV/ĐU" is a draft's blank, no number.
    assert cv402["code"] == ""
    assert cv402["title"].startswith("Phụ lục 1: DANH MỤC NHIỆM VỤ")


@pytest.mark.parametrize(
    ("lines", "issuer"),
    [
        (["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH"], "Tỉnh Bắc Ninh"),
        (["UBND TỈNH", "ĐỒNG THÁP"], "Tỉnh Đồng Tháp"),
        (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "Thành phố Hà Nội"),
    ],
)
def test_without_the_motto_an_issuer_over_two_lines_is_one_name(
    lines: list[str], issuer: str
) -> None:
    # A copy without the motto's column: the issuer's lines, the number, the kind.
    found = head("\n".join(lines) + "\nSố: 45/KH-UBND\nKẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ\n" + BODY)
    assert (found["issuer"], found["code"], found["kind"]) == (issuer, "45/KH-UBND", "plan")
