"""No programme row without its lineage (0012 filled them): a writer that forgets to say
it fails here instead of making a national programme of an agency's plan."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0012_programme_lineage"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.CheckConstraint(
                condition=models.Q(lineage__in=["national", "agency_plan"]),
                name="programme_lineage_known",
            ),
        ),
    ]
