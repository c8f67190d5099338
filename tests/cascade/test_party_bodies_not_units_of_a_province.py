"""A People's Committee's plan that names a Party committee's body ("Ban Tuyên giáo Thành
ủy") does not propose it as one of the province's own units: it belongs to the Party
committee (`unit_names.is_unit_of`, the rule the importer's review already follows).
A Party committee's plan proposes its own bodies, not the province's departments."""

import pytest

from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Role
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import plan_of

pytestmark = pytest.mark.django_db


def _units_named(agency: Agency, names: list[str]) -> set[str]:
    plan = plan_of(agency, current_programme("50/NQ-CP"), {"1": []})
    task = plan.tasks.get()
    cascade._assign_names(task, agency, names, Role.LEAD, "test")
    return set(task.unit_assignments.values_list("unit__name_vi", flat=True))


def test_a_province_plan_proposes_its_departments_not_the_party_committees_bodies(hanoi) -> None:
    named = ["Ban Tuyên giáo Thành ủy", "Văn phòng Thành ủy", "Sở Tài chính"]
    assert _units_named(hanoi, named) == {"Sở Tài chính"}
    assert not hanoi.units.filter(name_vi__contains="Thành ủy").exists()


def test_a_party_committees_plan_proposes_its_own_bodies_not_departments(seeded_db) -> None:
    committee = Agency.objects.filter(name_vi="Thành ủy Hà Nội").first()
    assert committee is not None
    named = ["Ban Tuyên giáo Thành ủy", "Sở Tài chính"]
    assert _units_named(committee, named) == {"Ban Tuyên giáo Thành ủy"}
