"""The exports' shared fixtures: the 50/NQ-CP programme, an agency's report of 2024 and an
indicator with approved values, their texts hostile (a formula's first character)."""

import datetime

import pytest

from lotrinh.programmes.models import Programme
from tests.exports.test_formula_injection import payload


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


@pytest.fixture
def report(programme, officer_a):
    from lotrinh.reporting import services

    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)
    for i, entry in enumerate(report.entries.all()):
        entry.result, entry.evidence_number = payload(i), payload(i + 1)
        entry.evidence_link, entry.difficulties = payload(i + 2), payload(i + 3)
        entry.proposals = payload(i + 4)
        entry.save()
    return report


@pytest.fixture
def indicator():
    from lotrinh.indicators.models import Indicator, Observation

    indicator = Indicator.objects.order_by("position").first()
    for i, year in enumerate(range(2018, 2024)):
        Observation.objects.filter(indicator=indicator, year=year).update(is_current=False)
        Observation.objects.create(
            indicator=indicator,
            year=year,
            value=-1.5 if i == 0 else 2.0,
            citation=payload(i),
            note=payload(i + 1),
            release=payload(i + 2),
            text_value=payload(i + 3),
            approval="approved",  # exports carry approved values only
            known_on=datetime.date(year + 1, 1, 1),
        )
    return indicator
