"""Starting a report through the API tells nothing about the regimes of other agencies: a
regime that exists but is not the caller's is answered exactly as one that does not exist
(the same status, code and message), whatever year is asked (a future one too)."""

from typing import Any

import pytest

from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import Programme
from lotrinh.reporting.models import AgencyReport, Frequency, ReportingRegime
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def others_regime(db: None) -> ReportingRegime:
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = ReportingRegime.objects.create(
        programme=programme,
        code="only-finance",
        name="Báo cáo riêng của Bộ Tài chính",
        frequency=Frequency.ANNUAL,
        deadline_month=12,
        deadline_day=15,
    )
    regime.reporters.set([Agency.objects.get(code="bo-tai-chinh")])
    return regime


def _start(client: Any, regime: int, year: int) -> Any:
    return client.post(
        "/api/v1/reports/", {"regime": regime, "year": year}, content_type="application/json"
    )


@pytest.mark.parametrize("year", [2025, 2099])
def test_another_agencys_regime_is_answered_as_a_missing_one(
    reporter_token: Any, others_regime: ReportingRegime, year: int
) -> None:
    client = token_client(reporter_token.secret)
    missing = ReportingRegime.objects.order_by("-pk").first().pk + 1000  # type: ignore[union-attr]
    before = (AgencyReport.objects.count(), AuditEvent.objects.count())
    not_ours = _start(client, others_regime.pk, year)
    absent = _start(client, missing, year)
    assert not_ours.status_code == absent.status_code == 400, not_ours.content
    assert not_ours.json() == absent.json()
    assert "chế độ báo cáo" in not_ours.json()["error"]["fields"]["regime"][0]
    assert (AgencyReport.objects.count(), AuditEvent.objects.count()) == before
    english = token_client(reporter_token.secret)
    english.cookies["django_language"] = "en"
    assert _start(english, others_regime.pk, year).json() == _start(english, missing, year).json()


def test_another_agencys_draft_report_and_entry_are_answered_as_missing_ones(
    reporter_token: Any, officer_b: Any
) -> None:
    from tests.conftest import client_for

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    started = _start(token_client(reporter_token.secret), regime.pk, 2025)
    report = AgencyReport.objects.get(pk=started.json()["id"])
    entry = report.entries.first()
    assert entry is not None
    outsider = client_for(officer_b)
    before = (report.version, report.sections_version, entry.version, AuditEvent.objects.count())
    missing_report = AgencyReport.objects.order_by("-pk").first().pk + 1000  # type: ignore[union-attr]
    missing_entry = entry.pk + 100000
    calls = [
        ("patch", "/api/v1/entries/{}/", {"result": "x"}),
        ("post", "/api/v1/reports/{}/steps/request-approval/", {}),
        ("put", "/api/v1/reports/{}/sections/", {"general_assessment": "x"}),
        ("get", "/api/v1/reports/{}/comments/", None),
    ]
    for method, path, body in calls:
        ids = (entry.pk, missing_entry) if "entries" in path else (report.pk, missing_report)
        answers = []
        for pk in ids:
            kwargs: dict[str, Any] = {"headers": {"if-match": '"v1"'}}
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            answers.append(getattr(outsider, method)(path.format(pk), **kwargs))
        assert answers[0].status_code == answers[1].status_code == 404, (path, answers[0])
        assert answers[0].json() == answers[1].json()
    report.refresh_from_db()
    entry.refresh_from_db()
    after = (report.version, report.sections_version, entry.version, AuditEvent.objects.count())
    assert after == before
