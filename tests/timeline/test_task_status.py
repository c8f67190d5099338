"""The latest status of each task, as each person may see it (task list, overview, timeline)."""

import pytest

from lotrinh.programmes.services import current_programme
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
    states = task_states(current_programme("50/NQ-CP"), viewer)
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
    assert entry.task.ref not in task_states(current_programme("50/NQ-CP"), None)
    # The revision is a draft: its own agency does not count it either, until approved.
    assert entry.task.ref not in task_states(current_programme("50/NQ-CP"), officer_a)
    report_a.refresh_from_db()
    services.approve_report(report_a, approver_a)
    own = task_states(current_programme("50/NQ-CP"), officer_a)[entry.task.ref]
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
    assert task_states(current_programme("50/NQ-CP"), None)[ref].status == "done_on_time"
    assert task_states(current_programme("50/NQ-CP"), most_monitor)[ref].status == "overdue"
    assert NO_REPORT not in {
        s.status for s in task_states(current_programme("50/NQ-CP"), most_monitor).values()
    }


def test_the_number_of_queries_does_not_grow_with_reports(
    regime, officer_a, approver_a, most_monitor, django_assert_max_num_queries
):
    periods = {p.year: p for p in services.generate_periods(regime, 2025)}
    for year in (2022, 2023, 2024):
        report = services.ensure_report(officer_a.agency, periods[year])
        bring_to(report, "accepted", officer_a, approver_a, most_monitor)
    national = current_programme("50/NQ-CP")
    with django_assert_max_num_queries(3):
        assert task_states(national, most_monitor)


def test_a_returned_report_never_sets_the_status(regime, officer_a, approver_a, most_monitor):
    """MOST returned the 2024 report: the task page keeps the accepted 2023 statement."""
    periods = {p.year: p for p in services.generate_periods(regime, 2025)}
    old = services.ensure_report(officer_a.agency, periods[2023])
    bring_to(old, "accepted", officer_a, approver_a, most_monitor, status="in_progress")
    new = services.ensure_report(officer_a.agency, periods[2024])
    bring_to(new, "returned", officer_a, approver_a, most_monitor, status="done_on_time")
    ref = new.entries.first().task.ref
    for viewer in (most_monitor, officer_a, None):
        state = task_states(current_programme("50/NQ-CP"), viewer)[ref]
        assert (state.status, state.year, state.accepted) == ("in_progress", 2023, True)


@pytest.fixture
def leads_b():
    from tests.conftest import AGENCY_B, make_user

    return make_user("officer_b3", AGENCY_B, "reporter"), make_user(
        "approver_b3", AGENCY_B, "approver"
    )


def test_the_leads_statements_of_the_year_are_combined_by_the_roll_up_rule(
    report_a, report_b, officer_a, approver_a, leads_b, most_monitor
):
    from lotrinh.reporting.rollup import combine_statuses

    officer_b, approver_b = leads_b
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="done_on_time")
    bring_to(report_b, "submitted", officer_b, approver_b, most_monitor, status="in_progress")
    shared = set(report_a.entries.values_list("task__ref", flat=True)) & set(
        report_b.entries.values_list("task__ref", flat=True)
    )
    assert shared
    states = task_states(current_programme("50/NQ-CP"), most_monitor)
    for ref in shared:
        state = states[ref]
        assert state.status == combine_statuses(["done_on_time", "in_progress"]) == "in_progress"
        assert state.year == 2024
        assert not state.accepted  # Bộ Tài chính's statement is not accepted yet
        assert [vi for vi, _en in state.agencies] == ["Bộ Tài chính", "Bộ Y tế"]
    # The public reads only the published accepted report: Bộ Y tế's, alone.
    public = task_states(current_programme("50/NQ-CP"), None)
    ref = sorted(shared)[0]
    assert public[ref].status == "done_on_time" and public[ref].accepted
    assert [vi for vi, _en in public[ref].agencies] == ["Bộ Y tế"]


def test_the_task_page_says_whose_statements_it_combines(
    report_a, report_b, officer_a, approver_a, leads_b, most_monitor
):
    from django.urls import reverse

    from lotrinh.programmes.models import Task
    from tests.conftest import client_for

    officer_b, approver_b = leads_b
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="done_on_time")
    bring_to(report_b, "accepted", officer_b, approver_b, most_monitor, status="overdue")
    task_id = sorted(
        set(report_a.entries.values_list("task_id", flat=True))
        & set(report_b.entries.values_list("task_id", flat=True))
    )[0]
    task = Task.objects.select_related("programme", "clause").get(pk=task_id)
    url = reverse("programmes:task", args=[task.programme.slug, task.clause.anchor])
    client = client_for(most_monitor)
    html = client.get(url).content.decode()
    state = html[html.index('id="task-state"') :]
    state = state[: state.index("</td>")]
    assert "Quá hạn" in state and "chưa được tiếp nhận" not in state
    assert "Kết hợp báo cáo của các cơ quan chủ trì:" in state
    assert "Bộ Tài chính, Bộ Y tế" in state
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    state = english[english.index('id="task-state"') :]
    assert "Ministry of Finance, Ministry of Health" in state[: state.index("</td>")]


def test_the_task_page_marks_a_name_it_has_only_in_vietnamese(
    report_a, report_b, officer_a, approver_a, leads_b, most_monitor
):
    """On an English page the agencies whose statements were combined are in the order of
    the names shown, and a name kept in Vietnamese (no English one) is marked lang="vi"
    (it was written unmarked among the English ones)."""
    from django.urls import reverse

    from lotrinh.agencies.models import Agency
    from lotrinh.programmes.models import Task
    from tests.conftest import client_for

    Agency.objects.filter(pk=report_b.agency_id).update(name_en="")
    officer_b, approver_b = leads_b
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="done_on_time")
    bring_to(report_b, "accepted", officer_b, approver_b, most_monitor, status="overdue")
    task_id = sorted(
        set(report_a.entries.values_list("task_id", flat=True))
        & set(report_b.entries.values_list("task_id", flat=True))
    )[0]
    task = Task.objects.select_related("programme", "clause").get(pk=task_id)
    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("programmes:task", args=[task.programme.slug, task.clause.anchor])
    ).content.decode()
    sources = html[html.index('id="task-state-sources"') :]
    sources = sources[: sources.index("</div>")]
    assert '<span lang="vi">Bộ Tài chính</span>, Ministry of Health' in sources
