"""The publish button clicked twice, or sent again from a stale tab, or by two monitors at
the same moment: one publication of what is accepted, the second told it is already
public (not a second record of the same reports at the same revisions)."""

import threading
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from lotrinh.portal import services
from lotrinh.portal.models import Publication
from lotrinh.reporting import services as reporting
from tests.conftest import AGENCY_A, AGENCY_B, client_for

pytestmark = pytest.mark.django_db


def test_a_double_click_on_publish_a_report_makes_one_publication(cycle: Any) -> None:
    report = cycle.accepted(AGENCY_A, 2022, "x")
    client = client_for(cycle.most)
    form = {"kind": "report", "report": str(report.pk), "note": ""}
    client.post(reverse("portal:publish"), form)
    again = client.post(reverse("portal:publish"), form, follow=True)
    assert Publication.objects.count() == 1
    assert "đã được công bố" in again.content.decode()
    with pytest.raises(services.PublicationError):
        services.publish_report(cycle.most, report)
    assert Publication.objects.count() == 1


def test_a_report_revised_and_accepted_again_is_published_again(cycle: Any) -> None:
    report = cycle.accepted(AGENCY_A, 2022, "x")
    services.publish_report(cycle.most, report)
    revised = reporting.revise_accepted_report(
        report, cycle.reporters[AGENCY_A], "Điều chỉnh số liệu"
    )
    revised = cycle.to_state(revised, "accepted")
    services.publish_report(cycle.most, revised)
    assert Publication.objects.count() == 2


def test_a_period_published_twice_unchanged_is_one_publication_and_a_new_report_is_not(
    cycle: Any,
) -> None:
    first = cycle.accepted(AGENCY_A, 2023, "one")
    services.publish_period(cycle.most, first.period)
    with pytest.raises(services.PublicationError):
        services.publish_period(cycle.most, first.period)
    assert Publication.objects.count() == 1
    cycle.accepted(AGENCY_B, 2023, "two")  # a report accepted since: a new publication
    services.publish_period(cycle.most, first.period)
    assert Publication.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
def test_two_monitors_publishing_a_report_at_once_make_one_publication(
    seeded_live_server: Any, request: Any
) -> None:
    from django.db import connections

    cycle = request.getfixturevalue("cycle")  # after the seed is loaded
    report = cycle.accepted(AGENCY_A, 2022, "x")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def publish() -> None:
        try:
            barrier.wait()
            services.publish_report(cycle.most, report)
            outcomes.append("published")
        except services.PublicationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["published", "refused"]
    assert Publication.objects.count() == 1
