"""Starting a report through the API asks each question once: whether the regime is the
agency's (start_report's rule) and whether the report existed (the start's answer)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotrinh.programmes.models import Programme
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def test_a_start_through_the_api_asks_each_question_once(reporter_token) -> None:
    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    client = token_client(reporter_token.secret)
    body = {"regime": regime.pk, "year": 2025}
    assert client.post("/api/v1/reports/", body, content_type="application/json").status_code == 201
    with CaptureQueriesContext(connection) as queries:
        again = client.post("/api/v1/reports/", body, content_type="application/json")
    assert again.status_code == 200  # found, not started: no second report, no event
    sql = [q["sql"] for q in queries.captured_queries]
    # The regime's reporters asked once (it was asked twice: own_regime, then start_report).
    regime_checks = [q for q in sql if q.startswith('SELECT 1 AS "a" FROM "agencies_agency"')]
    assert len(regime_checks) == 2  # whose regime; is the agency expected in this period
    # The report looked for once, under the lock (the API asked before the service too).
    assert len([q for q in sql if 'FROM "reporting_agencyreport"' in q]) == 1
    assert len(sql) <= 13
