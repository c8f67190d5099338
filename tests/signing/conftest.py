"""A throwaway certification authority for the signing tests (trusted through
settings), an untrusted one, and helpers to give a person a signing key."""

import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from lotrinh.reporting import services as reporting
from lotrinh.signing import certs
from lotrinh.signing.services import configure_signer
from tests.reporting.conftest import fill, period_2024, regime, report_a  # noqa: F401

PASSPHRASE = b"mat-khau-thu"


@pytest.fixture(scope="session")
def authority():
    return certs.make_authority("CA thử nghiệm Lộ trình")


@pytest.fixture(scope="session")
def stranger_authority():
    return certs.make_authority("CA không tin cậy", organisation="Nơi khác")


@pytest.fixture
def trust(settings, tmp_path, authority):
    """The test authority is the configured trust root (and no demonstration root)."""
    root = tmp_path / "roots.pem"
    root.write_bytes(authority.certificate.public_bytes(serialization.Encoding.PEM))
    settings.SIGNING_TRUST_ROOTS = [str(root)]
    settings.SIGNING_DIR = tmp_path / "signing"
    settings.SIGNING_TSA_URL = ""
    return root


def give_key(user, issued, chain, tmp_path: Path):
    """A PKCS#12 file for `user` with its passphrase in a file (never in the database)."""
    path = tmp_path / f"{user.username}.p12"
    path.write_bytes(certs.pkcs12_bytes(issued, chain, PASSPHRASE))
    secret = tmp_path / f"{user.username}.pass"
    secret.write_bytes(PASSPHRASE)
    key, problems = configure_signer(
        user, source="pkcs12", pkcs12_path=str(path), passphrase_file=str(secret)
    )
    assert problems == []
    return key


@pytest.fixture
def leader_cert(authority, approver_a):
    return certs.issue_signer(authority, approver_a.full_name, organisation="Bộ Y tế")


@pytest.fixture
def signing_approver(trust, tmp_path, authority, approver_a, leader_cert):
    give_key(approver_a, leader_cert, [authority], tmp_path)
    return approver_a


@pytest.fixture
def approved_report(report_a, officer_a, approver_a):  # noqa: F811
    fill(report_a, officer_a)
    return reporting.approve_report(report_a, approver_a)


def expired(authority, name: str):
    now = datetime.datetime.now(datetime.UTC)
    return certs.issue_signer(
        authority,
        name,
        organisation="Bộ Y tế",
        not_before=now - datetime.timedelta(days=400),
        not_after=now - datetime.timedelta(days=30),
    )


@pytest.fixture
def signed(signing_approver, approved_report):
    from lotrinh.signing.services import sign_and_submit

    return sign_and_submit(approved_report, signing_approver, approved_report.version)
