"""A value typed in Lộ trình was published as "nhập bởi <the officer's login or name>"
(its "lần công bố", on the public page, the workbook and open data): it now names the
agency that entered it, and the values already stored are rewritten so."""

from django.db import migrations


def name_the_agency(apps, schema_editor):  # type: ignore[no-untyped-def]
    Observation = apps.get_model("indicators", "Observation")
    typed = Observation.objects.filter(
        recorded_by__isnull=False, release__startswith="nhập bởi "
    ).select_related("agency")
    for observation in typed.iterator():
        agency = observation.agency.name_vi if observation.agency_id else "Lộ trình"
        release = f"nhập bởi {agency}"[:120]
        if observation.release != release:
            Observation.objects.filter(pk=observation.pk).update(release=release)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_provenance_positions_data_requests")]

    operations = [migrations.RunPython(name_the_agency, migrations.RunPython.noop)]
