from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.core.admin import AuditedAdminMixin

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


# Third-party apps in the admin have no Vietnamese names of their own (no catalogue):
# name them here. Their models' own pages keep the package's words.
THIRD_PARTY_NAMES = {
    "axes": (
        _("Khoá đăng nhập"),
        {
            "AccessAttempt": _("Lần đăng nhập sai đang được đếm"),
            "AccessFailureLog": _("Nhật ký đăng nhập sai"),
            "AccessLog": _("Nhật ký đăng nhập"),
        },
    ),
    "django_tasks_database": (_("Tác vụ nền"), {"DBTaskResult": _("Kết quả tác vụ nền")}),
}


def _name_third_party_apps() -> None:
    from django.apps import apps

    for label, (app_name, _models) in THIRD_PARTY_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = app_name


_name_third_party_apps()
_original_app_list = admin.site.get_app_list


def _app_list_in_vietnamese(request: HttpRequest, app_label: str | None = None) -> list[Any]:
    app_list = _original_app_list(request, app_label)
    for app in app_list:
        model_names = THIRD_PARTY_NAMES.get(app["app_label"], ("", {}))[1]
        for model in app["models"]:
            if model["object_name"] in model_names:
                model["name"] = model_names[model["object_name"]]
    return app_list


admin.site.get_app_list = _app_list_in_vietnamese  # type: ignore[method-assign]


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
