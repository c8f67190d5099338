"""A request id for every request, so audit events of one request can be grouped.

The id is always generated here: a client's X-Request-Id is never trusted (it could be
forged to tie audit events together, or be too long for the audit column).
"""

import contextvars
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
