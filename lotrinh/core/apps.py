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

        # A sign-in stamps its session for the idle timeout (core/middleware.py).
        from django.contrib.auth.signals import user_logged_in

        from lotrinh.core.middleware import stamp_session

        user_logged_in.connect(stamp_session, dispatch_uid="lotrinh.core.stamp_session")
