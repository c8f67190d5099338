from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.core.admin import AuditedAdminMixin
from lotrinh.core.locale import format_datetime

# The Django admin is for system administrators only (superusers, or Role.ADMIN with
# is_staff): agencies run their people from the account pages (accounts:users).
admin.site.site_header = _("Quản trị hệ thống Lộ trình")
admin.site.site_title = _("Quản trị Lộ trình")
admin.site.index_title = _("Quản trị dữ liệu")


def _system_admins_only(request: HttpRequest) -> bool:
    return perms.may_use_django_admin(request.user)


admin.site.has_permission = _system_admins_only  # type: ignore[method-assign]


@admin.register(User)
class LotrinhUserAdmin(AuditedAdminMixin, UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Lộ trình"), {"fields": ("agency", "role", "full_name", "position", "invited_at")}),
    )
    readonly_fields = ("invited_at",)
    # What only a superuser changes (permissions.may_grant_django_admin_powers).
    POWER_FIELDS = ("is_superuser", "groups", "user_permissions")
    list_display = ("username", "name", "agency", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("agency",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if perms.may_grant_django_admin_powers(request.user):
            return fields
        return (*fields, *self.POWER_FIELDS)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(
            request, obj
        ) and perms.may_change_account_in_django_admin(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(
            request, obj
        ) and perms.may_change_account_in_django_admin(request.user, obj)

    # The column sorts in Vietnamese alphabetical order of the names.
    @admin.display(
        description=User._meta.get_field("full_name").verbose_name, ordering="full_name_sort"
    )
    def name(self, obj: User) -> str:
        return obj.full_name


# Third-party apps in the admin have no Vietnamese names of their own (no catalogue), and
# Django's Vietnamese names its groups "Các nhóm" ("Xóa các Các nhóm đã chọn"): name
# them here, each app and each model in the singular and the plural, so the admin's
# index, lists, titles and "delete selected" messages say the page's words ("Đã xóa
# thành công 2 nhóm", "Successfully deleted 2 groups."). Written on the models' options
# (`_meta`), not their declared Meta: the migrations, which read that, see no change.
THIRD_PARTY_NAMES: dict[str, tuple[Any, dict[str, tuple[Any, Any]]]] = {
    "axes": (
        _("Khoá đăng nhập"),
        {
            "AccessAttempt": (
                _("lần đăng nhập sai đang được đếm"),
                pgettext_lazy("số nhiều", "lần đăng nhập sai đang được đếm"),
            ),
            "AccessFailureLog": (_("lần đăng nhập sai đã ghi"), _("nhật ký đăng nhập sai")),
            "AccessLog": (_("lần đăng nhập đã ghi"), _("nhật ký đăng nhập")),
        },
    ),
    "django_tasks_database": (
        _("Tác vụ nền"),
        {
            "DBTaskResult": (
                _("kết quả tác vụ nền"),
                pgettext_lazy("số nhiều", "kết quả tác vụ nền"),
            )
        },
    ),
    "auth": (None, {"Group": (_("nhóm"), pgettext_lazy("số nhiều", "nhóm"))}),
}


# django-axes' records of sign-ins, named by their package "Attempted Access: 2026-12-07
# 09:45:29.123+00:00" (English, the moment in UTC, year first) in the admin's lists,
# confirmations and refusals.
SIGN_IN_RECORDS = ("AccessAttempt", "AccessFailureLog", "AccessLog")


def _sign_in_name(record: Any) -> str:
    """A sign-in record as the admin names it: who, from where, when (Vietnam's time, the
    day first, `locale.format_datetime`)."""
    return gettext("%(username)s từ %(address)s (%(when)s)") % {
        "username": record.username or "—",
        "address": record.ip_address or "—",
        "when": format_datetime(record.attempt_time),
    }


def _name_third_party_models() -> None:
    from django.apps import apps

    for label, (app_name, models) in THIRD_PARTY_NAMES.items():
        if label not in apps.app_configs:
            continue
        config = apps.get_app_config(label)
        if app_name is not None:
            config.verbose_name = app_name
        for model in config.get_models():
            if model.__name__ in models:
                model._meta.verbose_name, model._meta.verbose_name_plural = models[model.__name__]
            if label == "axes" and model.__name__ in SIGN_IN_RECORDS:
                model.__str__ = _sign_in_name  # type: ignore[assignment,method-assign]


_name_third_party_models()


# django-axes' "Clean up expired attempts" reads the moment of a login attempt from the
# request (set only while a login is checked): run from the admin it failed with a server
# error. The same clean-up, with the moment set to now and its notice in our words.
def _axes_attempts_admin() -> None:
    from axes.admin import AccessAttemptAdmin
    from axes.handlers.database import AxesDatabaseHandler
    from axes.models import AccessAttempt
    from django.utils import timezone
    from django.utils.translation import ngettext

    class ExpiredAttemptsAdmin(AccessAttemptAdmin):
        @admin.action(description=_("Xoá các lần đăng nhập sai đã hết hạn đếm"))
        def cleanup_expired_attempts(self, request: HttpRequest, queryset: Any) -> None:
            request.axes_attempt_time = timezone.now()  # type: ignore[attr-defined]
            count = AxesDatabaseHandler().clean_expired_user_attempts(request=request)
            self.message_user(
                request,
                ngettext(
                    "Đã xoá %(count)d lần đăng nhập sai đã hết hạn đếm.",
                    "Đã xoá %(count)d lần đăng nhập sai đã hết hạn đếm.",
                    count,
                )
                % {"count": count},
            )

    if admin.site.is_registered(AccessAttempt):
        admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, ExpiredAttemptsAdmin)


_axes_attempts_admin()
