"""Which of several approved values is in effect does not depend on the database: a value
whose date is not known never outranks a dated release (NULL sorts first on SQLite and
last on PostgreSQL unless the order says)."""

import datetime

import pytest

from lotrinh.indicators import services
from lotrinh.indicators.models import Approval, Indicator, Observation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("undated_first", [True, False])
def test_a_value_of_unknown_date_never_outranks_a_dated_release(undated_first):
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    values = [
        {"value": 9, "citation": "undated", "known_on": None},
        {"value": 5, "citation": "dated", "known_on": datetime.date(2025, 1, 6)},
    ]
    made = [
        Observation.objects.create(
            indicator=indicator, year=2031, approval=Approval.APPROVED, **fields
        )
        for fields in (values if undated_first else values[::-1])
    ]
    dated = next(o for o in made if o.known_on is not None)
    [in_effect] = [o for o in services.known_observations([indicator]) if o.year == 2031]
    assert in_effect.pk == dated.pk
