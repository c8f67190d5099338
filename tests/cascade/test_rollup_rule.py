"""The roll-up rule (rollup.combine_statuses), by property."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.reporting.models import TaskStatus
from lotrinh.reporting.rollup import RANK, combine_statuses

statuses = st.lists(st.sampled_from(list(TaskStatus.values)), max_size=25)
done = st.sampled_from([TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE])
# The rule is pure; a draw is slow only when the shared machine is (seen: one 1.1 s draw).
patient = settings(suppress_health_check=[HealthCheck.too_slow])


@patient
@given(statuses)
def test_any_combination_of_unit_statuses_gives_a_defined_status(items: list[str]) -> None:
    assert combine_statuses(items) in TaskStatus.values


@patient
@given(statuses, done)
def test_adding_a_units_done_never_makes_the_status_worse(items: list[str], extra: str) -> None:
    assert RANK[combine_statuses([*items, extra])] >= RANK[combine_statuses(items)]


@patient
@given(statuses)
def test_the_order_of_the_units_does_not_matter(items: list[str]) -> None:
    assert combine_statuses(items) == combine_statuses(sorted(items))


@patient
@given(st.lists(done, min_size=1))
def test_all_done_is_done_and_late_if_any_unit_was_late(items: list[str]) -> None:
    expected = TaskStatus.DONE_LATE if TaskStatus.DONE_LATE in items else TaskStatus.DONE_ON_TIME
    assert combine_statuses(items) == expected


def test_one_late_unit_makes_the_task_overdue_and_none_is_not_started() -> None:
    assert combine_statuses([TaskStatus.DONE_ON_TIME, TaskStatus.OVERDUE]) == TaskStatus.OVERDUE
    assert combine_statuses([TaskStatus.NOT_STARTED, TaskStatus.DONE_LATE]) == (
        TaskStatus.IN_PROGRESS
    )
    assert combine_statuses([]) == TaskStatus.NOT_STARTED
