import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files of the import jobs go to a temporary folder, not var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def report_a(db, officer_a):
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    return services.ensure_report(officer_a.agency, period)
