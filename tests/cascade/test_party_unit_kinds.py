"""Party bodies' units have the Party's kinds (issue 14, "the cascade").

A Party committee's inspection commission ("Ủy ban Kiểm tra Tỉnh ủy", Điều lệ Đảng, chương
VII) is no State inspectorate ("Thanh tra"), and the committees under it named one by
one ("Đảng ủy xã Đông Anh", "Huyện ủy Gia Lâm") are committees, not "other units". A
district committee (Huyện ủy, Quận ủy, Thị ủy: the level above the communes until 1 July
2025) has the communes' and towns' committees under it: its plan naming them proposes
them as its units, as a provincial committee's does. docs/cascade.md "Naming units"."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.agencies import unit_names
from lotrinh.agencies.models import Agency, AgencyKind, UnitKind
from lotrinh.importer.service import parse_bytes
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Role
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import plan_of

LEVELS = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy")
NAMED = ("Đảng ủy xã Đông Anh", "Đảng ủy phường Hoàn Kiếm", "Huyện ủy Gia Lâm", "Quận ủy Ba Đình")


@settings(max_examples=40, deadline=None)
@given(level=st.sampled_from(LEVELS), old_tone=st.booleans())
def test_a_committees_inspection_commission_is_no_state_inspectorate(level, old_tone) -> None:
    name = f"Ủy ban Kiểm tra {level}"
    if old_tone:
        name = name.replace("Ủy", "Uỷ").replace("ủy", "uỷ")
    assert unit_names.classify_unit_name(name) == UnitKind.PARTY_INSPECTION
    # The State's inspectorates keep their kind.
    assert unit_names.classify_unit_name("Thanh tra tỉnh") == UnitKind.INSPECTORATE
    assert unit_names.classify_unit_name("Thanh tra Bộ") == UnitKind.INSPECTORATE


@pytest.mark.parametrize("name", NAMED + ("Đảng ủy Ủy ban nhân dân tỉnh", "Thị ủy Sơn Tây"))
def test_a_committee_named_one_by_one_is_a_party_committee(name) -> None:
    assert unit_names.classify_unit_name(name) == UnitKind.PARTY_COMMITTEE


def test_a_committees_boards_and_office_keep_their_kinds() -> None:
    assert unit_names.classify_unit_name("Ban Tổ chức Tỉnh ủy") == UnitKind.BOARD
    assert unit_names.classify_unit_name("Văn phòng Thành ủy") == UnitKind.OFFICE


@pytest.mark.django_db
def test_a_party_committees_plan_proposes_its_bodies_with_their_kinds(seeded_db) -> None:
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    plan = plan_of(committee, current_programme("50/NQ-CP"), {"1": []})
    names = ["Ủy ban Kiểm tra Thành ủy", "Đảng ủy xã Đông Anh", "Ban Tổ chức Thành ủy"]
    cascade._assign_names(plan.tasks.get(), committee, names, Role.LEAD, "test")
    kinds = dict(committee.units.values_list("name_vi", "kind"))
    assert kinds == {
        "Ủy ban Kiểm tra Thành ủy": UnitKind.PARTY_INSPECTION,
        "Đảng ủy xã Đông Anh": UnitKind.PARTY_COMMITTEE,
        "Ban Tổ chức Thành ủy": UnitKind.BOARD,
    }


# ------------------------------------------------------------ a district committee's plan
COMMUNES = ("Đảng ủy xã Đông Anh", "Đảng ủy thị trấn Trâu Quỳ", "Đảng ủy phường Ngô Quyền")
DISTRICTS = ("Huyện ủy Gia Lâm", "Quận ủy Hải An", "Thị ủy Sơn Tây")


@settings(max_examples=30, deadline=None)
@given(commune=st.sampled_from(COMMUNES), district=st.sampled_from(DISTRICTS))
def test_a_communes_committee_is_a_unit_of_a_district_committee(commune, district) -> None:
    assert unit_names.is_unit_of(commune, district)
    assert unit_names.same_side(commune, district)
    # A district's committee is never under another district's, nor under the army's.
    assert not unit_names.is_unit_of("Huyện ủy Gia Lâm", district)
    assert not unit_names.is_unit_of(commune, "Quân ủy Trung ương")
    # Nor under a People's Committee, of any level.
    assert not unit_names.is_unit_of(commune, "Huyện Gia Lâm")


DISTRICT_PLAN = """HUYỆN ỦY GIA LÂM
ĐẢNG BỘ THÀNH PHỐ HÀ NỘI
Số: 15-KH/HU
Gia Lâm, ngày 10 tháng 3 năm 2024
KẾ HOẠCH
Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị
I. NHIỆM VỤ
1. Đảng ủy xã Đông Anh chủ trì, phối hợp với Đảng ủy thị trấn Trâu Quỳ xây dựng kế hoạch chuyển đổi số của xã.
2. Ủy ban Kiểm tra Huyện ủy kiểm tra việc thực hiện kế hoạch.
"""


@pytest.mark.django_db
def test_a_district_committees_plan_marks_and_proposes_the_communes_it_names(seeded_db) -> None:
    tasks = parse_bytes(DISTRICT_PLAN.encode(), "ke-hoach.txt")["tasks"]
    first = next(t for t in tasks if "Đảng ủy xã Đông Anh" in t["lead"])
    assert "Đảng ủy xã Đông Anh" in first["unit_of"]
    assert "Đảng ủy thị trấn Trâu Quỳ" in first["coordinating"]
    assert "Đảng ủy thị trấn Trâu Quỳ" in first["unit_of"]

    district = Agency.objects.create(
        code="huyen-uy-gia-lam", name_vi="Huyện ủy Gia Lâm", kind=AgencyKind.PARTY_BODY
    )
    plan = plan_of(district, current_programme("50/NQ-CP"), {"1": []})
    cascade._assign_names(
        plan.tasks.get(),
        district,
        ["Đảng ủy xã Đông Anh", "Đảng ủy thị trấn Trâu Quỳ", "Sở Tài chính"],
        Role.LEAD,
        "test",
    )
    kinds = dict(district.units.values_list("name_vi", "kind"))
    assert kinds == {
        "Đảng ủy xã Đông Anh": UnitKind.PARTY_COMMITTEE,
        "Đảng ủy thị trấn Trâu Quỳ": UnitKind.PARTY_COMMITTEE,
    }
