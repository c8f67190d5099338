"""The top badge of a unit's person counts what her unit owes (its report to the agency,
the plan tasks it or a unit below it holds that are overdue) and leads to that list; an
agency's staff keep the agency's count (docs/cascade.md, "A unit's overdue").

Walk (06/12/2026): hn-dv1-baocao's badge "1 việc quá hạn" was the city's own report to
MOST, while her unit's overdue report sat below it without counting."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.programmes.models import Task, UnitAssignment
from tests.cascade.conftest import unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 6, 10, 0)


def _badge(html: str) -> str:
    found = re.search(r'<p class="lede">.*?</p>', html, re.S)
    assert found
    return found.group(0)


def _page(user) -> str:
    return client_for(user).get(reverse("dashboard:home")).content.decode()


@pytest.fixture
def late_tasks(province):
    """Task 1 (Sở KHCN's) and task 2 (the police's) were due in June 2026."""
    child = province["child"]
    Task.objects.filter(programme=child, ref__in=["1", "2"]).update(
        deadline=datetime.date(2026, 6, 30)
    )
    return province


def test_a_units_officer_counts_her_units_overdue_not_the_agencys(late_tasks) -> None:
    with time_machine.travel(NOW, tick=False):
        html = _page(late_tasks["khcn_reporter"])
    badge = _badge(html)
    # Her unit's 2026 report not opened (due 15/11/2026) and her unit's task 1.
    assert "2 việc quá hạn của đơn vị" in badge and 'href="#unit-work"' in badge
    section = html.split('id="unit-work"', 1)[1].split("</section>", 1)[0]
    assert section.count("Quá hạn") == 2  # the report's row and the task's
    tasks = section.split('id="unit-overdue-tasks"', 1)[1]
    assert "Nhiệm vụ 1" in tasks and "Nhiệm vụ 2" not in tasks  # the police's is not hers


def test_the_police_officer_counts_her_own_units_task(late_tasks) -> None:
    with time_machine.travel(NOW, tick=False):
        html = _page(late_tasks["police_reporter"])
    assert "2 việc quá hạn của đơn vị" in _badge(html)
    tasks = html.split('id="unit-overdue-tasks"', 1)[1].split("</section>", 1)[0]
    assert "Nhiệm vụ 2" in tasks and "Nhiệm vụ 1" not in tasks


def test_a_task_held_only_by_a_unit_below_hers_is_not_counted(late_tasks) -> None:
    """She does not read that unit's results (permissions.units_results_rule): counting
    its task as overdue, or not, would say how it stands."""
    khcn = late_tasks["khcn_reporter"].unit
    lab = unit(khcn.agency, "phong-cntt", "Phòng Công nghệ thông tin", parent=khcn)
    task = Task.objects.get(programme=late_tasks["child"], ref="2")
    UnitAssignment.objects.create(task=task, unit=lab, role="coordinating")
    with time_machine.travel(NOW, tick=False):
        html = _page(late_tasks["khcn_reporter"])
    assert "2 việc quá hạn của đơn vị" in _badge(html)
    # Held by her unit too, it is hers.
    UnitAssignment.objects.create(task=task, unit=khcn, role="coordinating")
    with time_machine.travel(NOW, tick=False):
        html = _page(late_tasks["khcn_reporter"])
    assert "3 việc quá hạn của đơn vị" in _badge(html)


def test_the_agencys_staff_keep_the_agencys_count(late_tasks) -> None:
    with time_machine.travel(NOW, tick=False):
        html = _page(late_tasks["reporter"])
    badge = _badge(html)
    assert "của đơn vị" not in badge and "#unit-work" not in badge
    assert re.search(r"\d+ việc quá hạn</span>", badge)
    assert 'id="unit-work"' not in html


def test_a_unit_with_nothing_overdue_says_so(province) -> None:
    with time_machine.travel(datetime.datetime(2026, 10, 1, 10, 0), tick=False):
        html = _page(province["khcn_reporter"])
    assert "Đơn vị không có việc quá hạn" in _badge(html)


def test_her_page_needs_as_many_queries_with_more_units_and_tasks(late_tasks) -> None:
    client = client_for(late_tasks["khcn_reporter"])
    url = reverse("dashboard:home")
    with time_machine.travel(NOW, tick=False):
        client.get(url)  # what the site keeps once read (regimes, periods) is read
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200
        khcn = late_tasks["khcn_reporter"].unit
        for n in range(5):
            below = unit(khcn.agency, f"phong-{n}", f"Phòng {n}", parent=khcn)
            for task in Task.objects.filter(programme=late_tasks["child"]):
                UnitAssignment.objects.create(task=task, unit=below, role="coordinating")
        client.get(url)
        with CaptureQueriesContext(connection) as large:
            assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
