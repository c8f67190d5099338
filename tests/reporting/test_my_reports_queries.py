"""The reporter's "my reports" page (/bao-cao/): as many queries with one year of
reports as with many, whether or not this year's report has been started."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotrinh.reporting import services
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


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
    small, page = queries_of(client)
    # Years not started are offered to start (this year among them).
    assert f'value="{today.year}"' in page
    for period in services.generate_periods(regime, today.year):
        services.ensure_report(officer_a.agency, period)
    large, page = queries_of(client)
    assert f'value="{today.year}"' not in page  # every year started: nothing to offer
    assert large == small
