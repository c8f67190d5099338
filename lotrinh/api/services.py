"""API tokens: issue and revoke (one function per state change, audited)."""

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency
from lotrinh.api.models import ApiToken
from lotrinh.core.audit import record_event

PREFIX = "lt_"


class TokenError(Exception):
    """A token request the rules refuse (message for the person)."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def find_token(secret: str) -> ApiToken | None:
    """The active token of a presented secret, or None (looked up by its digest)."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    # Its system account still in the agency it was issued for: an account moved to
    # another agency (only the Django admin can) must not carry the secret with it.
    return (
        ApiToken.objects.select_related("account", "account__agency", "agency")
        .filter(
            digest=digest(secret),
            revoked_at__isnull=True,
            account__is_active=True,
            account__agency=F("agency"),
        )
        .first()
    )


@dataclass(frozen=True)
class Issued:
    token: ApiToken
    secret: str  # shown once


@transaction.atomic
def issue_token(actor: Any, agency: Agency, *, name: str, role: str, scopes: list[str]) -> Issued:
    """A new token for a system of `agency`, acting as a new system account with `role`."""
    if not perms.may_manage_api_tokens(actor, agency):
        raise TokenError(_("Bạn không quản lý tài khoản của cơ quan này."))
    name = " ".join(name.split())[:120]
    problems = []
    if not name:
        problems.append(_("Cần đặt tên cho hệ thống dùng khoá."))
    elif "\x00" in name:  # PostgreSQL cannot store it
        problems.append(_("Văn bản không được chứa ký tự NUL."))
    if role not in perms.api_token_roles(actor):
        problems.append(_("Vai trò không hợp lệ cho khoá API."))
    chosen = sorted(set(scopes))
    if not chosen or any(s not in perms.API_SCOPES for s in chosen):
        problems.append(_("Phạm vi không hợp lệ: chọn đọc, hoặc đọc và ghi."))
    if problems:
        raise TokenError(" ".join(problems))
    if perms.API_SCOPE_WRITE in chosen and perms.API_SCOPE_READ not in chosen:
        chosen = sorted({*chosen, perms.API_SCOPE_READ})
    # One token issued for an agency at a time; a name in use by a token not revoked is
    # the form sent twice (a double click: the first answer, with its secret, is lost),
    # not a second system of the same name.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    twin = (
        ApiToken.objects.filter(agency=agency, name=name, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if twin is not None:
        from lotrinh.core.locale import format_datetime

        raise TokenError(
            _(
                "Khoá “%(name)s” đã được tạo lúc %(when)s (có thể do bấm hai lần): mã khoá chỉ "
                "hiện một lần nên không hiện lại. Nếu chưa chép được mã, hãy thu hồi khoá đó rồi "
                "tạo khoá mới; nếu là hệ thống khác, hãy đặt tên khác."
            )
            % {"name": name, "when": format_datetime(twin.created_at)}
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    base = slugify(f"api-{agency.code}-{name}")[:100] or "api"
    username = f"{base}-{secrets.token_hex(3)}"
    account = User(
        username=username,
        agency=agency,
        role=role,
        full_name=_("Hệ thống: %(name)s") % {"name": name},
    )
    account.set_unusable_password()
    account.save()
    token = ApiToken.objects.create(
        agency=agency,
        account=account,
        name=name,
        scopes=",".join(chosen),
        prefix=secret[:10],
        digest=digest(secret),
        created_by=actor,
    )
    record_event(
        actor,
        "api.token_issued",
        token,
        after={"name": name, "role": role, "scopes": chosen, "account": username},
    )
    return Issued(token, secret)


@transaction.atomic
def revoke_token(actor: Any, token: ApiToken, expected_version: int | None = None) -> ApiToken:
    """Stop a token at once; its system account is deactivated (its history stays)."""
    locked = ApiToken.objects.select_for_update().select_related("agency").get(pk=token.pk)
    if not perms.may_manage_api_tokens(actor, locked.agency):
        raise TokenError(_("Bạn không quản lý tài khoản của cơ quan này."))
    if locked.revoked_at is not None:
        return locked
    if expected_version is not None and expected_version != locked.version:
        raise TokenError(_("Khoá này vừa được người khác thay đổi; hãy tải lại trang."))
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.version += 1
    locked.save(update_fields=["revoked_at", "revoked_by", "version"])
    User.objects.filter(pk=locked.account_id).update(is_active=False)
    record_event(
        actor, "api.token_revoked", locked, before={"active": True}, after={"active": False}
    )
    return locked


def tokens_for(actor: Any, agency: Agency) -> list[ApiToken]:
    if not perms.may_manage_api_tokens(actor, agency):
        return []
    return list(
        ApiToken.objects.filter(agency=agency).select_related("account", "created_by", "revoked_by")
    )
