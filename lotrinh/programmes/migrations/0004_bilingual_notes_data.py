"""Give programmes loaded from the earlier bundled files their notes in both languages.

The bundled files of this release differ from the previous ones only in their notes
(Vietnamese and English) and in the reporting regimes' English names. A programme whose
stored hash is exactly the previous file's is updated in place and given the new hash,
so `lotrinh init` does not load the same text again as a new version. Anything else (a
file changed since, a programme amended or imported) is left to `init` as before.
"""

import hashlib
import json
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# programme code → (file, hash of the previous bundled file, hash of this release's file)
BUNDLED = {
    "50/NQ-CP": (
        "50-NQ-CP.json",
        "9f9513f1fbaf7a61978c4e94a300574b82bf3853efe309fd0d9d0ef9d79a82ce",
        "c6282747c2f7965347f7ad477ec40080442e6bf7c85b14584dde268c64ee7e6f",
    ),
    "52-NQ/TW": (
        "52-NQ-TW.json",
        "b10f8c0d0ea4cf9bbc72254eb25e47639ef62712ee000f87bca78b1bcae515a6",
        "48ae1e44a21caf67d41c79c3a4acd3afde5f7795174024c23a959c8abc2884cd",
    ),
}


def forwards(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Task = apps.get_model("programmes", "Task")
    ReportingRegime = apps.get_model("reporting", "ReportingRegime")
    for code, (name, previous, current) in BUNDLED.items():
        programmes = Programme.objects.filter(code=code, origin="bundled", content_hash=previous)
        if not programmes.exists():
            continue
        data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
        digest = hashlib.sha256(
            json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        if digest != current:
            continue  # the file changed again: `init` decides
        meta = data["programme"]
        for programme in programmes:
            Programme.objects.filter(pk=programme.pk).update(
                source=meta.get("source") or "",
                source_en=meta.get("source_en") or "",
                note=meta.get("note") or "",
                note_en=meta.get("note_en") or "",
                content_hash=current,
            )
            for task in data["tasks"]:
                Task.objects.filter(programme=programme, ref=task["ref"]).update(
                    note=task.get("note") or "", note_en=task.get("note_en") or ""
                )
            for regime in data.get("reporting_regimes", []):
                ReportingRegime.objects.filter(programme=programme, code=regime["code"]).update(
                    name_en=regime.get("name_en") or ""
                )


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_bilingual_notes"),
        ("reporting", "0005_bilingual_notes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
