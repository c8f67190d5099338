"""The report's own page says "Quá hạn" next to its deadline while a draft or returned
report is past it, as the lists do.

Walk (helper walkx, 06/12/2026): Thành ủy Hà Nội's report of the first half of 2026 (due
20/06/2026, still a draft) was "Quá hạn" on "Báo cáo" and "Tổng quan", but its own page,
where the reporter works, said only "hạn nộp 20/06/2026 … Trạng thái: Đang soạn"; so did
a department's unit report 21 days late.
"""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _lede(user, report) -> str:
    client = client_for(user)
    client.cookies["django_language"] = "vi"
    html = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    found = re.search(r'<p class="lede">(.*?)</p>', html, re.S)
    assert found is not None
    return found.group(1)


def test_a_draft_past_its_deadline_says_so_on_its_page(report_a, officer_a):
    due = report_a.period.due_date
    with time_machine.travel(datetime.datetime.combine(due, datetime.time(10)), tick=False):
        assert "Quá hạn" not in _lede(officer_a, report_a)  # the deadline day itself
    later = due + datetime.timedelta(days=10)
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(10)), tick=False):
        lede = _lede(officer_a, report_a)
    assert f'hạn nộp <span class="nowrap">{due:%d/%m/%Y}</span>' in lede and "Quá hạn" in lede


def test_an_approved_report_not_sent_past_its_deadline_says_so_too(report_a, officer_a):
    """walk44: Thành ủy Hà Nội's report of the first half of 2026, approved by its leader
    but not sent, lost its "Quá hạn" on its page and on "Báo cáo" the moment it was
    approved, while the compliance pages (and the agency's own "Tổng quan") still counted
    it missing: it is still with the agency until it is sent."""
    from lotrinh.reporting.models import ReportStatus

    report_a.status = ReportStatus.APPROVED
    report_a.save(update_fields=["status"])
    later = report_a.period.due_date + datetime.timedelta(days=10)
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(10)), tick=False):
        lede = _lede(officer_a, report_a)
        client = client_for(officer_a)
        client.cookies["django_language"] = "vi"
        listing = client.get(reverse("reporting:my_reports")).content.decode()
    assert "Quá hạn" in lede
    row = re.search(
        rf"<tr>(?:(?!</tr>).)*?/bao-cao/{report_a.pk}/(?:(?!</tr>).)*</tr>", listing, re.S
    )
    assert row is not None and "Quá hạn" in row.group(0)
    # Sent, it is no longer overdue (late, which the compliance pages say).
    report_a.status = ReportStatus.SUBMITTED
    report_a.save(update_fields=["status"])
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(10)), tick=False):
        assert "Quá hạn" not in _lede(officer_a, report_a)


def test_a_units_approved_report_not_sent_counts_among_its_overdue(report_a):
    """The unit's badge on "Tổng quan" reads the one rule (`AgencyReport.overdue_on`)."""
    from lotrinh.reporting.models import ReportStatus

    later = report_a.period.due_date + datetime.timedelta(days=1)
    report_a.status = ReportStatus.APPROVED
    assert report_a.overdue_on(later)
    assert not report_a.overdue_on(report_a.period.due_date)
    report_a.status = ReportStatus.SUBMITTED
    assert not report_a.overdue_on(later)
