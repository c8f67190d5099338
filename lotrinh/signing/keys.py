"""Loading a signer's key from its configuration (never from the database: the database
holds where the key is, not the key), and checking that configuration.

PKCS#12: a .p12/.pfx file on the server, its passphrase in an environment variable
(`passphrase_env`) or a file readable only by the service account (`passphrase_file`).
PKCS#11: a token or HSM reached through its module (`pkcs11_module`, or
LOTRINH_PKCS11_MODULE), found by token label, the key (and certificate) by label, the
PIN in an environment variable (`pin_env`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.utils.translation import gettext as _

from lotrinh.signing import certs
from lotrinh.signing.models import KeySource, SignerKey


class KeyProblem(Exception):
    """The signer's key cannot be used; the message says why (Vietnamese first)."""


def _secret(env: str, file: str, what: str) -> bytes | None:
    if env:
        value = os.environ.get(env)
        if value is None:
            raise KeyProblem(
                _("Chưa đặt biến môi trường %(env)s chứa %(what)s.") % {"env": env, "what": what}
            )
        return value.encode()
    if file:
        path = Path(file)
        if not path.is_file():
            raise KeyProblem(_("Không đọc được tệp %(file)s.") % {"file": file})
        return path.read_bytes().strip()
    return None


def module_path(key: SignerKey) -> str:
    return key.pkcs11_module or getattr(settings, "SIGNING_PKCS11_MODULE", "")


def check_config(key: SignerKey) -> list[str]:
    """What is wrong with a configuration, without signing (an empty list: usable as far
    as can be told; a PKCS#11 token that is not plugged in is not an error here)."""
    problems: list[str] = []
    if key.source == KeySource.PKCS12:
        if not key.pkcs12_path:
            problems.append(_("Chưa khai báo đường dẫn tệp PKCS#12."))
        elif not Path(key.pkcs12_path).is_file():
            problems.append(_("Không tìm thấy tệp PKCS#12 %(path)s.") % {"path": key.pkcs12_path})
        if key.passphrase_env and key.passphrase_env not in os.environ:
            problems.append(
                _("Chưa đặt biến môi trường %(env)s chứa mật khẩu.") % {"env": key.passphrase_env}
            )
        if key.passphrase_file and not Path(key.passphrase_file).is_file():
            problems.append(_("Không đọc được tệp %(file)s.") % {"file": key.passphrase_file})
    elif key.source == KeySource.PKCS11:
        module = module_path(key)
        if not module:
            problems.append(
                _("Chưa khai báo thư viện PKCS#11 (pkcs11_module hoặc LOTRINH_PKCS11_MODULE).")
            )
        elif not Path(module).is_file():
            problems.append(_("Không tìm thấy thư viện PKCS#11 %(path)s.") % {"path": module})
        if not key.pkcs11_token:
            problems.append(_("Chưa khai báo nhãn thiết bị PKCS#11 (token label)."))
        if not (key.pkcs11_key_label or key.pkcs11_cert_label):
            problems.append(_("Chưa khai báo nhãn khoá hoặc nhãn chứng thư trên thiết bị."))
        if not key.pin_env:
            problems.append(_("Chưa khai báo biến môi trường chứa mã PIN."))
        elif key.pin_env not in os.environ:
            problems.append(
                _("Chưa đặt biến môi trường %(env)s chứa mã PIN.") % {"env": key.pin_env}
            )
    else:
        problems.append(_("Nguồn khoá không hợp lệ: %(source)s.") % {"source": key.source})
    if not key.certificate:
        problems.append(_("Chưa có chứng thư số của người ký."))
    return problems


def certificate_of_pkcs12(path: Path, passphrase: bytes | None) -> Any:
    try:
        _key, certificate, _chain = pkcs12.load_key_and_certificates(path.read_bytes(), passphrase)
    except (ValueError, OSError) as exc:
        raise KeyProblem(
            _("Không mở được tệp PKCS#12 %(path)s (sai mật khẩu hoặc tệp hỏng).") % {"path": path}
        ) from exc
    if certificate is None:
        raise KeyProblem(_("Tệp PKCS#12 %(path)s không có chứng thư.") % {"path": path})
    return certificate


def load_signer(key: SignerKey) -> Any:
    """A pyHanko signer for this configuration (opens the token for PKCS#11)."""
    from pyhanko.sign import signers

    if key.source == KeySource.PKCS12:
        path = Path(key.pkcs12_path)
        if not path.is_file():
            raise KeyProblem(_("Không tìm thấy tệp PKCS#12 %(path)s.") % {"path": path})
        passphrase = _secret(key.passphrase_env, key.passphrase_file, _("mật khẩu"))
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(
                path.read_bytes(), [], passphrase=passphrase
            )
        except Exception as exc:  # pyHanko reports a wrong passphrase in several ways
            raise KeyProblem(
                _("Không mở được tệp PKCS#12 %(path)s (sai mật khẩu hoặc tệp hỏng).")
                % {"path": path}
            ) from exc
        return signer
    problems = check_config(key)
    if problems:
        raise KeyProblem(" ".join(problems))
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    pin = _secret(key.pin_env, "", _("mã PIN"))
    try:
        session = pkcs11.open_pkcs11_session(
            module_path(key),
            token_criteria=TokenCriteria(label=key.pkcs11_token),
            user_pin=pin.decode() if pin else None,
        )
    except Exception as exc:
        raise KeyProblem(
            _("Không mở được thiết bị ký %(token)s: %(error)s")
            % {"token": key.pkcs11_token, "error": exc}
        ) from exc
    return pkcs11.PKCS11Signer(
        session,
        cert_label=key.pkcs11_cert_label or None,
        key_label=key.pkcs11_key_label or None,
    )


def signer_certificate(key: SignerKey) -> Any:
    return certs.load_certificate(key.certificate.encode())
