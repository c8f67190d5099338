"""A request id for every request, so audit events of one request can be grouped.

The id is always generated here: a client's X-Request-Id is never trusted (it could be
forged to tie audit events together, or be too long for the audit column).
"""

import contextvars
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
