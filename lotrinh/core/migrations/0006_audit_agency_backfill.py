"""Fill `AuditEvent.agency` for the events recorded before the column existed.

The rule is `core.audit.agency_id_of`, the one `record_event` applies to new events,
run on this migration's models. An event whose object no longer exists keeps no agency
(only the programme-wide readers see it). On PostgreSQL a trigger refuses every UPDATE of
an audit row (0002): it is switched off for this one transaction and on again before it
commits; pending foreign-key checks are run first, since PostgreSQL refuses to alter a
table with pending trigger events.
"""

from collections import defaultdict

from django.db import migrations

TRIGGER = "core_auditevent_read_only"
CHUNK = 500


def _trigger(schema_editor, on: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s", [TRIGGER])
        if cursor.fetchone() is None:
            return
        # Deferred foreign-key checks run now: PostgreSQL refuses to alter a table with
        # pending trigger events (rows written earlier in the transaction, or below).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            f"ALTER TABLE core_auditevent {'ENABLE' if on else 'DISABLE'} TRIGGER {TRIGGER}"
        )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def backfill(apps, schema_editor):
    from lotrinh.core.audit import agency_id_of

    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    cache: dict = {}

    def fetch(model, pk):
        key = (model._meta.label, pk)
        if key not in cache:
            cache[key] = model._default_manager.filter(pk=pk).first()
        return cache[key]

    by_type: dict = defaultdict(list)
    for pk, type_id, object_id in AuditEvent.objects.filter(agency__isnull=True).values_list(
        "pk", "content_type_id", "object_id"
    ):
        by_type[type_id].append((pk, object_id))
    by_agency: dict = defaultdict(list)
    for type_id, rows in by_type.items():
        content_type = ContentType.objects.filter(pk=type_id).first()
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except (AttributeError, LookupError):
            continue  # a model that no longer exists
        ids = sorted({o for _, o in rows if str(o).isascii() and str(o).isdigit()})
        subjects = {}
        for start in range(0, len(ids), CHUNK):
            for obj in model._default_manager.filter(pk__in=ids[start : start + CHUNK]):
                subjects[str(obj.pk)] = obj
        for pk, object_id in rows:
            subject = subjects.get(str(object_id))
            agency_id = agency_id_of(subject, fetch) if subject is not None else None
            if agency_id is not None:
                by_agency[agency_id].append(pk)
    if not by_agency:
        return
    _trigger(schema_editor, on=False)
    for agency_id, pks in by_agency.items():
        for start in range(0, len(pks), CHUNK):
            AuditEvent.objects.filter(pk__in=pks[start : start + CHUNK]).update(
                agency_id=agency_id
            )
    _trigger(schema_editor, on=True)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_audit_agency"),
        # The models the rule reads, as they are now.
        ("accounts", "0007_user_search_text"),
        ("agencies", "0006_name_en_sort"),
        ("api", "0001_api_tokens"),
        ("dashboard", "0001_initial"),
        ("documents", "0006_unit_report_documents"),
        ("importer", "0004_plan_import_jobs"),
        ("indicators", "0006_release_names_agency"),
        ("portal", "0001_publications"),
        ("programmes", "0008_task_link_context"),
        ("reporting", "0017_form_upload_message_en"),
        ("signing", "0001_register_signers_signed_documents"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
