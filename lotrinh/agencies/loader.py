"""Loading the agency registry from the reference data in `data/` (idempotent).

Every row keeps the source it came from. Files:
- agencies_2020.csv: ministries, ministerial-level and Government agencies, 63 provinces;
- agency_succession.csv: the 2025 reorganisation of ministries (Resolution 176/2025/QH15);
- provinces_2025.csv: the 63 → 34 provincial merger (Resolution 202/2025/QH15);
- extra_bodies.csv: bodies named in the seed documents (Government, Party bodies, Front);
- party_bodies.csv and party_succession.csv: the Party committees of 52-NQ/TW section 4
  (provincial committees of 2020 and 2025, committees under the Centre, ministries'
  Party boards) and their 2025 changes, derived by scripts/derive_party_bodies.py;
- aliases.csv and english_names.csv: abbreviations, spelling variants, English names.
"""

import csv
import datetime
from pathlib import Path

from django.db import transaction
from django.utils.dateformat import format as date_format
from django.utils.text import slugify
from django.utils.translation import override

from lotrinh.agencies.models import Agency, AgencyKind, AgencySuccession, SuccessionKind
from lotrinh.agencies.services import add_alias
from lotrinh.core.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"

CATEGORY_KIND = {
    "bộ (ministry)": AgencyKind.MINISTRY,
    "cơ quan ngang bộ (ministerial-level agency)": AgencyKind.MINISTERIAL_AGENCY,
    "cơ quan thuộc Chính phủ (Government agency)": AgencyKind.GOVERNMENT_AGENCY,
    "cơ quan thuộc Chính phủ (status uncertain)": AgencyKind.GOVERNMENT_AGENCY,
    "tỉnh (2020)": AgencyKind.PROVINCE,
    "thành phố trực thuộc trung ương (2020)": AgencyKind.CENTRAL_CITY,
}
# Bodies created by the 2025 reorganisation, which the 2020 list cannot contain.
NEW_BODY_KIND = {
    "Bộ Nông nghiệp và Môi trường": AgencyKind.MINISTRY,
    "Bộ Dân tộc và Tôn giáo": AgencyKind.MINISTRY,
    "Thành phố Huế": AgencyKind.CENTRAL_CITY,
    # The Party's central commissions (2025; agency_succession.csv).
    "Ban Chính sách, chiến lược Trung ương": AgencyKind.PARTY_BODY,
    "Ban Tuyên giáo và Dân vận Trung ương": AgencyKind.PARTY_BODY,
}
# Where a body was established on the basis of another one rather than merged into it.
RENAMED = {
    ("Ủy ban Dân tộc", "Bộ Dân tộc và Tôn giáo"),
    ("Tỉnh Thừa Thiên Huế", "Thành phố Huế"),
    ("Ban Kinh tế Trung ương", "Ban Chính sách, chiến lược Trung ương"),
}
ASSUMED_DISSOLUTION_DATE = datetime.date(2025, 3, 1)


def agency_code(name_vi: str) -> str:
    return slugify(fold(name_vi))[:120]


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _english_name(name_vi: str, english: dict[str, str], kind: str) -> str:
    if name_vi in english:
        return english[name_vi]
    plain = fold(name_vi).title()
    if kind == AgencyKind.PROVINCE:
        return plain.removeprefix("Tinh ") + " Province"
    if kind == AgencyKind.CENTRAL_CITY:
        return plain.removeprefix("Thanh Pho ") + " City"
    return plain


def _english_day(day: datetime.date) -> str:
    """A day in an English note's prose: "1 March 2025"."""
    with override("en"):
        return date_format(day, "j F Y")


def _notes() -> dict[str, tuple[str, str]]:
    """Each English note of the reference data (notes_vi.csv): its Vietnamese, and its
    English as a reader sees it (`en_shown`, where the data writes a day as ISO:
    "2025-07-01" is shown "1 July 2025"; else the note as written)."""
    return {
        row["en"]: (row["vi"], row.get("en_shown") or row["en"]) for row in _read("notes_vi.csv")
    }


