"""One rule says a report is late ("Quá hạn"), at an agency's level and a unit's: the
deadline has passed and the recipient does not have it (`rules.overdue`, docs/reporting.md
"Late"). Its query form (`models.received_rule`) keeps the same reports as the Python one.
The pages that show it: `tests/cascade/test_approved_unsent_is_late.py`."""

import datetime
import itertools

import pytest
from django.utils import timezone

from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import rules, services
from lotrinh.reporting.models import AgencyReport, ReportStatus, received_rule

DUE = datetime.date(2025, 11, 30)
AFTER = DUE + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "accepted", "late"),
    [
        (None, False, True),  # never opened
        ("draft", False, True),
        ("approved", False, True),  # the leader approved it, nobody sent it on
        ("returned", False, True),
        ("returned", True, True),  # returned again after a revision was sent
        ("submitted", False, False),
        ("accepted", True, False),
        ("draft", True, False),  # reopened after acceptance: the accepted copy stands
        ("approved", True, False),
    ],
)
def test_late_is_past_the_deadline_and_not_in_the_recipients_hands(status, accepted, late) -> None:
    assert rules.overdue(due=DUE, today=AFTER, status=status, accepted=accepted) is late
    # Never before the deadline, nor on the day itself.
    assert not rules.overdue(due=DUE, today=DUE, status=status, accepted=accepted)


def test_the_compliance_cell_of_an_approved_report_past_its_deadline_is_missing() -> None:
    cell = rules.classify_report(
        due=DUE, first_submitted=None, status="approved", today=AFTER, accepted=False
    )
    assert cell == rules.MISSING


@pytest.mark.django_db
def test_the_query_keeps_the_reports_the_rule_says_the_recipient_has(seeded_db) -> None:
    programme = current_programme("50/NQ-CP")
    period = next(
        p
        for p in services.generate_periods(
            programme.reporting_regimes.get(code="annual-report"), 2025
        )
        if p.year == 2025
    )
    agencies = iter(Agency.objects.order_by("pk"))
    made = []
    for status, accepted in itertools.product(ReportStatus.values, (False, True)):
        report = AgencyReport.objects.create(agency=next(agencies), period=period)
        AgencyReport.objects.filter(pk=report.pk).update(
            status=status, accepted_at=timezone.now() if accepted else None
        )
        made.append(AgencyReport.objects.select_related("period").get(pk=report.pk))
    kept = set(
        AgencyReport.objects.filter(received_rule(), period=period).values_list("pk", flat=True)
    )
    assert kept == {r.pk for r in made if r.received}
    assert {r.pk for r in made if not r.overdue_on(AFTER)} == kept
