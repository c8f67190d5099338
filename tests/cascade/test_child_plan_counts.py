"""An agency's plan published as a child programme is its implementation plan wherever the
plan is counted: MOST's compliance page, the agency's dashboard and MOST's front page
(`reporting.plans.issued_plans`, one rule)."""

import datetime

from django.urls import reverse

from lotrinh.programmes.models import ProgrammeStatus
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import compliance
from lotrinh.reporting.plans import issued_plans
from tests.cascade.conftest import plan_of
from tests.conftest import client_for


def test_a_published_child_plan_is_the_agencys_plan(hanoi, most_monitor) -> None:
    national = current_programme("50/NQ-CP")
    before = compliance.picture(national, today=datetime.date(2025, 12, 15))
    row = next(r for r in before.rows if r.agency.pk == hanoi.pk)
    assert row.plan is None or not row.plan.is_issued

    child = plan_of(hanoi, national, {})
    assert (hanoi.pk, national.code) not in issued_plans(programme=national)  # a draft
    child.status = ProgrammeStatus.PUBLISHED
    child.save()

    plan = issued_plans(programme=national)[(hanoi.pk, national.code)]
    assert (plan.document_number, plan.document_date) == (child.code, child.issue_date)
    after = compliance.picture(national, today=datetime.date(2025, 12, 15))
    row = next(r for r in after.rows if r.agency.pk == hanoi.pk)
    assert row.plan_state != compliance.rules.MISSING and row.plan.document_number == child.code
    page = client_for(most_monitor).get(reverse("reporting:compliance"))
    assert child.code in page.content.decode()
    assert issued_plans(agency=hanoi)[(hanoi.pk, national.code)].document_number == child.code
