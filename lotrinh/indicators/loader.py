"""Loading the shipped indicator data (idempotent): definitions, cited observations, task links."""

import csv
import datetime
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from lotrinh.indicators.models import Indicator, Observation, Target, TaskTargetLink

DATA_DIR = Path(__file__).resolve().parent / "data"
FIELDS = (
    "name_vi",
    "name_en",
    "unit",
    "kind",
    "direction",
    "group",
    "limit",
    "producer",
    "frequency",
    "definition",
    "source_note",
)


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    definitions: list[dict[str, Any]] = json.loads(
        (DATA_DIR / "indicators.json").read_text(encoding="utf-8")
    )
    by_code: dict[str, Indicator] = {}
    for position, item in enumerate(definitions):
        indicator, _ = Indicator.objects.update_or_create(
            code=item["code"],
            defaults={
                **{f: item.get(f) or "" for f in FIELDS if f != "limit"},
                "limit": item.get("limit"),
                "position": position,
            },
        )
        by_code[indicator.code] = indicator
    for item in definitions:
        if item.get("proxy_for"):
            Indicator.objects.filter(code=item["code"]).update(proxy_for=by_code[item["proxy_for"]])

    created = 0
    with open(DATA_DIR / "observations.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Oldest publication first, so a later release becomes the revision of an earlier one.
    rows.sort(
        key=lambda r: (r["indicator"], r["country"], int(r["year"]), r["published"] or "9999")
    )
    for row in rows:
        indicator = by_code[row["indicator"]]
        value = (
            float(row["value"])
            if row["value"].strip()
            else (0.0 if indicator.kind == "milestone" else None)
        )
        exists = Observation.objects.filter(
            indicator=indicator,
            year=int(row["year"]),
            country=row["country"],
            release=row["release"],
            value=value,
            text_value=row["text_value"],
        ).exists()
        if exists:
            continue
        previous = Observation.objects.filter(
            indicator=indicator, year=int(row["year"]), country=row["country"], is_current=True
        ).first()
        Observation.objects.create(
            indicator=indicator,
            year=int(row["year"]),
            country=row["country"],
            value=value,
            text_value=row["text_value"],
            status=row["status"] or "final",
            published_on=datetime.date.fromisoformat(row["published"])
            if row["published"]
            else None,
            release=row["release"],
            source_url=row["source_url"],
            citation=row["citation"],
            note=row["note"],
            method=row["method"] or "recorded",
            revision_of=previous if indicator.kind != "milestone" else None,
        )
        if previous is not None and indicator.kind != "milestone":
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        created += 1
    return {"indicators": len(by_code), "observations": created}


@transaction.atomic
def load_task_links() -> int:
    """Links from tasks of the bundled programmes to the targets they serve."""
    from lotrinh.programmes.models import ProgrammeStatus, Task

    links = json.loads((DATA_DIR / "task_links.json").read_text(encoding="utf-8"))
    count = 0
    for item in links:
        task = Task.objects.filter(
            programme__code=item["programme"],
            programme__status=ProgrammeStatus.PUBLISHED,
            ref=item["task"],
        ).first()
        if task is None:
            continue  # a later version withdrew the task: its links stay with that version
        for code in item["targets"]:
            target = Target.objects.filter(
                code=code, is_current=True, programme__status=ProgrammeStatus.PUBLISHED
            ).first()
            if target is None:
                continue
            _, made = TaskTargetLink.objects.get_or_create(
                task=task, target=target, defaults={"justification": item["justification"]}
            )
            count += made
    return count
