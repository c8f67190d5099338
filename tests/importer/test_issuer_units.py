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
