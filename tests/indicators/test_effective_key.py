"""`services.effective_key` sorts observations as the database sorts them by
`EFFECTIVE_ORDER` (known_on with NULL first, then the backing's strength, then the
approval with NULL first, then the id), on SQLite and PostgreSQL alike."""

import datetime
import itertools

import pytest

from lotrinh.indicators import services
from lotrinh.indicators.models import Approval, Backing, Indicator, Observation

pytestmark = pytest.mark.django_db


def test_the_python_order_is_the_databases() -> None:
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    days = [None, datetime.date(2025, 1, 6), datetime.date(2024, 3, 1)]
    backings = ["", Backing.PRESS_ONLY, Backing.CONFIRMED_PRIMARY, Backing.OFFICIAL_DRAFT]
    reviewed = [
        None,
        datetime.datetime(2025, 2, 1, 8, 30, tzinfo=datetime.UTC),
        datetime.datetime(2025, 2, 1, 8, 29, 59, 999999, tzinfo=datetime.UTC),
    ]
    # Each combination twice (the id breaks the tie), in a shuffled order of creation.
    combinations = list(itertools.product(days, backings, reviewed)) * 2
    combinations = combinations[1::2] + combinations[::2]
    for known_on, backing, reviewed_at in combinations:
        Observation.objects.create(
            indicator=indicator,
            year=2031,
            value=1,
            approval=Approval.APPROVED,
            known_on=known_on,
            backing=backing,
            reviewed_at=reviewed_at,
        )
    rows = Observation.objects.filter(indicator=indicator, year=2031)
    by_database = [o.pk for o in rows.order_by(*services.EFFECTIVE_ORDER)]
    by_python = [o.pk for o in sorted(rows, key=services.effective_key)]
    assert len(by_database) == len(combinations)
    assert by_python == by_database
    [in_effect] = [o for o in services.known_observations([indicator]) if o.year == 2031]
    assert in_effect.pk == by_database[-1]
