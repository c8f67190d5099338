"""Personas of the account pages: each agency's own account administrator.

Alongside the shared personas (tests/conftest.py): Hoa administers Bộ Y tế's accounts
(agency A), Bình those of Bộ Tài chính (agency B).
"""

import pytest

from lotrinh.accounts.models import Role, User
from tests.conftest import AGENCY_A, AGENCY_B, make_user

STRONG = "mot-mat-khau-that-dai-2026"


@pytest.fixture
def agency_admin_a(db: None) -> User:
    return make_user("agency_admin_a", AGENCY_A, Role.AGENCY_ADMIN)


@pytest.fixture
def agency_admin_b(db: None) -> User:
    return make_user("agency_admin_b", AGENCY_B, Role.AGENCY_ADMIN)


def link_in(body: str) -> str:
    """The one http(s) link of an e-mail that leads to a password page."""
    import re

    links = [u for u in re.findall(r"https?://\S+", body) if "/tai-khoan/" in u]
    assert len(set(links)) == 1, body
    return links[0]
