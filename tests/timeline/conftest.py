"""Fixtures for the programme's progress pages: the reporting fixtures, and a way to
take a report through its workflow to a given state."""

import pytest

from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from tests.reporting.conftest import (  # noqa: F401 (fixtures)
    agency_a,
    fill,
    period_2024,
    regime,
    report_a,
    report_b,
)


@pytest.fixture
def action_programme(db) -> Programme:
    return Programme.objects.get(code="50/NQ-CP", status="published")


def bring_to(report, state, reporter, approver, monitor, status="in_progress"):
    """Fill every entry with `status`, then take the report to `state`."""
    fill(report, reporter, status)
    if state == "draft":
        return report
    services.approve_report(report, approver)
    if state == "approved":
        return report
    services.submit_report(report, approver)
    if state == "submitted":
        return report
    if state == "returned":
        return services.return_report(report, monitor, "Bổ sung số liệu")
    return services.accept_report(report, monitor)
