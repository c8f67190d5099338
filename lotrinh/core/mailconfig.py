"""E-mail and site-address settings read from the environment (used by settings.py).

Plain functions of an environment mapping, so they are tested without reloading
settings. A bad value fails loudly (ImproperlyConfigured), as every setting here does.

E-mail, in order of precedence (README, "Configuration"):
1. `LOTRINH_EMAIL_URL`: `smtp://user:password@host:587` (STARTTLS with `?tls=1`, the
   default on port 587), `smtps://user:password@host:465` (TLS from the first byte),
   `smtp+tls://…` (STARTTLS), `file:///path/to/dir`, `console://`. User and password
   are URL-encoded (`%40` for `@`).
2. `EMAIL_HOST` (with `EMAIL_PORT`, `EMAIL_HOST_USER`, `EMAIL_HOST_PASSWORD`,
   `EMAIL_USE_TLS`, `EMAIL_USE_SSL`): SMTP.
3. `EMAIL_BACKEND`: any Django backend by its dotted path.
4. Otherwise: files under var/mail (locally, nothing leaves the machine). Tests use
   Django's in-memory outbox unless `EMAIL_BACKEND` says otherwise.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP = "django.core.mail.backends.smtp.EmailBackend"
FILE = "django.core.mail.backends.filebased.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def _flag(name: str, raw: str | None, default: bool) -> bool:
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def _port(name: str, raw: str | None, default: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        port = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a port number, got {raw!r}") from exc
    if not 0 < port < 65536:
        raise ImproperlyConfigured(f"{name} must be a port number, got {raw!r}")
    return port


def parse_email_url(url: str, var_dir: Path) -> dict[str, Any]:
    """The Django e-mail settings that `LOTRINH_EMAIL_URL` stands for."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": CONSOLE}
    if scheme == "file":
        path = unquote(parts.path) or str(var_dir / "mail")
        return {"EMAIL_BACKEND": FILE, "EMAIL_FILE_PATH": Path(path)}
    if scheme not in {"smtp", "smtps", "smtp+tls", "smtp+ssl"}:
        raise ImproperlyConfigured(
            "LOTRINH_EMAIL_URL must start with smtp://, smtps://, smtp+tls://, file:// or "
            f"console://, got {url!r}"
        )
    if not parts.hostname:
        raise ImproperlyConfigured(f"LOTRINH_EMAIL_URL has no host: {url!r}")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    ssl = scheme in {"smtps", "smtp+ssl"} or _flag("LOTRINH_EMAIL_URL ssl", query.get("ssl"), False)
    try:
        explicit_port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"LOTRINH_EMAIL_URL has a bad port: {url!r}") from exc
    port = explicit_port or (465 if ssl else 587)
    tls = not ssl and _flag(
        "LOTRINH_EMAIL_URL tls", query.get("tls"), scheme == "smtp+tls" or port == 587
    )
    return {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
    }


def email_settings(env: Mapping[str, str], *, testing: bool, var_dir: Path) -> dict[str, Any]:
    """Every e-mail setting, from the environment (see the module's docstring)."""
    values: dict[str, Any] = {"EMAIL_FILE_PATH": var_dir / "mail", "EMAIL_TIMEOUT": 20}
    if env.get("LOTRINH_EMAIL_URL"):
        values.update(parse_email_url(env["LOTRINH_EMAIL_URL"], var_dir))
    elif env.get("EMAIL_HOST"):
        ssl = _flag("EMAIL_USE_SSL", env.get("EMAIL_USE_SSL"), False)
        port = _port("EMAIL_PORT", env.get("EMAIL_PORT"), 465 if ssl else 587)
        tls = _flag("EMAIL_USE_TLS", env.get("EMAIL_USE_TLS"), not ssl and port == 587)
        if tls and ssl:
            raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on")
        values.update(
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": env["EMAIL_HOST"],
                "EMAIL_PORT": port,
                "EMAIL_HOST_USER": env.get("EMAIL_HOST_USER", ""),
                "EMAIL_HOST_PASSWORD": env.get("EMAIL_HOST_PASSWORD", ""),
                "EMAIL_USE_TLS": tls,
                "EMAIL_USE_SSL": ssl,
            }
        )
    else:
        values["EMAIL_BACKEND"] = env.get("EMAIL_BACKEND") or FILE
    if testing and not env.get("EMAIL_BACKEND"):
        values["EMAIL_BACKEND"] = LOCMEM
    values["DEFAULT_FROM_EMAIL"] = env.get("DEFAULT_FROM_EMAIL") or "lotrinh@localhost"
    values["SERVER_EMAIL"] = env.get("SERVER_EMAIL") or values["DEFAULT_FROM_EMAIL"]
    return values


def site_url(env: Mapping[str, str]) -> str:
    """`LOTRINH_SITE_URL` (the address people open, used for links in e-mails), checked.
    Unset, the local address on `PORT` (the port `lotrinh serve` and `lotrinh demo`
    listen on; 8000 by default): a demo on another port sends links that open it."""
    port = (env.get("PORT") or "").strip()
    local = f"http://127.0.0.1:{port if port.isdigit() else 8000}"
    raw = (env.get("LOTRINH_SITE_URL") or local).strip()
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            "LOTRINH_SITE_URL must be the site's address, like https://lotrinh.example.gov.vn "
            f"(http or https, no query), got {raw!r}"
        )
    return raw.rstrip("/")
