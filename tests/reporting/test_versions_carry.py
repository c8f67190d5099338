"""An amendment accepted in the middle of a cycle: what hangs on the tasks follows them,
what was sent stays as sent, and `init` afterwards changes nothing (finding 6 and 12)."""

import copy
import datetime
import hashlib
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from lotrinh.core.models import AuditEvent
from lotrinh.core.setup import load_all
from lotrinh.indicators.models import TaskTargetLink
from lotrinh.programmes.exporters import programme_to_data
from lotrinh.programmes.loader import BundledState, load_bundled, load_data
from lotrinh.programmes.models import Programme, ProgrammeOrigin, ProgrammeStatus, Task
from lotrinh.reporting import amendments, services
from lotrinh.reporting.models import (
    AgencyReport,
    Comment,
    ContributionEntry,
    ReportEntry,
    ReportSnapshot,
    ReportStatus,
)
from tests.conftest import client_for
from tests.plan_helpers import plan_task

pytestmark = pytest.mark.django_db


def table_hashes() -> dict[str, str]:
    """A hash of every table's rows (by primary key), to prove that nothing changed."""
    result = {}
    for model in apps.get_models():
        rows = list(model._default_manager.order_by("pk").values())
        result[model._meta.db_table] = hashlib.sha256(
            json.dumps(rows, default=str, sort_keys=True).encode()
        ).hexdigest()
    return result


def changed_tables(before: dict[str, str]) -> list[str]:
    after = table_hashes()
    return sorted(table for table in after if before.get(table) != after[table])


def current_50() -> Programme:
    return Programme.objects.get(code="50/NQ-CP", status=ProgrammeStatus.PUBLISHED)


def accept(user, most, kind, task_ref, **fields):
    proposal = amendments.propose_amendment(
        user, current_50(), kind=kind, task_ref=task_ref, reason="Theo thực tế triển khai", **fields
    )
    amendments.consolidate(most, proposal)
    return amendments.decide(
        most, proposal, accepted=True, decision="Nghị quyết số 15/NQ-CP ngày 01/02/2026"
    )


@pytest.fixture
def cycle(officer_a, approver_a, officer_b, most_monitor, oversight_reader):
    """The 2025 report of Bộ Y tế accepted, the 2026 reports open, a plan and a comment."""
    programme = current_50()
    regime = programme.reporting_regimes.get(code="annual-report")
    periods = {p.year: p for p in services.generate_periods(regime, 2026)}
    accepted = services.ensure_report(officer_a.agency, periods[2025])
    entry = accepted.entries.get(task__ref="II.6.c")
    services.save_entry(
        entry,
        officer_a,
        {"status": "in_progress", "result": "Đã thử nghiệm vắc xin giai đoạn 2"},
        expected_version=entry.version,
    )
    services.approve_report(accepted, approver_a)
    services.submit_report(accepted, approver_a)
    # Accepted and published by MOST: the public task page shows it (docs/portal.md).
    from lotrinh.portal.services import publish_report

    publish_report(most_monitor, services.accept_report(accepted, most_monitor))

    open_a = services.ensure_report(officer_a.agency, periods[2026])
    entry = open_a.entries.get(task__ref="II.6.c")
    services.save_entry(
        entry,
        officer_a,
        {"status": "in_progress", "result": "Hồ sơ bệnh án điện tử tại 300 bệnh viện"},
        expected_version=entry.version,
    )
    open_b = services.ensure_report(officer_b.agency, periods[2026])

    action = plan_task(
        officer_a.agency,
        programme,
        [Task.objects.get(programme=programme, ref="II.6.c")],
        "Đề án sản xuất vắc xin",
    )
    task = Task.objects.get(programme=programme, ref="II.6.c")
    client_for(oversight_reader).post(
        reverse("reporting:task_comment", args=[task.pk]), {"text": "Đề nghị làm rõ tiến độ"}
    )
    assert Comment.objects.filter(task=task).count() == 1
    return {"accepted": accepted, "open_a": open_a, "open_b": open_b, "action": action}


