"""Starting a report is one state change: two starts at once (a double click, a colleague,
the API) make one report and record "report.started" once."""

import threading

import pytest
from django.db import connection

from lotrinh.core.models import AuditEvent
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport
from tests.conftest import make_user


def _started_events(agency_id: int) -> int:
    ids = AgencyReport.objects.filter(agency_id=agency_id).values_list("pk", flat=True)
    return AuditEvent.objects.filter(
        action="report.started", object_id__in=[str(pk) for pk in ids]
    ).count()


def _colleague_starts_first(monkeypatch, colleague_start) -> None:
    """The colleague's start runs, whole, just before this call makes its report: the
    moment a check made before the lock would miss (on PostgreSQL the lock makes the
    second start wait there; here the colleague's start is run in that moment)."""
    real = AgencyReport.objects.get_or_create
    state = {"done": False}

    def get_or_create(*args, **kwargs):
        if not state["done"]:
            state["done"] = True
            colleague_start()
        return real(*args, **kwargs)

    monkeypatch.setattr(AgencyReport.objects, "get_or_create", get_or_create)


@pytest.mark.django_db
def test_a_start_that_finds_the_report_made_meanwhile_records_nothing(
    monkeypatch, regime, officer_a
) -> None:
    colleague = make_user("officer_a_twin", officer_a.agency.code, "reporter")
    _colleague_starts_first(monkeypatch, lambda: services.start_report(colleague, regime, 2025))
    report, started = services.start_report(officer_a, regime, 2025)
    assert started is False
    assert AgencyReport.objects.filter(agency=officer_a.agency).count() == 1
    assert _started_events(officer_a.agency_id) == 1
    event = AuditEvent.objects.get(action="report.started", object_id=str(report.pk))
    assert event.actor_id == colleague.pk


@pytest.mark.django_db
def test_a_start_says_whether_it_started_the_report(regime, officer_a) -> None:
    first, started = services.start_report(officer_a, regime, 2025)
    again, started_again = services.start_report(officer_a, regime, 2025)
    assert (started, started_again) == (True, False) and first.pk == again.pk
    assert _started_events(officer_a.agency_id) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
def test_two_officers_starting_at_once_make_one_report_and_one_event(
    seeded_live_server, officer_a
) -> None:
    from django.db import connections

    from lotrinh.programmes.models import Programme

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    colleague = make_user("officer_a_twin", officer_a.agency.code, "reporter")
    services.generate_periods(regime, 2025)  # the periods exist, as the daily cycle leaves them
    barrier = threading.Barrier(2)
    outcomes: list[bool] = []
    errors: list[BaseException] = []

    def start(user) -> None:
        try:
            barrier.wait()
            outcomes.append(services.start_report(user, regime, 2025)[1])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start, args=(u,)) for u in (officer_a, colleague)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(outcomes) == [False, True]
    assert AgencyReport.objects.filter(agency=officer_a.agency).count() == 1
    assert _started_events(officer_a.agency_id) == 1
