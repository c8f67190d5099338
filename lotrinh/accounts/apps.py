from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class AccountsConfig(AppConfig):
    name = "lotrinh.accounts"
    label = "accounts"
    # The admin's heading of the app's models: "Agencies", "Accounts" in English.
    verbose_name = pgettext_lazy("danh sách", "Tài khoản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lotrinh.accounts import checks  # noqa: F401  (registers the deploy check)