def test_an_amendment_in_the_middle_of_a_cycle_carries_what_hangs_on_the_tasks(
    cycle, officer_a, officer_b, most_monitor
):
    accepted = cycle["accepted"]
    accepted_entries = list(accepted.entries.values("pk", "task_id", "result", "status"))
    snapshots = list(ReportSnapshot.objects.filter(report=accepted).values())
    old = current_50()

    accept(
        officer_a,
        most_monitor,
        "new_task",
        "II.6",
        text="Xây dựng nền tảng y tế số",
        lead="Bộ Y tế",
        coordinating="Bộ Tài chính",
    )
    accept(officer_a, most_monitor, "roles", "II.6.c", lead="Bộ Tài chính")
    new = current_50()
    old.refresh_from_db()
    assert new.version == 3 and old.status == ProgrammeStatus.SUPERSEDED

    # The open report of Bộ Y tế gains the new task and loses the one now led by Bộ Tài chính.
    open_a = AgencyReport.objects.get(pk=cycle["open_a"].pk)
    refs_a = set(open_a.entries.values_list("task__ref", flat=True))
    assert "II.6.BS1" in refs_a and "II.6.c" not in refs_a
    assert set(open_a.entries.values_list("task__programme", flat=True)) == {new.pk}
    # ...with a note on the report page, and what was typed kept in the audit event.
    page = client_for(officer_a).get(reverse("reporting:report", args=[open_a.pk])).content
    page = page.decode()
    assert "task-change-note" in page and "II.6.BS1" in page and "II.6.c" in page
    removal = AuditEvent.objects.get(
        action="report.tasks_changed",
        object_id=str(open_a.pk),
        after__removed=["II.6.c"],
    )
    assert (
        removal.before["entries"]["II.6.c"]["result"] == "Hồ sơ bệnh án điện tử tại 300 bệnh viện"
    )

    # Bộ Tài chính now accounts for II.6.c and contributes to the new task.
    open_b = AgencyReport.objects.get(pk=cycle["open_b"].pk)
    assert open_b.entries.filter(task__programme=new, task__ref="II.6.c").exists()
    assert ContributionEntry.objects.filter(
        report=open_b, task__programme=new, task__ref="II.6.BS1"
    ).exists()

    # What was sent stays as sent.
    assert list(accepted.entries.values("pk", "task_id", "result", "status")) == accepted_entries
    assert list(ReportSnapshot.objects.filter(report=accepted).values()) == snapshots
    assert AgencyReport.objects.get(pk=accepted.pk).status == ReportStatus.ACCEPTED

    # Plans follow the task with the same reference.
    assert [link.parent_task_id for link in cycle["action"].links_up.all()] == [
        Task.objects.get(programme=new, ref="II.6.c").pk
    ]

    # Task–target links: once per task of the current version, 30 in all (the links of
    # lotrinh/indicators/data/task_links.json, qualitative targets included).
    current_links = TaskTargetLink.objects.filter(task__programme=new)
    assert current_links.count() == 30
    assert all(link.target.programme.status == ProgrammeStatus.PUBLISHED for link in current_links)
    for target in {link.target for link in current_links}:
        page = client_for(most_monitor).get(reverse("indicators:target", args=[target.pk]))
        shown = [(lk.task.programme_id, lk.task.ref) for lk in page.context["links"]]
        # The target's links to the current version's tasks, and to the tasks of other
        # published programmes (the resolution's own, for a qualitative target).
        expected = TaskTargetLink.objects.filter(
            target=target, task__programme__status=ProgrammeStatus.PUBLISHED
        ).values_list("task__programme", "task__ref")
        assert sorted(shown) == sorted(expected)  # each task once, the current version's

    # The task page of the current version shows the history and comments of earlier ones.
    task_page = client_for(officer_b).get(reverse("programmes:task", args=[new.slug, "II-6-c"]))
    text = task_page.content.decode()
    assert "Đã thử nghiệm vắc xin giai đoạn 2" in text  # the accepted 2025 report
    assert "Đề nghị làm rõ tiến độ" in text

    # The versions page names the decision, not fragments of it.
    versions = client_for(officer_a).get(reverse("programmes:versions", args=[new.slug]))
    versions_text = versions.content.decode()
    assert "Sửa đổi theo Nghị quyết số 15/NQ-CP ngày 01/02/2026" in versions_text
    assert "<td>NQ-CP" not in versions_text
    # The first version names its document, not the software's file (50-NQ-CP.json).
    assert "50-NQ-CP.json" not in versions_text
    assert "Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2020" in versions_text


def test_init_after_an_accepted_amendment_changes_nothing(cycle, officer_a, most_monitor):
    accept(officer_a, most_monitor, "deadline", "II.6.c", deadline=datetime.date(2027, 12, 31))
    amended = current_50()
    assert amended.version == 2 and amended.origin == ProgrammeOrigin.AMENDMENT
    before = table_hashes()
    lines = load_all()
    assert changed_tables(before) == []
    assert any("50/NQ-CP (phiên bản 2)" in line and "giữ nguyên" in line for line in lines)
    load_all()
    assert changed_tables(before) == []
    assert current_50().pk == amended.pk
    assert Task.objects.get(programme=amended, ref="II.6.c").deadline == datetime.date(2027, 12, 31)


def test_the_init_command_twice_changes_nothing(capsys):
    call_command("init")
    before = table_hashes()
    call_command("init")
    assert changed_tables(before) == []
    assert "50/NQ-CP (phiên bản 1): không đổi" in capsys.readouterr().out


