"""A Word file's page headers and footers (lotrinh/importer/reader._page_letterhead,
docs/importer.md "Word files as saved").

A drafter sometimes puts the letterhead ("ỦY BAN NHÂN DÂN TỈNH …", "Số: …/KH-UBND", the
motto, the place and date) in text boxes of the first page's header; it is the
document's header and is read before the body. A running title, a page number and the
footers are no content."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.importer.reader import read_document
from lotrinh.importer.service import parse_bytes
from tests.importer.word_files import docx_bytes, docx_with_headers, p, page_field, text_box

pytestmark = pytest.mark.django_db

BODY = "".join(
    p(line)
    for line in [
        "KẾ HOẠCH",
        "Phát triển kinh tế số tỉnh Bắc Ninh năm 2026",
        "I. NHIỆM VỤ",
        "1. Sở Tài chính chủ trì xây dựng cơ sở dữ liệu dùng chung của tỉnh, phối hợp với các "
        "sở, ban, ngành rà soát, cập nhật dữ liệu, hoàn thành năm 2026.",
        "2. Sở Khoa học và Công nghệ chủ trì phát triển hạ tầng số, bảo đảm kết nối, chia sẻ "
        "dữ liệu giữa các cơ quan nhà nước trên địa bàn tỉnh, hoàn thành năm 2027.",
    ]
)
ISSUER = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 45/KH-UBND"]
MOTTO = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Bắc Ninh, ngày 24 tháng 11 năm 2025",
]
# The letterhead in two text boxes anchored in one paragraph of the header, as drafters
# lay it out when the template's header holds it.
BOXES = p(
    "",
    extra=text_box("".join(p(line) for line in ISSUER))
    + text_box("".join(p(line) for line in MOTTO)),
)
RUNNING = p("Kế hoạch phát triển kinh tế số tỉnh Bắc Ninh", extra=page_field())
FOOTER = p("Trang ", extra=page_field())


def texts(data: bytes) -> list[str]:
    return [b.text for b in read_document(data, "plan.docx") if b.kind == "p"]


def programme(data: bytes) -> dict:
    return parse_bytes(data, "plan.docx")["programme"]


def test_a_letterhead_in_text_boxes_of_the_first_pages_header_is_the_documents_header() -> None:
    # Before: headers were not read; the plan had no number, issuer or date.
    data = docx_with_headers(BODY, {"first": BOXES, "default": RUNNING}, {"default": FOOTER})
    assert texts(data)[:6] == ISSUER + MOTTO
    found = programme(data)
    assert (found["code"], found["issue_date"], found["issuer"]) == (
        "45/KH-UBND",
        "2025-11-24",
        "Tỉnh Bắc Ninh",
    )
    assert found["title"] == "Phát triển kinh tế số tỉnh Bắc Ninh năm 2026"


def test_a_letterhead_in_the_header_of_every_page_is_read_once() -> None:
    # No "Different first page": the section's header is the first page's too.
    data = docx_with_headers(BODY, {"default": BOXES})
    assert texts(data) == ISSUER + MOTTO + texts(docx_bytes(BODY))


def test_a_running_title_a_page_number_and_the_footers_are_no_content() -> None:
    # Guard: as before, nothing of them is read.
    data = docx_with_headers(
        BODY, {"first": p("", extra=page_field()), "default": RUNNING}, {"default": FOOTER}
    )
    assert texts(data) == texts(docx_bytes(BODY))


def test_the_other_pages_header_is_not_the_first_pages() -> None:
    # With "Different first page", the letterhead in the other pages' header is not on
    # the first page: Word does not print it there.
    data = docx_with_headers(BODY, {"first": RUNNING, "default": BOXES})
    assert texts(data) == texts(docx_bytes(BODY))


def test_a_body_with_its_own_letterhead_does_not_take_the_headers_again() -> None:
    own = "".join(p(line) for line in ISSUER + MOTTO)
    data = docx_with_headers(own + BODY, {"first": BOXES})
    assert texts(data) == ISSUER + MOTTO + texts(docx_bytes(BODY))


PROVINCES = ["BẮC NINH", "ĐỒNG NAI", "ĐỒNG THÁP", "LAI CHÂU"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    province=st.sampled_from(PROVINCES),
    figure=st.integers(1, 9999),
    layout=st.sampled_from(["boxes", "one-box", "paragraphs"]),
    first_page=st.booleans(),
    footer=st.booleans(),
)
def test_a_letterhead_in_the_header_reads_as_the_same_letterhead_in_the_body(
    province: str, figure: int, layout: str, first_page: bool, footer: bool
) -> None:
    # However the header holds it (two boxes, one box, plain paragraphs), on the first
    # page's header or the section's, with a footer or not: the plan's number, date and
    # issuer are those the same letterhead typed at the top of the body gives.
    place = province.title()
    issuer = ["ỦY BAN NHÂN DÂN", f"TỈNH {province}", f"Số: {figure}/KH-UBND"]
    motto = MOTTO[:2] + [f"{place}, ngày 24 tháng 11 năm 2025"]
    if layout == "boxes":
        header = p(
            "",
            extra=text_box("".join(p(x) for x in issuer)) + text_box("".join(p(x) for x in motto)),
        )
    elif layout == "one-box":
        header = p("", extra=text_box("".join(p(x) for x in issuer + motto)))
    else:
        header = "".join(p(x) for x in issuer + motto)
    headers = {"first": header, "default": RUNNING} if first_page else {"default": header}
    data = docx_with_headers(BODY, headers, {"default": FOOTER} if footer else None)
    typed = docx_bytes("".join(p(x) for x in issuer + motto) + BODY)
    keys = ("code", "issue_date", "issuer", "kind", "title")
    found, expected = programme(data), programme(typed)
    assert [found[k] for k in keys] == [expected[k] for k in keys]
    assert found["code"] == f"{figure}/KH-UBND"


@pytest.mark.parametrize("layout", ["box", "paragraphs"])
def test_a_letterhead_split_between_the_header_and_the_body_is_read_whole(layout: str) -> None:
    # The issuer and its number in the page header, the motto, the place and date typed
    # at the top of the body. Before: the body's motto was taken as the whole letterhead
    # and the header was not read: no number, no issuer.
    header = (
        p("", extra=text_box("".join(p(x) for x in ISSUER)))
        if layout == "box"
        else "".join(p(x) for x in ISSUER)
    )
    body = "".join(p(x) for x in MOTTO) + BODY
    data = docx_with_headers(body, {"default": header})
    assert texts(data)[: len(ISSUER + MOTTO)] == ISSUER + MOTTO
    typed = docx_bytes("".join(p(x) for x in ISSUER) + body)
    keys = ("code", "issue_date", "issuer", "kind", "title")
    found, expected = programme(data), programme(typed)
    assert [found[k] for k in keys] == [expected[k] for k in keys]
    assert found["code"] == "45/KH-UBND"


def test_a_body_with_its_whole_letterhead_does_not_take_the_headers() -> None:
    # Guard: the body opens with the issuer, its number and the motto; a header holding
    # another letterhead (a template's) is not read.
    other = "".join(p(x) for x in ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI", "Số: 99/KH-UBND"])
    body = "".join(p(x) for x in ISSUER + MOTTO) + BODY
    data = docx_with_headers(body, {"default": other})
    assert texts(data)[:6] == ISSUER + MOTTO
    assert programme(data)["code"] == "45/KH-UBND"
