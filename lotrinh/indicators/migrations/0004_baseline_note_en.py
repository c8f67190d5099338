"""The English of the baseline notes written when targets were loaded (Vietnamese only)."""

import re

from django.db import migrations

LATEST = re.compile(r"^Năm gốc (\d{4}): số liệu của năm ban hành hoặc năm gần nhất trước đó\.$")
EARLIEST = re.compile(
    r"^Năm gốc (\d{4}): số liệu sớm nhất có được \(chưa có số liệu năm (\d{4})\)\.$"
)


def forwards(apps, schema_editor):
    Target = apps.get_model("indicators", "Target")
    for target in Target.objects.filter(baseline_note_en="").exclude(baseline_note=""):
        if match := LATEST.match(target.baseline_note):
            english = (
                f"Baseline {match.group(1)}: the value of the year of issue "
                "or the latest year before it."
            )
        elif match := EARLIEST.match(target.baseline_note):
            english = (
                f"Baseline {match.group(1)}: the earliest value available "
                f"(no value for {match.group(2)} yet)."
            )
        else:
            continue  # a reason typed by a person: stays in its language
        Target.objects.filter(pk=target.pk).update(baseline_note_en=english)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_bilingual_notes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
