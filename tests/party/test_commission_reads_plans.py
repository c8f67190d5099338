"""The Commission's monitors read the plan page of a body that reports to it (a provincial
Party committee's programme for 52-NQ/TW), as they read its reports; not the plan of an
agency that reports elsewhere (a ministry to MOST). MOST reads both, as before."""

import pytest
from django.urls import reverse

from lotrinh.reporting import services
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_commission_reads_a_reporting_committees_plan(regime, people) -> None:
    committee = people["reporter"].agency
    assert services.reporter_candidates(regime).filter(pk=committee.pk).exists()
    url = reverse("reporting:plan_of", args=[committee.code])
    assert client_for(people["monitor"]).get(url).status_code == 200
    assert client_for(people["most"]).get(url).status_code == 200


def test_the_commission_does_not_read_a_ministrys_plan(regime, people) -> None:
    url = reverse("reporting:plan_of", args=["bo-y-te"])
    assert client_for(people["monitor"]).get(url).status_code == 403
    assert (
        client_for(people["other_reporter"])
        .get(reverse("reporting:plan_of", args=[people["reporter"].agency.code]))
        .status_code
        == 403
    )
