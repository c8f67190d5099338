"""Every write route declares how it meets the double click, the stale tab and two people
at once (lotrinh/core/concurrency.py, docs/architecture.md), so a new write path cannot
forget: walks the URL resolver as tests/security/test_read_only_methods.py does.

A write route is one whose declared policy takes a POST (tests/security/policy.py), or
an API route whose viewset maps POST, PUT, PATCH or DELETE to an action. Each declares
`@writes(...)` (or, for the API, the viewset's `concurrency` by action); one that edits an
existing object (`Write.EDIT`) names the field or header carrying the version it showed.
Left out: the Django admin's own pages (their change forms carry the version through
`AuditedAdminMixin`: tests/core/test_admin_stale_edit.py)."""

import inspect

from django.urls import URLPattern, URLResolver, get_resolver

from lotrinh.core.concurrency import Write, declared
from tests.security.policy import POLICY, is_read_only

WRITE_METHODS = {"post", "put", "patch", "delete"}


def _callbacks(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _callbacks(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def write_routes() -> dict[str, list[tuple[str, dict | None]]]:
    """Each write route with what it declares: one entry per view, or per API action."""
    found: dict[str, list[tuple[str, dict | None]]] = {}
    for name, callback in _callbacks(get_resolver().url_patterns):
        actions = getattr(callback, "actions", None)
        if actions is not None:  # a DRF viewset's route
            declared_by_action = getattr(callback.cls, "concurrency", {})
            writes = [a for method, a in actions.items() if method in WRITE_METHODS]
            if writes:
                found[name] = [(a, declared_by_action.get(a)) for a in writes]
            continue
        if getattr(callback, "cls", None) is not None:  # an API view with no writes
            if any(m in WRITE_METHODS for m in callback.cls.http_method_names) and hasattr(
                callback.cls, "post"
            ):
                found[name] = [("post", getattr(callback.cls, "concurrency", {}).get("post"))]
            continue
        policy = POLICY.get(name)
        if policy is None or is_read_only(policy):
            continue
        found[name] = [("view", declared(callback))]
    return found


def test_the_walk_finds_the_write_routes():
    routes = write_routes()
    for name in ("reporting:save_entry", "reporting:plan_save", "api:entry-detail"):
        assert name in routes, sorted(routes)


def test_every_write_route_declares_its_concurrency():
    missing = [
        f"{name} ({what})"
        for name, views in write_routes().items()
        for what, marker in views
        if marker is None
    ]
    assert not missing, "write routes without @writes(...): " + ", ".join(missing)


def test_an_edit_names_the_version_it_carries():
    vague = [
        name
        for name, views in write_routes().items()
        for _what, marker in views
        if marker and Write.EDIT in marker["kinds"] and not marker["version"]
    ]
    assert not vague, vague


def test_an_edit_reads_the_version_it_names():
    """The view (not the API, which reads If-Match in one place: api/views.py) reads the
    field it declares, so a declaration cannot stand for a check that is not there."""
    unread = []
    for name, callback in _callbacks(get_resolver().url_patterns):
        marker = declared(callback)
        if getattr(callback, "cls", None) is not None or not marker:
            continue
        if Write.EDIT not in marker["kinds"]:
            continue
        source = inspect.getsource(inspect.unwrap(callback))
        field = marker["version"]
        if f'"{field}"' not in source and not (field == "seen_event" and "SEEN_FIELD" in source):
            unread.append(f"{name} ({field})")
    assert not unread, unread
