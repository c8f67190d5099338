"""Django's four password rules, with messages in the page's language.

Django's Vietnamese catalogue lacks some of these messages (the length rule came out
in English on a Vietnamese page), so the texts are ours; the rules are Django's.
"""

from django.contrib.auth import password_validation as django_rules
from django.utils.translation import gettext as _


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def __init__(self, min_length: int = 12) -> None:
        super().__init__(min_length)

    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {
            "min_length": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    DEFAULT_USER_ATTRIBUTES = ("username", "full_name", "first_name", "last_name", "email")

    def get_error_message(self) -> str:
        return _("Mật khẩu quá giống %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được quá giống tên đăng nhập, họ tên hay thư điện tử.")


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu này quá phổ biến, dễ bị đoán.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được là một mật khẩu phổ biến.")


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")
