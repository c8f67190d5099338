"""The Party committees' and the Commission's overview pages ask the rules "my reports"
asks: the six-monthly 52-NQ/TW reports a committee owes to the Commission, and the
reports that wait for the Commission's decision."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.dashboard import queries
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, Frequency, ReportingPeriod, ReportingRegime
from lotrinh.reporting.schedules import set_regime_schedule
from tests.conftest import client_for, make_user

COMMISSION = "ban-kinh-te-trung-uong"
SUCCESSOR = "ban-chinh-sach-chien-luoc-trung-uong"


@pytest.fixture
def half_year(seeded_db: None) -> ReportingPeriod:
    """52-NQ/TW's committee reports, six-monthly to the Commission since 2025."""
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    set_regime_schedule(
        make_user("admin_dash", COMMISSION, Role.ADMIN),
        regime,
        frequency=Frequency.SEMIANNUAL,
        deadline_day=20,
        first_year=2025,
        recipient=Agency.objects.get(code=COMMISSION),
        today=datetime.date(2025, 7, 10),
    )
    services.open_reporting_cycle(datetime.date(2025, 7, 10))
    return ReportingPeriod.objects.get(regime=regime, year=2025, part=1)


def test_a_committee_sees_the_report_it_owes_and_that_it_is_overdue(half_year):
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    reporter = make_user("tu_hn_dash", committee.code, Role.REPORTER)
    assert AgencyReport.objects.get(agency=committee, period=half_year).status == "draft"

    ob = queries.agency_obligations(reporter, committee, timezone.localdate())
    row = next(r for r in ob.reports if r.period.pk == half_year.pk)
    assert row.programme.code == "52-NQ/TW" and row.overdue and row.report_id
    assert str(row.label) == "Đang soạn"
    assert any(d.overdue and "52-NQ/TW" in d.summary for d in ob.deadlines)

    html = client_for(reporter).get(reverse("dashboard:home")).content.decode()
    assert "52-NQ/TW" in html and f"/bao-cao/{row.report_id}/" in html
    assert "Không có việc quá hạn" not in html
    assert "Cơ quan không phải báo cáo theo chương trình nào." not in html


def test_the_commission_sees_the_reports_waiting_for_its_decision(half_year):
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    report = AgencyReport.objects.get(agency=committee, period=half_year)
    services.approve_report(report, make_user("tu_hn_leader", committee.code, Role.APPROVER))
    report = services.submit_report(report, make_user("tu_hn_r", committee.code, Role.REPORTER))
    monitor = make_user("bcscl_dash", SUCCESSOR, Role.AGENCY_MONITOR)

    home = client_for(monitor).get(reverse("dashboard:home"))
    assert [r.pk for r in home.context["ob"].waiting] == [report.pk]
    html = home.content.decode()
    section = html[html.index('id="waiting"') :]
    assert f"/bao-cao/{report.pk}/" in section and "Thành ủy Hà Nội" in section
    # The same list "my reports" shows the monitor.
    mine = client_for(monitor).get(reverse("reporting:my_reports"))
    assert [r.pk for r in mine.context["to_review"]] == [report.pk]
    # Another agency's people, and MOST (not the receiving body), get no such list.
    most = make_user("most_dash", "bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR)
    assert queries.waiting_reports(most, monitor.agency) == []
    assert (
        'id="waiting"'
        not in client_for(make_user("byt_dash", "bo-y-te", Role.AGENCY_MONITOR))
        .get(reverse("dashboard:home"))
        .content.decode()
    )


def test_the_page_asks_who_reports_as_the_reporting_services_do(half_year):
    """`queries.reports_expected_of` (no query) answers as `services.reports_expected_of`
    for every regime, a sample of agencies of each kind, and every period."""
    regimes = queries._regimes()
    agencies = {}
    for agency in Agency.objects.order_by("pk"):
        agencies.setdefault(agency.kind, []).append(agency)
    sample = [a for same in agencies.values() for a in same[:3]]
    today = timezone.localdate()
    checked = 0
    for regime in regimes.periodic:
        periods = services.periods_of(regime, today.year)
        for agency in sample:
            ours = queries.reports_expected_of(regime, agency)
            theirs = services.reports_expected_of(regime, agency)
            for period in periods:
                assert ours(period) == theirs(period), (regime.code, agency.code, period)
                checked += ours(period)
    assert checked > 0


def test_the_page_follows_the_regimes_the_daily_cycle_opens(half_year):
    """`queries._regimes().periodic` is `services.regimes_in_cycle()` (the Party's
    six-monthly regime included; MOST's consolidated report to the Government, made by
    MOST from the others', is not a report MOST owes on its page)."""
    ours = {r.pk for r in queries._regimes().periodic}
    assert ours == {r.pk for r in services.regimes_in_cycle()}
    assert half_year.regime_id in ours
