"""Who is calling: an agency system's token, or a person's session (docs/api.md)."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.permissions import BasePermission

from lotrinh.accounts import permissions as perms
from lotrinh.api import services


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer lt_…`: the token's system account, with its scopes."""

    keywords = ("bearer", "token")

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode("latin-1") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization không hợp lệ."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Khoá API không hợp lệ.")) from None
        token = services.find_token(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Khoá API không hợp lệ hoặc đã bị thu hồi."))
        return token.account, token

    def authenticate_header(self, request: Any) -> str:
        return 'Bearer realm="api"'


class TokenScope(BasePermission):
    """A read-only token never writes; the role and the object rules decide the rest."""

    message = _("Khoá API này chỉ có quyền đọc.")

    def has_permission(self, request: Any, view: Any) -> bool:
        token = request.auth
        scopes = token.scope_set if token is not None and hasattr(token, "scope_set") else None
        return perms.api_scope_allows(scopes, request.method)


class TokenAuthScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "lotrinh.api.auth.ApiTokenAuthentication"
    name = "agencyToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token issued by the agency's account administrator (docs/api.md).",
        }
