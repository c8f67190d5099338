"""Whole pages served again while the rows they were made from are unchanged (issue 11:
"pages at the cost of their data").

A page is a function of its request and of the rows its queries return. Rendering one
here records every query it runs (SQL and parameters, through the connection's execute
wrapper) and a digest of the rows the page *fetched* from each. The next request with
the same key replays those queries on the database, in order, and digests their rows:

- if every digest is equal, the page would run the same queries (each query's SQL and
  parameters come from the key and from the rows before it) and get the same rows, so it
  would render the same bytes: the stored bytes are served. The page's cost is then the
  cost of its data: its own queries, run as they are, and no model, form or template.
- otherwise it is rendered again, recorded and stored. Nothing is ever invalidated, in
  any process, and a write is seen by the next request however it was made (a form, the
  worker, the admin, a queryset update that sends no signal).

The digests are of the rows the rendering itself fetched, so what is stored is always
the rendering of the rows recorded beside it, even when a write lands mid-rendering.

**The key** holds everything else a page reads: the view, the path with its query
string, the host and scheme, the htmx headers, the language, the day (pages compare
dates with today), the site's build (templates, translations, static names, Python
source) and **the person**: every field of the signed-in user and of the objects loaded
with them (their agency), which the permissions read; "anonymous" otherwise. No page is
ever served to another person than the one it was rendered for, and a change of role or
agency is another key.

**Never stored**: answers other than 200, a page that wrote or ran anything but a SELECT,
set a cookie, changed the session, added a message, or used the real CSRF token; nothing
is served from the cache to a request that is not a plain GET or has a message waiting.
Rendering for the cache puts a placeholder in place of the CSRF token (`csrf_placeholder`,
a context processor), and each answer gets the visitor's own token from Django's
`get_token`, as the template would have asked for it.

Django's content types, kept by each process once read, are not replayed.

A view may use it only if its output depends on nothing but the above: no data from the
cache or a file, no clock finer than the day; what it reads elsewhere goes into the key
(`replayed_page(vary=...)`), and a rendering that depends on the time of day says so
(`do_not_store`). `tests/core/test_replay_cache.py` checks the
mechanism and the public pages, `tests/reporting/test_replayed_pages.py` the signed-in
ones: a write is seen at once, another person never gets the page. Tests that count a
view's own queries render it (`pages_rendered`, tests/conftest.py).
"""

import datetime
import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone

from lotrinh.core.locale import active_language
from lotrinh.portal import page_cache

TIMEOUT = 3600
_PLACEHOLDER = page_cache.PLACEHOLDER.encode()
_READS = ("SELECT", "WITH")
# The interpreter's hash seed (PYTHONHASHSEED, shared by forked workers): digests of
# rows are hashes, comparable within one seed only.
_SEED = hash("lotrinh.replay_cache")
_CONTENT_TYPES = 'SELECT "django_content_type".'
_NOT_STORED = "_lotrinh_not_stored"


def csrf_placeholder(request: HttpRequest) -> dict[str, str]:
    """Context processor: the CSRF token's placeholder when the page is being rendered
    for a cache (here or `portal/page_cache.py`), nothing otherwise."""
    return page_cache.placeholders(request)


def rows_digest(rows: Any) -> Any:
    """A digest of rows as the database gave them: Python's hash of them (strings and
    dates by the interpreter's keyed SipHash, numbers by value, the whole in order), ten
    times faster than writing them out; its seed is the process's (`_SEED` is in the key,
    so a process never reads another's digests). Where hashing is not injective on what a
    database returns (`hash(-1) == hash(-2)`) or a value is unhashable, a digest of their
    `repr`; None when that is not stable (a memoryview's is its address). (A NaN hashes
    by its address: a page with one is rendered each time, never served stale.)"""
    try:
        if not any(-1 in row for row in rows):
            return hash(tuple(rows))
    except (TypeError, ValueError):  # unhashable (a list, a writable memoryview)
        pass
    text = repr(rows)
    if "<memory at " in text:
        return None
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


class _Fetching:
    """A DB-API cursor that keeps the rows it gives (into `rows`, the current query's)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor
        self.rows: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def execute(self, *args: Any) -> Any:
        result = self._cursor.execute(*args)
        return self if result is self._cursor else result

    def fetchone(self) -> Any:
        row = self._cursor.fetchone()
        if row is not None:
            self.rows.append(row)
        return row

    def fetchmany(self, *args: Any) -> Any:
        rows = self._cursor.fetchmany(*args)
        self.rows.extend(rows)
        return rows

    def fetchall(self) -> Any:
        rows = self._cursor.fetchall()
        self.rows.extend(rows)
        return rows

    def __iter__(self) -> Any:
        for row in self._cursor:
            self.rows.append(row)
            yield row


class _Recorder:
    """Execute wrapper: each query's SQL, parameters and the rows fetched from it."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, Any, list[Any]]] = []
        self.only_reads = True

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        wrapper = context["cursor"]
        if not isinstance(wrapper.cursor, _Fetching):
            wrapper.cursor = _Fetching(wrapper.cursor)
        rows: list[Any] = []
        wrapper.cursor.rows = rows
        if many or not sql.lstrip()[:6].upper().startswith(_READS):
            self.only_reads = False
        elif not sql.startswith(_CONTENT_TYPES):
            # (Content types are read once per process and kept by Django: a page reads
            # them or not depending on the process's age, and they never change.)
            self.queries.append((sql, None if params is None else type(params)(params), rows))
        return execute(sql, params, many, context)


