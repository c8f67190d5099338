"""A unit's validity date is typed day first (dd/mm/yyyy) on the units page; a day that
does not exist adds nothing and is said beside the field, with what was typed kept."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from tests.cascade.conftest import person
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_validity_date_typed_day_first_is_that_day(hanoi: Agency) -> None:
    client = client_for(person("admin_hn", hanoi, Role.AGENCY_ADMIN))
    url = reverse("agencies:units_save", args=[hanoi.code])
    form = {"what": "create", "name": "Sở Khoa học và Công nghệ", "valid_from": "1/7/2025"}
    assert client.post(url, form).status_code == 302
    assert hanoi.units.get(name_vi="Sở Khoa học và Công nghệ").valid_from == datetime.date(
        2025, 7, 1
    )
    page = client.get(reverse("agencies:units", args=[hanoi.code])).content.decode()
    assert "01/07/2025" in page


def test_a_validity_date_that_does_not_exist_adds_nothing(hanoi: Agency) -> None:
    client = client_for(person("admin_hn", hanoi, Role.AGENCY_ADMIN))
    url = reverse("agencies:units_save", args=[hanoi.code])
    before = hanoi.units.count()
    form = {"what": "create", "name": "Sở Tư pháp", "valid_from": "31/02/2026"}
    response = client.post(url, form)
    assert response.status_code == 400
    assert hanoi.units.count() == before
    html = response.content.decode()
    assert '<span class="errorlist" id="unit-from_error" role="alert">' in html
    assert "“31/02/2026” không phải một ngày: tháng 2/2026 có 28 ngày." in html
    assert 'value="31/02/2026"' in html and 'value="Sở Tư pháp"' in html


def test_a_csv_date_may_be_written_as_excel_writes_it(hanoi: Agency) -> None:
    from lotrinh.agencies import units as services

    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    services.import_units_csv(
        admin,
        hanoi,
        "code,name_vi,kind,parent,valid_from,valid_to\nso-noi-vu,Sở Nội vụ,,,01/07/2025,\n",
    )
    assert hanoi.units.get(name_vi="Sở Nội vụ").valid_from == datetime.date(2025, 7, 1)
