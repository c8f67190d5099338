"""The reporter's "my reports" page (/bao-cao/): as many queries with one year of
reports as with many, whether or not this year's report has been started."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotrinh.reporting import services
from tests.conftest import client_for

# The page's own rendering is counted, not a page served again (core/replay_cache.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_rendered")]


def queries_of(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reporting:my_reports"))
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_my_reports_needs_as_many_queries_with_one_year_as_with_every_year(regime, officer_a):
    today = timezone.localdate()
    client = client_for(officer_a)
    periods = services.generate_periods(regime, today.year)
    services.ensure_report(officer_a.agency, periods[0])
    queries_of(client)  # process-wide caches (content types) filled, whatever ran before
    small, page = queries_of(client)
    # Years not started are offered to start (this year among them).
    assert f'value="{today.year}"' in page
    for period in services.generate_periods(regime, today.year):
        services.ensure_report(officer_a.agency, period)
    large, page = queries_of(client)
    assert f'value="{today.year}"' not in page  # every year started: nothing to offer
    assert large == small


def _fields(obj) -> tuple:
    return tuple(getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields)


def test_the_pages_compiled_queries_read_what_the_querysets_read(
    regime, officer_a, officer_b, django_assert_num_queries
):
    """`_MyReportsQueries` and `services.periods_of` give the rows of the querysets they
    replaced: the agency's annual reports, its reports under other regimes (none, or
    excluding the annual regime), its unread notifications, the regime's periods."""
    from lotrinh.reporting.models import AgencyReport, Notification, ReportingPeriod
    from lotrinh.reporting.views import _my_reports_queries

    today = timezone.localdate()
    for period in services.generate_periods(regime, today.year)[:3]:
        services.ensure_report(officer_a.agency, period)
        services.ensure_report(officer_b.agency, period)
    for i in range(14):
        Notification.objects.create(
            user=officer_a, message=f"m{i}", read_at=None if i % 3 else today
        )
    queries = _my_reports_queries()
    (found_regime,) = queries.regime.objects(regime.programme_id)
    assert (
        found_regime.pk
        == regime.programme.reporting_regimes.filter(code="annual-report").first().pk
    )
    existing = list(
        AgencyReport.objects.filter(agency_id=officer_a.agency_id, period__regime=regime)
        .select_related("period", "agency")
        .order_by("period__year")
    )
    found = queries.existing.objects(officer_a.agency_id, regime.pk)
    assert [(_fields(r), _fields(r.period), _fields(r.agency)) for r in found] == [
        (_fields(r), _fields(r.period), _fields(r.agency)) for r in existing
    ] and len(found) == 3
    others = AgencyReport.objects.filter(agency_id=officer_a.agency_id, unit__isnull=True)
    order = ("-period__year", "-period__part", "period__regime_id")
    for regime_id, expected in (
        (regime.pk, others.exclude(period__regime=regime)),
        (0, others),
    ):
        expected = list(expected.select_related("period__regime__programme").order_by(*order)[:24])
        found = queries.others.objects(officer_a.agency_id, regime_id)
        assert [(_fields(r), _fields(r.period.regime.programme)) for r in found] == [
            (_fields(r), _fields(r.period.regime.programme)) for r in expected
        ]
    assert len(queries.others.objects(officer_a.agency_id, 0)) == 3
    unread = list(officer_a.notifications.filter(read_at__isnull=True)[:10])
    assert [_fields(n) for n in queries.unread.objects(officer_a.pk)] == [
        _fields(n) for n in unread
    ]
    assert len(unread) == 9
    expected_periods = list(regime.periods.all())
    with django_assert_num_queries(1):
        periods = services.periods_of(regime, today.year)
        assert [p.regime.code for p in periods] == [regime.code] * len(periods)
    stored = [p for p in periods if p.pk]
    assert [_fields(p) for p in stored] == [_fields(p) for p in expected_periods]
    assert ReportingPeriod.objects.filter(regime=regime).count() == len(stored)


def test_the_periods_read_with_their_regime_are_not_read_again(regime, django_assert_num_queries):
    from lotrinh.reporting.models import ReportingRegime

    today = timezone.localdate()
    services.generate_periods(regime, today.year)
    expected = [p.pk for p in services.periods_of(regime, today.year)]
    with_periods = ReportingRegime.objects.prefetch_related("periods").get(pk=regime.pk)
    with django_assert_num_queries(0):
        assert [p.pk for p in services.periods_of(with_periods, today.year)] == expected


def test_my_reports_list_the_latest_period_first(regime, officer_a):
    periods = services.generate_periods(regime, timezone.localdate().year)
    reports = [services.ensure_report(officer_a.agency, p) for p in periods]
    assert len(reports) > 2
    body = client_for(officer_a).get(reverse("reporting:my_reports")).content.decode()
    positions = [body.index(f"/bao-cao/{r.pk}/") for r in reports]  # periods in date order
    assert positions == sorted(positions, reverse=True)
