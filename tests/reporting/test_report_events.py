"""The report page reads its audit events once (reporting/report_events.py): the answers
it takes from them are those of the queries they replace, with few or many events."""

import pytest

from lotrinh.core.audit import events_for, record_event
from lotrinh.reporting import guidance, services
from lotrinh.reporting.carry import TASKS_CHANGED
from lotrinh.reporting.models import ReportStatus
from lotrinh.reporting.report_events import SHOWN, ReportEvents

pytestmark = pytest.mark.django_db

ORDER = ("-occurred_at", "-id")


def _events(report, officer, actions: list[str]) -> None:
    for i, action in enumerate(actions):
        record_event(officer, action, report, note=f"{action} {i}")


def _same(report, user) -> None:
    events = ReportEvents(report)
    shown = list(events_for(report).order_by(*ORDER)[:SHOWN])
    assert [e.pk for e in events.shown] == [e.pk for e in shown]
    assert [e.pk for e in events.of(TASKS_CHANGED)] == [
        e.pk for e in events_for(report).filter(action=TASKS_CHANGED).order_by(*ORDER)
    ]
    assert services.leader_comment(report, events) == services.leader_comment(report)
    assert guidance.next_step(report, user, events) == guidance.next_step(report, user)
    assert guidance.approval_requested_at(report, events) == guidance.approval_requested_at(report)


@pytest.mark.parametrize(
    "actions",
    [
        [],
        ["report.sent_back"],
        ["report.approval_requested"],
        ["report.sent_back", TASKS_CHANGED, "report.entry_saved"],
        [TASKS_CHANGED, "report.approval_requested", "report.entry_saved", "report.entry_saved"],
        # Many events: the answers lie beyond the newest ones read.
        ["report.sent_back", TASKS_CHANGED] + ["report.entry_saved"] * (SHOWN + 5),
        ["report.approval_requested"] + ["report.entry_saved"] * SHOWN,
        ["report.entry_saved"] * (SHOWN + 3) + [TASKS_CHANGED, "report.sent_back"],
    ],
)
def test_the_page_answers_as_the_queries_do(report_a, officer_a, actions: list[str]) -> None:
    report_a.status = ReportStatus.DRAFT
    report_a.save()
    _events(report_a, officer_a, actions)
    _same(report_a, officer_a)


def test_few_events_are_read_in_one_query(report_a, officer_a, django_assert_num_queries) -> None:
    _events(report_a, officer_a, ["report.sent_back", TASKS_CHANGED])
    report_a.status = ReportStatus.DRAFT
    with django_assert_num_queries(1):
        events = ReportEvents(report_a)
        assert services.leader_comment(report_a, events).note == "report.sent_back 0"
        assert len(events.of(TASKS_CHANGED)) == 1
        guidance.approval_requested_at(report_a, events)
