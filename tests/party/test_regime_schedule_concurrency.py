"""Two monitors of the Commission save different schedules of 52-NQ/TW 4.3 at the same
moment, from forms showing the same schedule: one wins, the other is told (issue 14)."""

import datetime
import threading

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
def test_concurrent_schedule_saves_one_wins_the_other_is_told(seeded_live_server) -> None:
    from django.db import connections

    from lotrinh.accounts.models import Role
    from lotrinh.agencies.models import Agency
    from lotrinh.programmes.services import current_programme
    from lotrinh.reporting.models import ReportingRegime
    from lotrinh.reporting.schedules import ScheduleConflict, set_regime_schedule
    from tests.conftest import make_user

    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    regime.recipient = Agency.objects.get(code="ban-kinh-te-trung-uong")
    regime.save(update_fields=["recipient"])
    successor = "ban-chinh-sach-chien-luoc-trung-uong"
    first = make_user("bcscl_a", successor, Role.AGENCY_MONITOR)
    second = make_user("bcscl_b", successor, Role.AGENCY_MONITOR)
    today = datetime.date(2025, 3, 10)
    set_regime_schedule(
        first, regime, frequency="semiannual", deadline_day=20, first_year=2025, today=today
    )
    regime.refresh_from_db()
    version = regime.schedule_version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user, frequency):  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            set_regime_schedule(
                user,
                regime,
                frequency=frequency,
                deadline_day=20,
                deadline_month=12 if frequency == "annual" else None,
                first_year=2025,
                today=today,
                version=version,
            )
            outcomes.append(frequency)
        except ScheduleConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(first, "quarterly")),
        threading.Thread(target=save, args=(second, "annual")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert "conflict" in outcomes and len(outcomes) == 2
    [winner] = [o for o in outcomes if o != "conflict"]
    regime.refresh_from_db()
    assert regime.scheduled_frequency == winner
    assert regime.schedule_version == version + 1
