"""Wherever a person picks a period, each choice names its regime, by one function
(`reporting.models.choice_title`, polish43's labelling of MOST's consolidated form): two
regimes of one programme both have a "Năm 2025". Before (2026-12-07) the agency's own
report form on the documents page, the "Kỳ báo cáo chưa bắt đầu soạn" list and MOST's
publication forms offered "50/NQ-CP — Năm 2025" twice."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from lotrinh.programmes.models import Programme
from lotrinh.reporting import models, services
from lotrinh.reporting.models import AgencyReport, ReportingRegime, ReportStatus
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def regime(db) -> ReportingRegime:
    return Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )


ANNUAL = "Báo cáo kết quả thực hiện hằng năm"
THEMATIC = "Báo cáo chuyên đề hằng năm"


@pytest.fixture
def two_regimes(regime) -> tuple[ReportingRegime, ReportingRegime]:
    """50/NQ-CP's yearly regime and a second yearly one of the same programme."""
    thematic = ReportingRegime.objects.get(pk=regime.pk)
    thematic.pk = None
    thematic.code, thematic.name, thematic.name_en = "thematic", THEMATIC, "Annual thematic report"
    thematic.save()
    thematic.reporters.set(regime.reporters.all())
    return regime, thematic


def _year(regime: ReportingRegime, year: int):
    return next(p for p in services.generate_periods(regime, year) if p.year == year)


def _options(html: str, select_id: str) -> list[str]:
    select = html.split(f'id="{select_id}"', 1)[1].split("</select>", 1)[0]
    return [re.sub(r"<[^>]+>", "", o) for o in re.findall(r"<option[^>]*>(.*?)</option>", select)]


def test_the_agencys_report_form_names_each_periods_regime(two_regimes, officer_a) -> None:
    for regime in two_regimes:
        AgencyReport.objects.create(agency=officer_a.agency, period=_year(regime, 2025))
    client = client_for(officer_a)
    page = client.get(reverse("documents:list")).content.decode()
    assert sorted(_options(page, "agency-period")) == sorted(
        [f"50/NQ-CP — Năm 2025 — {ANNUAL}", f"50/NQ-CP — Năm 2025 — {THEMATIC}"]
    )
    page = client.get(reverse("documents:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "50/NQ-CP — Year 2025 — Annual thematic report" in _options(page, "agency-period")


def test_the_periods_to_start_name_their_regime(regime, officer_a) -> None:
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9), tick=False):
        page = client_for(officer_a).get(reverse("reporting:my_reports")).content.decode()
    started = page.split("Kỳ báo cáo chưa bắt đầu soạn", 1)[1].split("</table>", 1)[0]
    assert f"<td>Năm 2026 — {ANNUAL}</td>" in started


def test_mosts_publication_form_names_each_periods_regime(two_regimes, most_monitor) -> None:
    regime, thematic = two_regimes
    for each in two_regimes:
        report = AgencyReport.objects.create(agency=most_monitor.agency, period=_year(each, 2025))
        AgencyReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    page = client_for(most_monitor).get(reverse("portal:manage")).content.decode()
    periods = _options(page, "pub-period")
    # The counts before the regime's name, which a narrow select cuts off (day45).
    counts = "1 báo cáo đã tiếp nhận, 0 đang công khai"
    assert f"50/NQ-CP — Năm 2025: {counts} — {THEMATIC}" in periods, periods
    assert f"50/NQ-CP — Năm 2025: {counts} — {ANNUAL}" in periods, periods
    reports = _options(page, "pub-report")
    assert any(o.endswith(f" — 50/NQ-CP — Năm 2025 — {THEMATIC}") for o in reports), reports


def test_one_function_writes_every_choice(regime) -> None:
    period = _year(regime, 2025)
    assert (
        period.choice_title == models.choice_title(period.title, regime) == f"Năm 2025 — {ANNUAL}"
    )
