"""Safe methods are safe: opening a reporting page never writes; periods, reports and
plans are opened by the daily cycle or by a POST; notifications are marked read by a POST;
bad query parameters get a clear 400, never a 500."""

import datetime
import hashlib

import pytest
from django.apps import apps
from django.urls import reverse

from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from lotrinh.reporting.models import (
    AgencyReport,
    Notification,
    ReportingPeriod,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def database_fingerprint() -> str:
    """A hash of the row count and the largest id of every table."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        rows = model._default_manager.order_by("-pk").values_list("pk", flat=True)
        digest.update(f"{model._meta.label}:{rows.count()}:{rows.first()}".encode())
    return digest.hexdigest()


@pytest.mark.parametrize("persona", ["officer_a", "approver_a", "most_monitor", "oversight_reader"])
def test_opening_every_reporting_page_writes_nothing(persona, request, officer_a):
    user = request.getfixturevalue(persona)
    Notification.objects.create(user=user, message="Có việc mới")
    client = client_for(user)
    client.get("/")  # the session and anything the first request sets up
    before = database_fingerprint()
    unread = Notification.objects.filter(read_at__isnull=True).count()
    for url in (
        reverse("reporting:my_reports"),
        reverse("reporting:notifications"),
        reverse("reporting:plan"),
        reverse("reporting:plan_of", args=["bo-y-te"]),
        reverse("reporting:amendments"),
        reverse("reporting:compliance"),
        reverse("reporting:compliance_xlsx"),
        reverse("reporting:compliance_json"),
    ):
        assert client.get(url).status_code in (200, 403), url
    assert database_fingerprint() == before
    assert not ReportingPeriod.objects.exists() or AgencyReport.objects.count() == 0
    assert not Programme.objects.filter(issuer=officer_a.agency).exists()
    assert Notification.objects.filter(read_at__isnull=True).count() == unread


def test_an_officer_starts_her_report_with_a_post(officer_a, regime):
    client = client_for(officer_a)
    page = client.get(reverse("reporting:my_reports"))
    years = [p.year for p in page.context["may_start"]]
    assert 2024 in years and not AgencyReport.objects.exists()
    response = client.post(reverse("reporting:start"), {"year": "2024"})
    report = AgencyReport.objects.get(agency=officer_a.agency, period__year=2024)
    assert response.status_code == 302 and response["Location"].endswith(f"/{report.pk}/")
    assert report.entries.exists()
    again = client.get(reverse("reporting:my_reports"))
    assert report in again.context["own"] and 2024 not in [
        p.year for p in again.context["may_start"]
    ]


@pytest.mark.parametrize("year", ["x", "", "99999999999", "1800"])
def test_a_bad_year_to_start_is_refused_clearly(officer_a, year):
    response = client_for(officer_a).post(reverse("reporting:start"), {"year": year}, follow=True)
    assert response.status_code == 200
    assert "Kỳ báo cáo không hợp lệ" in response.content.decode()
    assert not AgencyReport.objects.exists()


@pytest.mark.parametrize("year", ["2200", "2100"])
def test_a_future_year_is_refused_before_any_period_is_stored(officer_a, regime, year):
    # The periods up to a forged year are made on the way to "not yet begun": the refusal
    # must leave none of them stored (as a department's did: tests/cascade).
    stored = ReportingPeriod.objects.count()
    response = client_for(officer_a).post(reverse("reporting:start"), {"year": year}, follow=True)
    assert response.status_code == 200
    assert "Chưa đến kỳ báo cáo này" in response.content.decode()
    assert ReportingPeriod.objects.count() == stored
    assert not AgencyReport.objects.exists()


def test_another_agency_s_officer_cannot_start_for_a_monitor(most_monitor):
    client_for(most_monitor).post(reverse("reporting:start"), {"year": "2024"})
    assert not AgencyReport.objects.exists()


def test_the_daily_cycle_opens_the_periods_and_the_expected_reports(regime):
    today = datetime.date(2024, 6, 1)
    created = services.open_reporting_cycle(today)
    period = ReportingPeriod.objects.get(regime=regime, year=2024)
    expected = set(services.expected_reporters(regime, period).values_list("pk", flat=True))
    assert len(expected) > 0 and created == AgencyReport.objects.count()
    assert set(period.reports.values_list("agency_id", flat=True)) == expected
    assert services.open_reporting_cycle(today) == 0  # idempotent


def test_notifications_are_marked_read_by_a_post(officer_a):
    first = Notification.objects.create(user=officer_a, message="Một")
    Notification.objects.create(user=officer_a, message="Hai")
    client = client_for(officer_a)
    client.get(reverse("reporting:notifications"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    client.post(reverse("reporting:notifications_read"), {"notification": first.pk})
    assert list(Notification.objects.filter(read_at__isnull=False)) == [first]
    client.post(reverse("reporting:notifications_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_one_cannot_mark_someone_else_s_notification(officer_a, officer_b):
    theirs = Notification.objects.create(user=officer_b, message="Của người khác")
    client_for(officer_a).post(reverse("reporting:notifications_read"), {"notification": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("query", ["stale_days=abc", "stale_days=-5", "stale_days=10000000000000"])
def test_a_bad_stale_days_is_a_clear_400(most_monitor, query):
    for name in ("reporting:compliance", "reporting:compliance_xlsx", "reporting:compliance_json"):
        response = client_for(most_monitor).get(f"{reverse(name)}?{query}")
        assert response.status_code == 400, name


@pytest.mark.parametrize("query", ["year=x", "year=99999999999999999999", "year=2024&year=abc"])
def test_a_bad_year_filter_is_ignored(most_monitor, query):
    assert client_for(most_monitor).get(f"/bao-cao/tinh-hinh/?{query}").status_code == 200


def test_a_bad_stale_days_page_says_what_is_wrong_in_the_site_s_page(most_monitor):
    """Seen on 6 December 2026 as giamsat: /bao-cao/tinh-hinh/?stale_days=-5 answered
    Django's bare English "Bad Request (400)", without the message the view raises."""
    response = client_for(most_monitor).get(reverse("reporting:compliance") + "?stale_days=-5")
    body = response.content.decode()
    assert response.status_code == 400
    assert "phải là số nguyên từ 1 đến 3650" in body
    assert "Bỏ qua, tới nội dung chính" in body  # the site's frame, with its menu
    assert "Bad Request (400)" not in body
