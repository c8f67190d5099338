"""Fill `AuditEvent.unit` for the events recorded before the column existed.

The rule is `core.audit.unit_id_of`, the one `record_event` applies to new events, run on
this migration's models. Two events name their unit instead of being on it: a plan task
given to a unit ("cascade.unit_assigned", on the task, the unit's name in `after`) and a
person taken out of a unit ("unit.user_attached" with no unit after, the unit's name in
`before`); the unit is found by that name among the agency's units (none when two share
it). A person's events get the unit the person is in now (where she was then is not
recorded). An event whose object no longer exists keeps no unit. On PostgreSQL the
read-only trigger (0002) is switched off for this one transaction only, as in 0006.
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
        # PostgreSQL refuses to alter a table with pending trigger events: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            f"ALTER TABLE core_auditevent {'ENABLE' if on else 'DISABLE'} TRIGGER {TRIGGER}"
        )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


NAMED = {"cascade.unit_assigned": "after", "unit.user_attached": "before"}


def backfill(apps, schema_editor):
    from lotrinh.core.audit import unit_id_of

    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Unit = apps.get_model("agencies", "Unit")
    cache: dict = {}

    def fetch(model, pk):
        key = (model._meta.label, pk)
        if key not in cache:
            cache[key] = model._default_manager.filter(pk=pk).first()
        return cache[key]

    names: dict = defaultdict(list)
    for pk, agency_id, name in Unit.objects.values_list("pk", "agency_id", "name_vi"):
        names[(agency_id, name)].append(pk)

    def named(agency_id, data):
        name = data.get("unit") if isinstance(data, dict) else None
        found = names.get((agency_id, name), []) if name else []
        return found[0] if len(found) == 1 else None

    by_type: dict = defaultdict(list)
    for row in AuditEvent.objects.filter(unit__isnull=True, agency__isnull=False).values_list(
        "pk", "content_type_id", "object_id", "action", "agency_id", "before", "after"
    ):
        by_type[row[1]].append(row)
    by_unit: dict = defaultdict(list)
    for type_id, rows in by_type.items():
        content_type = ContentType.objects.filter(pk=type_id).first()
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except (AttributeError, LookupError):
            continue  # a model that no longer exists
        ids = sorted({r[2] for r in rows if str(r[2]).isascii() and str(r[2]).isdigit()})
        subjects = {}
        for start in range(0, len(ids), CHUNK):
            for obj in model._default_manager.filter(pk__in=ids[start : start + CHUNK]):
                subjects[str(obj.pk)] = obj
        for pk, _type, object_id, action, agency_id, before, after in rows:
            subject = subjects.get(str(object_id))
            if action == "cascade.unit_assigned":
                unit_id = named(agency_id, after)
            elif action == "unit.user_attached":
                # The unit joined, else the unit left (as `attach_user` records now).
                unit_id = named(agency_id, after) or named(agency_id, before)
            else:
                unit_id = unit_id_of(subject, fetch) if subject is not None else None
            if unit_id is not None:
                by_unit[unit_id].append(pk)
    if not by_unit:
        return
    _trigger(schema_editor, on=False)
    for unit_id, pks in by_unit.items():
        for start in range(0, len(pks), CHUNK):
            AuditEvent.objects.filter(pk__in=pks[start : start + CHUNK]).update(unit_id=unit_id)
    _trigger(schema_editor, on=True)


class Migration(migrations.Migration):
    dependencies = [
        # 0006 before it depends on the models the rule reads, as they are now.
        ("core", "0007_audit_unit"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
