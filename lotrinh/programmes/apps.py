from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "lotrinh.programmes"
    label = "programmes"
    verbose_name = _("Chương trình")
    default_auto_field = "django.db.models.BigAutoField"
