"""A plan's tasks are reported by the units that lead them: the plan's overview and task
list count the units' reports the reader may read (their agency's staff once sent, those
who follow compliance once accepted, a unit its own), each unit's statement on its own,
combined by the roll-up rule. Before (walk of 2026-12-06) unit reports were left out:
Bắc Ninh's 144/KH-UBND read "Chưa có báo cáo: 179 (100%)" with two years of its units'
reports accepted."""

from django.urls import reverse

from lotrinh.programmes.models import UnitAssignment
from lotrinh.programmes.progress import programme_progress
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from lotrinh.reporting.task_status import NO_REPORT, task_states
from tests.cascade.conftest import YEAR, person
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send


def _police_leader(p):
    from lotrinh.accounts.models import Role

    police = p["police_reporter"].unit
    return person("police_leader", police.agency, Role.APPROVER, police)


def test_the_plan_counts_its_units_reports(province) -> None:
    p = province
    child = p["child"]
    # Task 1 is led by both units: each unit's statement counts, combined.
    UnitAssignment.objects.create(
        task=child.tasks.get(ref="1"), unit=p["police_reporter"].unit, role="lead"
    )
    khcn = rollup.start_unit_report(p["khcn_reporter"], child, YEAR)
    police = rollup.start_unit_report(p["police_reporter"], child, YEAR)
    _fill(khcn, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Đã ban hành")
    _fill(police, p["police_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    services.accept_report(_send(khcn, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    states = task_states(child, p["monitor"])
    assert states["1"].status == TaskStatus.DONE_ON_TIME  # Công an's report not sent yet
    assert states["3"].status == TaskStatus.DONE_ON_TIME
    assert "2" not in states
    services.submit_report(services.approve_report(police, _police_leader(p)), p["police_reporter"])
    states = task_states(child, p["monitor"])
    # Sent, not accepted: the agency's staff read it; one unit not done → in progress.
    assert states["1"].status == TaskStatus.IN_PROGRESS and not states["1"].accepted
    assert states["2"].status == TaskStatus.IN_PROGRESS
    assert {n for n, _en in states["1"].agencies} == {
        "Sở Khoa học và Công nghệ",
        "Công an Thành phố",
    }
    shares = {
        s.key: s.count
        for s in programme_progress(child, p["monitor"], khcn.period.due_date).task_shares
    }
    assert shares == {TaskStatus.IN_PROGRESS: 2, TaskStatus.DONE_ON_TIME: 1}
    # MOST follows compliance: accepted unit reports only.
    most = task_states(child, p["most"])
    assert most["3"].status == TaskStatus.DONE_ON_TIME and most["1"].accepted
    assert most["1"].status == TaskStatus.DONE_ON_TIME and "2" not in most
    # A unit reads its own unit's reports, not another unit's.
    own = task_states(child, p["police_reporter"])
    assert own["2"].status == TaskStatus.IN_PROGRESS and "3" not in own
    assert own["1"].status == TaskStatus.IN_PROGRESS
    assert {n for n, _en in own["1"].agencies} == {"Công an Thành phố"}
    # The public reads no unit's report.
    assert task_states(child, None) == {}


def test_the_plans_task_list_says_the_units_status(province, client) -> None:
    p = province
    khcn = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(khcn, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Đã ban hành")
    services.accept_report(_send(khcn, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    client.force_login(p["monitor"])
    page = client.get(reverse("programmes:overview", args=[p["child"].slug]))
    shares = {s.key: s.count for s in page.context["progress"].task_shares}
    assert shares == {TaskStatus.DONE_ON_TIME: 2, NO_REPORT: 1}
