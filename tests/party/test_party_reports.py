"""The Party committees report on 52-NQ/TW to the Commission (issue 14, item 6): the same
workflow, received by the Commission's successor and not by MOST, and the Commission's
six-monthly consolidated report drafted from the accepted reports."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble, render
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, Frequency, ReportingPeriod, ReportingRegime
from lotrinh.reporting.notices import body_in
from lotrinh.reporting.schedules import set_regime_schedule
from tests.conftest import client_for, make_user

COMMISSION = "ban-kinh-te-trung-uong"
SUCCESSOR = "ban-chinh-sach-chien-luoc-trung-uong"


def _period() -> ReportingPeriod:
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    admin = make_user("admin_reports", COMMISSION, Role.ADMIN)
    set_regime_schedule(
        admin,
        regime,
        frequency=Frequency.SEMIANNUAL,
        deadline_day=20,
        first_year=2025,
        recipient=Agency.objects.get(code=COMMISSION),
        today=datetime.date(2025, 7, 10),
    )
    services.open_reporting_cycle(datetime.date(2025, 7, 10))
    return ReportingPeriod.objects.get(regime=regime, year=2025, part=1)


def _send(period: ReportingPeriod, name: str, result: str) -> AgencyReport:
    agency = Agency.objects.get(name_vi=name)
    reporter = make_user(f"{agency.code}-r", agency.code, Role.REPORTER)
    leader = make_user(f"{agency.code}-l", agency.code, Role.APPROVER)
    report = AgencyReport.objects.get(agency=agency, period=period)
    for entry in report.entries.all()[:2]:
        data = {"status": "in_progress", "result": result, "difficulties": f"Khó khăn: {name}"}
        services.save_entry(entry, reporter, data, expected_version=entry.version)
    services.approve_report(report, leader)
    return services.submit_report(report, reporter)


@pytest.fixture
def monitor(db: None) -> User:
    return make_user("bcscl_theodoi", SUCCESSOR, Role.AGENCY_MONITOR)


def test_the_commissions_successor_receives_the_party_committees_reports_not_most(
    seeded_db: None,
    monitor: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    period = _period()
    report = _send(period, "Tỉnh ủy Bắc Ninh", "Đã ban hành chương trình hành động")
    assert perms.receiving_body(report).code == SUCCESSOR
    most = make_user("most_reviewer", "bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR)
    old = make_user("bkt_theodoi", COMMISSION, Role.AGENCY_MONITOR)
    for user in (most, old):
        assert not perms.can(user, perms.REVIEW_REPORT, report)
        with pytest.raises(services.WorkflowError):
            services.accept_report(report, user)
    # Nor does MOST's /bao-cao/ list it as waiting for MOST's decision, or head the page
    # with 52-NQ/TW; the Commission's monitor has it there.
    most_page = client_for(most).get(reverse("reporting:my_reports")).content.decode()
    assert f"/bao-cao/{report.pk}/" not in most_page and "52-NQ/TW" not in most_page
    # Nor does MOST's front page put it in MOST's to-do.
    front = client_for(most).get(reverse("dashboard:home"))
    waiting = {g.key: g for g in front.context["o"].todo}.get("reports")
    assert waiting is None or f"/bao-cao/{report.pk}/" not in [i.url for i in waiting.items]
    monitor_page = client_for(monitor).get(reverse("reporting:my_reports")).content.decode()
    assert f"/bao-cao/{report.pk}/" in monitor_page
    assert perms.can(monitor, perms.REVIEW_REPORT, report)
    # The monitor is told, reads it and has it to review; another committee does not.
    assert monitor.notifications.filter(link__contains=str(report.pk)).exists()
    assert services.reports_for_user(monitor).filter(pk=report.pk).exists()
    assert services.reports_for_user(monitor, perms.REVIEW_REPORT).filter(pk=report.pk).exists()
    other = make_user("tu_hn_reader", "thanh-uy-ha-noi", Role.REPORTER)
    assert not services.reports_for_user(other).filter(pk=report.pk).exists()
    accepted = services.accept_report(report, monitor)
    assert accepted.status == "accepted"
    reporter = User.objects.get(username=f"{report.agency.code}-r")
    told = reporter.notifications.order_by("-pk").first()
    assert told is not None
    assert told.message.startswith("Ban Chính sách, chiến lược Trung ương đã tiếp nhận")
    # In English: the bodies' English names where they have one, the period's English title.
    successor = Agency.objects.get(code=SUCCESSOR)
    with translation.override("en"):
        sender = body_in(report.agency, "en")  # "the Bac Ninh Provincial Party Committee"
    assert told.message == (
        "Ban Chính sách, chiến lược Trung ương đã tiếp nhận báo cáo của "
        f"{report.agency.name_vi}, kỳ 6 tháng đầu năm 2025."
    )
    assert told.message_en == (
        f"The {successor.name_en} has accepted the report of {sender} (the first half of 2025)."
    )


def test_the_commissions_consolidated_draft_is_made_from_the_accepted_reports(
    seeded_db: None, monitor: User
) -> None:
    period = _period()
    accepted = _send(period, "Tỉnh ủy Bắc Ninh", "Bắc Ninh đã ban hành chương trình")
    services.accept_report(accepted, monitor)
    _send(period, "Thành ủy Hà Nội", "Hà Nội chưa được tiếp nhận")  # submitted only
    data = assemble.consolidated_of_period(period, datetime.date.today())
    head = data["header"]
    assert head["issuer"] == "BAN CHÍNH SÁCH, CHIẾN LƯỢC TRUNG ƯƠNG"
    assert head["national_title"] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "6 tháng đầu năm 2025" in head["title"] and "52-NQ/TW" in head["title"]
    assert data["recipients"][0] == "Bộ Chính trị, Ban Bí thư (để báo cáo)"
    # Counted as the period page counts them (both sent), quoted from the accepted only.
    assert data["overview"]["reports_submitted"] == 2
    assert data["content"]["quoted"] == 1
    assert data["content"]["unaccepted_left"] == ["Thành ủy Hà Nội"]
    assert data["overview"]["expected"] == period.reports.count()
    texts = [d["text"] for d in data["difficulties"]]
    assert "Khó khăn: Tỉnh ủy Bắc Ninh" in texts
    assert not any("Hà Nội" in t for t in texts)
    reported = sum(row["reported"] for group in data["groups"] for row in group["tasks"])
    assert reported == accepted.entries.count() >= 1  # Bắc Ninh's entries, not Hà Nội's
    document = Document(io.BytesIO(render.render("consolidated", "docx", data)))
    body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in body
    # The letterhead breaks the body's name between word groups (a line break).
    assert "BAN CHÍNH SÁCH, CHIẾN LƯỢC TRUNG ƯƠNG" in body.replace("\n", " ")


def test_mosts_consolidated_report_is_unchanged(seeded_db: None) -> None:
    data = assemble.consolidated(current_programme("50/NQ-CP"), 2024, datetime.date(2024, 12, 31))
    assert data["header"]["issuer"] == "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    assert data["header"]["national_title"] == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert data["signature"]["authority"] == "BỘ TRƯỞNG"


def test_the_pages_of_a_party_committees_report(seeded_db: None, monitor: User) -> None:
    from django.urls import reverse

    from tests.conftest import client_for

    period = _period()
    report = _send(period, "Tỉnh ủy Bắc Ninh", "Đã ban hành chương trình hành động")
    reporter = User.objects.get(username=f"{report.agency.code}-r")
    page = client_for(reporter).get(reverse("reporting:my_reports")).content.decode()
    assert reverse("reporting:report", args=[report.pk]) in page
    assert "6 tháng đầu năm 2025" in page and "52-NQ/TW" in page
    # The Commission's monitor has it waiting, opens it; another committee gets a 404.
    monitor_client = client_for(monitor)
    page = monitor_client.get(reverse("reporting:my_reports")).content.decode()
    assert reverse("reporting:report", args=[report.pk]) in page
    assert monitor_client.get(reverse("reporting:report", args=[report.pk])).status_code == 200
    outsider = make_user("tu_hn_other", "thanh-uy-ha-noi", Role.REPORTER)
    response = client_for(outsider).get(reverse("reporting:report", args=[report.pk]))
    assert response.status_code == 404
