"""A header as real copies flatten it, read by the genre's conventions (Decree 30/2020 for
the State's documents; Quy định 66-QĐ/TW and Hướng dẫn 36-HD/VPTW for the Party's):

- the letterhead's left cell holds the issuer with "Số: …" under it; a two-column table
  flattened to text, or a copy from a PDF, runs them into one line ("ỦY BAN NHÂN DÂN
  TỈNH X Số: 12/KH-UBND"): the number is the document's, the issuer the name before it;
  a number the title or the grounds cite is never taken;
- a resolution's subject in small letters under the kind's line runs to the rule under it
  ("______"), however long its one line (a copy joins its lines);
- the body's enacting keyword ("QUYẾT NGHỊ:", "QUYẾT ĐỊNH:", "NGHỊ QUYẾT:") is never the
  issuer, nor is a line in capitals ever the issuer because the title, in small letters,
  happens to name it ("… Chương trình hành động của Chính phủ …");
- a plan's grounds that say one carries out another ("Kế hoạch số 283/KH-UBND … về thực
  hiện Nghị quyết số 71/NQ-CP …") are a chain from the highest body down: the plan
  carries out the lowest link, the one no other ground says it carries out."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.parser import parse_blocks, read_header
from lotrinh.importer.reader import read_document
from lotrinh.importer.service import parse_bytes

pytestmark = pytest.mark.django_db

BODY = (
    "I. NHIỆM VỤ\n"
    "1. Sở Tài chính chủ trì xây dựng cơ sở dữ liệu dùng chung của tỉnh, phối hợp với các sở, "
    "ban, ngành rà soát, cập nhật dữ liệu, hoàn thành năm 2026.\n"
    "2. Sở Khoa học và Công nghệ chủ trì phát triển hạ tầng số, bảo đảm kết nối, chia sẻ dữ "
    "liệu giữa các cơ quan nhà nước trên địa bàn tỉnh, hoàn thành năm 2027.\n"
)
ISSUERS = (
    ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "Tỉnh Bắc Ninh"),
    ("UỶ BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Thành phố Hà Nội"),
    ("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "Tỉnh Đồng Tháp"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Bộ Khoa học và Công nghệ"),
    ("BỘ Y TẾ", "Bộ Y tế"),
)
CITED = ("57-NQ/TW", "71/NQ-CP", "2138/QĐ-TTg", "283/KH-UBND")


def head(text: str) -> dict:
    return parse_blocks(read_document(text.encode(), "plan.txt"))["programme"]


@settings(max_examples=60, deadline=None)
@given(
    issuer=st.sampled_from(ISSUERS),
    figure=st.integers(min_value=1, max_value=9999),
    symbol=st.sampled_from(("KH-UBND", "KH-BKHCN", "KH-BYT", "2025/KH-HĐND")),
    gap=st.sampled_from((" ", "  ", "\t", " | ")),
    motto=st.booleans(),
    date_on_line=st.booleans(),
    cited=st.sampled_from(CITED),
)
def test_a_number_on_the_issuers_own_line_is_the_documents(
    issuer: tuple[str, str],
    figure: int,
    symbol: str,
    gap: str,
    motto: bool,
    date_on_line: bool,
    cited: str,
) -> None:
    written, name = issuer
    number = f"{figure}/{symbol}"
    place = "Hà Nội, ngày 19 tháng 11 năm 2025"
    row = f"{written}{gap}Số: {number}" + (f" {place}" if date_on_line else "")
    top = [row]
    if motto:
        top += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    if not date_on_line:
        top.append(place)
    found = head(
        "\n".join(top) + f"\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ {cited}\n"
        f"Căn cứ Quyết định số {cited} ngày 22/12/2024 của cấp trên;\n" + BODY
    )
    assert found["code"] == number
    assert found["issuer"] == name
    assert found["issue_date"] == "2025-11-19"
    assert found["kind"] == "plan"


@pytest.mark.parametrize(
    "line",
    [
        # A title or a ground in capitals cites a number: never the document's own.
        "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW",
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
        "THỰC HIỆN KẾ HOẠCH Số 283/KH-UBND CỦA ỦY BAN NHÂN DÂN TỈNH",
    ],
)
def test_a_number_cited_after_the_kinds_line_is_not_the_documents(line: str) -> None:
    found = head(f"ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nKẾ HOẠCH\n{line}\n" + BODY)
    assert found["code"] == ""


SUBJECTS = (
    "Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 52-NQ/TW "
    "ngày 27 tháng 9 năm 2019 của Bộ Chính trị về một số chủ trương, chính sách chủ động "
    "tham gia cuộc Cách mạng công nghiệp lần thứ tư",
    "về phát động phong trào toàn dân tham gia bảo vệ môi trường của Chính phủ",
    "Ban hành Kế hoạch của Bộ Chính trị triển khai thực hiện Nghị quyết số 57-NQ/TW",
)
KEYWORDS = ("QUYẾT NGHỊ:", "QUYẾT ĐỊNH:", "NGHỊ QUYẾT:", "QUYẾT NGHỊ")


@settings(max_examples=60, deadline=None)
@given(
    subject=st.sampled_from(SUBJECTS),
    wrap=st.integers(min_value=0, max_value=4),
    body=st.sampled_from(("CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "")),
    keyword=st.sampled_from(KEYWORDS),
    rule=st.sampled_from(("______________", "-----", "")),
)
def test_a_subject_in_small_letters_is_the_title_and_a_keyword_never_the_issuer(
    subject: str, wrap: int, body: str, keyword: str, rule: str
) -> None:
    # Wrapped into `wrap` + 1 lines, or one long line as a copy joins them.
    words = subject.split()
    step = max(1, len(words) // (wrap + 1))
    lines = [" ".join(words[i : i + step]) for i in range(0, len(words), step)]
    header = read_header(
        [
            "NGHỊ QUYẾT",
            *lines,
            *([rule] if rule else []),
            *([body] if body else []),
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
            "Căn cứ Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019 của Bộ Chính trị;",
            keyword,
            "Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động.",
        ]
    )
    assert header["title"] == subject
    assert header["issuer"].upper() == body


SEEDS = Path("/work/shared/seeds")
SEED_50 = SEEDS / "003_069947242823ce1b.txt"


@pytest.mark.skipif(not SEED_50.exists(), reason="the seeds are not on this machine")
def test_the_seed_of_50_nq_cp_reads_as_the_governments_resolution() -> None:
    found = parse_bytes(SEED_50.read_bytes(), SEED_50.name)["programme"]
    assert found["title"].startswith("Ban hành Chương trình hành động của Chính phủ")
    assert found["title"].endswith("cuộc Cách mạng công nghiệp lần thứ tư")
    assert (found["code"], found["issuer"], found["kind"]) == (
        "50/NQ-CP",
        "Chính phủ",
        "government_resolution",
    )
    assert found["implements"] == "52-NQ/TW"


CHAIN = (
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Nghị quyết số "
    "71/NQ-CP ngày 01/4/2025 của Chính phủ và Chương trình hành động số 10-CTr/TU ngày "
    "13/8/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW ngày "
    "22/12/2024 của Bộ Chính trị; Thông báo số 30-TB/TGV ngày 13/6/2025 của Tổ giúp việc; "
    "Kế hoạch số 283/KH-UBND ngày 24/9/2025 của Ủy ban nhân dân Tỉnh về thực hiện Nghị "
    "quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ và Chương trình hành động số "
    "10-CTr/TU ngày 13/8/2025 của Ban Thường vụ Tỉnh ủy;\n"
)


def test_a_chain_of_grounds_is_carried_out_at_its_lowest_link() -> None:
    # Đồng Tháp 552/KH-UBND's shape: the title names no document ("THỰC HIỆN LỘ TRÌNH
    # ĐỔI MỚI CÔNG NGHỆ …"), the grounds go down from the Party's resolution to the
    # province's own plan, which says it carries out the two above it.
    found = head(
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 552/KH-UBND\nKẾ HOẠCH\n"
        "THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035\n" + CHAIN + BODY
    )
    assert found["implements"] == "283/KH-UBND"


LINKS = [
    ("Nghị quyết", "57-NQ/TW"),
    ("Nghị quyết", "71/NQ-CP"),
    ("Chương trình hành động", "10-CTr/TU"),
    ("Kế hoạch", "283/KH-UBND"),
    ("Kế hoạch", "45/KH-UBND"),
]


@settings(max_examples=60, deadline=None)
@given(
    chain=st.lists(st.sampled_from(range(len(LINKS))), min_size=1, max_size=4, unique=True),
    separate=st.booleans(),
    law=st.booleans(),
)
def test_the_lowest_link_of_any_chain_of_grounds_is_carried_out(
    chain: list[int], separate: bool, law: bool
) -> None:
    # Each ground after the first says it carries out the one before it; one paragraph of
    # grounds or one a line, a law first or not: the last link is carried out.
    grounds = []
    for at, index in enumerate(chain):
        word, number = LINKS[index]
        ground = f"{word} số {number} ngày 01/4/2025 của cấp trên"
        if at:
            above_word, above = LINKS[chain[at - 1]]
            ground += f" về thực hiện {above_word} số {above} ngày 01/4/2025"
        grounds.append(ground)
    if law:
        grounds.insert(0, "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025")
    text = (
        "".join(f"Căn cứ {g};\n" for g in grounds)
        if separate
        else "Căn cứ " + "; ".join(grounds) + ";\n"
    )
    found = head(
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\nSố: 9/KH-UBND\nKẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ\n"
        + text
        + BODY
    )
    assert found["implements"] == LINKS[chain[-1]][1]


def test_grounds_that_carry_out_nothing_of_each_other_keep_the_first() -> None:
    # No chain: the first ground of a programme's kind, as before.
    found = head(
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 9/KH-UBND\nKẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ\n"
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n"
        "Căn cứ Quyết định số 1131/QĐ-UBND ngày 01/4/2025 của Ủy ban nhân dân tỉnh quy định "
        "chức năng, nhiệm vụ của Sở Khoa học và Công nghệ;\n" + BODY
    )
    assert found["implements"] == "57-NQ/TW"


def test_grounds_on_two_lines_of_policy_keep_the_first() -> None:
    # Bắc Ninh 144/KH-UBND's shape: 57-NQ/TW down to the province's plan, and 68-NQ/TW
    # with the Government's 138/NQ-CP: no one chain, so no lowest link to carry out.
    found = head(
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 144/KH-UBND\nKẾ HOẠCH\nPHÁT TRIỂN KINH TẾ SỐ\n"
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n"
        "Căn cứ Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị;\n"
        "Căn cứ Nghị quyết số 138/NQ-CP ngày 16/5/2025 của Chính phủ ban hành Kế hoạch hành "
        "động của Chính phủ thực hiện Nghị quyết số 68-NQ/TW ngày 04/5/2025;\n"
        "Căn cứ Kế hoạch số 17/KH-UBND ngày 11/8/2025 của UBND tỉnh về thực hiện Nghị quyết "
        "số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n" + BODY
    )
    assert found["implements"] == "57-NQ/TW"


PROVENANCE = (
    "Source: https://example.org/a/b/CPbaocaot5.md",
    "Note: lines 269-318 only, from a third-party transcription of the DRAFT report",
    "attached to the letter (25/5/2025). Columns: TT | NHIỆM VỤ | KẾT QUẢ YÊU CẦU",
    "THÀNH | CƠ QUAN THỰC HIỆN | TIẾN ĐỘ — i.e. a monitoring table.",
)


@settings(max_examples=30, deadline=None)
@given(
    cut=st.integers(min_value=1, max_value=len(PROVENANCE)),
    note=st.sampled_from(("", " *(Kèm theo Văn bản số -CV/ĐU ngày tháng 5 năm 2025)*")),
    number=st.sampled_from(("1", "I", "2", "")),
    own_line=st.booleans(),
)
def test_an_appendix_is_titled_by_its_heading_not_by_a_copys_note(
    cut: int, note: str, number: str, own_line: bool
) -> None:
    # A copy's provenance paragraph wrapped over lines (a PDF of the copy) comes before
    # the appendix's heading; the heading, its "(Kèm theo …)" note aside, is the title,
    # "Phụ lục" on a line of its own or not; its capitals are no issuer.
    label = f"Phụ lục {number}".strip()
    words = "DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 71/NQ-CP"
    lines = [label, words + note] if own_line else [f"{label}: {words}{note}"]
    header = read_header([*PROVENANCE[:cut], *lines, "TT | NHIỆM VỤ | THỜI GIAN"])
    assert header["title"] == (f"{label} {words}" if own_line else f"{label}: {words}")
    assert header["issuer"] == ""


def test_cv402s_pdf_rendering_reads_its_appendix_heading() -> None:
    from tests.importer import pdf_renderings as pr

    source = Path(__file__).parent / "corpus" / "cv402_vpdu_2025_phuluc1_status_nq71.txt"
    found = parse_blocks(read_document(pr.render_pdf(source), "cv402.pdf"))["programme"]
    assert found["title"].startswith("Phụ lục 1: DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 71/NQ-CP")
    assert found["implements"] == "71/NQ-CP"
