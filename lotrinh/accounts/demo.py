"""Demonstration accounts: one per role, clearly named, with known passwords."""

from dataclasses import dataclass

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


DEMO_ACCOUNTS = [
    DemoAccount(
        "most", "demo-most", Role.MOST_MONITOR, "Bộ Khoa học và Công nghệ", "Nguyễn Văn Theo (demo)"
    ),
    DemoAccount("byt-baocao", "demo-baocao", Role.REPORTER, "Bộ Y tế", "Trần Thị Báo (demo)"),
    DemoAccount("byt-lanhdao", "demo-lanhdao", Role.APPROVER, "Bộ Y tế", "Lê Văn Duyệt (demo)"),
    DemoAccount(
        "giamsat", "demo-giamsat", Role.OVERSIGHT, "Ban Kinh tế Trung ương", "Phạm Thị Sát (demo)"
    ),
    DemoAccount(
        "quantri", "demo-quantri", Role.ADMIN, "Bộ Khoa học và Công nghệ", "Quản trị (demo)"
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
        user.set_password(account.password)
        user.save()
    return DEMO_ACCOUNTS
