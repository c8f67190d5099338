"""A request id for every request, so audit events of one request can be grouped.

The id is always generated here: a client's X-Request-Id is never trusted (it could be
forged to tie audit events together, or be too long for the audit column).
"""

import contextvars
import datetime
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_id.set(uuid.uuid4().hex)
        try:
            response = self.get_response(request)
            response["X-Request-Id"] = _request_id.get()
            return response
        finally:
            _request_id.reset(token)


class NodeNameMiddleware:
    """X-Lotrinh-Node: which web node answered (LOTRINH_NODE_NAME), behind a load balancer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.get_response = get_response
        self.node = settings.LOTRINH_NODE_NAME

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.node:
            response["X-Lotrinh-Node"] = self.node
        return response


class NulRefusalMiddleware:
    """A NUL character in the address or a query parameter is refused with a 400 that says
    so, before any view reads it: PostgreSQL refuses NUL in text ("A string literal cannot
    contain NUL"), so it would otherwise end in a 500 wherever a view passes it to a query.
    No one types NUL in an address; nothing typed is lost. Posted forms are left to their
    pages, which say which field and keep what was typed (Django's form fields refuse NUL;
    the other write paths check it), and the REST API's bodies to its serializers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        # process_view: once the address has resolved (an address that names nothing
        # stays a 404).
        name = _nul_field(request)
        if name is None:
            return None
        message = _("Địa chỉ yêu cầu chứa ký tự NUL (mã 0): yêu cầu không hợp lệ.")
        if request.path_info.startswith("/api/"):
            error: dict[str, Any] = {"status": 400, "code": "invalid", "message": message}
            if name:
                error["fields"] = {name: [_("Tham số không được chứa ký tự NUL.")]}
            return JsonResponse({"error": error}, status=400)
        return render(request, "core/bad_request.html", {"message": message}, status=400)


def _nul_field(request: HttpRequest) -> str | None:
    """The name of the first query parameter holding a NUL ("" for the address itself), or
    None when there is none."""
    if "\x00" in request.path_info:
        return ""
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "")
    return None


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in person (a
    session) or an authenticated API caller (a token: DRF sets the request's user), so
    that a shared office computer's browser keeps no report draft to show on Back after
    sign-out, and no proxy stores one. Anonymous answers (the public portal, its cached
    pages) keep their own caching; static files never reach this (WhiteNoise answers
    them first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            if "Expires" in response:
                del response["Expires"]
        return response


# The session's key for the time (epoch seconds) the person was last seen.
LAST_SEEN = "_lotrinh_last_seen"


def idle_duration_text(seconds: int) -> str:
    """The idle timeout as people say it: "8 giờ", "90 phút"."""
    from django.utils.translation import ngettext

    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d giờ", "%(count)d giờ", hours) % {"count": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(count)d phút", "%(count)d phút", minutes) % {"count": minutes}


def _own_page(request: HttpRequest, url: str) -> str:
    """The path and query of `url` when it is a page of this site, "" otherwise."""
    from urllib.parse import urlsplit

    from django.utils.http import url_has_allowed_host_and_scheme

    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return ""
    return parts.path + ("?" + parts.query if parts.query else "")


def stamp_session(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """At sign-in (`user_logged_in`): the last-seen time, and a fixed end for the session
    (sign-in + SESSION_COOKIE_AGE), not one each refresh of the last-seen time moves."""
    import time

    from django.conf import settings

    session = getattr(request, "session", None)
    if session is None:
        return
    session[LAST_SEEN] = int(time.time())
    if "_session_expiry" not in session:
        session.set_expiry(datetime.timedelta(seconds=int(settings.SESSION_COOKIE_AGE)))


class SignedOutFormMiddleware:
    """A form sent after the person signed out in another tab: `login_required` sends it
    to the sign-in page with `next` = the form's action, which answers POST only (a blank
    405 after signing in). Instead `next` is the page the form was on (htmx's current URL,
    else the Referer, when it is a page of this site; else the home page), and the
    sign-in page says that nothing was done."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS") or response.status_code != 302:
            return response
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated or request.path_info.startswith("/api/"):
            return response
        from django.contrib import messages
        from django.contrib.auth.views import redirect_to_login
        from django.urls import reverse

        login = reverse("accounts:login")
        location = response.get("Location", "")
        if not location.startswith(login + "?"):
            return response
        from urllib.parse import parse_qs, urlsplit

        # Only `login_required`'s refusal (its `next` is this very action), never a view
        # that sends the person to sign in on purpose (an invitation accepted: `next` her
        # reports page).
        if parse_qs(urlsplit(location).query).get("next") != [request.get_full_path()]:
            return response
        target = _own_page(request, request.headers.get("HX-Current-URL", "")) or _own_page(
            request, request.headers.get("Referer", "")
        )
        if target.startswith(login):
            target = ""
        if not request.headers.get("HX-Request"):
            messages.info(
                request,
                _(
                    "Bạn đã đăng xuất (có thể ở một thẻ khác) nên thao tác vừa gửi chưa được "
                    "thực hiện: hãy đăng nhập lại rồi gửi lại từ trang đang mở."
                ),
            )
        return redirect_to_login(target or reverse("portal:home"))


class IdleTimeoutMiddleware:
    """Sign out a person inactive for LOTRINH_SESSION_IDLE_MINUTES (8 hours by default;
    0: no idle timeout), and send them to sign in, with a message, back to the page they
    asked for. An htmx save gets the same redirect, which site.js turns into "session
    ended, sign in (new tab)" while the page keeps what was typed; the API answers 401.

    The session is written at most once per refresh interval (1/16 of the timeout, at
    most 5 minutes), not on every request, so the last-seen time may lag by that much and
    a person is signed out after between timeout − interval and timeout of inactivity.
    The first stamp also fixes the session's end at sign-in + SESSION_COOKIE_AGE (two
    weeks), however active the person stays: the sliding refresh does not extend it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        import time

        from django.conf import settings
        from django.contrib.auth import SESSION_KEY

        idle = max(0, int(settings.LOTRINH_SESSION_IDLE_SECONDS))
        session = getattr(request, "session", None)
        if not idle or session is None:
            return self.get_response(request)
        now = int(time.time())
        seen = session.get(LAST_SEEN)
        if SESSION_KEY in session and isinstance(seen, int) and now - seen > idle:
            expired = self._expired(request, idle)
            if expired is not None:
                return expired
        response = self.get_response(request)
        if SESSION_KEY in request.session:
            seen = request.session.get(LAST_SEEN)
            if not isinstance(seen, int):
                stamp_session(None, request)  # a session from before the idle timeout
            elif now - seen >= min(300, max(1, idle // 16)):
                request.session[LAST_SEEN] = now
        return response

    def _expired(self, request: HttpRequest, idle: int) -> HttpResponse | None:
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.urls import reverse

        logout(request)
        message = _(
            "Phiên làm việc đã kết thúc vì không có thao tác nào trong %(duration)s. "
            "Vui lòng đăng nhập lại; sau đó bạn sẽ trở lại trang đang mở."
        ) % {"duration": idle_duration_text(idle)}
        if request.path_info.startswith("/api/"):
            if request.headers.get("Authorization"):
                return None  # a token speaks for itself; the idle session is gone
            error = {"status": 401, "code": "not_authenticated", "message": message}
            return JsonResponse({"error": error}, status=401)
        if request.path_info == reverse("accounts:logout"):
            return None  # signing out anyway: the view says so
        if request.method in ("GET", "HEAD"):
            target = request.get_full_path()
        else:
            # The page the form or fragment was on (its action may answer POST only).
            target = _own_page(request, request.headers.get("HX-Current-URL", "")) or _own_page(
                request, request.headers.get("Referer", "")
            )
            target = target or request.path
        if not request.headers.get("HX-Request"):
            # An htmx request's answer is not shown: site.js says the session ended.
            messages.info(request, message)
        if target.startswith(reverse("accounts:login")):
            target = ""
        return redirect_to_login(target or reverse("portal:home"))


class MethodNotAllowedPageMiddleware:
    """A 405 from `require_safe` / `require_POST` (or a class-based view's
    `http_method_not_allowed`) comes with an empty body: it is answered with the site's own
    page instead (Vietnamese first, English on English pages), keeping the status and the
    `Allow` header. An htmx request keeps the empty body (nothing to swap in), and the API
    answers in its own JSON shape (DRF already does)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != 405
            or getattr(response, "streaming", False)
            or response.content
            or request.path_info.startswith("/api/")
            or request.headers.get("HX-Request")
        ):
            return response
        page = render(request, "405.html", status=405)
        for header in ("Allow", "Cache-Control", "Vary"):
            if header in response:
                page[header] = response[header]
        return page
