"""`lotrinh demo`: a throwaway certification authority and certificates for the demo
leaders. Every certificate is marked DEMO (certs.DEMO_MARK); the authority is trusted
only in local runs, tests and DEBUG, never with production settings (docs/signing.md).
Kept under LOTRINH_SIGNING_DIR/demo (var/signing/demo): the authority's certificate,
each leader's PKCS#12 file and its passphrase in a file readable by its owner only."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.loader import agency_code
from lotrinh.agencies.models import Agency
from lotrinh.signing import certs
from lotrinh.signing.services import MOST_NAME, configure_signer

# The leader of MOST who signs the consolidated report (the demo's other accounts are in
# accounts/demo.py; the approver of Bộ Y tế signs its agency's report).
MOST_LEADER = ("bkhcn-lanhdao", "demo-lanhdao-bkhcn-2026", "Hoàng Minh Ký (demo)")
LEADERS = ("byt-lanhdao", MOST_LEADER[0])


@dataclass(frozen=True)
class DemoSigner:
    username: str
    common_name: str
    pkcs12: Path


def _private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _authority(folder: Path) -> certs.Issued:
    key_path, cert_path = folder / "ca-key.pem", folder / "ca.pem"
    if key_path.is_file() and cert_path.is_file():
        key = serialization.load_pem_private_key(key_path.read_bytes(), None)
        return certs.Issued(key, certs.load_certificate(cert_path.read_bytes()))  # type: ignore[arg-type]
    authority = certs.make_authority("Lộ trình DEMO CA — chỉ để minh hoạ")
    _private(
        key_path,
        authority.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    cert_path.write_bytes(authority.pem)
    return authority


def most_leader() -> User:
    username, password, full_name = MOST_LEADER
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "agency": Agency.objects.get(code=agency_code(MOST_NAME)),
            "role": Role.APPROVER,
            "full_name": full_name,
            "email": f"{username}@demo.lotrinh.local",
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def create_demo_signers() -> list[DemoSigner]:
    folder = Path(settings.SIGNING_DIR) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    authority = _authority(folder)
    most_leader()
    made = []
    for user in User.objects.filter(username__in=LEADERS).select_related("agency"):
        p12 = folder / f"{user.username}.p12"
        secret = folder / f"{user.username}.pass"
        if not (p12.is_file() and secret.is_file()):
            passphrase = secrets.token_urlsafe(18).encode()
            issued = certs.issue_signer(
                authority,
                user.full_name or user.username,
                organisation=user.agency.name_vi if user.agency else "Lộ trình",
            )
            _private(p12, certs.pkcs12_bytes(issued, [authority], passphrase))
            _private(secret, passphrase)
        configure_signer(user, source="pkcs12", pkcs12_path=str(p12), passphrase_file=str(secret))
        made.append(DemoSigner(user.username, user.full_name, p12))
    return made
