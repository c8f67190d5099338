"""Words that follow who reports to whom (issue 14, defects noticed last stop): the
roll-up link only where the agency has a plan of its own, the "Báo cáo" heading naming
the programmes of the person's reports, and the proposals field named after the
receiver (not "Kiến nghị với Chính phủ" on a Party committee's or a unit's report)."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Unit
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import guidance, services
from lotrinh.reporting.models import AgencyReport, ReportingPeriod
from lotrinh.reporting.plans import create_recorded_plan
from tests.conftest import client_for, make_user
from tests.party.test_party_reports import _period

ROLLUP = "Tổng hợp từ các đơn vị"
GOVERNMENT = "Kiến nghị với Chính phủ"
COMMISSION_NAME = "Ban Chính sách, chiến lược Trung ương"


def _yearly_report(user: User) -> AgencyReport:
    regime = current_programme("50/NQ-CP").reporting_regimes.get(code="annual-report")
    (period,) = [p for p in services.generate_periods(regime, 2024) if p.year == 2024]
    return services.ensure_report(user.agency, period)  # type: ignore[arg-type]


@pytest.fixture
def party_report(seeded_db: None) -> AgencyReport:
    period: ReportingPeriod = _period()
    return AgencyReport.objects.get(agency__code="tinh-uy-bac-ninh", period=period)


def _page(user: User, report: AgencyReport) -> str:
    response = client_for(user).get(reverse("reporting:report", args=[report.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_rollup_link_is_offered_only_to_an_agency_with_a_published_plan(
    seeded_db: None, officer_a: User, party_report: AgencyReport
) -> None:
    report = _yearly_report(officer_a)
    assert ROLLUP not in _page(officer_a, report)  # no plan of its own
    party_reporter = make_user("tu_bn_wording", "tinh-uy-bac-ninh", Role.REPORTER)
    assert ROLLUP not in _page(party_reporter, party_report)
    create_recorded_plan(
        officer_a.agency,
        current_programme("50/NQ-CP"),
        number="12/KH-WORD",
        date=datetime.date(2024, 3, 1),
    )
    assert ROLLUP in _page(officer_a, report)
    # A plan of 50/NQ-CP does not offer the roll-up on a report on 52-NQ/TW.
    create_recorded_plan(
        party_report.agency,
        current_programme("50/NQ-CP"),
        number="1-KH/TU",
        date=datetime.date(2024, 3, 1),
    )
    assert ROLLUP not in _page(party_reporter, party_report)


def test_the_reports_heading_names_the_programmes_of_the_persons_reports(
    seeded_db: None, officer_a: User, party_report: AgencyReport
) -> None:
    def heading(user: User) -> str:
        html = client_for(user).get(reverse("reporting:my_reports")).content.decode()
        return html.split("<h1>", 1)[1].split("</h1>", 1)[0]

    party_reporter = make_user("tu_bn_heading", "tinh-uy-bac-ninh", Role.REPORTER)
    assert heading(party_reporter) == "Báo cáo thực hiện 52-NQ/TW"
    commission = make_user(
        "bcscl_heading", "ban-chinh-sach-chien-luoc-trung-uong", Role.AGENCY_MONITOR
    )
    leader = make_user("tu_bn_leader_heading", "tinh-uy-bac-ninh", Role.APPROVER)
    services.approve_report(party_report, leader)
    services.submit_report(party_report, party_reporter)
    assert heading(commission) == "Báo cáo thực hiện 52-NQ/TW"
    _yearly_report(officer_a)
    assert heading(officer_a) == "Báo cáo thực hiện 50/NQ-CP"


def test_the_proposals_field_is_named_after_the_receiver(
    seeded_db: None, officer_a: User, party_report: AgencyReport
) -> None:
    party_reporter = make_user("tu_bn_proposals", "tinh-uy-bac-ninh", Role.REPORTER)
    page = _page(party_reporter, party_report)
    assert GOVERNMENT not in page
    assert f"Kiến nghị, đề xuất với {COMMISSION_NAME}" in page
    yearly = _yearly_report(officer_a)
    assert GOVERNMENT in _page(officer_a, yearly)
    # A unit's report to its province: proposals to the province.
    unit = Unit.objects.create(
        agency=yearly.agency, code="so-x", name_vi="Sở Khoa học và Công nghệ", kind="department"
    )
    unit_report = AgencyReport(agency=yearly.agency, period=yearly.period, unit=unit)
    label = guidance.proposals_label(unit_report)
    assert label == f"Kiến nghị, đề xuất với {yearly.agency.name_vi}"


def test_the_consolidated_documents_proposals_heading_follows_the_receiver(
    party_report: AgencyReport,
) -> None:
    from lotrinh.documents import assemble

    today = datetime.date.today()
    party = assemble.consolidated_of_period(party_report.period, today)
    assert party["proposals_heading"] == "KIẾN NGHỊ, ĐỀ XUẤT"
    most = assemble.consolidated(current_programme("50/NQ-CP"), 2024, datetime.date(2024, 12, 31))
    assert most["proposals_heading"] == "KIẾN NGHỊ VỚI CHÍNH PHỦ"


def test_a_reports_heading_is_one_report_in_english_not_the_menus_reports(
    seeded_db: None, officer_a: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heading borrowed the menu's "Báo cáo" ("Reports"): "Reports 308/KH-UBND —
    Year 2026". It is a sentence of its own, translated as one report (the translation
    waits in i18n-pending/polish.json; put in the catalogue here as the lead compiles it)."""
    import json
    from pathlib import Path

    from django.utils.translation import override, trans_real

    msgid = "Báo cáo %(code)s — %(period)s"
    pending = Path(__file__).parents[2] / "i18n-pending" / "polish.json"
    english = json.loads(pending.read_text(encoding="utf-8"))[msgid]
    with override("en"):
        catalog = trans_real.translation("en")._catalog
    if msgid not in catalog:
        monkeypatch.setattr(catalog, "_catalogs", [*catalog._catalogs, {msgid: english}])
        monkeypatch.setattr(catalog, "_plurals", [*catalog._plurals, catalog._plurals[-1]])
    report = _yearly_report(officer_a)
    client = client_for(officer_a)

    def heading(language: str) -> str:
        client.cookies["django_language"] = language
        html = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
        return html.split("<h1>", 1)[1].split("</h1>", 1)[0]

    assert heading("en") == "Report 50/NQ-CP — Year 2024"
    assert heading("vi") == "Báo cáo 50/NQ-CP — Năm 2024"
