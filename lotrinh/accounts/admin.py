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
    list_display = ("username", "full_name", "agency", "role", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("agency",)
