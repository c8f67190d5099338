"""Figures typed the Vietnamese way reach the database as the clerk meant them.

The value box was `type="number"`: Chromium in English dropped the comma of "0,5" and sent
5 (a growth rate ten times too high, inside its range, accepted), and the server refused
"1,5" and "1.234,5" with "Nhập một số.". The box is now text, read once on the server.
"""

import pytest
from django.urls import reverse

from lotrinh.indicators.models import Observation
from lotrinh.indicators.validation import parse_typed_number
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

GROWTH = "LABOUR_PRODUCTIVITY_GROWTH"  # %/năm, −50…50
SHARE = "DIGITAL_ECONOMY_SHARE_GDP"  # % GDP, 0…100
STATIONS = "MOBILE_5G_STATIONS"  # a count


def post(user, code: str, value: str):
    return client_for(user).post(
        reverse("indicators:enter", args=[code]),
        {"year": 2019, "value": value, "status": "final", "citation": "Cục Thống kê"},
    )


@pytest.mark.parametrize(
    ("code", "typed", "stored"),
    [
        (GROWTH, "0,5", 0.5),
        (GROWTH, "−2,5", -2.5),
        (SHARE, "12,66", 12.66),
        (SHARE, "50 %", 50.0),
        (STATIONS, "1.234", None),  # ambiguous: refused, see below
        (STATIONS, "1.000.000", 1000000.0),
        (STATIONS, "1.234,0", 1234.0),
        (STATIONS, "1 234", 1234.0),
        (SHARE, "14.2", 14.2),
    ],
)
def test_a_value_typed_the_vietnamese_way_is_stored_as_meant(most_monitor, code, typed, stored):
    response = post(most_monitor, code, typed)
    saved = Observation.objects.filter(indicator__code=code, year=2019).first()
    if stored is None:
        assert response.status_code == 400 and saved is None
        assert "chưa rõ" in response.content.decode()
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert saved is not None and saved.value == pytest.approx(stored)


def test_the_value_box_is_text_the_browser_does_not_rewrite(most_monitor):
    page = client_for(most_monitor).get(reverse("indicators:enter", args=[GROWTH])).content
    assert b'type="number" name="value"' not in page
    assert b'inputmode="decimal"' in page


@pytest.mark.parametrize("typed", ["1,5,", "1.23,4", "abc", "1,5 triệu", "12\x00", "50 %"])
def test_a_value_that_is_not_a_number_is_refused_with_the_way_to_write_it(most_monitor, typed):
    response = post(most_monitor, STATIONS, typed)
    assert response.status_code == 400
    assert "1.234,5" in response.content.decode()
    assert not Observation.objects.filter(indicator__code=STATIONS, year=2019).exists()


def test_one_separator_before_three_digits_is_not_guessed():
    value, problem = parse_typed_number("2.025")
    assert value is None and "2025" in problem and "2,025" in problem
    assert parse_typed_number("0,125") == (0.125, "")
    assert parse_typed_number("1.234,5") == (1234.5, "")
    assert parse_typed_number("1,234.5") == (1234.5, "")


def test_a_data_request_is_answered_with_a_figure_typed_the_vietnamese_way(most_monitor):
    import datetime

    from lotrinh.accounts.models import Role
    from lotrinh.indicators import requests, services
    from lotrinh.indicators.models import Indicator
    from tests.conftest import make_user

    indicator = Indicator.objects.get(code=SHARE)
    producer = requests.producing_agency(indicator)
    item = requests.send_request(
        indicator,
        agency=producer,
        year=2019,
        what="Tỷ trọng kinh tế số",
        definition="x",
        deadline=services.today() + datetime.timedelta(days=10),
        user=most_monitor,
    )
    response = client_for(make_user("gso", producer.code, Role.REPORTER)).post(
        reverse("indicators:request", args=[item.pk]),
        {"value": "14,2 %", "citation": "Cục Thống kê", "version": item.version},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert item.observation is not None and item.observation.value == pytest.approx(14.2)
