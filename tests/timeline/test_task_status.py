"""The latest status of each task, as each person may see it (task list, overview, timeline)."""

import pytest

from lotrinh.reporting import services
from lotrinh.reporting.task_status import NO_REPORT, task_states
from tests.timeline.conftest import bring_to

pytestmark = pytest.mark.django_db

# Who sees Bộ Y tế's statuses in each state (the report visibility rule).
SEES = {
    "anonymous": {"accepted"},
    "officer_a": {"draft", "approved", "submitted", "returned", "accepted"},
    "officer_b": {"accepted"},
    "most_monitor": {"submitted", "returned", "accepted"},
    "oversight_reader": {"submitted", "accepted"},
}
# A draft's or a returned report's statement never counts, whoever may read the report.
COUNTED = {"approved", "submitted", "accepted"}


@pytest.mark.parametrize("state", ["draft", "approved", "submitted", "returned", "accepted"])
@pytest.mark.parametrize("persona", sorted(SEES))
def test_a_status_is_seen_by_those_who_may_read_the_report(
    persona, state, request, report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, state, officer_a, approver_a, most_monitor, status="overdue")
    viewer = None if persona == "anonymous" else request.getfixturevalue(persona)
    states = task_states("50/NQ-CP", viewer)
    refs = set(report_a.entries.values_list("task__ref", flat=True))
    assert refs
    if state in SEES[persona] & COUNTED:
        assert {states[r].status for r in refs} == {"overdue"}
        assert {states[r].year for r in refs} == {2024}
        assert all(states[r].accepted == (state == "accepted") for r in refs)
    else:
        assert not refs & set(states)


def test_a_reopened_report_leaves_the_public_until_published_again(
    report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="in_progress")
    services.revise_accepted_report(report_a, officer_a, "Bổ sung")
    report_a.refresh_from_db()
    entry = report_a.entries.select_related("task").first()
    services.save_entry(
        entry,
        officer_a,
        {"status": "done_late", "result": "x", "evidence_number": "1/QĐ"},
        expected_version=entry.version,
    )
    # Public is accepted AND published (docs/portal.md): the reopened report is neither.
    assert entry.task.ref not in task_states("50/NQ-CP", None)
    # The revision is a draft: its own agency does not count it either, until approved.
    assert entry.task.ref not in task_states("50/NQ-CP", officer_a)
    report_a.refresh_from_db()
    services.approve_report(report_a, approver_a)
    own = task_states("50/NQ-CP", officer_a)[entry.task.ref]
    assert own.status == "done_late" and not own.accepted


def test_the_latest_year_wins_and_in_a_year_an_accepted_statement(
    regime, officer_a, approver_a, most_monitor
):
    periods = {p.year: p for p in services.generate_periods(regime, 2025)}
    old = services.ensure_report(officer_a.agency, periods[2023])
    bring_to(old, "accepted", officer_a, approver_a, most_monitor, status="done_on_time")
    new = services.ensure_report(officer_a.agency, periods[2024])
    bring_to(new, "submitted", officer_a, approver_a, most_monitor, status="overdue")
    ref = new.entries.first().task.ref
    assert task_states("50/NQ-CP", None)[ref].status == "done_on_time"
    assert task_states("50/NQ-CP", most_monitor)[ref].status == "overdue"
    assert NO_REPORT not in {s.status for s in task_states("50/NQ-CP", most_monitor).values()}


def test_the_number_of_queries_does_not_grow_with_reports(
    regime, officer_a, approver_a, most_monitor, django_assert_max_num_queries
):
    periods = {p.year: p for p in services.generate_periods(regime, 2025)}
    for year in (2022, 2023, 2024):
        report = services.ensure_report(officer_a.agency, periods[year])
        bring_to(report, "accepted", officer_a, approver_a, most_monitor)
    with django_assert_max_num_queries(3):
        assert task_states("50/NQ-CP", most_monitor)
