import datetime

import pytest

from lotrinh.agencies.models import Agency, AgencyKind
from lotrinh.agencies.services import (
    SuccessionGraph,
    agencies_for_generic,
    resolve_agency,
    valid_on,
)
from lotrinh.core.text import canonical_tone, clause_anchor, fold, normalise_name

pytestmark = pytest.mark.django_db


def test_fold_ignores_case_diacritics_and_d_bar():
    assert fold("Chuyển ĐỔI số  quốc gia") == "chuyen doi so quoc gia"


@pytest.mark.parametrize(
    ("old", "new"),
    [("hòa", "hoà"), ("Ủy ban", "Uỷ ban"), ("Văn hóa", "Văn hoá"), ("khỏe", "khoẻ")],
)
def test_both_tone_placements_compare_equal(old, new):
    assert canonical_tone(old) == canonical_tone(new) == new
    assert normalise_name(old) == normalise_name(new)


def test_closed_syllables_keep_their_spelling():
    assert canonical_tone("hoàn thành Huỳnh") == "hoàn thành Huỳnh"


def test_clause_anchor_is_url_safe():
    assert clause_anchor("II.3.đ.2") == "II-3-dd-2"


def test_the_2020_registry_has_63_provinces_and_2025_has_34():
    provinces = Agency.objects.filter(kind__in=[AgencyKind.PROVINCE, AgencyKind.CENTRAL_CITY])
    assert provinces.filter(valid_on(datetime.date(2020, 4, 17))).count() == 63
    assert provinces.filter(valid_on(datetime.date(2025, 7, 1))).count() == 34


def test_ministry_level_bodies_of_2020():
    at = datetime.date(2020, 4, 17)
    assert Agency.objects.filter(valid_on(at), kind=AgencyKind.MINISTRY).count() == 18
    assert Agency.objects.filter(valid_on(at), kind=AgencyKind.MINISTERIAL_AGENCY).count() == 4
    assert agencies_for_generic("all_ministries_agencies_provinces", at).count() == 18 + 4 + 9 + 63


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
        ("Bộ KH&CN", "Bộ Khoa học và Công nghệ"),
        ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
        ("Bộ Văn hoá, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
        (
            "Uỷ ban Trung ương Mặt trận Tổ quốc Việt Nam",
            "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        ),
        ("Uỷ ban nhân dân Thành phố Hà Nội", "Thành phố Hà Nội"),
        ("UBND tỉnh Hà Giang", "Tỉnh Hà Giang"),
    ],
)
def test_names_as_written_resolve_to_the_registry(written, official):
    agency = resolve_agency(written, at=datetime.date(2020, 4, 17))
    assert agency is not None and agency.name_vi == official


def test_unknown_name_does_not_resolve():
    assert resolve_agency("Bộ Không Tồn Tại") is None


def test_responsibility_passes_to_the_successor_on_the_effective_date():
    graph = SuccessionGraph.load()
    mic = Agency.objects.get(name_vi="Bộ Thông tin và Truyền thông")
    most = Agency.objects.get(name_vi="Bộ Khoa học và Công nghệ")
    assert graph.holder_at(mic, datetime.date(2025, 2, 28)) == mic
    assert graph.holder_at(mic, datetime.date(2025, 3, 1)) == most
    assert mic.valid_to == datetime.date(2025, 2, 28)


def test_merged_province_passes_to_the_new_province():
    graph = SuccessionGraph.load()
    ha_giang = Agency.objects.get(name_vi="Tỉnh Hà Giang")
    assert graph.holder_at(ha_giang, datetime.date(2025, 7, 1)).name_vi == "Tỉnh Tuyên Quang"
    assert graph.holder_at(ha_giang, datetime.date(2024, 7, 1)) == ha_giang


def test_two_step_succession_hue():
    graph = SuccessionGraph.load()
    hue = Agency.objects.get(name_vi="Tỉnh Thừa Thiên Huế")
    assert graph.holder_at(hue, datetime.date(2025, 1, 1)).name_vi == "Thành phố Huế"


def test_every_agency_keeps_its_source():
    assert not Agency.objects.filter(source="").exists()


def test_loading_the_reference_data_twice_changes_nothing():
    from lotrinh.agencies.loader import load_reference_data
    from lotrinh.agencies.models import AgencyAlias, AgencySuccession

    before = (Agency.objects.count(), AgencyAlias.objects.count(), AgencySuccession.objects.count())
    load_reference_data()
    after = (Agency.objects.count(), AgencyAlias.objects.count(), AgencySuccession.objects.count())
    assert before == after
