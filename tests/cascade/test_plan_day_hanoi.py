"""A plan imported without its date is dated by Hà Nội's day, not the server's (UTC): at
06:30 in Hà Nội on 5 December the server's clock still reads 4 December."""

import datetime

import pytest
import time_machine

from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.demo_cascade import MINISTRY_PLAN
from tests.conftest import AGENCY_A

pytestmark = pytest.mark.django_db


def test_a_plan_without_a_date_takes_hanois_day(seeded_db: None) -> None:
    national = current_programme("50/NQ-CP")
    ministry = Agency.objects.get(code=AGENCY_A)
    with time_machine.travel(datetime.datetime(2026, 12, 4, 23, 30, tzinfo=datetime.UTC)):
        # The demo's plan is dated now (demo_cascade.INVENTED_PLAN_DAY): without its date.
        header = {k: v for k, v in MINISTRY_PLAN["programme"].items() if k != "issue_date"}
        undated = {**MINISTRY_PLAN, "programme": header}
        plan = cascade.child_from_parse(undated, ministry, national, None, code="98/KH-BYT")
    assert plan.issue_date == datetime.date(2026, 12, 5)
