"""Demonstration accounts: one per role, clearly named, with known passwords."""

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.loader import agency_code
from lotrinh.agencies.models import Agency


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    agency_name: str
    full_name: str


# Passwords follow the same rules as everyone's (AUTH_PASSWORD_VALIDATORS: 12 characters
# at least, not like the username); create_demo_accounts checks them.
DEMO_ACCOUNTS = [
    DemoAccount(
        "most",
        "demo-most-2026",
        Role.MOST_MONITOR,
        "Bộ Khoa học và Công nghệ",
        "Nguyễn Văn Theo (demo)",
    ),
    # A second monitor: a value typed by one MOST monitor is approved by another (four
    # eyes, indicators.services.approve_observation); the demo has one waiting for her.
    DemoAccount(
        "most-duyet",
        "demo-hai-mat-2026",
        Role.MOST_MONITOR,
        "Bộ Khoa học và Công nghệ",
        "Hoàng Thị Duyệt (demo)",
    ),
    DemoAccount("byt-baocao", "demo-baocao-2026", Role.REPORTER, "Bộ Y tế", "Trần Thị Báo (demo)"),
    DemoAccount(
        "byt-lanhdao", "demo-lanhdao-2026", Role.APPROVER, "Bộ Y tế", "Lê Văn Duyệt (demo)"
    ),
    DemoAccount(
        "byt-quantri",
        "demo-nhansu-2026",
        Role.AGENCY_ADMIN,
        "Bộ Y tế",
        "Đỗ Thị Quản (demo)",
    ),
    DemoAccount(
        "giamsat",
        "demo-giamsat-2026",
        Role.OVERSIGHT,
        # Ban Kinh tế Trung ương until 24 January 2025 (agency_succession.csv).
        "Ban Chính sách, chiến lược Trung ương",
        "Phạm Thị Sát (demo)",
    ),
    DemoAccount(
        "quantri", "demo-quantri-2026", Role.ADMIN, "Bộ Khoa học và Công nghệ", "Quản trị (demo)"
    ),
]


@transaction.atomic
def create_demo_accounts() -> list[DemoAccount]:
    for account in DEMO_ACCOUNTS:
        agency = Agency.objects.get(code=agency_code(account.agency_name))
        user, _ = User.objects.get_or_create(username=account.username)
        user.agency = agency
        user.role = account.role
        user.full_name = account.full_name
        user.email = f"{account.username}@demo.lotrinh.local"
        user.is_staff = account.role == Role.ADMIN
        user.is_superuser = account.role == Role.ADMIN
        validate_password(account.password, user)  # the demo follows the rules too
        user.set_password(account.password)
        user.save()
    return DEMO_ACCOUNTS
