from django.contrib import admin

from lotrinh.agencies.models import Agency, AgencyAlias, AgencySuccession
from lotrinh.core.admin import AuditedModelAdmin


class AliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 0
    fields = ("alias", "source")


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin):
    list_display = ("name_vi", "abbreviation", "kind", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name_vi", "name_en", "abbreviation", "search_text")
    inlines = [AliasInline]


@admin.register(AgencySuccession)
class AgencySuccessionAdmin(AuditedModelAdmin):
    list_display = ("predecessor", "successor", "kind", "effective_date")
    list_filter = ("kind", "effective_date")
    autocomplete_fields = ("predecessor", "successor")