@functools.lru_cache(maxsize=1)
def _build() -> str:
    """The site's build: templates, translations and static names (page_cache) and the
    Python source, read once per process: a deploy is another key, never a stale page."""
    package = Path(__file__).resolve().parent.parent
    source = hashlib.blake2b(digest_size=8)
    for path in sorted(package.glob("**/*.py")):
        source.update(path.relative_to(package).as_posix().encode())
        source.update(path.read_bytes())
    return f"{page_cache._build()}|{source.hexdigest()}"


def _fields(obj: Any, depth: int = 2) -> list[Any]:
    """Every field value of `obj` and of the related objects loaded with it."""
    values: list[Any] = [obj.__class__.__name__]
    values += [getattr(obj, f.attname) for f in obj._meta.concrete_fields]
    if depth:
        for name, related in sorted(obj._state.fields_cache.items()):
            values.append((name, None if related is None else _fields(related, depth - 1)))
    return values


def _viewer(request: HttpRequest) -> str:
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    return f"{user.pk}:{rows_digest(_fields(user))!r}"


def _key(name: str, request: HttpRequest, varied: Any = None) -> str:
    htmx = sorted((k, v) for k, v in request.META.items() if k.startswith("HTTP_HX_"))
    parts = (
        name,
        request.get_full_path(),
        request.get_host(),
        request.scheme,
        htmx,
        active_language(),
        timezone.localdate().isoformat(),
        datetime.date.today().isoformat(),  # some defaults read the system's day
        _viewer(request),
        _build(),
        _SEED,
        varied,
    )
    return "replay:" + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def _cacheable(request: HttpRequest) -> bool:
    if request.method != "GET" or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    return not len(get_messages(request))


def _replayed(queries: list[tuple[str, Any, Any]]) -> bool:
    """Whether every query gives again the rows it gave when the page was rendered."""
    with connection.cursor() as cursor:
        for sql, params, digest in queries:
            cursor.execute(sql, params)
            if rows_digest(cursor.fetchall()) != digest:
                return False
    return True


def _answer(request: HttpRequest, headers: list[tuple[str, str]], content: bytes) -> HttpResponse:
    if _PLACEHOLDER in content:
        content = content.replace(_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def _render(request: HttpRequest, view: Callable[[], HttpResponse], key: str) -> HttpResponse:
    recorder = _Recorder()
    setattr(request, page_cache._RENDERING, True)
    try:
        with connection.execute_wrapper(recorder):
            response = view()
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
    finally:
        delattr(request, page_cache._RENDERING)
    session = getattr(request, "session", None)
    storage = getattr(request, "_messages", None)
    stored = (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and recorder.only_reads
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the real token was used
        and not (session is not None and session.modified)
        and not getattr(storage, "added_new", False)
        and not getattr(request, _NOT_STORED, False)
    )
    if not stored:
        if not response.streaming and _PLACEHOLDER in response.content:
            response.content = response.content.replace(_PLACEHOLDER, get_token(request).encode())
        return response
    queries = []
    for sql, params, rows in recorder.queries:
        digest = rows_digest(rows)
        if digest is None:
            return _answer(request, list(response.items()), response.content)
        queries.append((sql, params, digest))
    headers = list(response.items())
    try:
        cache.set(key, (queries, headers, response.content), TIMEOUT)
    except (TypeError, AttributeError, ValueError):  # a parameter that does not pickle
        pass
    return _answer(request, headers, response.content)


def do_not_store(request: HttpRequest) -> None:
    """Called by a view while it renders: this page depends on something finer than the
    day (a document running for too long is shown as failed): answer it, do not keep it."""
    setattr(request, _NOT_STORED, True)


def replayed_page(
    view: Callable[..., HttpResponse] | None = None,
    *,
    vary: Callable[[HttpRequest], Any] | None = None,
) -> Any:
    """Serve the view's page from the cache while its queries give the same rows (see the
    module's docstring for what the view must not depend on). `vary(request)`: what else
    the page shows that is read elsewhere than in its queries (whether the worker is
    alive: a clock against a heartbeat), part of the key."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        name = f"{view.__module__}.{view.__qualname__}"

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = _key(name, request, vary(request) if vary is not None else None)
            entry = cache.get(key)
            if entry is not None:
                queries, headers, content = entry
                if _replayed(queries):
                    return _answer(request, headers, content)
            return _render(request, lambda: view(request, *args, **kwargs), key)

        return wrapper

    return decorate(view) if view is not None else decorate
