"""The cascade's world: two provinces merging in 2025, their units, a plan of one of them
as a child programme of 50/NQ-CP, and the people of each level."""

from typing import Any

import pytest

from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency, Unit, UnitKind


def person(username: str, agency: Agency, role: str, unit: Unit | None = None) -> User:
    return User.objects.create_user(
        username=username,
        password="pw-" + username,
        agency=agency,
        unit=unit,
        role=role,
        full_name=username.replace("_", " ").title(),
        email=f"{username}@example.test",
    )


def unit(agency: Agency, code: str, name: str, kind: str = UnitKind.DEPARTMENT, **kw: Any) -> Unit:
    return Unit.objects.create(agency=agency, code=code, name_vi=name, kind=kind, **kw)


@pytest.fixture
def hanoi(seeded_db: None) -> Agency:
    return Agency.objects.get(code="thanh-pho-ha-noi")


@pytest.fixture
def merged_provinces(seeded_db: None) -> tuple[Agency, Agency]:
    """Bắc Giang merged into Bắc Ninh on 2025-06-12 (the registry's 2025 reorganisation)."""
    return Agency.objects.get(code="tinh-bac-giang"), Agency.objects.get(code="tinh-bac-ninh")
