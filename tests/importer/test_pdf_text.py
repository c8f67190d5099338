"""The running text of a PDF reads back as the word processor's paragraphs
(lotrinh/importer/pdf_text.py, docs/importer.md): a line the page wrapped goes on the
line before, after a hyphen at the line's end without a space ("57-" / "NQ/TW"), after a
spaced dash with its spaces ("kinh tế -" / "xã hội")."""

import re
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lotrinh.importer.reader import read_document
from tests.importer.pdf_renderings import render_paragraphs_pdf

EVAL = Path(__file__).parent / "eval"
DOCX = ["kh144-bacninh", "kh179-dongnai", "kh310-hanoi", "kh552-dongthap", "nq394-cp", "qd2597-ttg"]


def spaced(text: str) -> str:
    """Text modulo spaces: whether a hyphen or slash had a space after it the page does
    not show where a line wrapped there."""
    return re.sub(r"(?<=[-/–])\s+", "", " ".join(text.split()))


def raw_lines(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [
            line
            for page in document
            for line in page.get_textpage().get_text_bounded().splitlines()
        ]
    finally:
        document.close()


NUMBER = (
    "Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương kiểm soát tiêu chí đầu vào của các"
    " chương trình, nhiệm vụ, dự án đảm bảo phù hợp với Nghị quyết số 57-NQ/TW của Bộ Chính"
    " trị, Nghị quyết số 71/NQ-CP của Chính phủ."
)
COMPOUND = (
    "Sở Tài chính chủ trì tham mưu bố trí nguồn lực thực hiện các mục tiêu phát triển kinh tế -"
    " xã hội của tỉnh trong giai đoạn 2026 – 2030 và những năm tiếp theo."
)


def test_a_hyphen_ending_a_line_joins_a_document_number_without_a_space() -> None:
    # 300 pt wide, the page breaks "57-" / "NQ/TW …".
    data = render_paragraphs_pdf([NUMBER], 300)
    assert any(line.rstrip().endswith("57-") for line in raw_lines(data))
    assert [b.text for b in read_document(data, "wrapped.pdf")] == [NUMBER]


def test_a_spaced_dash_ending_a_line_keeps_its_spaces() -> None:
    # 360 pt wide, the page breaks "giai đoạn 2026 –" / "2030 và …".
    data = render_paragraphs_pdf([COMPOUND], 360)
    assert any(line.rstrip().endswith("2026 –") for line in raw_lines(data))
    assert [b.text for b in read_document(data, "wrapped.pdf")] == [COMPOUND]


OUTLINE = re.compile(r"^[a-eg-ik-zđ]\)")


@lru_cache(maxsize=1)
def corpus_paragraphs() -> list[str]:
    from docx import Document

    out = []
    for name in DOCX:
        for paragraph in Document(str(EVAL / f"{name}.docx")).paragraphs:
            text = " ".join(paragraph.text.split())
            # A paragraph opening with a small letter (or "f)" without an "e)" before it)
            # goes on the one before, by the reader's rules for any text.
            if len(text) >= 60 and not (text[0].islower() and not OUTLINE.match(text)):
                out.append(text)
    return out


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.integers(0, 10_000), min_size=4, max_size=4),
    width=st.integers(200, 460),
    indent=st.sampled_from(["0", "1cm"]),
)
# Found by hypothesis (2026-12-07): 394/NQ-CP's appendix title in capitals, 200 pt wide
# without indents, wrapped "… SÁNG - XANH - SẠCH" / "- ĐẸP TRONG …": the capital after the
# dash was read as an item's and the title split in two.
@example(picks=[0, 0, 0, 747], width=200, indent="0")
def test_any_docx_paragraph_at_any_width_reads_back_its_text(
    picks: list[int], width: int, indent: str
) -> None:
    # Paragraphs told apart by their first line's indent, or only by the space after them.
    pool = corpus_paragraphs()
    texts = [pool[pick % len(pool)] for pick in picks]
    blocks = read_document(render_paragraphs_pdf(texts, width, indent), "paragraphs.pdf")
    assert [spaced(b.text) for b in blocks] == [spaced(t) for t in texts]


FULL_LAST_LINE = [
    "b) Chủ động tìm kiếm, thu hút chuyên gia công nghệ số trong và ngoài nước, tạo cơ chế"
    " đãi ngộ đột phá, tập trung vào công nghệ lõi và nền tảng số. Thúc đẩy mạnh mẽ phong"
    " trào khởi nghiệp sáng tạo, đặc biệt là kinh tế số nền tảng, kinh doanh trực tuyến.",
    "Căn cứ Kế hoạch số 02-KH/BCĐTW ngày 19 tháng 6 năm 2025 của Ban Chỉ đạo Trung ương về"
    " thúc đẩy chuyển đổi số liên thông, đồng bộ gắn với sắp xếp tổ chức bộ máy;",
]


def test_the_space_after_a_paragraph_ends_it_when_its_last_line_is_full() -> None:
    # No first-line indent; 337 pt wide the first paragraph's last line reaches the
    # right edge, and only the 6 pt after it says the next line starts a paragraph.
    data = render_paragraphs_pdf(FULL_LAST_LINE * 3, 337, indent="0")
    assert [b.text for b in read_document(data, "spaced.pdf")] == FULL_LAST_LINE * 3
