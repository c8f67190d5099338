"""Link the documents made before periods were recorded to their year's period: MOST's
yearly documents (and agencies' yearly reports) were made for the programme's yearly
regime ("annual-report"); a document is linked when exactly one such period of its
programme and year exists, and left as it is otherwise (it keeps its year)."""

from typing import Any

from django.db import migrations


def link(apps: Any, schema_editor: Any) -> None:
    GeneratedDocument = apps.get_model("documents", "GeneratedDocument")
    ReportingPeriod = apps.get_model("reporting", "ReportingPeriod")
    for document in GeneratedDocument.objects.filter(period__isnull=True).iterator():
        candidates = list(
            ReportingPeriod.objects.filter(
                regime__programme_id=document.programme_id,
                regime__code="annual-report",
                year=document.year,
                part=0,
            ).values_list("pk", flat=True)[:2]
        )
        if len(candidates) == 1:
            GeneratedDocument.objects.filter(pk=document.pk).update(period_id=candidates[0])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_generated_document_period"),
        ("reporting", "0013_submitted_label_names_no_recipient"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
