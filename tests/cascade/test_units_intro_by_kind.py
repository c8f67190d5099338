"""The units page says what an agency's units are in its own terms: a Party committee's
boards, office and the committees under it; a ministry's Vụ and Cục; a province's
departments and communes. It spoke of a province's or a ministry's units to a Thành ủy."""

import pytest
from django.urls import reverse
from django.utils import translation

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from tests.cascade.conftest import person
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PARTY = "Các ban, Ủy ban Kiểm tra, Văn phòng của cấp ủy và các đảng ủy trực thuộc"
MINISTRY = "Các vụ, cục, viện và đơn vị thuộc bộ"
PROVINCE = "Các sở, ban, ngành, xã, phường, đặc khu"


@pytest.mark.parametrize(
    ("code", "mine", "not_mine"),
    [
        ("thanh-uy-ha-noi", PARTY, (MINISTRY, PROVINCE, "của tỉnh")),
        ("thanh-pho-ha-noi", PROVINCE, (MINISTRY, PARTY)),
        ("bo-khoa-hoc-va-cong-nghe", MINISTRY, (PROVINCE, PARTY)),
    ],
)
def test_the_intro_speaks_of_the_agencys_own_kind_of_units(
    seeded_db: None, code: str, mine: str, not_mine: tuple[str, ...]
) -> None:
    agency = Agency.objects.get(code=code)
    client = client_for(person("admin_" + code[:20], agency, Role.AGENCY_ADMIN))
    with translation.override("vi"):
        body = client.get(reverse("agencies:units", args=[code])).content.decode()
    assert mine in body
    for other in not_mine:
        assert other not in body
