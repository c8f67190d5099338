"""State changes of the overview pages: the secret calendar address of a person."""

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.core.audit import record_event
from lotrinh.dashboard.models import CalendarToken


class TokenError(Exception):
    """A calendar address that may not be made (message for the user)."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_calendar_token(user: Any) -> str:
    """Make a new secret calendar address for `user`; the old one stops working.

    Returns the secret (shown once: only its digest is kept)."""
    if not perms.may_subscribe_calendar(user):
        raise TokenError(_("Tài khoản của bạn không có lịch hạn để đăng ký."))
    locked = User.objects.select_for_update().get(pk=user.pk)
    token = secrets.token_urlsafe(32)
    existing = CalendarToken.objects.filter(user=locked).first()
    now = timezone.now()
    if existing is None:
        record = CalendarToken.objects.create(user=locked, digest=digest(token), created_at=now)
        action = "calendar.token_issued"
    else:
        existing.digest = digest(token)
        existing.created_at = now
        existing.version += 1
        existing.save(update_fields=["digest", "created_at", "version"])
        record = existing
        action = "calendar.token_rotated"
    record_event(user, action, record)
    return token


@transaction.atomic
def revoke_calendar_token(user: Any) -> bool:
    """Revoke `user`'s calendar address (calendar apps stop receiving it). False if none."""
    record = CalendarToken.objects.select_for_update().filter(user_id=user.pk).first()
    if record is None:
        return False
    record_event(user, "calendar.token_revoked", record)
    record.delete()
    return True


def user_for_token(token: str) -> User | None:
    """The active person whose calendar address carries `token`, or None."""
    if not token or len(token) > 100:
        return None
    record = (
        CalendarToken.objects.filter(digest=digest(token)).select_related("user__agency").first()
    )
    if record is None or not record.user.is_active:
        return None
    return record.user
