"""A number of the units form that is not one (a crafted or broken post: "²" passes
`str.isdigit` but not `int`) adds or changes nothing and is said in the page's language,
never as Python's "invalid literal for int()" (walk of 2026-12-06)."""

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from tests.cascade.conftest import person, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "form",
    [
        {"what": "create", "name": "Sở Tư pháp", "parent": "²"},
        {"what": "confirm", "unit": "UNIT", "version": "x"},
        {"what": "attach", "person": "PERSON", "unit": "²"},
    ],
)
def test_a_number_that_is_not_one_is_refused_in_words(hanoi: Agency, form: dict) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    held = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ", proposed=True)
    form = {
        k: (str(held.pk) if v == "UNIT" else str(admin.pk) if v == "PERSON" else v)
        for k, v in form.items()
    }
    client = client_for(admin)
    before = sorted(hanoi.units.values_list("pk", "version", "proposed"))
    response = client.post(reverse("agencies:units_save", args=[hanoi.code]), form)
    assert response.status_code == 302
    assert sorted(hanoi.units.values_list("pk", "version", "proposed")) == before
    admin.refresh_from_db()
    assert admin.unit_id is None
    page = client.get(reverse("agencies:units", args=[hanoi.code])).content.decode()
    assert "invalid literal" not in page
    assert "Yêu cầu không hợp lệ." in page
