"""The Party committees of 52-NQ/TW section 4 in the registry (issue 14, item 6):
provincial committees of 2020 and 2025, committees under the Centre, ministries' Party
boards, and who holds a committee's responsibilities on a date."""

import datetime

import pytest

from lotrinh.agencies.loader import load_reference_data
from lotrinh.agencies.models import (
    PARTY_COMMITTEE_KINDS,
    Agency,
    AgencyKind,
    AgencySuccession,
    SuccessionKind,
)
from lotrinh.agencies.services import agencies_for_generic, holder_at, resolve_agency

BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 7, 1)


def _get(name: str) -> Agency:
    return Agency.objects.get(name_vi=name)


def test_there_is_a_provincial_party_committee_for_each_of_the_63_and_the_34_provinces(
    seeded_db: None,
) -> None:
    provincial = Agency.objects.filter(kind=AgencyKind.PARTY_PROVINCIAL)
    on_2020 = [a for a in provincial if a.is_valid_on(datetime.date(2020, 6, 1))]
    on_2025 = [a for a in provincial if a.is_valid_on(AFTER)]
    assert len(on_2020) == 63
    assert len(on_2025) == 34
    provinces_2025 = Agency.objects.filter(kind__in=(AgencyKind.PROVINCE, AgencyKind.CENTRAL_CITY))
    assert len([p for p in provinces_2025 if p.is_valid_on(AFTER)]) == 34
    assert all("VERIFY" in a.source and "provincial merger" in a.source for a in provincial)


def test_a_merged_provinces_party_committee_is_held_by_the_new_one_from_1_july_2025(
    seeded_db: None,
) -> None:
    ha_giang = _get("Tỉnh ủy Hà Giang")
    tuyen_quang = _get("Tỉnh ủy Tuyên Quang")
    assert holder_at(ha_giang, BEFORE) == ha_giang
    assert holder_at(ha_giang, AFTER) == tuyen_quang
    assert holder_at(tuyen_quang, AFTER) == tuyen_quang
    assert ha_giang.valid_to == BEFORE and tuyen_quang.valid_to is None
    succession = AgencySuccession.objects.get(predecessor=ha_giang)
    assert succession.kind == SuccessionKind.MERGED_INTO
    # The province itself merged on 12 June; the Party committee follows on 1 July.
    province = _get("Tỉnh Hà Giang")
    assert holder_at(province, datetime.date(2025, 6, 12)).name_vi == "Tỉnh Tuyên Quang"
    assert holder_at(ha_giang, datetime.date(2025, 6, 12)) == ha_giang
    # Three into one: Bà Rịa - Vũng Tàu and Bình Dương into Hồ Chí Minh City.
    hcm = _get("Thành ủy Thành phố Hồ Chí Minh")
    for name in ("Tỉnh ủy Bà Rịa - Vũng Tàu", "Tỉnh ủy Bình Dương"):
        assert holder_at(_get(name), AFTER) == hcm


def test_thua_thien_hue_party_committee_became_hue_city_party_committee(seeded_db: None) -> None:
    old, new = _get("Tỉnh ủy Thừa Thiên Huế"), _get("Thành ủy Huế")
    assert new.valid_from == datetime.date(2025, 1, 1)
    assert holder_at(old, datetime.date(2024, 12, 31)) == old
    assert holder_at(old, datetime.date(2025, 1, 1)) == new
    assert AgencySuccession.objects.get(predecessor=old).kind == SuccessionKind.RENAMED


def test_the_government_and_national_assembly_party_committees_replace_the_board_and_delegation(
    seeded_db: None,
) -> None:
    pairs = {
        "Ban cán sự đảng Chính phủ": "Đảng ủy Chính phủ",
        "Đảng đoàn Quốc hội": "Đảng ủy Quốc hội",
        "Đảng đoàn Mặt trận Tổ quốc Việt Nam": "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương",
    }
    for old_name, new_name in pairs.items():
        old, new = _get(old_name), _get(new_name)
        assert old.kind == AgencyKind.PARTY_BOARD and new.kind == AgencyKind.PARTY_CENTRAL
        assert holder_at(old, datetime.date(2024, 12, 31)) == old
        assert holder_at(old, datetime.date(2025, 2, 1)) == new
        assert "VERIFY" in new.source
    assert _get("Đảng ủy các cơ quan Đảng Trung ương").valid_from == datetime.date(2025, 1, 24)


