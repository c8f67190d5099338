"""A document imported through /nhap-van-ban/ whose tasks name a class of the issuer's own
units as lead ("Các Sở, ban, ngành", "UBND các xã, phường"): the parse holds group codes
of an agency's plan (`departments`, `communes`) that the programme file format does not
know. Before, publishing answered the loader's technical check ("unknown value
'departments' (allowed: …)"); now it is refused before anything is written, naming the
tasks and what they name, and saying to import the document as the agency's plan, and
the confirmation says so before the click (docs/importer.md)."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from lotrinh.importer import review
from lotrinh.importer.service import parse_bytes
from lotrinh.programmes.models import Programme
from tests.conftest import client_for
from tests.importer.build_docx import appendix_docx
from tests.security.dbhash import WriteWatch

pytestmark = pytest.mark.django_db

HEADER = [
    "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
    "Số: 77/KH-UBND",
    "Bắc Ninh, ngày 05 tháng 3 năm 2021",
    "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 50/NQ-CP của Chính phủ về Cách mạng công nghiệp lần thứ tư",
    "DANH MỤC NHIỆM VỤ",
]


def group_docx() -> bytes:
    return appendix_docx(
        HEADER,
        [
            [
                "1",
                "Rà soát thủ tục hành chính trên môi trường số",
                "Các Sở, ban, ngành",
                "",
                "Báo cáo",
                "Quý IV/2021",
            ],
            [
                "2",
                "Phổ cập kỹ năng số cho người dân",
                "UBND các xã, phường",
                "",
                "Báo cáo",
                "năm 2022",
            ],
        ],
    )


def _draft(most_monitor):
    return review.create_draft(parse_bytes(group_docx(), "kh.docx"), "kh.docx", most_monitor)


def test_the_parse_holds_the_groups_of_the_issuers_own_units(most_monitor):
    draft = _draft(most_monitor)
    codes = [a["generic"] for t in draft.data["tasks"] for a in t["addressees"]]
    assert codes == ["departments", "communes"]


def test_publishing_it_as_a_programme_is_refused_clearly_and_writes_nothing(most_monitor):
    draft = _draft(most_monitor)
    client = client_for(most_monitor)
    watch = WriteWatch()
    response = client.post(
        reverse("importer:publish", args=[draft.pk]), {"confirm": review.fingerprint(draft)}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("importer:review", args=[draft.pk])
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "PL1.1: “Các Sở, ban, ngành”" in said and "PL1.2: “UBND các xã, phường”" in said
    assert "kế hoạch của cơ quan" in said
    assert "unknown value" not in said and "departments" not in said, said
    assert not Programme.objects.filter(code="77/KH-UBND").exists()
    assert watch.changed() == []


def test_the_confirmation_says_so_before_the_click(most_monitor):
    draft = _draft(most_monitor)
    page = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    text = page.content.decode()
    assert "Các Sở, ban, ngành" in text and 'id="summary-own-units"' in text
    assert 'id="confirm-publish" disabled' in text


def test_the_confirmation_writes_the_day_of_issue_as_a_clerk_reads_it(most_monitor):
    # Walk 39: the confirmation said "Ngày ban hành: 2021-03-05" where the review page
    # says 05/03/2021.
    draft = _draft(most_monitor)
    page = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    text = page.content.decode()
    assert "05/03/2021" in text and "2021-03-05" not in text


def test_the_own_unit_groups_are_marked_vietnamese_on_the_english_page(most_monitor):
    # The refs quote the document ("Các Sở, ban, ngành"): a screen reader of the English
    # page reads them as Vietnamese.
    draft = _draft(most_monitor)
    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("importer:confirm_publish", args=[draft.pk]))
    text = page.content.decode()
    assert '<html lang="en"' in text
    assert re.search(r'<span class="refs" lang="vi">PL1\.1: “Các Sở, ban, ngành”', text), text
