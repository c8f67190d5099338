from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "lotrinh.dashboard"
    label = "dashboard"
    verbose_name = _("Tổng quan")
    default_auto_field = "django.db.models.BigAutoField"
