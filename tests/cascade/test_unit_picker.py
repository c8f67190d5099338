"""The unit picker of a plan's review page (issue 14, audit of 04/12/2026): each task's
select listed every unit of the agency, ended and proposed ones too, so the page grew as
tasks × units (10,030 units, 179 tasks: 49 s), and a task given by hand took an ended or
proposed unit that a group refused. Only units in force and confirmed are assigned, by
either path; the page lists them once."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, UnitAssignment
from lotrinh.programmes.models import Role as TaskRole
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person, plan_of, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _draft(agency: Agency, tasks: int) -> Programme:
    national = current_programme("50/NQ-CP")
    ref = national.tasks.order_by("position").values_list("ref", flat=True).first()
    return plan_of(agency, national, {str(i): [ref] for i in range(1, tasks + 1)})


def _units(agency: Agency, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        unit(agency, f"so-{i}", f"Sở thử nghiệm số {i:05d}")


def test_an_ended_or_proposed_unit_is_refused_by_hand_as_by_group(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    task = _draft(hanoi, 1).tasks.get()
    ended = unit(
        hanoi, "so-tttt", "Sở Thông tin và Truyền thông", valid_to=datetime.date(2025, 2, 28)
    )
    proposed = unit(hanoi, "so-moi", "Sở Đề Xuất", proposed=True)
    later = unit(hanoi, "so-sau", "Sở Sắp Lập", valid_from=TODAY + datetime.timedelta(days=30))
    for refused, why in (
        (ended, "đã hết hiệu lực từ ngày 28/02/2025"),
        (proposed, "mới là đề xuất từ văn bản"),
        (later, "có hiệu lực từ ngày"),
    ):
        with pytest.raises(cascade.CascadeError, match=why) as error:
            cascade.assign_unit(reporter, task, refused, TaskRole.LEAD)
        assert refused.name_vi in str(error.value)
    assert not UnitAssignment.objects.filter(task=task).exists()
    khcn = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    cascade.assign_unit(reporter, task, khcn, TaskRole.LEAD)
    assert list(task.unit_assignments.values_list("unit", flat=True)) == [khcn.pk]


def test_the_page_offers_units_in_force_once_and_assigns_by_name(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    draft = _draft(hanoi, 3)
    unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    unit(hanoi, "so-tttt", "Sở Thông tin và Truyền thông", valid_to=datetime.date(2025, 2, 28))
    unit(hanoi, "so-moi", "Sở Đề Xuất", proposed=True)
    client = client_for(reporter)
    page = client.get(reverse("cascade:plan", args=[draft.pk])).content.decode()
    assert page.count('<option value="Sở Khoa học và Công nghệ">') == 1
    assert page.count('list="plan-units"') == 3
    assert "Sở Thông tin và Truyền thông" not in page and "Sở Đề Xuất" not in page

    task = draft.tasks.get(ref="2")
    url = reverse("cascade:plan_save", args=[draft.pk])
    post: dict[str, Any] = {"what": "assign", "task": task.pk, "role": "lead"}
    refused = client.post(url, {**post, "unit_name": "Sở Thông tin và Truyền thông"}, follow=True)
    assert "Sở Thông tin và Truyền thông” đã hết hiệu lực" in refused.content.decode()
    unknown = client.post(url, {**post, "unit_name": "Sở Không Có"}, follow=True)
    assert "Không có đơn vị nào tên “Sở Không Có”" in unknown.content.decode()
    for odd in ("\x00Sở", "", "x" * 5000):
        assert client.post(url, {**post, "unit_name": odd}).status_code == 400  # refused, kept
    assert not task.unit_assignments.exists()
    client.post(url, {**post, "unit_name": "Sở Khoa học và Công nghệ"})
    assert [a.unit.code for a in task.unit_assignments.all()] == ["so-khcn"]


def _page(client: Any, draft: Programme) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cascade:plan", args=[draft.pk]))
    assert response.status_code == 200
    return len(response.content), len(queries)


def test_the_page_does_not_grow_as_tasks_times_units(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    client = client_for(reporter)
    small, large = _draft(hanoi, 2), _draft(Agency.objects.get(code="tinh-bac-ninh"), 20)
    bn_reporter = person("bn_reporter", large.issuer, Role.REPORTER)  # type: ignore[arg-type]
    bn = client_for(bn_reporter)
    sizes = {}
    for count in (10, 60):
        _units(hanoi, count - len(sizes) * 10, start=len(sizes) * 10)
        _units(large.issuer, count - len(sizes) * 10, start=len(sizes) * 10)  # type: ignore[arg-type]
        sizes[count] = (_page(client, small), _page(bn, large))
    # 50 units more: the same few kilobytes whatever the number of tasks (once, not 20 ×).
    grew_small = sizes[60][0][0] - sizes[10][0][0]
    grew_large = sizes[60][1][0] - sizes[10][1][0]
    assert grew_large < grew_small * 1.2, sizes
    # Queries: as many for 20 tasks and 60 units as for 2 tasks and 10.
    assert sizes[60][1][1] == sizes[10][0][1], sizes
