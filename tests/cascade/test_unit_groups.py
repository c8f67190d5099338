"""A plan task addressed to a group of units ("Các Sở, ban, ngành", "UBND các xã,
phường"): recognised when the plan is read, and assigned by the agency to every unit of
the group in one action (docs/cascade.md, "Units named as a group"); one table of unit
names for the importer and the units."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies import unit_names
from lotrinh.agencies.models import Agency, UnitKind
from lotrinh.agencies.units import classify_unit_name
from lotrinh.programmes import cascade
from lotrinh.programmes.models import UnitAddressee, UnitGroup
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person, plan_of, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_field_lines_name_groups_of_units_apart_from_single_units() -> None:
    names, groups = cascade.split_names(
        "Sở Khoa học và Công nghệ, các Sở, ban, ngành Thành phố, UBND các xã, phường"
    )
    assert names == ["Sở Khoa học và Công nghệ"]
    assert groups == ["all_communes", "all_departments"]
    assert cascade.split_names("Các đơn vị thuộc Bộ")[1] == ["all_ministry_units"]


@pytest.fixture
def draft(hanoi: Agency):
    national = current_programme("50/NQ-CP")
    child = plan_of(hanoi, national, {"1": [national.tasks.first().ref]})
    task = child.tasks.get()
    addressee = UnitAddressee.objects.create(
        task=task, group=UnitGroup.ALL_DEPARTMENTS, role="coordinating"
    )
    units = {
        "khcn": unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ"),
        "board": unit(hanoi, "ban-qlda", "Ban Quản lý dự án", UnitKind.BOARD),
        "police": unit(hanoi, "cong-an", "Công an Thành phố", UnitKind.POLICE),
        "commune": unit(hanoi, "xa-a", "UBND xã A", UnitKind.COMMUNE),
        "proposed": unit(hanoi, "so-moi", "Sở Mới", proposed=True),
        "gone": unit(
            hanoi, "so-tttt", "Sở Thông tin và Truyền thông", valid_to=datetime.date(2025, 2, 28)
        ),
    }
    return {"child": child, "task": task, "addressee": addressee, "units": units}


def test_a_group_is_assigned_to_every_confirmed_valid_unit_of_its_kinds(draft, hanoi) -> None:
    reporter = person("hn_rep", hanoi, Role.REPORTER)
    made = cascade.assign_unit_group(reporter, draft["addressee"], datetime.date(2025, 6, 1))
    assert sorted(a.unit.code for a in made) == ["ban-qlda", "cong-an", "so-khcn"]
    assert {a.role for a in made} == {"coordinating"}
    draft["addressee"].refresh_from_db()
    assert draft["addressee"].assigned_at is not None
    # Again: nothing new; a unit created since is added.
    assert cascade.assign_unit_group(reporter, draft["addressee"], datetime.date(2025, 6, 1)) == []
    unit(hanoi, "so-tc", "Sở Tài chính")
    again = cascade.assign_unit_group(reporter, draft["addressee"], datetime.date(2025, 6, 1))
    assert [a.unit.code for a in again] == ["so-tc"]
    communes = UnitAddressee.objects.create(
        task=draft["task"], group=UnitGroup.ALL_COMMUNES, role="lead"
    )
    assert [a.unit.code for a in cascade.assign_unit_group(reporter, communes)] == ["xa-a"]


def test_only_the_agencys_plan_editors_assign_a_group(draft, hanoi) -> None:
    other = person("bn_rep", Agency.objects.get(code="tinh-bac-ninh"), Role.REPORTER)
    with pytest.raises(cascade.CascadeError):
        cascade.assign_unit_group(other, draft["addressee"])
    empty = UnitAddressee.objects.create(
        task=draft["task"], group=UnitGroup.ALL_MINISTRY_UNITS, role="lead"
    )
    with pytest.raises(cascade.CascadeError, match="chưa có đơn vị"):
        cascade.assign_unit_group(person("hn_rep2", hanoi, Role.REPORTER), empty)


def test_the_review_page_assigns_a_group_in_one_action(draft, hanoi) -> None:
    client = client_for(person("hn_rep", hanoi, Role.REPORTER))
    page = client.get(reverse("cascade:plan", args=[draft["child"].pk])).content.decode()
    assert "Các Sở, ban, ngành" in page and 'value="assign_group"' in page
    response = client.post(
        reverse("cascade:plan_save", args=[draft["child"].pk]),
        {"what": "assign_group", "addressee": draft["addressee"].pk},
    )
    assert response.status_code == 302
    assert draft["task"].unit_assignments.count() == 3


@pytest.mark.parametrize(
    ("name", "issuer", "mine"),
    [
        ("Sở Tư pháp", "Tỉnh Lai Châu", True),
        ("UBND xã Tam Đường", "Tỉnh Lai Châu", True),
        ("Bộ Chỉ huy quân sự tỉnh", "Tỉnh Lai Châu", True),
        ("Báo Lai Châu", "Tỉnh Lai Châu", True),
        ("Vụ Pháp chế", "Tỉnh Lai Châu", False),
        ("Vụ Pháp chế", "Bộ Y tế", True),
        ("Tạp chí Y học", "Bộ Y tế", True),
        ("Sở Y tế", "Bộ Y tế", False),
        ("Bộ Công an", "Tỉnh Lai Châu", False),
        ("Các Sở, ban, ngành", "Tỉnh Lai Châu", False),
        ("Sở Tư pháp", "Ban Kinh tế Trung ương", False),
    ],
)
def test_the_importer_and_the_units_read_unit_names_from_one_table(name, issuer, mine) -> None:
    assert unit_names.is_unit_of(name, issuer) is mine
    assert unit_names.classify_unit_name is classify_unit_name
