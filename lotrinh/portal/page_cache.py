"""Whole public pages cached for anonymous visitors (issue 11: "caching where pages are
public or slow-changing").

A page decorated with `whole_page(name)` is, for an anonymous visitor with nothing
pending for them (no message), a plain GET without a query string, answered from the
configured cache (Redis with many servers, each process's memory otherwise): the page's
bytes as the view rendered them, keyed on the page's path, the language, the site's
build (its static files' names) and the **data version** `name`.

- **The data version** is a number in the database (`portal.DataVersion`), changed in
  the writer's own transaction by every write that changes what the page shows (the
  receivers at the end of this module; add one when a page shows new data). It is read
  on every request (one query of one row), so a write made by any process (another web
  worker, the worker running an import) is seen by the next visitor, whatever cache
  each process has. The version is read before the page is rendered: a page rendered
  while a write commits is stored under the older version, never the newer.
- **Nothing personal is stored.** A signed-in person's pages, a visitor with a message
  waiting, and any page whose rendering set a cookie, touched the session or used the
  real CSRF token are never stored. The page's language form needs a CSRF token: the
  view renders a placeholder in its place (`placeholders(request)`), and each answer
  gets the visitor's own token, from `core.csrf.get_token` as the template would have
  asked for it, so the CSRF cookie is set or renewed as on any page. The response headers
  (security headers, CSP, `Vary`, `Content-Language`) are the middleware's, on every
  answer, as for any page; the pages have no inline script and no CSP nonce.

`tests/portal/test_page_cache.py` compares the cached page with a fresh rendering and
shows that a write is seen by the next visitor.
"""

import secrets
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static

from lotrinh.core.csrf import get_token
from lotrinh.core.locale import active_language
from lotrinh.portal.models import DataVersion

# What the public home shows: the published programmes.
PROGRAMMES = "programmes"

TIMEOUT = 3600
# Alphanumeric, as a CSRF token is: escaping leaves it as it is.
PLACEHOLDER = "lotrinhCsrfPlaceholder7d1e9b3c5a"
_PLACEHOLDER_BYTES = PLACEHOLDER.encode()
_RENDERING = "_lotrinh_whole_page"


@lru_cache(maxsize=4)
def _current_sql(vendor: str) -> str:
    meta, quote = DataVersion._meta, connection.ops.quote_name
    return (
        f"SELECT {quote(str(meta.get_field('number').column))} FROM {quote(meta.db_table)}"
        f" WHERE {quote(str(meta.pk.column))} = %s"  # type: ignore[union-attr]
    )


def current(name: str) -> int:
    """The data version `name` now (0 before its first write): one row by its key,
    written in SQL because the ORM takes longer to build the query than to run it."""
    with connection.cursor() as cursor:
        cursor.execute(_current_sql(connection.vendor), [name])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def bump(name: str) -> None:
    """Give the data version `name` a new value, in the current transaction (so the
    write and the new version are seen together). The value is random rather than the
    next number: a database restored from a backup, or rebuilt (a demo, a test), must
    not find the pages of another history under the numbers it counts again."""
    number = secrets.randbits(62) + 1
    if DataVersion.objects.filter(name=name).update(number=number):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(name=name, number=number)
    except IntegrityError:  # created by a concurrent writer meanwhile
        DataVersion.objects.filter(name=name).update(number=number)


def placeholders(request: HttpRequest) -> dict[str, str]:
    """The context a cached page's view adds to its own: the CSRF token's placeholder
    when the page is being rendered for the cache, nothing otherwise."""
    if getattr(request, _RENDERING, False):
        return {"csrf_token": PLACEHOLDER}
    return {}


@lru_cache(maxsize=1)
def _build() -> str:
    """The site's build: its static files' names (hashed in production) change with it."""
    return f"{static('css/site.css')}|{static('js/site.js')}"


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


def whole_page(name: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Serve the decorated public view from the cache for anonymous visitors, under the
    data version `name` (see the module's docstring). The view must add
    `placeholders(request)` to its template's context."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _anonymous_and_plain(request):
                return view(request, *args, **kwargs)
            # The version first: a write committing during the rendering below leaves
            # the page under the older key.
            key = (
                f"portal:whole:{name}:{current(name)}:{active_language()}:"
                f"{request.path}:{_build()}"
            )
            stored = cache.get(key)
            if stored is not None:
                return _answer(request, *stored)
            setattr(request, _RENDERING, True)
            try:
                response = view(request, *args, **kwargs)
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

        return wrapped

    return decorator


def _programmes_changed(sender: Any, **kwargs: Any) -> None:
    bump(PROGRAMMES)


def connect() -> None:
    """The writes that change the cached pages (called once, by the app's `ready`).
    Saves and deletes of programmes (imports, publishing a plan, the admin); the
    queryset updates that supersede a version (`programmes/loader.py`,
    `programmes/cascade.py`, `reporting/carry.py`) run in a transaction that also saves
    a programme."""
    from django.db.models.signals import post_delete, post_save

    from lotrinh.programmes.models import Programme

    post_save.connect(_programmes_changed, sender=Programme, dispatch_uid="portal-programmes-s")
    post_delete.connect(_programmes_changed, sender=Programme, dispatch_uid="portal-programmes-d")
