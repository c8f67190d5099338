"""A Party committee's plan page (/bao-cao/ke-hoach/, "Kế hoạch thực hiện của cơ quan" on
its reports page) is about the Party resolution it reports on, not the Government's
50/NQ-CP, which does not address it: an issued plan it records is a child programme of
52-NQ/TW, the one the Commission's consolidated report counts. A ministry's page is
unchanged."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme
from lotrinh.reporting import plans, services
from lotrinh.reporting.models import Frequency, ReportingPeriod
from lotrinh.reporting.schedules import set_regime_schedule
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee_reporter(regime, people):
    admin = people["admin"]
    set_regime_schedule(
        admin,
        regime,
        frequency=Frequency.SEMIANNUAL,
        deadline_day=20,
        first_year=2025,
        recipient=regime.recipient,
        today=datetime.date(2025, 7, 10),
    )
    services.open_reporting_cycle(datetime.date(2025, 7, 10))
    assert ReportingPeriod.objects.filter(regime=regime).exists()
    return people["reporter"]


def test_a_party_committees_plan_page_is_about_52_nq_tw(committee_reporter):
    page = client_for(committee_reporter).get(reverse("reporting:plan")).content.decode()
    assert "Kế hoạch thực hiện 52-NQ/TW" in page
    assert "50/NQ-CP" not in page


def test_a_plan_a_party_committee_records_implements_52_nq_tw(committee_reporter):
    client_for(committee_reporter).post(
        reverse("reporting:plan_save"), {"number": "15-CTr/TU", "date": "2025-03-01"}
    )
    plan = Programme.objects.get(code="15-CTr/TU")
    assert plan.implements.code == "52-NQ/TW"
    assert plan.issuer == committee_reporter.agency
    assert (
        not plans.child_plans(programme=Programme.objects.get(code="50/NQ-CP", version=1))
        .filter(issuer=committee_reporter.agency)
        .exists()
    )


def test_a_party_body_without_reports_or_plans_is_offered_no_form(seeded_db):
    body = Agency.objects.get(code="dang-uy-cong-an-trung-uong")
    reporter = make_user("dubca_r", body.code, Role.REPORTER)
    page = client_for(reporter).get(reverse("reporting:plan")).content.decode()
    assert "50/NQ-CP" not in page and 'name="number"' not in page
    response = client_for(reporter).post(
        reverse("reporting:plan_save"), {"number": "1-KH", "date": "2025-03-01"}
    )
    assert response.status_code == 302
    assert not Programme.objects.filter(code="1-KH").exists()


def test_a_ministrys_plan_page_stays_on_50_nq_cp(people):
    page = client_for(people["other_reporter"]).get(reverse("reporting:plan")).content.decode()
    assert "Kế hoạch thực hiện 50/NQ-CP" in page
