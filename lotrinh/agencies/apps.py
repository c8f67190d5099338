from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "lotrinh.agencies"
    label = "agencies"
    verbose_name = _("Cơ quan")
    default_auto_field = "django.db.models.BigAutoField"
