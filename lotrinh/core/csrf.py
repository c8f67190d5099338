"""The CSRF token a page carries, as `django.middleware.csrf.get_token` makes it, with its
mask drawn in one read of the system's random source.

Every page has a CSRF token (the language form, the sign-out form, htmx's header).
Django masks the visitor's secret with 32 random characters on every page, each drawn
by `secrets.choice`, one system call each: about a fifth of a millisecond of CPU, more
than the data of the small pages. Here the 32 characters are drawn uniformly from the
same 62 (bytes of `secrets.token_bytes` below 248, taken modulo 62: no bias) and the
secret is masked as Django masks it (`_mask_cipher_secret`), so Django's middleware
checks the token as its own. Everything else is Django's: a visitor without a secret yet
gets one from `get_token` itself; the cookie is renewed as `get_token` asks
(`CSRF_COOKIE_NEEDS_UPDATE`). `tests/core/test_csrf_token.py` checks the tokens against
Django's unmasking and middleware.
"""

import secrets
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.middleware.csrf import get_token as django_get_token
from django.utils.functional import SimpleLazyObject

_CHARS = CSRF_ALLOWED_CHARS
_INDEX = {c: i for i, c in enumerate(_CHARS)}
_COUNT = len(_CHARS)
_LIMIT = 256 - 256 % _COUNT  # the bytes below it map evenly onto the characters


def _mask() -> str:
    out: list[str] = []
    while len(out) < CSRF_SECRET_LENGTH:
        out.extend(_CHARS[b % _COUNT] for b in secrets.token_bytes(48) if b < _LIMIT)
    return "".join(out[:CSRF_SECRET_LENGTH])


def get_token(request: HttpRequest) -> str:
    """`django.middleware.csrf.get_token(request)`, the mask drawn at once."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret or len(secret) != CSRF_SECRET_LENGTH or any(c not in _INDEX for c in secret):
        return str(django_get_token(request))
    # As get_token does: the cookie is used, so it is sent again (its expiry renewed).
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _mask()
    cipher = "".join(
        _CHARS[(_INDEX[s] + _INDEX[m]) % _COUNT] for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


def context(request: HttpRequest) -> dict[str, Any]:
    """`django.template.context_processors.csrf` with the token above (listed after
    Django's, which is always run first and is then never evaluated)."""
    return {"csrf_token": SimpleLazyObject(lambda: get_token(request))}
