"""Each programme row says its lineage (docs/cascade.md, "One number, two lineages"):
a national programme's or an agency's own plan's. Existing rows are filled from the rule
that told them apart before the field: a plan issued by an agency that implements another
programme and that the programme loader did not store (the loader keeps its file's content
hash on every version, the cascade none) is an agency's plan; everything else is national.

The check that keeps "" out is 0013, its own transaction (PostgreSQL does not alter a
table with the updates' trigger events pending). Runs after reporting's migration of the old plans (0007, 0010), which made agencies'
plans without the field, so that they are filled too."""

from django.db import migrations, models

NATIONAL = "national"
AGENCY_PLAN = "agency_plan"


def fill_lineage(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    cascade_made = models.Q(
        kind="plan", issuer__isnull=False, implements__isnull=False, content_hash=""
    )
    Programme.objects.filter(cascade_made).update(lineage=AGENCY_PLAN)
    Programme.objects.exclude(cascade_made).update(lineage=NATIONAL)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0011_draft_version"),
        ("reporting", "0010_carry_remaining_plans"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="lineage",
            field=models.CharField(
                choices=[
                    ("national", "Chương trình quốc gia"),
                    ("agency_plan", "Kế hoạch của cơ quan"),
                ],
                default="",
                editable=False,
                max_length=20,
                verbose_name="phạm vi văn bản",
            ),
            preserve_default=False,
        ),
        # Backwards the column goes with the field: nothing to undo.
        migrations.RunPython(fill_lineage, migrations.RunPython.noop),
    ]
