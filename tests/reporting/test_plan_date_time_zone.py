"""A plan issued today in Hà Nội is not "in the future" before 07:00 there, when the
server's clock (UTC) still reads yesterday."""

import datetime
import zoneinfo

import pytest
import time_machine

from lotrinh.programmes.models import Programme
from lotrinh.reporting import plans
from lotrinh.reporting.services import WorkflowError

pytestmark = pytest.mark.django_db

UTC = zoneinfo.ZoneInfo("UTC")


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


# 18:00 UTC on 15 November 2024 (the server's zone) is 01:00 on the 16th in Hà Nội.
@time_machine.travel(datetime.datetime(2024, 11, 15, 18, 0, tzinfo=UTC), tick=False)
def test_a_plan_dated_today_in_ha_noi_is_recorded_after_midnight_there(programme, officer_a):
    plan = plans.record_plan(
        officer_a, officer_a.agency, programme, number="12/KH-BYT", date=datetime.date(2024, 11, 16)
    )
    assert plan.issue_date == datetime.date(2024, 11, 16)
    with pytest.raises(WorkflowError):
        plans.record_plan(
            officer_a,
            officer_a.agency,
            programme,
            number="13/KH-BYT",
            date=datetime.date(2024, 11, 17),
        )
