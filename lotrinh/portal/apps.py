from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "lotrinh.portal"
    label = "portal"
    verbose_name = _("Trang công khai")
    default_auto_field = "django.db.models.BigAutoField"
