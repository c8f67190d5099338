from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lotrinh.core"
    label = "core"
    verbose_name = _("Nhật ký hệ thống")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The admin has discovered every admin module by now (it is the first app).
        from django.contrib import admin

        from lotrinh.core.admin import audit_every_admin

        audit_every_admin(admin.site)
