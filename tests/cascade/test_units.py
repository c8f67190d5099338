"""Units: names, the tree, CSV import, and who holds a unit's task on a date through
mergers at both levels (units and agencies)."""

import datetime

import pytest

from lotrinh.accounts.models import Role
from lotrinh.agencies import units as services
from lotrinh.agencies.models import Agency, SuccessionKind, UnitKind, UnitSuccession
from lotrinh.agencies.units import UnitGraph, classify_unit_name
from tests.cascade.conftest import person, unit

D2024 = datetime.date(2024, 12, 1)
D2025 = datetime.date(2025, 8, 1)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Sở Khoa học và Công nghệ", UnitKind.DEPARTMENT),
        ("Sở KH&CN", UnitKind.DEPARTMENT),
        ("Ban Quản lý các khu công nghiệp", UnitKind.BOARD),
        ("Vụ Pháp chế", UnitKind.MINISTRY_DEPARTMENT),
        ("Cục Đổi mới sáng tạo", UnitKind.GENERAL_DEPARTMENT),
        ("Chi cục Hải quan khu vực V", UnitKind.DIVISION),
        ("UBND xã Tam Đường", UnitKind.COMMUNE),
        ("Ủy ban nhân dân phường Ba Đình", UnitKind.WARD),
        ("Công an Thành phố", UnitKind.POLICE),
        ("Văn phòng UBND tỉnh", UnitKind.OFFICE),
        ("Bộ Công an", None),
        ("Các Sở, ban, ngành", None),
        ("UBND tỉnh Lai Châu", None),
        ("Sở", None),
        # Kinds of body written in lower case, not one unit (552/KH-UBND: "Phối hợp với
        # doanh nghiệp, viện nghiên cứu, trường đại học").
        ("viện nghiên cứu", None),
        ("trường đại học", None),
        ("Trường Đại học Đồng Tháp", UnitKind.INSTITUTE),
    ],
)
def test_it_classifies_unit_names(name: str, kind: str | None) -> None:
    assert classify_unit_name(name) == kind


def test_it_answers_who_holds_a_unit_task_through_mergers_at_both_levels(
    merged_provinces: tuple[Agency, Agency],
) -> None:
    bac_giang, bac_ninh = merged_provinces
    # Unit level inside a province (2025-03-01: Sở TT&TT merged into Sở KH&CN), then the
    # provincial merger (2025-07-01: Bắc Giang's Sở KH&CN into Bắc Ninh's).
    tt_bg = unit(bac_giang, "so-tttt", "Sở Thông tin và Truyền thông")
    khcn_bg = unit(bac_giang, "so-khcn", "Sở Khoa học và Công nghệ")
    khcn_bn = unit(bac_ninh, "so-khcn", "Sở Khoa học và Công nghệ")
    commune = unit(bac_giang, "xa-a", "UBND xã A", UnitKind.COMMUNE)
    UnitSuccession.objects.create(
        predecessor=tt_bg,
        successor=khcn_bg,
        kind=SuccessionKind.MERGED_INTO,
        effective_date=datetime.date(2025, 3, 1),
    )
    UnitSuccession.objects.create(
        predecessor=khcn_bg,
        successor=khcn_bn,
        kind=SuccessionKind.MERGED_INTO,
        effective_date=datetime.date(2025, 7, 1),
    )
    graph = UnitGraph.load()
    assert graph.holder_at(tt_bg, D2024).unit == tt_bg
    assert graph.holder_at(tt_bg, datetime.date(2025, 4, 1)).unit == khcn_bg
    holder = graph.holder_at(tt_bg, D2025)
    assert (holder.agency, holder.unit) == (bac_ninh, khcn_bn)
    # Between the provincial merger (12/6) and the departments' merger (1/7), Bắc Giang's
    # department's task is held by the merged province, unit not yet named.
    between = graph.holder_at(khcn_bg, datetime.date(2025, 6, 20))
    assert (between.agency, between.unit) == (bac_ninh, None)
    # A commune with no unit succession: the successor province holds its task.
    assert graph.holder_at(commune, D2024).unit == commune
    after = graph.holder_at(commune, D2025)
    assert (after.agency, after.unit) == (bac_ninh, None)
    assert after.name == bac_ninh.name_vi


