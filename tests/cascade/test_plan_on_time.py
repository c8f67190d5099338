"""A plan issued on time does not turn late when the agency publishes another (issue 14,
audit of 04/12/2026: MOST's compliance page showed Hà Nội's 2025 plan "(muộn)" while Hà
Nội had issued 293/KH-UBND in 2020 on time, and the dashboard said done). The obligation
is met by the first plan the agency published for the programme; the compliance page and
the agency's dashboard read one rule (`plans.plan_obligation`)."""

import datetime

from django.urls import reverse

from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import compliance, rules
from lotrinh.reporting.plans import issued_plans
from tests.conftest import client_for

TODAY = datetime.date(2026, 12, 4)


def _plan(agency, national, code, day, status=ProgrammeStatus.PUBLISHED, version=1):  # type: ignore[no-untyped-def]
    return Programme.objects.create(
        code=code,
        slug=f"{code.lower().replace('/', '-')}-{version}",
        version=version,
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Kế hoạch thực hiện Chương trình hành động",
        issuer=agency,
        issue_date=day,
        implements=national,
        status=status,
    )


def test_a_plan_issued_on_time_stays_on_time_after_later_plans(hanoi, most_monitor) -> None:  # type: ignore[no-untyped-def]
    from lotrinh.dashboard.queries import agency_obligations

    national = current_programme("50/NQ-CP")
    due = compliance.picture(national, today=TODAY).plan_due
    assert due is not None
    # 293/KH-UBND on time, since superseded by its version 2 (issued after the deadline),
    # then another plan in 2025: neither later one makes the obligation late.
    _plan(hanoi, national, "293/KH-UBND", due, ProgrammeStatus.SUPERSEDED)
    _plan(hanoi, national, "293/KH-UBND", due + datetime.timedelta(days=90), version=2)
    _plan(hanoi, national, "308/KH-UBND", datetime.date(2025, 11, 17))

    plan = issued_plans(programme=national)[(hanoi.pk, national.code)]
    assert (plan.document_number, plan.document_date) == ("293/KH-UBND", due)
    row = next(r for r in compliance.picture(national, today=TODAY).rows if r.agency == hanoi)
    assert row.plan_state == rules.ON_TIME
    page = client_for(most_monitor).get(reverse("reporting:compliance")).content.decode()
    assert "293/KH-UBND</span>" in page and "308/KH-UBND" not in page

    ob = agency_obligations(most_monitor, hanoi, TODAY)
    plan_row = next(p for p in ob.plans if p.programme.code == national.code)
    assert plan_row.state == row.plan_state and not plan_row.late and not plan_row.overdue


def test_a_first_plan_issued_late_is_late_on_both_pages(hanoi, most_monitor) -> None:  # type: ignore[no-untyped-def]
    from lotrinh.dashboard.queries import agency_obligations

    national = current_programme("50/NQ-CP")
    due = compliance.picture(national, today=TODAY).plan_due
    assert due is not None
    _plan(hanoi, national, "308/KH-UBND", due + datetime.timedelta(days=1))
    row = next(r for r in compliance.picture(national, today=TODAY).rows if r.agency == hanoi)
    assert row.plan_state == rules.LATE
    ob = agency_obligations(most_monitor, hanoi, TODAY)
    plan_row = next(p for p in ob.plans if p.programme.code == national.code)
    assert plan_row.late
    page = client_for(most_monitor).get(reverse("dashboard:agency", args=[hanoi.code]))
    assert "Đã ban hành muộn" in page.content.decode()
