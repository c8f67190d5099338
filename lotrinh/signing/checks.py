"""`manage.py check`: the signing configuration. With production settings (DEBUG off,
not a local run) a demonstration trust root is an error: demonstration certificates
must never be trusted there (docs/signing.md)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register("lotrinh")
def signing_configuration(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    from lotrinh.signing import certs

    problems: list[Any] = []
    for path in settings.SIGNING_TRUST_ROOTS:
        try:
            roots = certs.load_certificates(Path(path))
        except (OSError, ValueError) as exc:
            problems.append(
                Error(
                    f"LOTRINH_TRUST_ROOTS: cannot read the trust root {path} ({exc}).",
                    id="signing.E001",
                )
            )
            continue
        demo = [r for r in roots if certs.is_demo(r)]
        if demo and not settings.SIGNING_ALLOW_DEMO:
            problems.append(
                Error(
                    f"LOTRINH_TRUST_ROOTS: {path} is the demonstration authority of "
                    "`lotrinh demo`; demonstration certificates are never trusted with "
                    "production settings. Remove it and configure the real trust roots.",
                    hint="docs/signing.md",
                    id="signing.E002",
                )
            )
    if settings.SIGNING_PKCS11_MODULE and not Path(settings.SIGNING_PKCS11_MODULE).is_file():
        problems.append(
            Error(
                f"LOTRINH_PKCS11_MODULE: {settings.SIGNING_PKCS11_MODULE} does not exist.",
                id="signing.E003",
            )
        )
    return problems
