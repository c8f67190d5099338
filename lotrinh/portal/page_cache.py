"""Whole public pages cached for anonymous visitors (issue 11: "caching where pages are
public or slow-changing").

`serve(request, name, rows, render)` answers an anonymous visitor with nothing pending
for them (no message), on a plain GET without a query string, from the configured cache
(Redis with many servers, each process's memory otherwise): the page's bytes as `render`
made them, keyed on the page, its path, the language, the site's build (its static
files' names) and **the data version: a digest of the rows the page shows**, read from
the database on every request by the page itself (`rows`, as the database gives them).

- **Every write is seen by the next visitor**, whoever made it and however (a form, an
  import on the worker, the admin, a queryset update that sends no signal): a changed
  row is another key. Nothing is to be invalidated, in any process. On a miss the page
  is rendered from those same rows, so what is stored under a digest is always the
  rendering of the rows it was computed from. What the cache saves is the rendering
  (template, model instances, translations), which cost 20–30 times the rows' SQL.
- **Nothing personal is stored.** A signed-in person's pages, a visitor with a message
  waiting, and any page whose rendering set a cookie, touched the session or used the
  real CSRF token are never stored. The page's language form needs a CSRF token: the
  page is rendered with a placeholder in its place (`placeholders(request)`), and each
  answer gets the visitor's own token, from Django's `get_token` as the template would
  have asked for it, so the CSRF cookie is set or renewed as on any page. The response
  headers (security headers, CSP, `Vary`, `Content-Language`) are the middleware's, on
  every answer, as for any page; the pages have no inline script and no CSP nonce.

`tests/portal/test_page_cache.py` compares the cached page with a fresh rendering and
shows that a write is seen by the next visitor.
"""

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static

from lotrinh.core.locale import active_language

TIMEOUT = 3600
# Alphanumeric, as a CSRF token is: escaping leaves it as it is.
PLACEHOLDER = "lotrinhCsrfPlaceholder7d1e9b3c5a"
_PLACEHOLDER_BYTES = PLACEHOLDER.encode()
_RENDERING = "_lotrinh_whole_page"


def digest(rows: Any) -> str:
    """The data version of a page: a digest of its rows (their `repr`: the database's
    own values, the same in every process)."""
    return hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()


def placeholders(request: HttpRequest) -> dict[str, str]:
    """The context a cached page's view adds to its own: the CSRF token's placeholder
    when the page is being rendered for the cache, nothing otherwise."""
    if getattr(request, _RENDERING, False):
        return {"csrf_token": PLACEHOLDER}
    return {}


def csrf_token(request: HttpRequest) -> str:
    """The CSRF token a view writes into a page itself: the placeholder when the page is
    being rendered for a cache, the person's own token otherwise."""
    return placeholders(request).get("csrf_token") or get_token(request)


@lru_cache(maxsize=1)
def _build() -> str:
    """The site's build: its static files' names (hashed in production), and a digest of
    its templates and compiled translations, read once per process: a deploy that changes
    a template or a translation but no static file is another key, not a stale page."""
    package = Path(__file__).resolve().parent.parent
    return f"{static('css/site.css')}|{static('js/site.js')}|{source_digest(package)}"


def source_digest(package: Path) -> str:
    """A digest of the templates and compiled translations under `package`."""
    files = sorted(package.glob("**/templates/**/*.html")) + sorted(package.glob("**/*.mo"))
    source = hashlib.blake2b(digest_size=8)
    for path in files:
        source.update(path.relative_to(package).as_posix().encode())
        source.update(path.read_bytes())
    return source.hexdigest()


def _anonymous_and_plain(request: HttpRequest) -> bool:
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # The CSRF middleware replaces a malformed cookie: render as usual.
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies:
        # Without a session nobody is signed in and no message waits but in its cookie.
        return True
    if request.user.is_authenticated:
        return False
    return not len(get_messages(request))


def _answer(request: HttpRequest, content_type: str, content: bytes) -> HttpResponse:
    token = get_token(request).encode()
    return HttpResponse(content.replace(_PLACEHOLDER_BYTES, token), content_type=content_type)


def serve(
    request: HttpRequest, name: str, rows: Any, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """The page `name` rendered by `render()` from `rows` (read from the database for
    this request), from the cache when the visitor is anonymous (see the module's
    docstring). `render` must add `placeholders(request)` to its template's context."""
    if not _anonymous_and_plain(request):
        return render()
    key = f"portal:whole:{name}:{digest(rows)}:{active_language()}:{request.path}:{_build()}"
    stored = cache.get(key)
    if stored is not None:
        return _answer(request, *stored)
    setattr(request, _RENDERING, True)
    try:
        response = render()
    finally:
        delattr(request, _RENDERING)
    session = getattr(request, "session", None)
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the real token was used
        or (session is not None and session.modified)
        or _PLACEHOLDER_BYTES not in response.content
    ):
        return response
    stored = (response["Content-Type"], response.content)
    cache.set(key, stored, TIMEOUT)
    return _answer(request, *stored)
