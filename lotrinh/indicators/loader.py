"""Loading the shipped indicator data (idempotent): definitions, cited observations, task links.

The bundled observations are approved by the data file itself (their source is its
citation). Each is known from its `published` date; a row without one is known from
1 January of the year after its reference year (an annual figure cannot be published
before its year ends), so a document as of an earlier day never shows it.
"""

import csv
import datetime
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from lotrinh.agencies.loader import agency_code
from lotrinh.agencies.models import Agency
from lotrinh.indicators.models import Approval, Indicator, Observation, Target, TaskTargetLink
from lotrinh.indicators.services import refresh_current

DATA_DIR = Path(__file__).resolve().parent / "data"
FIELDS = (
    "name_vi",
    "name_en",
    "unit",
    "unit_en",
    "kind",
    "direction",
    "group",
    "limit",
    "min_value",
    "max_value",
    "producer",
    "producer_en",
    "frequency",
    "definition",
    "definition_en",
    "source_note",
    "source_note_en",
    "method",
    "method_en",
    "limitations",
    "limitations_en",
)
# The notes of a bundled value in both languages; refreshed on values already loaded.
NOTE_FIELDS = ("release", "release_en", "citation", "citation_en", "note", "note_en")
# English releases renamed when the notes became bilingual (old name → in the data file).
OLD_RELEASES = {"GSO release of 6 January 2025": ("GSO release 2025-01-06",)}


NUMBERS = ("limit", "min_value", "max_value")


def producer_agency(name: str | None) -> Agency | None:
    """The registry agency named in the data (None for producers outside it: WIPO, UN)."""
    if not name:
        return None
    agency = Agency.objects.filter(code=agency_code(name)).first()
    if agency is None:
        raise ValueError(f"indicators.json names {name!r}, which is not in the agency registry")
    return agency


def known_on(row: dict[str, str]) -> datetime.date:
    if row["published"]:
        return datetime.date.fromisoformat(row["published"])
    return datetime.date(int(row["year"]) + 1, 1, 1)


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
                **{f: item.get(f) or "" for f in FIELDS if f not in NUMBERS},
                **{f: item.get(f) for f in NUMBERS},
                "producer_agency": producer_agency(item.get("producer_agency")),
                "position": position,
            },
        )
        by_code[indicator.code] = indicator
    for item in definitions:
        if item.get("proxy_for"):
            Indicator.objects.filter(code=item["code"]).update(proxy_for=by_code[item["proxy_for"]])
        if item.get("computed_from"):
            Indicator.objects.filter(code=item["code"]).update(
                computed_from=by_code[item["computed_from"]]
            )

    created = 0
    with open(DATA_DIR / "observations.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Oldest publication first, so a later release becomes the revision of an earlier one.
    rows.sort(key=lambda r: (r["indicator"], r["country"], int(r["year"]), known_on(r)))
    for row in rows:
        indicator = by_code[row["indicator"]]
        value = (
            float(row["value"])
            if row["value"].strip()
            else (0.0 if indicator.kind == "milestone" else None)
        )
        loaded = Observation.objects.filter(
            # Loaded before the notes were bilingual: the English was in the main fields.
            Q(release=row["release"])
            | Q(release=row["release_en"])
            | Q(citation=row["citation_en"], release__in=OLD_RELEASES.get(row["release_en"], ())),
            indicator=indicator,
            year=int(row["year"]),
            country=row["country"],
            value=value,
            text_value=row["text_value"],
        )
        if loaded.exists():
            # Loaded by an earlier version, whose notes were in English only.
            loaded.update(**{f: row[f] for f in NOTE_FIELDS})
            continue
        previous = Observation.objects.filter(
            indicator=indicator, year=int(row["year"]), country=row["country"], is_current=True
        ).first()
        observation = Observation.objects.create(
            indicator=indicator,
            year=int(row["year"]),
            country=row["country"],
            value=value,
            text_value=row["text_value"],
            status=row["status"] or "final",
            published_on=datetime.date.fromisoformat(row["published"])
            if row["published"]
            else None,
            source_url=row["source_url"],
            **{f: row[f] for f in NOTE_FIELDS},
            method=row["method"] or "recorded",
            approval=Approval.APPROVED,
            known_on=known_on(row),
            is_current=False,
        )
        in_effect = refresh_current(indicator.pk, observation.country, observation.year)
        if in_effect == observation and indicator.kind != "milestone":
            observation.revision_of = previous
            observation.save(update_fields=["revision_of"])
        created += 1
    from lotrinh.indicators.primary import load_primary

    primary = load_primary(by_code)
    return {
        "indicators": len(by_code),
        "observations": created + primary["added"],
        "enriched": primary["enriched"],
        "gaps": primary["gaps"],
    }


@transaction.atomic
def load_task_links() -> int:
    """Links from tasks of the bundled programmes to the targets they serve."""
    from lotrinh.programmes.models import ProgrammeLineage, ProgrammeStatus, Task

    links = json.loads((DATA_DIR / "task_links.json").read_text(encoding="utf-8"))
    count = 0
    for item in links:
        # A bundled programme is national: an agency's plan numbered alike is not it (its
        # task would be shown on the public target pages).
        task = Task.objects.filter(
            programme__code=item["programme"],
            programme__lineage=ProgrammeLineage.NATIONAL,
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