def bilingual(english: str, notes: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """(Vietnamese, English) of a note written in English in the reference data.

    A note made of known sentences joined by " — " or ". " is translated piece by piece;
    a note with no translation stays English only (pages mark its language).
    """
    english = english.strip()
    if not english:
        return "", ""
    if english in notes:
        return notes[english]
    for separator in (" — ", ". "):
        head, found, tail = english.partition(separator)
        if found:
            head_vi, head_en = notes.get(head if separator == " — " else head + ".", ("", ""))
            tail_vi, tail_en = bilingual(tail, notes)
            if head_vi and tail_vi:
                if separator == " — ":
                    return f"{head_vi} — {tail_vi}", f"{head_en} — {tail_en}"
                return (
                    f"{head_vi} {tail_vi[:1].upper()}{tail_vi[1:]}",
                    f"{head_en} {tail_en}",
                )
    return "", english


def _upsert(
    name_vi: str,
    kind: str,
    *,
    name_en: str,
    abbreviation: str = "",
    valid_from: datetime.date | None = None,
    source: str = "",
    note: str = "",
    notes: dict[str, tuple[str, str]] | None = None,
) -> Agency:
    note_vi, note_en = bilingual(note, notes or {})
    agency, _ = Agency.objects.update_or_create(
        code=agency_code(name_vi),
        defaults={
            "name_vi": name_vi,
            "name_en": name_en,
            "abbreviation": abbreviation,
            "kind": kind,
            "valid_from": valid_from,
            "source": source,
            "note": note_vi,
            "note_en": note_en,
        },
    )
    add_alias(agency, name_vi, source="official name")
    if abbreviation:
        add_alias(agency, abbreviation, source="abbreviation (reference data)")
    if agency.is_province:
        bare = name_vi.removeprefix("Tỉnh ").removeprefix("Thành phố ")
        for alias in (f"Ủy ban nhân dân {name_vi}", f"UBND {name_vi}", f"UBND {bare}", bare):
            add_alias(agency, alias, source="people's committee of the province")
    return agency


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text.strip() else None


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create or update every agency, alias and succession of the reference data."""
    english = {row["name_vi"]: row["name_en"] for row in _read("english_names.csv")}
    notes = _notes()
    by_name: dict[str, Agency] = {}

    for row in _read("agencies_2020.csv"):
        kind = CATEGORY_KIND[row["category"]]
        by_name[row["name_vi"]] = _upsert(
            row["name_vi"],
            kind,
            name_en=_english_name(row["name_vi"], english, kind),
            abbreviation=row["abbreviation"],
            source=row["source"],
            note=row["note"],
            notes=notes,
        )

    for row in _read("extra_bodies.csv") + _read("party_bodies.csv"):
        by_name[row["name_vi"]] = _upsert(
            row["name_vi"],
            row["kind"],
            name_en=row["name_en"],
            abbreviation=row["abbreviation"],
            valid_from=_date(row["valid_from"]),
            source=row["source"],
            note=row["note"],
            notes=notes,
        )

    ministry_rows = [
        row for row in _read("agency_succession.csv") if row["old_name"] not in _province_names()
    ]
    province_rows = _read("provinces_2025.csv")
    successions = 0
    for row, old_key, new_key in [(r, "old_name", "new_name") for r in ministry_rows] + [
        (r, "old_province_2020", "new_province_2025") for r in province_rows
    ]:
        old_name, new_name = row[old_key], row[new_key]
        effective = _date(row["effective_date"])
        predecessor = by_name[old_name]
        if new_name == old_name:
            # The body continues under its name and absorbs others: nothing ends.
            continue
        if new_name and new_name not in by_name:
            kind = NEW_BODY_KIND[new_name]
            by_name[new_name] = _upsert(
                new_name,
                kind,
                name_en=_english_name(new_name, english, kind),
                valid_from=effective,
                source=row["source"],
                note=f"Established by the 2025 reorganisation. {row['note']}".strip(),
                notes=notes,
            )
        succession_kind: str
        if new_name:
            succession_kind = (
                SuccessionKind.RENAMED
                if (old_name, new_name) in RENAMED
                else SuccessionKind.MERGED_INTO
            )
            note = row["note"]
        else:
            succession_kind = SuccessionKind.DISSOLVED
            note = (
                f"{row['note']} — Effective date not given by the source; "
                f"{_english_day(ASSUMED_DISSOLUTION_DATE)} assumed (the ministries' reorganisation)."
            )
            effective = effective or ASSUMED_DISSOLUTION_DATE
        assert effective is not None
        note_vi, note_en = bilingual(note, notes)
        AgencySuccession.objects.update_or_create(
            predecessor=predecessor,
            effective_date=effective,
            defaults={
                "successor": by_name.get(new_name) if new_name else None,
                "kind": succession_kind,
                "source": row["source"],
                "note": note_vi,
                "note_en": note_en,
            },
        )
        predecessor.valid_to = effective - datetime.timedelta(days=1)
        predecessor.save(update_fields=["valid_to", "search_text"])
        successions += 1

    successions += _load_party_successions(by_name, notes)

    for row in _read("aliases.csv"):
        add_alias(by_name[row["name_vi"]], row["alias"], source=row["source"])

    return {"agencies": Agency.objects.count(), "successions": successions}


def _province_names() -> set[str]:
    return {row["old_province_2020"] for row in _read("provinces_2025.csv")}


def _load_party_successions(by_name: dict[str, Agency], notes: dict[str, tuple[str, str]]) -> int:
    """The Party bodies' 2025 changes (party_succession.csv states each one's kind)."""
    count = 0
    for row in _read("party_succession.csv"):
        predecessor = by_name[row["old_name"]]
        effective = _date(row["effective_date"])
        assert effective is not None
        note_vi, note_en = bilingual(row["note"], notes)
        AgencySuccession.objects.update_or_create(
            predecessor=predecessor,
            effective_date=effective,
            defaults={
                "successor": by_name[row["new_name"]] if row["new_name"] else None,
                "kind": SuccessionKind(row["kind"]),
                "source": row["source"],
                "note": note_vi,
                "note_en": note_en,
            },
        )
        predecessor.valid_to = effective - datetime.timedelta(days=1)
        predecessor.save(update_fields=["valid_to", "search_text"])
        count += 1
    return count
