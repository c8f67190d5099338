"""A report the leader has approved and nobody has sent on is late once its deadline has
passed, at a unit's level (to its agency) and at an agency's (to MOST), on every page that
says a report is late: one rule, `rules.overdue` (docs/reporting.md, "Late").

Before (2026-12-07): the unit's report list, its "Tổng quan" badge ("N việc quá hạn của
đơn vị"), "Báo cáo" and the report's page counted only a draft or a returned report, so
the approved report left unsent read "Lãnh đạo đã duyệt" with no "Quá hạn", while the
agency's table of its units and MOST's compliance page called it late. A unit's report
reopened after acceptance was late on the plan page (and offered a "Nhắc") though the
daily reminders never chased it: its accepted copy stands."""

import datetime
import re

import time_machine
from django.urls import reverse

from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import AgencyReport, TaskStatus
from tests.cascade.conftest import YEAR, fill_unit_report, send_report
from tests.conftest import client_for

UNIT_DUE = datetime.date(YEAR, 11, 15)  # the plan's own regime (units to the agency)
AGENCY_DUE = datetime.date(YEAR, 11, 30)  # 50/NQ-CP (the agency to MOST)


def _at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9), tick=False)


def _lede(html: str) -> str:
    found = re.search(r'<p class="lede">.*?</p>', html, re.S)
    assert found
    return found.group(0)


def _approved_unit_report(p) -> AgencyReport:
    with _at(UNIT_DUE - datetime.timedelta(days=5)):
        report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
        fill_unit_report(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
        report = services.approve_report(AgencyReport.objects.get(pk=report.pk), p["khcn_leader"])
    assert report.status == "approved"
    return report


def _row_of(html: str, marker: str) -> str:
    rows = [r for r in re.findall(r"<tr[ >].*?</tr>", html, re.S) if marker in r]
    assert rows, marker
    return rows[0]


def test_a_units_approved_report_unsent_after_the_deadline_is_late_everywhere(province) -> None:
    p = province
    report = _approved_unit_report(p)
    with _at(UNIT_DUE + datetime.timedelta(days=3)):
        officer = client_for(p["khcn_reporter"])
        home = officer.get(reverse("dashboard:home")).content.decode()
        reports = officer.get(reverse("reporting:my_reports")).content.decode()
        page = officer.get(reverse("reporting:report", args=[report.pk])).content.decode()
        plan = (
            client_for(p["monitor"])
            .get(reverse("cascade:plan", args=[p["child"].pk]) + f"?year={YEAR}")
            .content.decode()
        )
        most = (
            client_for(p["most"])
            .get(reverse("reporting:compliance") + f"?year={YEAR}")
            .content.decode()
        )
    # Her "Tổng quan": the badge counts it, and its row in her unit's section says so.
    assert "1 việc quá hạn của đơn vị" in _lede(home)
    section = home.split('id="unit-work"', 1)[1].split("</section>", 1)[0]
    row = _row_of(section, f"/bao-cao/{report.pk}/")
    assert 'class="dash-overdue"' in row and "Quá hạn" in row
    # "Báo cáo" and the report's own page.
    listed = reports.split('id="unit-reports"', 1)[1].split("</table>", 1)[0]
    assert "Lãnh đạo đã duyệt" in listed and "Quá hạn" in listed
    assert "Quá hạn" in _lede(page)
    # The agency's table of its units and MOST's count said so already: unchanged.
    assert "Quá hạn" in _row_of(plan, "<td>Sở Khoa học và Công nghệ</td>")
    assert "2 đơn vị, 2 chậm báo cáo" in most


def test_before_the_deadline_the_approved_report_is_not_late(province) -> None:
    p = province
    report = _approved_unit_report(p)
    with _at(UNIT_DUE):
        officer = client_for(p["khcn_reporter"])
        home = officer.get(reverse("dashboard:home")).content.decode()
        page = officer.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Đơn vị không có việc quá hạn" in _lede(home)
    assert "Quá hạn" not in _lede(page)


def test_once_sent_it_is_no_longer_late(province) -> None:
    p = province
    report = _approved_unit_report(p)
    with _at(UNIT_DUE + datetime.timedelta(days=3)):
        services.submit_report(AgencyReport.objects.get(pk=report.pk), p["khcn_reporter"])
        officer = client_for(p["khcn_reporter"])
        page = officer.get(reverse("reporting:report", args=[report.pk])).content.decode()
        home = officer.get(reverse("dashboard:home")).content.decode()
    assert "Quá hạn" not in _lede(page)
    section = home.split('id="unit-work"', 1)[1].split("</section>", 1)[0]
    assert "dash-overdue" not in _row_of(section, f"/bao-cao/{report.pk}/")


def test_an_agencys_approved_report_to_most_unsent_after_the_deadline_is_late(province) -> None:
    p = province
    with _at(AGENCY_DUE - datetime.timedelta(days=5)):
        national = AgencyReport.objects.get(pk=p["national"].pk)
        for entry in national.entries.all():
            services.save_entry(
                entry,
                p["reporter"],
                {
                    "status": TaskStatus.IN_PROGRESS,
                    "result": "Đang làm",
                    "evidence_number": "",
                    "evidence_date": None,
                    "evidence_link": "",
                    "difficulties": "",
                    "proposals": "",
                },
                entry.version,
            )
        national = services.approve_report(AgencyReport.objects.get(pk=national.pk), p["leader"])
    assert national.status == "approved"
    with _at(AGENCY_DUE + datetime.timedelta(days=2)):
        staff = client_for(p["reporter"])
        reports = staff.get(reverse("reporting:my_reports")).content.decode()
        page = staff.get(reverse("reporting:report", args=[national.pk])).content.decode()
        home = staff.get(reverse("dashboard:home")).content.decode()
        most = (
            client_for(p["most"])
            .get(reverse("reporting:compliance") + f"?year={YEAR}")
            .content.decode()
        )
    assert "Quá hạn" in _row_of(reports, f"/bao-cao/{national.pk}/")
    assert "Quá hạn" in _lede(page)
    assert 'class="dash-overdue"' in _row_of(home, f"/bao-cao/{national.pk}/")
    # MOST's compliance page: not sent, past the deadline (unchanged).
    assert 'class="cell-missing"' in _row_of(most, 'data-agency="thanh-pho-ha-noi"')


def test_a_unit_report_reopened_after_acceptance_is_not_late_nor_reminded(province) -> None:
    p = province
    with _at(UNIT_DUE - datetime.timedelta(days=5)):
        report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
        fill_unit_report(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
        report = send_report(report, p["khcn_reporter"], p["khcn_leader"])
        services.accept_report(report, p["monitor"])
    with _at(UNIT_DUE + datetime.timedelta(days=3)):
        services.revise_accepted_report(
            AgencyReport.objects.get(pk=report.pk), p["khcn_reporter"], "Bổ sung số liệu"
        )
        rows = {r.unit.code: r for r in rollup.unit_compliance(p["child"], YEAR)}
        plan = (
            client_for(p["monitor"])
            .get(reverse("cascade:plan", args=[p["child"].pk]) + f"?year={YEAR}")
            .content.decode()
        )
        counts = rollup.units_late_by_agency(p["child"].implements, YEAR)
    assert rows["so-khcn"].sent and not rows["so-khcn"].late
    row = _row_of(plan, "<td>Sở Khoa học và Công nghệ</td>")
    assert "Quá hạn" not in row and "remind-unit" not in row
    assert "Quá hạn" in _row_of(plan, "<td>Công an Thành phố</td>")  # never opened
    assert counts[p["child"].issuer_id].late == 1
