"""A number parameter written in digits that are not ASCII ("²⁰²⁵", "①", "٣") is a bad
value, named or ignored as any other: `str.isdigit()` is true of them and `int()`
refused some, so each of these pages answered 500 (lotrinh/core/params.py)."""

import pytest
from django.urls import reverse

from lotrinh.core.params import bounded_int, whole_number
from tests.security.conftest import client_of

pytestmark = pytest.mark.django_db

CRAFTED = ("²⁰²⁵", "①", "٢٠٢٥", "²")


@pytest.mark.parametrize("value", CRAFTED)
@pytest.mark.parametrize(
    "url, param",
    [
        ("reporting:compliance", "year"),
        ("reporting:compliance", "stale_days"),
        ("reporting:compliance_xlsx", "year"),
        ("reporting:compliance_json", "year"),
        ("reporting:notifications", "trang"),
        ("dashboard:reading", "year"),
    ],
)
def test_a_page_with_a_crafted_number_answers(world, url, param, value):
    response = client_of(world, "most").get(reverse(url), {param: value})
    assert response.status_code < 500


def test_only_ascii_digits_are_numbers():
    assert whole_number("2025") == 2025
    assert whole_number(" 7 ") == 7
    assert [whole_number(v) for v in CRAFTED] == [None] * len(CRAFTED)
    assert whole_number("1234567890") is None  # more than a database integer is sure to hold
    assert bounded_int("1989", 1990, 2200) is None
    assert bounded_int("2025", 1990, 2200) == 2025
