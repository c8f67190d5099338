"""A unit reports to its agency, not to MOST: every step's words name the real recipient,
and a unit's notices reach that unit's people only (docs/cascade.md)."""

import pytest
from django.utils import translation

from lotrinh.accounts.models import Role
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Role as TaskRole
from lotrinh.reporting import guidance, rollup, services
from lotrinh.reporting.models import Notification, TaskStatus
from lotrinh.reporting.views_report import ACTION_EXPLAINED, ACTION_TITLES, action_text
from tests.cascade.conftest import YEAR, person, plan_of, unit
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send


def _notices(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("message", flat=True))


def test_a_units_steps_name_its_agency_and_reach_its_own_people_only(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    report = services.approve_report(report, p["khcn_leader"])
    assert guidance.parties(report) == ("Sở Khoa học và Công nghệ", "Thành phố Hà Nội")
    approved = _notices(p["khcn_reporter"])
    assert any("sẵn sàng gửi Thành phố Hà Nội" in m for m in approved), approved
    with translation.override("vi"):
        assert action_text(ACTION_TITLES, "submit", report) == "Gửi Thành phố Hà Nội"
        step = guidance.next_step(report, p["khcn_reporter"])
    assert "Thành phố Hà Nội" in step and "Bộ Khoa học" not in step
    report = services.submit_report(report, p["khcn_reporter"])
    with translation.override("vi"):
        waiting = guidance.next_step(report, p["khcn_reporter"])
        explained = action_text(ACTION_EXPLAINED, "accept", report)
    assert "chờ Thành phố Hà Nội tiếp nhận" in waiting
    assert "công khai" not in explained and "Thành phố Hà Nội" in explained
    services.accept_report(report, p["monitor"])
    accepted = _notices(p["khcn_reporter"]) + _notices(p["khcn_leader"])
    assert any(m.startswith("Thành phố Hà Nội đã tiếp nhận") for m in accepted), accepted
    assert not any("Bộ KH&CN" in m or "Bộ Khoa học" in m for m in accepted)
    # Another unit and the province's own staff are not told of this unit's report.
    for outsider in (p["police_reporter"], p["reporter"], p["leader"]):
        assert not any("Sở Khoa học và Công nghệ" in m for m in _notices(outsider)), outsider


def test_an_agencys_report_names_most_and_its_notices_skip_its_units(province) -> None:
    p = province
    report = p["national"]
    assert guidance.parties(report)[1] == "Bộ Khoa học và Công nghệ"
    with translation.override("en"):
        assert "Ministry of Science and Technology" in action_text(ACTION_TITLES, "submit", report)
    report = _send(report, p["reporter"], p["leader"])
    services.return_report(report, p["most"], "Bổ sung kết quả")
    assert any(m.startswith("Bộ Khoa học và Công nghệ trả lại") for m in _notices(p["reporter"]))
    for unit_person in (p["khcn_reporter"], p["police_reporter"]):
        assert _notices(unit_person) == [], unit_person


def test_a_unit_leads_or_coordinates_a_task_never_both(province, merged_provinces) -> None:
    other = merged_provinces[1]
    reporter = person("bn_plan_reporter", other, Role.REPORTER)
    draft = plan_of(other, province["child"].implements, {"9": [province["lead_tasks"][0]]})
    task = draft.tasks.get(ref="9")
    sct = unit(other, "so-cong-thuong", "Sở Công Thương")
    cascade.assign_unit(reporter, task, sct, TaskRole.COORDINATING)
    cascade.assign_unit(reporter, task, sct, TaskRole.LEAD)
    assert list(task.unit_assignments.values_list("role", flat=True)) == [TaskRole.LEAD]
    with pytest.raises(cascade.CascadeError):
        cascade.assign_unit(reporter, task, sct, TaskRole.COORDINATING)
    assert list(task.unit_assignments.values_list("role", flat=True)) == [TaskRole.LEAD]


def test_the_plan_page_offers_the_years_of_the_units_reports(province, client) -> None:
    client.force_login(province["monitor"])
    page = client.get(f"/phan-cap/ke-hoach/{province['child'].pk}/?year={YEAR}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="year"' in html and f'<option value="{YEAR}" selected>' in html
