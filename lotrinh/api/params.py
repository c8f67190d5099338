"""Query parameters read by the API: refused with a 400 in the error shape when no
database could take them, before any query (docs/api.md).

A NUL byte makes PostgreSQL refuse the query ("text fields cannot contain NUL"), and an
integer beyond 64 bits makes SQLite's driver raise OverflowError: either would be a 500.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.request import Request

from lotrinh.api.errors import ApiError

# The range of a 64-bit database integer (BigAutoField ids, years).
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


def _invalid(name: str, message: str) -> ApiError:
    return ApiError(400, "invalid", _("Tham số không hợp lệ."), fields={name: [message]})


def text(request: Request, name: str) -> str:
    """The parameter as sent ("" when absent)."""
    raw = request.query_params.get(name) or ""
    if "\x00" in raw:
        raise _invalid(name, _("Tham số không được chứa ký tự NUL."))
    return raw


def integer(request: Request, name: str) -> int | None:
    raw = text(request, name)
    if raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise _invalid(name, _("Cần một số nguyên.")) from None
    if not INT_MIN <= value <= INT_MAX:
        raise _invalid(name, _("Số nằm ngoài khoảng cho phép."))
    return value


def day(request: Request, name: str) -> datetime.date:
    """A day (YYYY-MM-DD), today when absent."""
    raw = text(request, name)
    if not raw:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise _invalid(name, _("Cần một ngày dạng YYYY-MM-DD.")) from None
