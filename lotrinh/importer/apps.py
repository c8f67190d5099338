from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "lotrinh.importer"
    label = "importer"
    default_auto_field = "django.db.models.BigAutoField"
