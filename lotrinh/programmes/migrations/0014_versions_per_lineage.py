"""Versions count per lineage (docs/cascade.md, "One number, two lineages"): an agency's
plan's versions by its issuer and its number, no longer by the number across every
agency. Two provinces' "144/KH-UBND" were versions 1 and 2 of one number; each is now
version 1 of its own plan. Existing agencies' plans are renumbered 1, 2, … per (issuer,
number) in their order; national programmes keep their numbers.

Reversible: going back numbers every version of a number 1, 2, … across agencies again
(by version, then by row), which the old constraint needs; the numbers are those of the
old rule, not necessarily the very ones the rows had before."""

from django.db import migrations, models


def renumber_per_issuer(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    plans = Programme.objects.filter(lineage="agency_plan").order_by(
        "issuer_id", "code", "version", "pk"
    )
    last: tuple = ()
    count = 0
    for plan in plans.only("pk", "issuer_id", "code", "version"):
        key = (plan.issuer_id, plan.code)
        count = count + 1 if key == last else 1
        last = key
        if plan.version != count:
            Programme.objects.filter(pk=plan.pk).update(version=count)


def renumber_per_number(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    rows = Programme.objects.order_by("code", "version", "pk").only("pk", "code", "version")
    last = None
    count = 0
    for row in rows:
        count = count + 1 if row.code == last else 1
        last = row.code
        if row.version != count:
            Programme.objects.filter(pk=row.pk).update(version=count)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0013_programme_lineage_known"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="programme",
            name="programme_code_version",
        ),
        migrations.RunPython(renumber_per_issuer, renumber_per_number),
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.UniqueConstraint(
                condition=models.Q(lineage="national"),
                fields=("code", "version"),
                name="programme_national_code_version",
            ),
        ),
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.UniqueConstraint(
                condition=models.Q(lineage="agency_plan"),
                fields=("issuer", "code", "version"),
                name="programme_plan_issuer_code_version",
            ),
        ),
    ]
