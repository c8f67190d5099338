"""A province administrator's bad unit files (docs/cascade.md, "Units"): every problem is
listed and nothing changes; no unit drops out of the tree, no row is silently lost."""

import pytest

from lotrinh.accounts.models import Role
from lotrinh.agencies import units as services
from lotrinh.agencies.models import Agency, UnitSuccession

from .conftest import person, unit

HEAD = "code,name_vi,kind,parent,valid_from,valid_to,successor,succession_date\n"


def _refused(admin, agency: Agency, text: str) -> str:
    before = list(agency.units.values_list("code", "name_vi", "parent__code", "valid_to"))
    with pytest.raises(services.UnitError) as error:
        services.import_units_csv(admin, agency, text.encode())
    after = list(agency.units.values_list("code", "name_vi", "parent__code", "valid_to"))
    assert after == before
    assert not UnitSuccession.objects.filter(predecessor__agency=agency).exists()
    return str(error.value)


def test_a_code_twice_in_the_file_is_refused_not_merged(hanoi: Agency) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    text = HEAD + "so-khcn,Sở Khoa học và Công nghệ,,,,,,\nso-khcn,Sở Tài chính,,,,,,\n"
    message = _refused(admin, hanoi, text)
    assert "Dòng 3" in message and "so-khcn" in message


def test_a_cycle_in_the_tree_is_refused(hanoi: Agency) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    text = HEAD + "a,Sở Tài chính,,b,,,,\nb,Sở Nội vụ,,a,,,,\nc,Sở Y tế,,c,,,,\n"
    message = _refused(admin, hanoi, text)
    assert "Dòng 2" in message and "Dòng 4" in message


def test_a_cycle_through_an_existing_unit_is_refused(hanoi: Agency) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    top = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    unit(hanoi, "phong-a", "Phòng A", kind="division", parent=top)
    # The department put under its own division: both would leave the tree.
    _refused(admin, hanoi, HEAD + "so-khcn,Sở Khoa học và Công nghệ,,phong-a,,,,\n")
    assert [u.code for u, _depth in services.tree(hanoi)] == ["so-khcn", "phong-a"]


def test_values_too_long_for_the_database_are_refused(hanoi: Agency) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    long_code = "x" * 121
    text = HEAD + f"{long_code},Sở A,,,,,,\nb,{'Sở ' + 'B' * 300},,,,,,\n"
    message = _refused(admin, hanoi, text)
    assert "Dòng 2" in message and "Dòng 3" in message


def test_validity_ending_before_it_starts_is_refused(hanoi: Agency) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    message = _refused(admin, hanoi, HEAD + "a,Sở A,,,2025-03-01,2025-02-01,,\n")
    assert "Dòng 2" in message


def test_an_unknown_or_self_successor_is_listed_with_the_other_problems(hanoi: Agency) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    text = (
        HEAD
        + "a,Sở A,,,,,nowhere,2025-03-01\n"
        + "b,Sở B,,,,,b,2025-03-01\n"
        + "c,Sở C,,,,,tinh-khong-co:x,2025-03-01\n"
    )
    message = _refused(admin, hanoi, text)
    assert "Dòng 2" in message and "Dòng 3" in message and "Dòng 4" in message


def test_a_successor_in_the_file_ends_the_predecessor_like_a_succession_by_hand(
    hanoi: Agency,
) -> None:
    """Who holds the task: a unit succeeded on 1 March 2025 is not valid after it."""
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    text = HEAD + "a,Sở A,,,,,b,2025-03-01\nb,Sở B,,,,,,\n"
    services.import_units_csv(admin, hanoi, text.encode())
    assert str(hanoi.units.get(code="a").valid_to) == "2025-02-28"


def test_a_control_character_is_refused_in_the_file_and_the_form(hanoi: Agency) -> None:
    """PostgreSQL refuses a NUL in text: the import answered 500 there after its checks."""
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    message = _refused(admin, hanoi, HEAD + "a,Sở \x00A,,,,,,\n")
    assert "Dòng 2" in message
    with pytest.raises(services.UnitError):
        services.create_unit(admin, hanoi, name="Sở \x00A")
    with pytest.raises(services.UnitError):
        services.create_unit(admin, hanoi, name="Sở " + "A" * 300)
    assert not hanoi.units.exists()
