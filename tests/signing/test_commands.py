"""`lotrinh verify`, `lotrinh report … --sign`, `lotrinh signer`, the demonstration
authority (never trusted with production settings) and the PKCS#11 configuration check."""

import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lotrinh.signing import certs, keys
from lotrinh.signing.models import KeySource, SignerKey
from tests.ops.test_deploy_settings import ROOT, clean_env
from tests.signing.test_signing import signed_bytes


def test_verify_exits_0_on_a_valid_file_and_1_on_a_changed_one(signed, tmp_path, capsys):
    good = tmp_path / "good.pdf"
    good.write_bytes(signed_bytes(signed))
    call_command("verify", str(good), "--agency", "Bộ Y tế")
    out = capsys.readouterr().out
    assert "Chữ ký hợp lệ" in out and signed.signer.full_name in out
    assert "Toàn vẹn / integrity: nguyên vẹn" in out and "CA thử nghiệm" in out
    data = bytearray(good.read_bytes())
    at = data.index(b"stream", data.index(b"/Length")) + 40
    data[at] ^= 0x01
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify", str(bad))
    assert exit_info.value.code == 1
    assert "refused" in capsys.readouterr().out


def test_report_agency_sign_writes_a_numbered_signed_pdf(
    signing_approver, approved_report, tmp_path
):
    out = tmp_path / "byt.pdf"
    call_command(
        "report", "agency", "--agency", "Bộ Y tế", "--year", "2024", "--format", "pdf",
        "--sign", "-o", str(out),
    )  # fmt: skip
    from lotrinh.signing.verify import verify_pdf

    verdict = verify_pdf(out.read_bytes())
    assert verdict.valid and verdict.signer_name == signing_approver.full_name
    with pytest.raises(CommandError, match="PDF"):
        call_command(
            "report", "agency", "--agency", "Bộ Y tế", "--year", "2024", "--format", "docx",
            "--sign", "-o", str(out),
        )  # fmt: skip


def test_demo_signers_are_marked_and_trusted_only_locally(settings, tmp_path, seeded_db):
    from django.contrib.auth import get_user_model

    from lotrinh.accounts.demo import create_demo_accounts
    from lotrinh.signing.demo import create_demo_signers
    from lotrinh.signing.verify import trust_roots

    settings.SIGNING_DIR = tmp_path
    settings.SIGNING_TRUST_ROOTS = []
    create_demo_accounts()
    made = create_demo_signers()
    assert {m.username for m in made} == {"byt-lanhdao", "bkhcn-lanhdao"}
    key = get_user_model().objects.get(username="byt-lanhdao").signer_key
    assert key.is_demo and key.fingerprint and "PRIVATE" not in key.certificate
    assert keys.check_config(key) == []
    assert any(certs.is_demo(r) for r in trust_roots())
    settings.SIGNING_ALLOW_DEMO = False
    assert trust_roots() == []


def test_check_refuses_a_demo_trust_root_with_production_settings(tmp_path):
    root = tmp_path / "ca.pem"
    root.write_bytes(certs.make_authority("Demo").pem)
    env = clean_env(
        tmp_path,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        LOTRINH_TRUST_ROOTS=str(root),
    )
    result = subprocess.run(
        [sys.executable, "-m", "lotrinh.cli", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "signing.E002" in result.stdout + result.stderr


def test_a_pkcs11_configuration_is_validated_without_a_token(approver_a, monkeypatch, tmp_path):
    key = SignerKey(user=approver_a, source=KeySource.PKCS11)
    problems = keys.check_config(key)
    assert any("thư viện PKCS#11" in p for p in problems)
    assert any("nhãn thiết bị" in p for p in problems)
    assert any("mã PIN" in p for p in problems)
    module = tmp_path / "libtoken.so"
    module.write_bytes(b"")
    monkeypatch.setenv("TOKEN_PIN", "1234")
    key.pkcs11_module, key.pkcs11_token, key.pkcs11_key_label = str(module), "VGCA", "ky-so"
    key.pin_env = "TOKEN_PIN"
    key.certificate = certs.make_authority("x").pem.decode()
    assert keys.check_config(key) == []
    # Loading it tries the module: a clear refusal, no traceback.
    with pytest.raises(keys.KeyProblem, match="Không mở được thiết bị ký"):
        keys.load_signer(key)
