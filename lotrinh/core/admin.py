from django.contrib import admin

from lotrinh.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "action", "object_repr", "actor")
    list_filter = ("action",)
    search_fields = ("object_repr", "note")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
