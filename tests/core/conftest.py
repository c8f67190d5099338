# The reporting fixtures (a report of Bộ A in 2024) for the history and language tests.
import datetime

import pytest

from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from lotrinh.reporting.models import ReportingPeriod


@pytest.fixture
def regime(db):
    return Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )


@pytest.fixture
def period_2024(regime) -> ReportingPeriod:
    periods = services.generate_periods(regime, 2024)
    return next(p for p in periods if p.year == 2024)


@pytest.fixture
def report_a(period_2024, officer_a):
    return services.ensure_report(officer_a.agency, period_2024)


@pytest.fixture
def report_b(period_2024, officer_b):
    return services.ensure_report(officer_b.agency, period_2024)


def fill(report, user, status="in_progress"):
    for entry in report.entries.all():
        data = {"status": status, "result": "Đang triển khai"}
        if status in ("done_on_time", "done_late"):
            data.update(evidence_number="12/QĐ-BYT", evidence_date=datetime.date(2024, 6, 1))
        services.save_entry(entry, user, data, expected_version=entry.version)


@pytest.fixture
def agency_a(officer_a) -> Agency:
    return officer_a.agency
