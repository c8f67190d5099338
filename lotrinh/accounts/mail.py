"""The e-mails of accounts, sent by the worker (django-tasks), never inside a request.

A task takes ids only and makes the one-time link itself, so no token is stored in the
queue; and a password-reset request answers in the same time whether or not the
address has an account (the SMTP exchange happens later, elsewhere).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from lotrinh.accounts.models import Role, User


@task()
def send_password_reset(user_pk: int | None, language: str) -> bool:
    """The reset link, in the language of the page it was asked from. `None`: asked for an
    address with no account, queued all the same so the request does the same work."""
    from lotrinh.accounts.services import reset_tokens

    if user_pk is None:
        return False
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return False  # deactivated or invited meanwhile: nothing to send
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": reset_tokens.make_token(user),
        "site_url": settings.LOTRINH_SITE_URL,
    }
    with translation.override(language):
        subject = render_to_string("accounts/email/password_reset_subject.txt", context)
        body = render_to_string("accounts/email/password_reset.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
    return True


@task()
def send_invitation(user_pk: int, inviter_name: str, link_serial: int | None = None) -> bool:
    """The invitation, in Vietnamese then English (we do not know the reader's).
    `link_serial`: the account's when the invitation was made; nothing is sent once a later
    invitation or a deactivation moved it on (None: a task queued before it existed)."""
    from lotrinh.accounts.services import invitation_link

    user = User.objects.select_related("agency").filter(pk=user_pk, is_active=True).first()
    if user is None or user.has_usable_password() or not user.email:
        return False
    if link_serial is not None and link_serial != user.link_serial:
        return False
    context = {
        "user": user,
        "inviter": inviter_name,
        "link": invitation_link(user),
        "days": settings.LOTRINH_INVITATION_DAYS,
        "site_url": settings.LOTRINH_SITE_URL,
    }
    agency = user.agency
    names = {"vi": agency.name_vi, "en": agency.name_en or agency.name_vi} if agency else {}
    parts = []
    for language in ("vi", "en"):
        with translation.override(language):
            context["role_label"] = str(Role(user.role).label) if user.role else ""
            context["agency_name"] = names.get(language, "")
            parts.append(render_to_string("accounts/email/invitation.txt", context).strip())
    with translation.override("vi"):
        subject = _("[Lộ trình] Mời tham gia Lộ trình")
    send_mail(subject, "\n\n— — —\n\n".join(parts), None, [user.email])
    return True