def test_a_ministrys_party_board_passes_to_its_successors_party_committee(seeded_db: None) -> None:
    board = _get("Ban cán sự đảng Bộ Kế hoạch và Đầu tư")
    finance = _get("Đảng ủy Bộ Tài chính")
    assert finance.kind == AgencyKind.PARTY_MINISTRY
    assert holder_at(board, datetime.date(2025, 2, 28)) == board
    assert holder_at(board, datetime.date(2025, 3, 1)) == finance
    assert holder_at(_get("Ban cán sự đảng Bộ Tài chính"), datetime.date(2025, 3, 1)) == finance
    ict = _get("Ban cán sự đảng Bộ Thông tin và Truyền thông")
    assert holder_at(ict, datetime.date(2025, 3, 1)).name_vi == "Đảng ủy Bộ Khoa học và Công nghệ"
    # Defence and Public Security have the Central Military Commission and the Central
    # Public Security Party Committee instead of a board.
    assert not Agency.objects.filter(name_vi="Ban cán sự đảng Bộ Quốc phòng").exists()
    assert _get("Quân ủy Trung ương").kind == AgencyKind.PARTY_CENTRAL


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # 63 provincial committees, 22 ministries' boards, the Government's board, the NA
        # delegation, the Front's delegation, four committees under the Centre.
        (datetime.date(2024, 6, 1), 63 + 20 + 3 + 4),
        # 34 provincial committees, 6 committees under the Centre (boards ended).
        (datetime.date(2025, 7, 1), 34 + 6),
    ],
)
def test_the_party_committees_that_report_to_the_centre_on_a_date(
    seeded_db: None, day: datetime.date, expected: int
) -> None:
    reporters = agencies_for_generic("party_committees", day)
    assert reporters.count() == expected
    assert set(reporters.values_list("kind", flat=True)) <= set(PARTY_COMMITTEE_KINDS)


def test_a_party_committee_is_found_by_its_name_as_written(seeded_db: None) -> None:
    # "uỷ" and "ủy" are the same name.
    assert resolve_agency("Tỉnh uỷ Bắc Giang") == _get("Tỉnh ủy Bắc Giang")
    assert resolve_agency("Đảng uỷ Chính phủ") == _get("Đảng ủy Chính phủ")


def test_reloading_the_registry_changes_nothing(seeded_db: None) -> None:
    before = (Agency.objects.count(), AgencySuccession.objects.count())
    load_reference_data()
    load_reference_data()
    assert (Agency.objects.count(), AgencySuccession.objects.count()) == before


def test_an_existing_database_is_upgraded_by_reloading(seeded_db: None) -> None:
    """A database loaded before the Party committees existed: the board was a Party body
    with no successor; reloading gives it its kind, successor and end date."""
    board = _get("Ban cán sự đảng Chính phủ")
    AgencySuccession.objects.filter(predecessor=board).delete()
    Agency.objects.filter(kind=AgencyKind.PARTY_PROVINCIAL).delete()
    Agency.objects.filter(pk=board.pk).update(kind=AgencyKind.PARTY_BODY, valid_to=None)
    load_reference_data()
    board.refresh_from_db()
    assert board.kind == AgencyKind.PARTY_BOARD
    assert board.valid_to == datetime.date(2025, 1, 23)
    assert holder_at(board, datetime.date(2025, 6, 1)).name_vi == "Đảng ủy Chính phủ"
    assert Agency.objects.filter(kind=AgencyKind.PARTY_PROVINCIAL).count() == 64
