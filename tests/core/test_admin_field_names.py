"""Every field the project's admin pages show has a Vietnamese label: a field declared
without one is labelled by Django from its code name ("Programme", "Position"), English on
a Vietnamese page (seen on the task's change page, 2026-12-07)."""

from django.contrib import admin
from django.utils.translation import override


def test_every_editable_field_of_an_admin_model_has_a_name_of_its_own():
    unnamed = []
    for model in admin.site._registry:
        if not model.__module__.startswith("lotrinh."):
            continue
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or field.auto_created:
                continue
            if not getattr(field, "editable", False):
                continue
            with override("vi"):
                label = str(field.verbose_name)
            if label == field.name.replace("_", " "):
                unnamed.append(f"{model._meta.label}.{field.name}")
    assert not unnamed, unnamed
