"""Every e-mail the system sends carries absolute links from LOTRINH_SITE_URL."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from lotrinh.core.links import absolute_url
from lotrinh.programmes.models import Programme
from lotrinh.reporting import reminders, services
from tests.reporting.conftest import fill

SITE = "https://lotrinh.most.gov.vn"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.LOTRINH_SITE_URL = SITE + "/"


@pytest.fixture
def report_a(officer_a):
    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    return services.ensure_report(officer_a.agency, period)


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def no_relative_link(body: str) -> bool:
    """No line that is a bare path (what the e-mails carried before)."""
    return not any(re.fullmatch(r"/\S*", line.strip()) for line in body.splitlines())


def test_absolute_url_joins_the_site_address_and_a_path_or_a_route():
    assert absolute_url("/bao-cao/91/") == SITE + "/bao-cao/91/"
    assert absolute_url("reporting:report", 91) == SITE + reverse("reporting:report", args=[91])
    assert absolute_url("https://example.org/x") == "https://example.org/x"


def test_a_workflow_notification_mail_links_to_the_report(
    report_a,
    officer_a,
    approver_a,
    django_capture_on_commit_callbacks,
):
    fill(report_a, officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report_a, approver_a)
    [message] = [m for m in mail.outbox if officer_a.email in m.to]
    assert links(message.body) == [SITE + reverse("reporting:report", args=[report_a.pk])]
    assert no_relative_link(message.body)


def test_a_reminder_mail_links_to_the_reports_page(officer_a):
    reminders.run_reminders(datetime.date(2024, 11, 23))
    [message] = [m for m in mail.outbox if officer_a.email in m.to]
    assert links(message.body) == [SITE + reverse("reporting:my_reports")]
