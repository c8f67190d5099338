"""The cells of the authorization matrix: every route from the URL resolver × persona × method × object.

Shared by the matrix test and the safe-methods test so both cover the same routes.
"""

import io
import zipfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views import static as static_views

from tests.security.policy import (
    ALLOW,
    DENY,
    LOGIN,
    NO_WRITE,
    NOT_ALLOWED,
    POLICY,
    REFUSE,
    Outcome,
    RoutePolicy,
    is_read_only,
    post_only_get,
)
from tests.security.world import API_PERSONAS, PERSONAS, READ_ONLY_TOKENS, World

# Left out of the matrix, on purpose:
# - the Django admin's own pages (change lists, forms, its login and password pages):
#   Django's, checked by Django's tests; its index stays in, to prove who gets in;
# - `set_language` (i18n/setlang/): Django's language switch, it writes only a cookie;
# - static and media files (`django.views.static.serve`, only when DEBUG is on).
SKIPPED_NAMES = frozenset({"set_language"})


def _walk(patterns: list[Any], namespace: str) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                yield f"{inner}index"
                continue
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            if getattr(pattern.callback, "__wrapped__", pattern.callback) is static_views.serve:
                continue
            if pattern.callback is static_views.serve:
                continue
            if pattern.name is None:
                yield f"<unnamed route {namespace}{pattern.pattern}>"
            elif pattern.name not in SKIPPED_NAMES:
                yield f"{namespace}{pattern.name}"


def route_names() -> list[str]:
    """Every named route of the project (see the comment above for what is left out)."""
    return sorted(set(_walk(get_resolver().url_patterns, "")))


def expectation(policy: RoutePolicy, method: str, world: World, persona: str, obj: str) -> Outcome:
    if method != "GET" and persona in READ_ONLY_TOKENS:
        return DENY  # a read-only token never writes, whatever the route
    rule = {"GET": policy.get, "POST": policy.post}.get(method) or policy.more.get(method)
    if rule is None:
        if method == "GET":
            return NOT_ALLOWED if policy.api else post_only_get(world, persona, obj)
        return NO_WRITE
    return rule(world, persona, obj)


def cells(methods: tuple[str, ...] = ("GET", "POST")) -> list[Any]:
    """pytest params (route, persona, method, object), one per cell, ids role-route-method-object."""
    out = []
    routes = route_names()
    for route in routes:
        policy = POLICY.get(route)
        if policy is None:
            out.append(pytest.param(route, "", "", "", id=f"{route}-no-policy"))
            continue
        personas = API_PERSONAS if policy.api else PERSONAS
        for persona in personas:
            for method in (*methods, *policy.more):
                declared = {"GET": policy.get, "POST": policy.post}.get(method) or policy.more.get(
                    method
                )
                # A method the route does not serve is tried on its first object only.
                objects = policy.objects if declared is not None else policy.objects[:1]
                for obj in objects:
                    out.append(
                        pytest.param(
                            route, persona, method, obj, id=f"{persona}-{route}-{method}-{obj}"
                        )
                    )
    for route in sorted(set(POLICY) - set(routes)):
        out.append(pytest.param(route, "", "gone", "", id=f"{route}-policy-without-route"))
    return out


LOGIN_PATHS = ("accounts:login", "admin:login")


def is_login_redirect(response: HttpResponse) -> bool:
    if response.status_code != 302:
        return False
    path = urlparse(response["Location"]).path
    return path in {reverse(name) for name in LOGIN_PATHS}


def check_answer(outcome: Outcome, method: str, policy: RoutePolicy, response: Any) -> str:
    """'' when the response is the expected answer, else what was wrong."""
    status = response.status_code
    where = f" → {response['Location']}" if status in (301, 302) else ""
    got = f"got {status}{where}"
    if outcome == ALLOW:
        if method == "GET" and status == 200:
            return ""
        if method == "POST" and (
            status in (200, 201) or (status == 302 and not is_login_redirect(response))
        ):
            return ""
        if method in ("PATCH", "PUT") and status == 200:
            return ""
        return f"expected the persona to be allowed; {got}"
    if outcome == DENY:
        served = {"GET": policy.get, "POST": policy.post}.get(method) or policy.more.get(method)
        # 401: an API call without valid credentials.
        # 405: the route does not serve the method (checked before the object).
        if status in (401, 403, 404) or (
            (served is None or is_read_only(policy)) and status == 405
        ):
            return ""
        return f"expected 403 or 404; {got}"
    if outcome == LOGIN:
        return "" if is_login_redirect(response) else f"expected a redirect to a login page; {got}"
    if outcome == REFUSE:
        if status < 500 and not is_login_redirect(response):
            return ""
        return f"expected a refusal in this state (4xx or a message); {got}"
    if outcome == NO_WRITE:
        return "" if status in (200, 405) else f"expected 200 or 405; {got}"
    if outcome == NOT_ALLOWED:
        return "" if status == 405 else f"expected 405 Method Not Allowed; {got}"
    raise AssertionError(outcome)


def response_text(response: Any) -> str:
    """All the text a response carries (the XML parts of an XLSX/DOCX included)."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "".join(
                    archive.read(name).decode("utf-8", "replace")
                    for name in archive.namelist()
                    if name.endswith(".xml")
                )
        except zipfile.BadZipFile:
            pass
    return data.decode("utf-8", "replace")


def leaked_markers(world: World, persona: str, text: str) -> list[str]:
    """Markers of reports the persona may not read that appear in `text`."""
    from tests.security.policy import reads

    return [
        label
        for label, token in world.markers.items()
        if token in text and not reads(world, persona, label)
    ]
