from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lotrinh.accounts.models import Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Thư điện tử"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Vai trò"))

    def __init__(self, *args: Any, roles: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [(r, Role(r).label) for r in roles]
        self.fields["email"].error_messages = {
            "required": _("Cần nhập địa chỉ thư điện tử."),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
        }
        self.fields["full_name"].error_messages = {"required": _("Cần nhập họ và tên.")}
        self.fields["role"].error_messages = {
            "required": _("Cần chọn vai trò."),
            "invalid_choice": _("Bạn không thể giao vai trò này."),
        }


# Django's password forms, with labels and messages of our own (Django's Vietnamese
# catalogue lacks some): the rules are still AUTH_PASSWORD_VALIDATORS.
NEW_PASSWORD_LABELS = {
    "new_password1": _("Mật khẩu mới"),
    "new_password2": _("Nhập lại mật khẩu mới"),
}
MISMATCH = _("Hai mật khẩu không khớp nhau.")


def _relabel(form: Any) -> None:
    for name, label in NEW_PASSWORD_LABELS.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].help_text = ""
    form.error_messages = {**form.error_messages, "password_mismatch": MISMATCH}
    if "old_password" in form.fields:
        form.fields["old_password"].label = _("Mật khẩu hiện tại")
        form.error_messages["password_incorrect"] = _(
            "Mật khẩu hiện tại không đúng. Vui lòng nhập lại."
        )


class SetPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form (same answer for any address; active accounts with a password only),
    but the e-mail is queued for the worker: see lotrinh/accounts/mail.py."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Thư điện tử")
        self.fields["email"].error_messages = {
            "required": _("Cần nhập địa chỉ thư điện tử."),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
        }

    def save(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        from lotrinh.accounts.mail import send_password_reset

        language = translation.get_language() or settings.LANGUAGE_CODE
        # An address with no account queues a task too (for nobody, which the worker
        # drops): the request then does the same work, and takes the same time, either way.
        user_pks: list[int | None] = [u.pk for u in self.get_users(self.cleaned_data["email"])]
        for user_pk in user_pks or [None]:
            send_password_reset.enqueue(user_pk, language)
