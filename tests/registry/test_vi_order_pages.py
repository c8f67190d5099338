"""Pages, selects and the API list agencies and people in Vietnamese alphabetical order
(Đ between D and E), not in the databases' binary order (Đ after Z)."""

import re

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency, AgencyKind
from lotrinh.core.text import vi_sort_key
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# As the brief of this change wrote them, and names around them that the binary order
# would misplace ("Yên Bái" before "Đà Nẵng"; "Ấn" after "Z").
EXPECTED = [
    "An Giang",
    "Ấn Độ",
    "Dương Kinh",
    "Đà Nẵng",
    "Điện Biên",
    "Đồng Nai",
    "Gia Lai",
    "Ủy ban thử",
    "Yên Bái",
]


@pytest.fixture
def named() -> list[Agency]:
    return [
        Agency.objects.create(
            code=f"viorder-{n}", name_vi=name, abbreviation="VIORDER", kind=AgencyKind.OTHER
        )
        for n, name in enumerate(reversed(EXPECTED))
    ]


def in_page_order(html: str, names: list[str]) -> list[str]:
    found = {name: html.find(f">{name}<") for name in names}
    assert all(at >= 0 for at in found.values()), found
    return sorted(names, key=lambda name: found[name])


def test_the_agency_list_puts_đ_between_d_and_e(client, named):
    response = client.get(reverse("agencies:list"), {"q": "viorder"})
    assert [a.name_vi for a in response.context["agencies"]] == EXPECTED
    assert in_page_order(response.content.decode(), EXPECTED) == EXPECTED


def test_the_provinces_of_2024_in_vietnamese_order(client):
    response = client.get(reverse("agencies:list"), {"kind": "province", "ngay": "2024-06-01"})
    names = [a.name_vi for a in response.context["agencies"]]
    assert len(names) == 58
    assert names == sorted(names, key=vi_sort_key)
    wanted = [
        "Tỉnh An Giang",
        "Tỉnh Bà Rịa - Vũng Tàu",
        "Tỉnh Bạc Liêu",
        "Tỉnh Bắc Giang",
        "Tỉnh Cà Mau",
        "Tỉnh Cao Bằng",
        "Tỉnh Đắk Lắk",
        "Tỉnh Điện Biên",
        "Tỉnh Đồng Nai",
        "Tỉnh Đồng Tháp",
        "Tỉnh Gia Lai",
    ]
    assert [n for n in names if n in wanted] == wanted
    assert names[-1] == "Tỉnh Yên Bái"
    assert in_page_order(response.content.decode(), wanted) == wanted


def test_the_api_lists_agencies_in_vietnamese_order(named):
    client = client_for(User.objects.create_user("viorder-reader", agency=named[0]))
    response = client.get("/api/v1/agencies/", {"q": "viorder"})
    assert response.status_code == 200
    assert [a["name_vi"] for a in response.json()["results"]] == EXPECTED


def test_the_data_request_form_offers_agencies_in_vietnamese_order(named):
    from lotrinh.indicators.forms import DataRequestForm

    choices = [str(label) for _value, label in DataRequestForm().fields["agency"].choices]
    mine = [label for label in choices if label in EXPECTED]
    assert mine == EXPECTED


def test_an_agencys_people_are_listed_in_vietnamese_order(admin_user, named):
    agency = named[0]
    for n, name in enumerate(
        ["Vũ Văn Ba", "Đỗ Thị An", "Dương Văn Cả", "Ân Văn Lộc", "An Thị Mai"]
    ):
        User.objects.create_user(
            f"viorder-person-{n}", full_name=name, agency=agency, role=Role.REPORTER
        )
    response = client_for(admin_user).get(reverse("accounts:users"), {"agency": agency.code})
    assert response.status_code == 200
    names = [person.full_name for person, _manageable in response.context["rows"]]
    assert names == ["An Thị Mai", "Ân Văn Lộc", "Dương Văn Cả", "Đỗ Thị An", "Vũ Văn Ba"]
    # The agencies to choose from, too.
    choices = [a.name_vi for a in response.context["agencies"]]
    assert choices == sorted(choices, key=vi_sort_key)


def test_the_admin_sorts_the_name_column_in_vietnamese_order(admin_user, named):
    client = client_for(admin_user)
    url = reverse("admin:agencies_agency_changelist")
    response = client.get(url, {"q": "viorder", "o": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'<th class="field-name"><a href="[^"]*">([^<]*)</a>', html)
    assert rows == EXPECTED
