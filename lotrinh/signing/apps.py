from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lotrinh.signing"
    verbose_name = _("Sổ văn bản và chữ ký số")

    def ready(self) -> None:
        from lotrinh.signing import checks  # noqa: F401 (registers the system checks)
