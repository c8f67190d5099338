"""After sending, the message names the body the report went to, and a returned report
shows whose comment it carries: the province for its unit's report, Ban Chính sách,
chiến lược Trung ương for a Party committee's, MOST for an agency's yearly report."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from lotrinh.agencies.models import Agency
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import AgencyReport, TaskStatus
from lotrinh.reporting.notices import body_in
from lotrinh.reporting.views_report import receiver_named
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.conftest import client_for
from tests.party.test_party_reports import SUCCESSOR, _period


def _submit_on_the_page(report: AgencyReport, reporter) -> list[str]:
    client = client_for(reporter)
    response = client.post(
        reverse("reporting:action", args=[report.pk, "submit"]), {"confirm": report.version}
    )
    assert response.status_code == 302
    return [str(m) for m in get_messages(response.wsgi_request)]


def _returned_page(report: AgencyReport, reviewer, reader) -> str:
    report.refresh_from_db()
    services.return_report(report, reviewer, "Bổ sung số liệu", expected_version=report.version)
    return client_for(reader).get(reverse("reporting:report", args=[report.pk])).content.decode()


def test_a_unit_is_told_it_sent_to_its_province_and_sees_the_provinces_comment(province):
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    report = services.approve_report(report, p["khcn_leader"])
    told = _submit_on_the_page(report, p["khcn_reporter"])
    assert "Đã gửi báo cáo tới Thành phố Hà Nội." in told, told
    assert not any("Bộ Khoa học" in m for m in told)
    page = _returned_page(report, p["monitor"], p["khcn_reporter"])
    assert "Ý kiến của Thành phố Hà Nội khi trả lại" in page
    assert "Bộ KH&amp;CN" not in page and "Bộ KH&CN" not in page


def test_an_agency_is_told_it_sent_to_most(province):
    p = province
    report = services.approve_report(p["national"], p["leader"])
    told = _submit_on_the_page(report, p["reporter"])
    assert "Đã gửi báo cáo tới Bộ Khoa học và Công nghệ." in told, told
    page = _returned_page(report, p["most"], p["reporter"])
    assert "Ý kiến của Bộ Khoa học và Công nghệ khi trả lại" in page


def test_a_party_committee_is_told_it_sent_to_the_commission(seeded_db):
    from tests.conftest import make_user

    period = _period()
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    reporter = make_user("tu_hn_r", committee.code, "reporter")
    leader = make_user("tu_hn_l", committee.code, "approver")
    monitor = make_user("bcscl_m", SUCCESSOR, "agency_monitor")
    report = AgencyReport.objects.get(agency=committee, period=period)
    report = services.approve_report(report, leader)
    told = _submit_on_the_page(report, reporter)
    assert "Đã gửi báo cáo tới Ban Chính sách, chiến lược Trung ương." in told, told
    page = _returned_page(report, monitor, reporter)
    assert "Ý kiến của Ban Chính sách, chiến lược Trung ương khi trả lại" in page
    successor = Agency.objects.get(code=SUCCESSOR)
    with translation.override("en"):
        assert receiver_named(report) == body_in(successor, "en")
        assert receiver_named(report) == "the Central Policy and Strategy Commission"
