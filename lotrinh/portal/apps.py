from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "lotrinh.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"
