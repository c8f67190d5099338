"""MOST's front page, "Nhiệm vụ theo tình trạng" and "Theo nhóm nhiệm vụ": each task is
counted once, by the one status its page shows (reporting/task_status.py), so every
group's columns add up to its number of tasks."""

from collections import Counter

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.dashboard import queries
from lotrinh.programmes.models import Task
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, ReportEntry, ReportStatus, TaskStatus
from lotrinh.reporting.task_status import NO_REPORT, task_states
from tests.conftest import AGENCY_B, make_user
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db


def _column_sum(row) -> int:
    return sum(row.counts[key] for key in queries.TASK_STATUS_ORDER)


def _page_statuses(overview, user) -> dict[int, Counter[str]]:
    """What each task's page shows, counted by group."""
    programmes = {row.group.programme for row in overview.groups}
    found: dict[int, Counter[str]] = {}
    for programme in programmes:
        states = task_states(programme, user)
        for ref, group_id in Task.objects.filter(
            programme__code=programme.code, programme__status="published"
        ).values_list("ref", "group_id"):
            state = states.get(ref)
            found.setdefault(group_id, Counter())[state.status if state else NO_REPORT] += 1
    return found


@pytest.fixture
def two_leads(periods, officer_a, approver_a):
    """Bộ Y tế and Bộ Tài chính both sent their 2024 report: the tasks addressed to every
    ministry have two statements each."""
    officer_b = make_user("officer_b2", AGENCY_B, "reporter")
    approver_b = make_user("approver_b2", AGENCY_B, "approver")
    report_a = services.ensure_report(officer_a.agency, periods[2024])
    report_b = services.ensure_report(officer_b.agency, periods[2024])
    for report, officer, approver, status in (
        (report_a, officer_a, approver_a, "done_on_time"),
        (report_b, officer_b, approver_b, "overdue"),
    ):
        fill(report, officer, status=status)
        services.approve_report(report, approver)
        services.submit_report(report, approver)
    shared = set(report_a.entries.values_list("task_id", flat=True)) & set(
        report_b.entries.values_list("task_id", flat=True)
    )
    assert shared, "the seeded programme addresses tasks to every ministry"
    return report_a, report_b, shared


def test_a_task_with_two_lead_statements_counts_once(two_leads, most_monitor):
    _a, _b, shared = two_leads
    overview = queries.most_overview(most_monitor, timezone.localdate())
    for row in overview.groups:
        assert _column_sum(row) == row.tasks, row.group.ref
    total = sum(row.tasks for row in overview.groups)
    assert sum(n for _k, _l, n in overview.task_status) == total
    # One lead overdue, the other done: the task is overdue (the roll-up rule), once.
    by_status = dict((k, n) for k, _l, n in overview.task_status)
    assert by_status[TaskStatus.OVERDUE] >= len(shared)
    page = _page_statuses(overview, most_monitor)
    for row in overview.groups:
        assert +row.counts == +page.get(row.group.pk, Counter())


STATES = st.sampled_from([s.value for s in ReportStatus])
STATUSES = st.sampled_from([s.value for s in TaskStatus])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_row_adds_up_to_its_tasks_whatever_the_statements(two_leads, most_monitor, data):
    report_a, report_b, _shared = two_leads
    for report in (report_a, report_b):
        AgencyReport.objects.filter(pk=report.pk).update(status=data.draw(STATES))
        for entry_id in report.entries.values_list("pk", flat=True):
            ReportEntry.objects.filter(pk=entry_id).update(status=data.draw(STATUSES))
    overview = queries.most_overview(most_monitor, timezone.localdate())
    for row in overview.groups:
        assert _column_sum(row) == row.tasks
        assert row.reported == row.tasks - row.counts[NO_REPORT]
    by_status = Counter({k: n for k, _l, n in overview.task_status})
    assert sum(by_status.values()) == sum(row.tasks for row in overview.groups)
    page = _page_statuses(overview, most_monitor)
    for row in overview.groups:
        assert +row.counts == +page.get(row.group.pk, Counter())
