"""The public copies read by every public page, compiled once per connection
(permissions.public_copy_rows), are the rows of the queryset of the rule they come from
(permissions.public_copies_queryset): reports in every state, published or not, revised
after publication, withdrawn, and another programme's code."""

import pytest

from lotrinh.accounts import permissions as perms
from lotrinh.portal.services import withdraw_publication
from lotrinh.reporting import services
from tests.conftest import AGENCY_A, AGENCY_B
from tests.portal.conftest import STATES

pytestmark = pytest.mark.django_db


def _same(code: str) -> list[tuple[int, int]]:
    expected = list(perms.public_copies_queryset(code))
    assert perms.public_copy_rows(code) == expected
    return expected


def test_the_compiled_rows_are_the_rules_rows_in_every_state(cycle):
    code = cycle.programme.code
    assert _same(code) == []
    made = {}
    for published, agency in ((False, AGENCY_A), (True, AGENCY_B)):
        for year, state in zip(range(2020, 2025), STATES, strict=True):
            made[(state, published)] = cycle.in_state(agency, year, state, published)
    rows = _same(code)
    public = made[("accepted", True)]
    assert {report_id for _, report_id in rows} == {public.pk}
    assert _same("NO/SUCH-CODE") == []

    # Revised after publication: off the public rows until published again.
    revised = services.revise_accepted_report(public, cycle.reporters[AGENCY_B], "Sửa số liệu")
    assert _same(code) == []
    cycle.fill(revised, "again")
    revised = cycle.to_state(revised, "accepted")
    assert _same(code) == []
    publication = cycle.publish(revised)
    assert {report_id for _, report_id in _same(code)} == {public.pk}

    # Withdrawn: off again.
    withdraw_publication(cycle.most, publication, "Kiểm tra lại", publication.version)
    assert _same(code) == []


def test_the_public_copies_are_read_from_the_compiled_rows(cycle):
    report = cycle.accepted(AGENCY_A, 2023, "MARKCOPYZ9")
    assert services.accepted_copies(cycle.programme.code) == []
    cycle.publish(report)
    (copy,) = services.accepted_copies(cycle.programme.code)
    assert copy.report_id == report.pk
    assert copy.pk == max(pk for pk, _ in perms.public_copy_rows(cycle.programme.code))