def test_an_agency_administrator_creates_units_of_her_own_agency_only(
    hanoi: Agency, merged_provinces: tuple[Agency, Agency]
) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    department = services.create_unit(admin, hanoi, name="Sở Khoa học và Công nghệ")
    assert department.kind == UnitKind.DEPARTMENT
    services.create_unit(admin, hanoi, name="Phòng Quản lý công nghệ", parent=department)
    assert [(u.name_vi, d) for u, d in services.tree(hanoi)] == [
        ("Sở Khoa học và Công nghệ", 0),
        ("Phòng Quản lý công nghệ", 1),
    ]
    with pytest.raises(services.UnitError):
        services.create_unit(admin, merged_provinces[1], name="Sở Tài chính")
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    with pytest.raises(services.UnitError):
        services.create_unit(reporter, hanoi, name="Sở Tài chính")
    attached = services.attach_user(admin, reporter, department)
    assert attached.unit == department
    assert not hanoi.units.filter(name_vi="Sở Tài chính").exists()


CSV = """code,name_vi,kind,parent,valid_from,valid_to,successor,succession_date
so-khcn,Sở Khoa học và Công nghệ,,,,,,
so-tttt,Sở Thông tin và Truyền thông,,,,2025-02-28,so-khcn,2025-03-01
phong-qlcn,Phòng Quản lý công nghệ,division,so-khcn,,,,
xa-tam-duong,UBND xã Tam Đường,,,2025-07-01,,,
"""


def test_units_are_imported_from_csv_and_a_bad_file_changes_nothing(hanoi: Agency) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    bad = CSV.replace("2025-07-01", "2025-13-01").replace("so-khcn,2025", "nowhere,2025")
    with pytest.raises(services.UnitError) as error:
        services.import_units_csv(admin, hanoi, bad.encode())
    assert "2025-13-01" in str(error.value)
    assert not hanoi.units.exists()
    result = services.import_units_csv(admin, hanoi, CSV.encode())
    assert (result.created, result.successions) == (4, 1)
    assert hanoi.units.get(code="phong-qlcn").parent.code == "so-khcn"
    assert hanoi.units.get(code="xa-tam-duong").kind == UnitKind.COMMUNE
    old = hanoi.units.get(code="so-tttt")
    assert UnitGraph.load().holder_at(old, D2025).unit.code == "so-khcn"
    versions = dict(hanoi.units.values_list("code", "version"))
    # The same file again changes nothing and says so (it counted 4 updates).
    again = services.import_units_csv(admin, hanoi, CSV.encode())
    assert (again.created, again.updated) == (0, 0)
    assert dict(hanoi.units.values_list("code", "version")) == versions
    renamed = CSV.replace("UBND xã Tam Đường", "UBND xã Tam Đường mới").replace(
        "phong-qlcn,Phòng Quản lý công nghệ,division,so-khcn",
        "phong-qlcn,Phòng Quản lý công nghệ,division,so-tttt",
    )
    changed = services.import_units_csv(admin, hanoi, renamed.encode())
    assert (changed.created, changed.updated) == (0, 2)
    assert hanoi.units.get(code="phong-qlcn").parent.code == "so-tttt"


def test_the_command_imports_units_and_refuses_a_bad_file(hanoi: Agency, tmp_path) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    good, bad = tmp_path / "units.csv", tmp_path / "bad.csv"
    good.write_text(CSV, encoding="utf-8")
    bad.write_text("code,name_vi\nBAD CODE,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_units", hanoi.code, str(bad))
    assert not hanoi.units.exists()
    out = StringIO()
    call_command("import_units", hanoi.code, str(good), stdout=out)
    assert "4 đơn vị mới" in out.getvalue()
    assert hanoi.units.count() == 4
