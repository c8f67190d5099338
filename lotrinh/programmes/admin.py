from django.contrib import admin

from lotrinh.core.admin import AuditedModelAdmin
from lotrinh.programmes.models import Goal, Programme, Task, TaskAssignment, TaskGroup


class AssignmentInline(admin.TabularInline):
    model = TaskAssignment
    extra = 0
    fields = ("role", "agency", "generic", "name_as_written")
    autocomplete_fields = ("agency",)


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = ("code", "version", "status", "issue_date", "kind")
    list_filter = ("status", "kind")
    search_fields = ("code", "title")


@admin.register(Task)
class TaskAdmin(AuditedModelAdmin):
    list_display = ("ref", "programme", "group", "deadline", "recurrence")
    list_filter = ("programme",)
    search_fields = ("ref", "text")
    inlines = [AssignmentInline]
    raw_id_fields = ("clause", "group")


admin.site.register(TaskGroup, AuditedModelAdmin)
admin.site.register(Goal, AuditedModelAdmin)
