from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from lotrinh.accounts.models import User
from lotrinh.core.admin import AuditedAdminMixin


@admin.register(User)
class LotrinhUserAdmin(AuditedAdminMixin, UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Lộ trình", {"fields": ("agency", "role", "full_name", "position")}),
    )
    list_display = ("username", "full_name", "agency", "role", "is_active")
    list_filter = ("role", "is_active")
    autocomplete_fields = ("agency",)
