"""A unit's report is started once: a second start (a double click, a colleague of the same
unit) finds it and records nothing (reporting.rollup.start_unit_report)."""

import pytest

from lotrinh.core.models import AuditEvent
from lotrinh.reporting import rollup
from tests.cascade.conftest import YEAR, person
from tests.reporting.test_start_once import _colleague_starts_first


@pytest.mark.django_db
def test_a_unit_start_that_finds_the_report_made_meanwhile_records_nothing(
    monkeypatch, province
) -> None:
    p = province
    twin = person("khcn_twin", p["khcn_reporter"].agency, "reporter", p["khcn_reporter"].unit)
    _colleague_starts_first(monkeypatch, lambda: rollup.start_unit_report(twin, p["child"], YEAR))
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    assert AuditEvent.objects.filter(action="report.started", object_id=str(report.pk)).count() == 1
