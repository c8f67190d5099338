"""MOST's publication choices say what each covers where a select shows it: a select
shows the start of its option, and the period's counts (after its regime's name) and the
report's agency (last) were cut off at 1,366 px, so every choice read the same."""

import re

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, ReportStatus
from tests.conftest import client_for
from tests.core.pending_english import add_pending_english

pytestmark = pytest.mark.django_db


def _options(html: str, select_id: str) -> list[str]:
    select = html.split(f'id="{select_id}"', 1)[1].split("</select>", 1)[0]
    return [re.sub(r"<[^>]+>", "", o) for o in re.findall(r"<option[^>]*>(.*?)</option>", select)]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_counts_and_the_agency_come_first(
    most_monitor, officer_a, language, monkeypatch
) -> None:
    add_pending_english(monkeypatch, "day45")
    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    period = next(p for p in services.generate_periods(regime, 2025) if p.year == 2025)
    for agency in (most_monitor.agency, officer_a.agency):
        report = AgencyReport.objects.create(agency=agency, period=period)
        AgencyReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    client = client_for(most_monitor)
    client.cookies["django_language"] = language
    page = client.get(reverse("portal:manage")).content.decode()
    [choice] = _options(page, "pub-period")
    counts = (
        "2 báo cáo đã tiếp nhận, 0 đang công khai"
        if language == "vi"
        else "2 accepted reports, 0 public"
    )
    title = period.title if language == "vi" else "Year 2025"
    assert choice.startswith(f"50/NQ-CP — {title}: {counts} — "), choice
    names = {
        a.name_vi if language == "vi" else a.name_en
        for a in (most_monitor.agency, officer_a.agency)
    }
    reports = _options(page, "pub-report")
    assert {o.split(" — ", 1)[0] for o in reports} == names, reports
