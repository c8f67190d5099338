from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class AgenciesConfig(AppConfig):
    name = "lotrinh.agencies"
    label = "agencies"
    # The admin's heading of the app's models: "Agencies", "Accounts" in English.
    verbose_name = pgettext_lazy("danh sách", "Cơ quan")
    default_auto_field = "django.db.models.BigAutoField"
