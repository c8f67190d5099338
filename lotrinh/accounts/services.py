"""Accounts an agency runs itself: invite, deactivate, reactivate, set the role.

One function per state change: open a transaction, lock the rows, check the rule
(permissions.py decides who; the rules of an agency's accounts are here), save, record
the audit event, send e-mail after commit. Views call these and show `AccountError`'s
message; nothing is written when one is raised.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core import concurrency
from lotrinh.core.audit import record_event
from lotrinh.core.links import absolute_url


class AccountError(Exception):
    """A refused change to an account: the message says why, in the page's language."""


class AccountConflict(AccountError):
    """Someone else changed the account since the page was opened."""


# The events of the changes that move an account's `version` (its page's stale check).
VERSIONED_ACTIONS = (
    "account.invited",
    "account.invitation_resent",
    "account.role_changed",
    "account.deactivated",
    "account.reactivated",
    "admin.user.changed",
)


# ---------------------------------------------------------------- invitation links


class ResetTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset link, also covering `is_active` and `link_serial`: a
    deactivation kills it, and reactivating the account does not bring it back."""

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        serial = getattr(user, "link_serial", 0)
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}:{serial}"


reset_tokens = ResetTokenGenerator()


class InvitationTokenGenerator(ResetTokenGenerator):
    """A one-time link to set the first password, valid LOTRINH_INVITATION_DAYS days.

    Like a reset token it covers the password hash and the last login, so it stops
    working once the password is set; it also covers `is_active` and `link_serial`, so a
    resent invitation kills the earlier link and a deactivation kills it for good.
    """

    key_salt = "lotrinh.accounts.InvitationTokenGenerator"

    def check_token(self, user: Any, token: str | None) -> bool:
        # Django's check with our own lifetime (it reads PASSWORD_RESET_TIMEOUT).
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(
                self._make_token_with_timestamp(user, timestamp, secret), token
            ):
                break
        else:
            return False
        lifetime = datetime.timedelta(days=settings.LOTRINH_INVITATION_DAYS).total_seconds()
        return bool((self._num_seconds(self._now()) - timestamp) <= lifetime)


invitation_tokens = InvitationTokenGenerator()


def invitation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return absolute_url(
        reverse("accounts:invitation", args=[uid, invitation_tokens.make_token(user)])
    )


def home_url(user: Any) -> str:
    """The page a person starts from after signing in, by role."""
    role = getattr(user, "role", "")
    if role in (Role.REPORTER, Role.APPROVER):
        return reverse("reporting:my_reports")
    if role in (Role.MOST_MONITOR, Role.OVERSIGHT):
        return reverse("reporting:compliance")
    if role == Role.AGENCY_ADMIN or perms.is_system_admin(user):
        return reverse("accounts:users")
    return reverse("portal:home")


def _queue_invitation(user: User, actor: Any) -> None:
    """The invitation e-mail leaves from the worker, after the account is committed. It
    carries the link serial of this invitation: the worker sends nothing once a later
    invitation or a deactivation has moved it on (a link it made then would be valid)."""
    from lotrinh.accounts.mail import send_invitation

    inviter, serial = str(actor), user.link_serial
    transaction.on_commit(lambda: send_invitation.enqueue(user.pk, inviter, serial))


# ---------------------------------------------------------------- rules


def _check_role(actor: Any, role: str) -> None:
    if role not in perms.assignable_roles(actor):
        raise AccountError(_("Bạn không thể giao vai trò này."))


def _lock(
    actor: Any,
    user: User,
    expected_version: int | None,
    done: Callable[[User], bool] | None = None,
) -> User:
    """The account, locked, if `actor` may change it and nobody changed it meanwhile.
    `done`: whether the account is already as asked (locked, reactivated, of that role):
    then it is returned whatever its version, since there is nothing to overwrite (the
    same form sent again from a second tab, or the click repeated, is not told that
    "someone else" changed the account)."""
    locked = perms.manageable_users(actor, User.objects.select_for_update()).filter(pk=user.pk)
    found = locked.first()
    if found is None:
        raise AccountError(_("Bạn không quản lý tài khoản này."))
    if done is not None and done(found):
        return found
    if expected_version is not None and found.version != expected_version:
        # Who changed it and when: the latest of the changes that move its version.
        event = concurrency.last_event(found, VERSIONED_ACTIONS)
        raise AccountConflict(
            str(concurrency.StaleEdit(found, event, kept=False))
            + " "
            + _("Trang đã được tải lại với thông tin mới; vui lòng xem lại và thao tác lại.")
        )
    return found


def _active_admins(agency_id: int) -> list[User]:
    """The agency's administrators who can sign in (a pending invitation does not count),
    locked so that two administrators cannot remove each other at the same moment."""
    return [
        u
        for u in User.objects.select_for_update()
        .filter(agency_id=agency_id, role=Role.AGENCY_ADMIN, is_active=True)
        .order_by("pk")
        if u.has_usable_password()
    ]


def _check_not_last_admin(user: User) -> None:
    if user.role != Role.AGENCY_ADMIN or not user.is_active or not user.has_usable_password():
        return
    if user.agency_id is None:
        return
    if not [u for u in _active_admins(user.agency_id) if u.pk != user.pk]:
        raise AccountError(
            _(
                "Đây là quản trị tài khoản cuối cùng của cơ quan. Hãy giao vai trò này cho "
                "một người khác trước."
            )
        )


def _state(user: User) -> dict[str, Any]:
    return {"role": user.role, "is_active": user.is_active, "agency": user.agency_id}


# ---------------------------------------------------------------- state changes


@transaction.atomic
def invite_user(
    actor: Any,
    agency: Agency,
    *,
    email: str,
    full_name: str,
    role: str,
    position: str = "",
) -> User:
    """A new account without a usable password, and an e-mail with a link to set one."""
    if not perms.may_invite_to(actor, agency):
        raise AccountError(_("Bạn không quản lý tài khoản của cơ quan này."))
    if role not in perms.invitable_roles(actor, agency):
        raise AccountError(_("Bạn không thể giao vai trò này."))
    email = email.strip().lower()
    full_name = " ".join(full_name.split())
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Địa chỉ thư điện tử không hợp lệ.")
    if not errors and (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
    ):
        errors["email"] = _("Đã có tài khoản dùng địa chỉ thư điện tử này.")
    if not full_name:
        errors["full_name"] = _("Cần nhập họ và tên.")
    if errors:
        raise ValidationError(errors)
    user = User(
        username=email[:150],
        email=email,
        full_name=full_name[:200],
        position=" ".join(position.split())[:200],
        agency=agency,
        role=role,
        is_active=True,
        invited_at=timezone.now(),
    )
    user.set_unusable_password()
    user.save()
    record_event(actor, "account.invited", user, after=_state(user))
    _queue_invitation(user, actor)
    return user


@transaction.atomic
def resend_invitation(actor: Any, user: User, expected_version: int | None = None) -> User:
    """A new link for someone who has not set a password yet; the earlier link stops
    working (it covers `link_serial`)."""
    locked = _lock(actor, user, expected_version)
    if locked.has_usable_password() or not locked.is_active:
        raise AccountError(_("Chỉ gửi lại lời mời cho tài khoản đang chờ đặt mật khẩu."))
    locked.invited_at = timezone.now()
    locked.link_serial += 1
    locked.version += 1
    locked.save(update_fields=["invited_at", "link_serial", "version"])
    record_event(actor, "account.invitation_resent", locked)
    _queue_invitation(locked, actor)
    return locked


@transaction.atomic
def change_role(actor: Any, user: User, role: str, expected_version: int | None) -> User:
    locked = _lock(actor, user, expected_version, done=lambda u: u.role == role)
    _check_role(actor, role)
    if role == locked.role:
        return locked
    if locked.role == Role.AGENCY_ADMIN:
        _check_not_last_admin(locked)
    before = _state(locked)
    locked.role = role
    locked.version += 1
    locked.save(update_fields=["role", "version"])
    record_event(actor, "account.role_changed", locked, before=before, after=_state(locked))
    return locked


@transaction.atomic
def deactivate_user(actor: Any, user: User, expected_version: int | None) -> User:
    """The person can no longer sign in (the account and its history stay)."""
    locked = _lock(actor, user, expected_version, done=lambda u: not u.is_active)
    if locked.pk == getattr(actor, "pk", None):
        raise AccountError(_("Bạn không thể tự khoá tài khoản của mình."))
    if not locked.is_active:
        return locked
    _check_not_last_admin(locked)
    before = _state(locked)
    locked.is_active = False
    # Every invitation or reset link sent before is dead for good, reactivation or not.
    locked.link_serial += 1
    locked.version += 1
    locked.save(update_fields=["is_active", "link_serial", "version"])
    record_event(actor, "account.deactivated", locked, before=before, after=_state(locked))
    return locked


@transaction.atomic
def reactivate_user(actor: Any, user: User, expected_version: int | None) -> User:
    locked = _lock(actor, user, expected_version, done=lambda u: u.is_active)
    if locked.is_active:
        return locked
    before = _state(locked)
    locked.is_active = True
    locked.version += 1
    locked.save(update_fields=["is_active", "version"])
    record_event(actor, "account.reactivated", locked, before=before, after=_state(locked))
    return locked


def record_password_set(user: Any, action: str) -> None:
    """A password set by its owner (reset link, invitation, change): an audit event, and
    any lock-out of the username lifted (the new password is the proof)."""
    from axes.utils import reset as reset_lockouts

    record_event(user, action, user)
    reset_lockouts(username=user.get_username())
