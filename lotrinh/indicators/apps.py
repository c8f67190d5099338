from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "lotrinh.indicators"
    label = "indicators"
    verbose_name = _("Mục tiêu và chỉ tiêu")
    default_auto_field = "django.db.models.BigAutoField"
