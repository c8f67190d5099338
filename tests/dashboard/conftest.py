import datetime

import pytest
from django.utils import timezone

from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, ReportingPeriod
from tests.reporting.conftest import fill


@pytest.fixture
def regime(db):
    return Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )


@pytest.fixture
def periods(regime) -> dict[int, ReportingPeriod]:
    """The periods the daily cycle has opened up to this year."""
    return {p.year: p for p in services.generate_periods(regime, timezone.localdate().year)}


@pytest.fixture
def current(periods) -> ReportingPeriod:
    today = timezone.localdate()
    return max((p for p in periods.values() if p.start <= today), key=lambda p: p.year)


def submitted(report: AgencyReport, reporter, approver, *, on_time: bool = True) -> AgencyReport:
    """Fill, approve and send a report; on time means first sent on its due date."""
    fill(report, reporter)
    services.approve_report(report, approver)
    services.submit_report(report, approver)
    when = datetime.datetime.combine(
        report.period.due_date - datetime.timedelta(days=0 if on_time else -3),
        datetime.time(9),
        tzinfo=datetime.UTC,
    )
    AgencyReport.objects.filter(pk=report.pk).update(first_submitted_at=when, submitted_at=when)
    report.refresh_from_db()
    return report
