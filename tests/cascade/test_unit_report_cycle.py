"""A unit's report goes through the whole workflow (fill, approve, submit, return, edit,
resubmit, accept, revise) and keeps every entry and its text: a report open again is
reconciled with its unit's tasks in the agency's plan, never with the agency's own tasks
in the national programme (which deleted every entry on return)."""

import datetime

from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import UnitAssignment
from lotrinh.reporting import rollup, services
from lotrinh.reporting.carry import TASKS_CHANGED, reconcile_report
from lotrinh.reporting.models import AgencyReport, ReportStatus, TaskStatus
from tests.cascade.conftest import YEAR


def _write(report: AgencyReport, user, suffix: str) -> None:
    for entry in report.entries.all():
        services.save_entry(
            entry,
            user,
            {
                "status": TaskStatus.IN_PROGRESS,
                "result": f"Kết quả {entry.task.ref} {suffix}",
                "evidence_number": f"{entry.task.ref}/QĐ-SKHCN",
                "evidence_date": datetime.date(YEAR, 3, 1),
                "evidence_link": "",
                "difficulties": f"Khó khăn {entry.task.ref}",
                "proposals": f"Đề xuất {entry.task.ref}",
            },
            entry.version,
        )


def _written(report: AgencyReport) -> dict[str, tuple[str, ...]]:
    return {
        e.task.ref: (e.status, e.result, e.evidence_number, e.difficulties, e.proposals)
        for e in AgencyReport.objects.get(pk=report.pk).entries.select_related("task")
    }


def test_a_units_report_keeps_every_entry_through_the_whole_cycle(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _write(report, p["khcn_reporter"], "lần 1")
    written = _written(report)
    assert sorted(written) == ["1", "3"] and written["1"][1] == "Kết quả 1 lần 1"

    report = services.approve_report(report, p["khcn_leader"])
    report = services.submit_report(report, p["khcn_reporter"])
    report = services.return_report(report, p["monitor"], "Bổ sung minh chứng")
    assert report.status == ReportStatus.RETURNED
    assert _written(report) == written  # the return took nothing away
    assert not AuditEvent.objects.filter(action=TASKS_CHANGED, object_id=str(report.pk)).exists()

    _write(report, p["khcn_reporter"], "lần 2")
    written = _written(report)
    report = services.approve_report(report, p["khcn_leader"])
    report = services.resubmit_report(report, p["khcn_reporter"])
    report = services.accept_report(report, p["monitor"])
    assert _written(report) == written

    revision = report.revision
    report = services.revise_accepted_report(report, p["khcn_reporter"], "Sửa số liệu")
    assert report.status == ReportStatus.DRAFT and report.revision == revision + 1
    assert _written(report) == written
    assert not AuditEvent.objects.filter(action=TASKS_CHANGED, object_id=str(report.pk)).exists()
    # Reconciling again (as a new version of the plan does) changes nothing either.
    assert not reconcile_report(report).changed
    assert _written(report) == written


def test_a_units_report_returned_after_its_plan_moved_a_task_to_another_unit(province) -> None:
    """The rule is the unit's tasks in the plan, not "never remove": a task the plan gave to
    another unit leaves the report on return, its text kept in the audit event."""
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _write(report, p["khcn_reporter"], "x")
    report = services.submit_report(
        services.approve_report(report, p["khcn_leader"]), p["khcn_reporter"]
    )
    UnitAssignment.objects.filter(task__programme=p["child"], task__ref="3").update(
        unit=p["police_reporter"].unit
    )
    services.return_report(report, p["monitor"], "Nhiệm vụ 3 đã giao Công an")
    assert sorted(_written(report)) == ["1"]
    event = AuditEvent.objects.get(action=TASKS_CHANGED, object_id=str(report.pk))
    assert event.after["removed"] == ["3"]
    assert event.before["entries"]["3"]["result"] == "Kết quả 3 x"


def test_an_agencys_own_report_still_accounts_for_its_tasks_in_the_programme(province) -> None:
    """The agency's report to MOST is reconciled as before: with the national tasks."""
    p = province
    national = p["national"]
    lead, coordinated = services.tasks_for_report(national.agency, national.period)
    assert services.report_tasks(national) == (lead, coordinated)
    before = sorted(national.entries.values_list("task__ref", flat=True))
    assert before == sorted(t.ref for t, _via in lead)
    assert not reconcile_report(national).changed
    assert sorted(national.entries.values_list("task__ref", flat=True)) == before
