"""Every error of the API in one shape (docs/api.md):

    {"error": {"status": 412, "code": "precondition_failed", "message": "…",
               "fields": {"field": ["…"]}, "current": {…}}}

`fields` (problems by field), `current` (the stored values, on a conflict) and
`conflict` (each differing field: yours and current; who changed it, when) appear when
they apply.
"""

from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from lotrinh.api import messages

API_PREFIX = "/api/"


class ApiError(exceptions.APIException):
    """An error with its status, code, message, and optional fields / current values."""

    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        fields: dict[str, Any] | None = None,
        current: Any = None,
        **extra: Any,
    ) -> None:
        super().__init__(message, code)
        self.status_code = status_code
        self.code = code
        self.fields = fields
        self.current = current
        self.extra = extra


def precondition_required() -> ApiError:
    return ApiError(
        status.HTTP_428_PRECONDITION_REQUIRED,
        "precondition_required",
        _("Cần gửi tiêu đề If-Match với ETag đã đọc (GET) trước khi ghi."),
    )


def body(status_code: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status_code, "code": code, "message": message}
    error.update({k: v for k, v in extra.items() if v is not None})
    return {"error": error}


def _code_of(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    return "invalid"


def _fields(detail: Any) -> dict[str, Any]:
    if isinstance(detail, dict):
        return {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": [str(m) for m in detail]}
    return {}


def handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Không tìm thấy, hoặc bạn không có quyền xem."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, ApiError):
        response.data = body(
            exc.status_code,
            exc.code,
            str(exc.detail),
            fields=exc.fields,
            current=exc.current,
            **exc.extra,
        )
        return response
    if isinstance(exc, exceptions.ValidationError):
        response.data = body(
            response.status_code,
            "invalid",
            _("Dữ liệu gửi lên không hợp lệ: xem từng trường."),
            fields=_fields(exc.detail),
        )
        return response
    detail = exc.detail
    message = messages.detail_of(exc, context.get("request"))
    if message is None:
        message = str(detail) if not isinstance(detail, dict | list) else _("Yêu cầu không hợp lệ.")
    response.data = body(response.status_code, _code_of(exc), message)
    return response


def not_found_page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404 (`handler404`): an address under /api/ that names nothing answers in
    the API's shape, as JSON, like every other error of the API; other addresses get the
    site's page. (DRF's views answer their own 404s; this is the URL resolver's.)"""
    if request.path_info.startswith(API_PREFIX):
        message = _("Không có địa chỉ này trong API (xem /api/v1/docs/).")
        return JsonResponse(body(404, "not_found", message), status=404)
    return defaults.page_not_found(request, exception or Http404())


def bad_request_page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 400 (`handler400`): a view's own `BadRequest` ("“Số ngày chưa cập nhật”
    phải là số nguyên…") is said on the site's page, in the API's shape under /api/;
    anything else (a forged host, too many fields: SuspiciousOperation) keeps Django's bare
    page, which reads nothing from the request and says nothing of the cause."""
    if not isinstance(exception, BadRequest):
        return defaults.bad_request(request, exception or BadRequest())
    message = str(exception) or _("Yêu cầu không hợp lệ.")
    from lotrinh.programmes.services import SharedNumber

    if isinstance(exception, SharedNumber):
        return shared_number_answer(request, exception)
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse(body(400, "invalid", message), status=400)
    return render(request, "core/bad_request.html", {"message": message}, status=400)


def shared_number_links(request: Any, exception: Any) -> list[dict[str, Any]]:
    """Each candidate of a `SharedNumber` the reader may read, with the address that names
    it: the same page with its slug in place of the number."""
    links = []
    for programme in exception.candidates:
        params = request.GET.copy()
        params[exception.param] = programme.slug
        links.append({"programme": programme, "href": f"{request.path}?{params.urlencode()}"})
    return links


def shared_number_listing(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`shared_number_links` in the API's shape."""
    return [
        {
            "id": link["programme"].pk,
            "code": link["programme"].code,
            "slug": link["programme"].slug,
            "issuer": link["programme"].issuer.code if link["programme"].issuer else None,
            "version": link["programme"].version,
            "url": link["href"],
        }
        for link in links
    ]


def shared_number_answer(request: HttpRequest, exception: Any) -> HttpResponse:
    """A number agencies' plans share, asked for by number alone (`SharedNumber`): 400,
    naming only the candidates the reader may read, each linked by its own address."""
    links = shared_number_links(request, exception)
    if request.path_info.startswith(API_PREFIX):
        listed = shared_number_listing(links)
        return JsonResponse(body(400, "ambiguous", str(exception), candidates=listed), status=400)
    return render(
        request,
        "core/shared_number.html",
        {"message": str(exception), "candidates": links},
        status=400,
    )
