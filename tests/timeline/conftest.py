"""Fixtures for the programme's progress pages: the reporting fixtures, and a way to
take a report through its workflow to a given state."""

import pytest

from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from tests.reporting.conftest import (  # noqa: F401 (fixtures)
    agency_a,
    fill,
    period_2024,
    regime,
    report_a,
    report_b,
)


@pytest.fixture
def action_programme(db) -> Programme:
    return Programme.objects.get(code="50/NQ-CP", status="published")


def bring_to(report, state, reporter, approver, monitor, status="in_progress"):
    """Fill every entry with `status`, then take the report to `state`."""
    fill(report, reporter, status)
    if state == "draft":
        return report
    services.approve_report(report, approver)
    if state == "approved":
        return report
    services.submit_report(report, approver)
    if state == "submitted":
        return report
    if state == "returned":
        return services.return_report(report, monitor, "Bổ sung số liệu")
    # Accepted, and published by MOST: what the public reads (docs/portal.md).
    from lotrinh.portal.services import publish_report

    report = services.accept_report(report, monitor)
    publish_report(monitor, report)
    return report


def add_tasks(programme, n, agency_code="bo-y-te"):
    """`n` more tasks in the programme's first group, each led by `agency_code`, with a
    deadline (for query-count tests: pages must not query per task)."""
    import datetime

    from lotrinh.agencies.models import Agency
    from lotrinh.programmes.models import Task, TaskAssignment

    first = programme.tasks.order_by("position").first()
    last = programme.tasks.order_by("-position").first().position
    agency = Agency.objects.get(code=agency_code)
    for i in range(n):
        task = Task.objects.create(
            programme=programme,
            group=first.group,
            clause=first.clause,
            ref=f"X.{i}",
            text=f"Nhiệm vụ bổ sung {i}",
            deadline=datetime.date(2024 + i % 3, 1 + i % 12, 1),
            position=last + 1 + i,
        )
        TaskAssignment.objects.create(
            task=task, role="lead", agency=agency, name_as_written=agency.name_vi
        )
