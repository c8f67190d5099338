"""Two officers saving the same entry at the same moment: one wins, the other is told."""

import threading

import pytest
from django.db import connection

from lotrinh.reporting import services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
def test_concurrent_saves_never_overwrite_silently(seeded_live_server, regime, officer_a):
    from django.db import connections

    from tests.conftest import make_user

    colleague = make_user("officer_a_twin", officer_a.agency.code, "reporter")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)
    entry = report.entries.first()
    version = entry.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user, text):
        try:
            barrier.wait()
            services.save_entry(
                entry, user, {"status": "in_progress", "result": text}, expected_version=version
            )
            outcomes.append("saved")
        except services.ConflictError:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(officer_a, "A")),
        threading.Thread(target=save, args=(colleague, "B")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    entry.refresh_from_db()
    assert entry.version == version + 1 and entry.result in ("A", "B")
