from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lotrinh.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lotrinh.accounts import checks  # noqa: F401  (registers the deploy check)
