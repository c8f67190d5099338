"""A target's linked tasks show the status the task pages show: one rule
(`reporting.task_status`): the leads' statements of the latest year combined by the
roll-up rule, so one overdue lead makes the task overdue, whatever order the reports
were accepted in."""

import datetime

import pytest

from lotrinh.indicators.models import Target, TaskTargetLink
from lotrinh.portal.services import publish_report
from lotrinh.reporting import services
from lotrinh.reporting.task_status import public_task_labels
from tests.conftest import AGENCY_B, Role, make_user

pytestmark = pytest.mark.django_db


def _accept_and_publish(report, reporter, approver, monitor, task, data):
    entry = report.entries.get(task=task)
    services.save_entry(entry, reporter, data, expected_version=entry.version)
    services.approve_report(report, approver)
    services.submit_report(report, approver)
    publish_report(monitor, services.accept_report(report, monitor))


@pytest.mark.parametrize("overdue_first", [True, False])
def test_a_targets_task_combines_its_leads(
    overdue_first, client, report_a, report_b, officer_a, approver_a, officer_b, most_monitor
):
    common = set(report_a.entries.values_list("task", flat=True)) & set(
        report_b.entries.values_list("task", flat=True)
    )
    assert common, "the two fixture agencies must share a task"
    task = report_a.entries.get(task_id=min(common)).task
    approver_b = make_user("approver_b", AGENCY_B, Role.APPROVER)
    done = {
        "status": "done_on_time",
        "result": "Đã ban hành",
        "evidence_number": "12/QĐ-BYT",
        "evidence_date": datetime.date(2024, 6, 1),
    }
    overdue = {"status": "overdue", "result": "Chưa xong"}
    steps = [
        (report_a, officer_a, approver_a, overdue),
        (report_b, officer_b, approver_b, done),
    ]
    for report, reporter, approver, data in steps if overdue_first else steps[::-1]:
        _accept_and_publish(report, reporter, approver, most_monitor, task, data)

    assert public_task_labels([task]) == {task.pk: "Quá hạn, chưa hoàn thành (2024)"}
    # A target evidenced by its linked tasks: the page's evidence table (the share of
    # tasks done) and its list of links read the same rule, and name the status.
    target = Target.objects.filter(indicator__kind="tasks", is_current=True).order_by("pk").first()
    assert target is not None, "the seed programmes have targets evidenced by tasks"
    TaskTargetLink.objects.get_or_create(target=target, task=task)
    body = client.get(f"/chi-tieu/muc-tieu/{target.pk}/").content.decode()
    assert body.count("Quá hạn, chưa hoàn thành (2024)") == 2
    assert "overdue (2024)" not in body and "done_on_time (2024)" not in body
