from django.contrib import admin

from lotrinh.agencies.models import Agency, AgencyAlias, AgencySuccession
from lotrinh.core.admin import AuditedModelAdmin


class AliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 0
    fields = ("alias", "source")


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin):
    list_display = ("name", "abbreviation", "kind", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name_vi", "name_en", "abbreviation", "search_text")
    inlines = [AliasInline]

    # The column sorts in Vietnamese alphabetical order (the name's binary order puts
    # "Đà Nẵng" after "Yên Bái").
    @admin.display(description=Agency._meta.get_field("name_vi").verbose_name, ordering="name_sort")
    def name(self, obj: Agency) -> str:
        return obj.name_vi


@admin.register(AgencySuccession)
class AgencySuccessionAdmin(AuditedModelAdmin):
    list_display = ("predecessor", "successor", "kind", "effective_date")
    list_filter = ("kind", "effective_date")
    autocomplete_fields = ("predecessor", "successor")