def test_a_changed_bundled_file_is_loaded_only_while_nobody_amended_the_programme(
    monkeypatch, officer_a, most_monitor
):
    from lotrinh.programmes import loader

    original = loader.read_file

    def shipped_with_a_fix(path):
        data = original(path)
        if path.name == "50-NQ-CP.json":
            data["tasks"][0]["text"] += " (bản sửa lỗi chính tả)"
        return data

    monkeypatch.setattr(loader, "read_file", shipped_with_a_fix)
    states = {r.programme.code: r.state for r in load_bundled()}
    assert states == {"52-NQ/TW": BundledState.UNCHANGED, "50/NQ-CP": BundledState.UPGRADED}
    assert current_50().version == 2 and current_50().origin == ProgrammeOrigin.BUNDLED

    accept(officer_a, most_monitor, "text", "II.6.c", text="Nội dung sửa đổi")
    monkeypatch.setattr(
        loader, "read_file", lambda path: _with_text(original(path), " (bản sửa lỗi khác)")
    )
    before = table_hashes()
    states = {r.programme.code: r.state for r in load_bundled()}
    assert states["50/NQ-CP"] == BundledState.MOVED_ON
    assert changed_tables(before) == []


def _with_text(data, suffix):
    if data["programme"]["code"] == "50/NQ-CP":
        data["tasks"][0]["text"] += suffix
    return data


def test_a_withdrawn_task_leaves_open_reports_with_a_note_and_stays_in_sent_ones(
    officer_b, approver_a, officer_a, most_monitor
):
    programme = current_50()
    regime = programme.reporting_regimes.get(code="annual-report")
    periods = {p.year: p for p in services.generate_periods(regime, 2026)}
    sent = services.ensure_report(officer_b.agency, periods[2025])
    sent.status = ReportStatus.SUBMITTED
    sent.save()
    open_b = services.ensure_report(officer_b.agency, periods[2026])
    assert open_b.entries.filter(task__ref="II.2.đ.1").exists()

    data = copy.deepcopy(programme_to_data(programme))
    data["tasks"] = [t for t in data["tasks"] if t["ref"] != "II.2.đ.1"]
    new, created = load_data(data, source="50-NQ-CP-rut-nhiem-vu.json")
    assert created

    assert not open_b.entries.filter(task__ref="II.2.đ.1").exists()
    assert set(open_b.entries.values_list("task__programme", flat=True)) == {new.pk}
    event = AuditEvent.objects.get(action="report.tasks_changed", object_id=str(open_b.pk))
    assert event.after["removed"] == ["II.2.đ.1"] and "II.2.đ.1" in event.note
    # The submitted report still accounts for the task as it was when sent.
    assert sent.entries.filter(task__ref="II.2.đ.1", task__programme=programme).exists()
    carried = AuditEvent.objects.get(action="programme.dependants_carried", object_id=str(new.pk))
    assert carried.after["withdrawn_tasks"] == ["II.2.đ.1"]
    # `init` leaves a programme loaded by hand alone, and does not trip on the withdrawn task.
    before = table_hashes()
    load_all()
    assert changed_tables(before) == []
    assert ReportEntry.objects.filter(report=open_b, task__ref="II.2.đ.1").count() == 0


def test_a_report_sent_before_an_amendment_follows_the_new_version_when_returned(
    officer_a, approver_a, most_monitor
):
    programme = current_50()
    regime = programme.reporting_regimes.get(code="annual-report")
    period = {p.year: p for p in services.generate_periods(regime, 2026)}[2026]
    report = services.ensure_report(officer_a.agency, period)
    services.approve_report(report, approver_a)
    services.submit_report(report, approver_a)
    accept(officer_a, most_monitor, "new_task", "II.6", text="Nền tảng y tế số", lead="Bộ Y tế")
    assert not report.entries.filter(task__ref="II.6.BS1").exists()  # sent: left as sent

    services.return_report(report, most_monitor, "Bổ sung nhiệm vụ mới")
    assert report.entries.filter(task__ref="II.6.BS1", task__programme=current_50()).exists()
    assert set(report.entries.values_list("task__programme", flat=True)) == {current_50().pk}
    snapshot = report.snapshots.get()
    assert "II.6.BS1" not in {e["task"] for e in snapshot.data["entries"]}


def test_a_new_version_of_the_resolution_keeps_the_action_programme_attached(monkeypatch):
    from lotrinh.programmes import loader

    original = loader.read_file

    def resolution_upgraded(path):
        data = original(path)
        if path.name == "52-NQ-TW.json":
            data["programme"]["title"] += " (bản cập nhật)"
        return data

    monkeypatch.setattr(loader, "read_file", resolution_upgraded)
    load_bundled()
    resolution = Programme.objects.get(code="52-NQ/TW", status=ProgrammeStatus.PUBLISHED)
    assert resolution.version == 2
    action = current_50()
    assert action.implements_id == resolution.pk
    groups = [g for g in action.task_groups.all() if g.implements_id]
    assert groups and all(g.implements.programme_id == resolution.pk for g in groups)
    links = TaskTargetLink.objects.filter(task__programme=action, target__programme=resolution)
    assert links.count() == 30
