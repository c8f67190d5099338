"""A Party committee's plan names the committees under it one by one ("Đảng ủy xã Đông
Anh", "Đảng ủy phường …", "Huyện ủy Gia Lâm", "Quận ủy Ba Đình"): the importer reads them
as the issuing committee's units and the cascade import proposes them, as it does the
committee's boards. A People's Committee's plan naming the same committees never proposes
them (they are the Party's, not the province's), and "Quân ủy" (the army's committee) is
none of them. docs/cascade.md "Units: created, imported, proposed"."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.agencies import unit_names
from lotrinh.agencies.models import Agency
from lotrinh.importer.service import parse_bytes
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Role
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import plan_of
from tests.importer.test_subordinate_committees import BODY, PARTY, STATE

LEVELS = ("Đảng ủy xã", "Đảng ủy phường", "Đảng ủy đặc khu", "Huyện ủy", "Quận ủy", "Thị ủy")
PLACES = ("Đông Anh", "Gia Lâm", "Tân Phú Đông", "Ba Đình", "Phú Quốc", "Hoàn Kiếm")


def _units_named(agency: Agency, names: list[str]) -> set[str]:
    plan = plan_of(agency, current_programme("50/NQ-CP"), {"1": []})
    task = plan.tasks.get()
    cascade._assign_names(task, agency, names, Role.LEAD, "test")
    return set(task.unit_assignments.values_list("unit__name_vi", flat=True))


@pytest.mark.django_db
def test_a_party_committees_plan_proposes_the_committees_it_names(seeded_db) -> None:
    committee = Agency.objects.filter(name_vi="Thành ủy Hà Nội").first()
    assert committee is not None
    named = ["Đảng ủy xã Đông Anh", "Huyện ủy Gia Lâm", "Quận ủy Ba Đình", "Sở Tài chính"]
    assert _units_named(committee, named) == {
        "Đảng ủy xã Đông Anh",
        "Huyện ủy Gia Lâm",
        "Quận ủy Ba Đình",
    }
    assert committee.units.filter(name_vi="Đảng ủy xã Đông Anh", proposed=True).exists()


@pytest.mark.django_db
def test_a_province_plan_never_proposes_a_party_committee(hanoi) -> None:
    named = ["Đảng ủy xã Đông Anh", "Huyện ủy Gia Lâm", "Sở Tài chính"]
    assert _units_named(hanoi, named) == {"Sở Tài chính"}
    assert not hanoi.units.filter(name_vi__contains=" ủy ").exists()


@settings(max_examples=30, deadline=None)
@given(level=st.sampled_from(LEVELS), place=st.sampled_from(PLACES))
def test_a_named_committee_is_a_unit_of_a_provincial_committee_only(level, place) -> None:
    name = f"{level} {place}"
    assert unit_names.is_unit_of(name, "Tỉnh ủy Nghệ An")
    assert unit_names.is_unit_of(name, "Thành ủy Hà Nội")
    assert unit_names.is_subordinate_committee(name)
    for issuer in ("Tỉnh Nghệ An", "Thành phố Hà Nội", "Bộ Nội vụ", f"Đảng ủy xã {place} Bắc"):
        assert not unit_names.is_unit_of(name, issuer)
        assert not unit_names.same_side(name, issuer)


def test_the_armys_committee_and_a_class_are_no_named_committee() -> None:
    for name in ("Quân ủy Trung ương", "Đảng ủy xã", "Huyện ủy các huyện", "Đảng ủy xã trực thuộc"):
        assert not unit_names.is_unit_of(name, "Tỉnh ủy Nghệ An"), name
    assert unit_names.classify_unit_name("Quân ủy Trung ương") is None


@pytest.mark.django_db
@settings(max_examples=20, deadline=None)
@given(
    lead=st.sampled_from(LEVELS),
    coordinating=st.sampled_from(LEVELS),
    place=st.sampled_from(PLACES),
)
def test_the_importer_marks_named_committees_in_a_party_plan_only(lead, coordinating, place):
    names = (f"{lead} {place}", f"{coordinating} {place} Mới")
    for head, marked in ((PARTY, True), (STATE, False)):
        text = head + BODY.format(lead=names[0], coordinating=names[1])
        tasks = parse_bytes(text.encode(), "ke-hoach.txt")["tasks"]
        first = next(t for t in tasks if names[0] in t["lead"])
        second = next(t for t in tasks if names[1] in t["coordinating"])
        assert (names[0] in first["unit_of"]) is marked
        assert (names[1] in second["unit_of"]) is marked
