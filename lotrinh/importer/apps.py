from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    name = "lotrinh.importer"
    label = "importer"
    verbose_name = _("Nhập văn bản")
    default_auto_field = "django.db.models.BigAutoField"
