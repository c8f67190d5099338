"""A province's departments named in its own plan ("Sở Khoa học và Công nghệ" of Bắc Ninh)
are units of the province, not bodies of the national registry: the review of MOST's
import never adds them as agencies (every later import of any province would then read
"Sở Khoa học và Công nghệ" as that one body), and says where such a plan is imported."""

import pytest
from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.importer import review
from lotrinh.importer.service import parse_bytes
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PLAN = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/KH-UBND

Bắc Ninh, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
PHÁT TRIỂN HẠ TẦNG SỐ TRÊN ĐỊA BÀN TỈNH

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao chất lượng hạ tầng số.

II. NHIỆM VỤ

1. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu dùng chung của tỉnh, hoàn thành trong năm 2026.

2. Sở Tài chính bố trí kinh phí thực hiện kế hoạch hằng năm.
"""


@pytest.fixture
def provincial_draft(most_monitor):
    data = parse_bytes(PLAN.encode(), "ke-hoach-bac-ninh.txt")
    return review.create_draft(data, "ke-hoach-bac-ninh.txt", most_monitor)


def test_a_unit_of_the_issuer_is_not_added_as_an_agency(provincial_draft, most_monitor):
    unknown = {u.name: u for u in review.unknown_names(provincial_draft)}
    assert unknown["Sở Khoa học và Công nghệ"].issuer == "Tỉnh Bắc Ninh"
    count = Agency.objects.count()
    with pytest.raises(review.ReviewError, match="đơn vị của Tỉnh Bắc Ninh"):
        review.create_agency(provincial_draft, "Sở Khoa học và Công nghệ", most_monitor)
    assert Agency.objects.count() == count
    assert not Agency.objects.filter(name_vi="Sở Khoa học và Công nghệ").exists()


def test_the_review_page_offers_no_new_agency_for_a_unit_and_says_where_to_import(
    provincial_draft, most_monitor
):
    page = client_for(most_monitor).get(reverse("importer:review", args=[provincial_draft.pk]))
    html = page.content.decode()
    assert 'value="Sở Khoa học và Công nghệ"><button class="btn btn-small"' not in html
    assert 'name="action" value="create_agency"' not in html
    assert reverse("cascade:plans") in html


def _names_in(html: str, marker: str) -> str:
    """The text of the page's blocks that start with `marker` (one block a line)."""
    return "\n".join(line for line in html.splitlines() if marker in line)


def test_the_issuers_units_are_shown_as_its_units_not_as_errors(most_monitor):
    data = parse_bytes(
        PLAN.replace(
            "2. Sở Tài chính bố trí",
            "2. Sở Tài chính chủ trì, phối hợp với Hiệp hội Ngành nghề Kỳ Lân bố trí",
        ).encode(),
        "ke-hoach-bac-ninh.txt",
    )
    draft = review.create_draft(data, "ke-hoach-bac-ninh.txt", most_monitor)
    html = (
        client_for(most_monitor).get(reverse("importer:review", args=[draft.pk])).content.decode()
    )
    errors = _names_in(html, 'class="error small unknown-name"')
    units = _names_in(html, 'class="small muted issuer-unit"')
    # A body that is neither a known agency nor the province's unit stays an error.
    assert "Hiệp hội Ngành nghề Kỳ Lân" in errors
    for unit in ("Sở Khoa học và Công nghệ", "Sở Tài chính"):
        assert unit not in errors
        assert (
            f'“<span lang="vi">{unit}</span>” — đơn vị của <span lang="vi">Tỉnh Bắc Ninh' in units
        )
    assert "đơn vị mới (sẽ được đề xuất)" in units
    assert 'id="issuer-units"' in html


def test_a_unit_the_parser_did_not_mark_is_the_issuers_unit_by_its_kind(provincial_draft):
    # "Sở Nông nghiệp và Môi trường" reads as a ministry's field, so 144/KH-UBND's parse
    # leaves it unmarked; the cascade import still proposes it as the province's unit.
    for task in provincial_draft.data["tasks"]:
        task["unit_of"] = {}
    provincial_draft.save()
    unknown = {u.name: u for u in review.unknown_names(provincial_draft)}
    assert unknown["Sở Tài chính"].issuer == "Tỉnh Bắc Ninh"
    assert not unknown["Sở Tài chính"].unit_known


def test_a_unit_the_issuers_agency_already_has_is_said_to_be_known(provincial_draft):
    from lotrinh.agencies.models import Unit

    province = Agency.objects.get(code="tinh-bac-ninh")
    Unit.objects.create(agency=province, code="so-tai-chinh", name_vi="Sở Tài chính")
    unknown = {u.name: u for u in review.unknown_names(provincial_draft)}
    assert unknown["Sở Tài chính"].unit_known
    assert not unknown["Sở Khoa học và Công nghệ"].unit_known


def test_the_english_page_names_the_issuer_of_the_units_in_english(provincial_draft, most_monitor):
    # Walk 39: the English review said "2 names are units of Tỉnh Bắc Ninh … Tỉnh Bắc
    # Ninh's plan" while the same page named the issuer "Bac Ninh Province".
    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("importer:review", args=[provincial_draft.pk]))
    heading = page.content.decode().split('id="issuer-units"', 1)[1].split("<ul>", 1)[0]
    assert "units of Bac Ninh Province" in heading, heading
    assert "Tỉnh Bắc Ninh" not in heading, heading


def test_the_vietnamese_page_names_the_issuer_of_the_units_in_vietnamese(
    provincial_draft, most_monitor
):
    page = client_for(most_monitor).get(reverse("importer:review", args=[provincial_draft.pk]))
    heading = page.content.decode().split('id="issuer-units"', 1)[1].split("<ul>", 1)[0]
    assert "đơn vị của Tỉnh Bắc Ninh" in heading and "Province" not in heading
