"""Finding agency names and generic addressees in Vietnamese text.

Matching folds case and diacritics character by character (positions are kept), so
"Uỷ ban"/"Ủy ban" and "hoá"/"hóa" match alike, and the name is returned as written.
The registry of names comes from the agency reference data (no database needed).
"""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lotrinh.core.text import fold_aligned

AGENCY_DATA = Path(__file__).resolve().parent.parent / "agencies" / "data"

GENERIC_PHRASES: list[tuple[str, str]] = [
    (
        "các bộ, cơ quan ngang bộ, cơ quan thuộc chính phủ, uỷ ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "all_ministries_agencies_provinces",
    ),
    ("uỷ ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "all_provinces"),
    ("các bộ, cơ quan ngang bộ, cơ quan thuộc chính phủ", "all_ministries_agencies"),
    ("các bộ, ngành, địa phương có liên quan", "related_agencies_provinces"),
    ("các bộ, ngành, địa phương liên quan", "related_agencies_provinces"),
    ("các bộ ngành, địa phương liên quan", "related_agencies_provinces"),
    ("các bộ, ngành, địa phương", "all_ministries_agencies_provinces"),
    ("các bộ, ngành địa phương", "all_ministries_agencies_provinces"),
    ("các bộ, ngành có liên quan", "related_agencies"),
    ("các bộ, ngành liên quan", "related_agencies"),
    ("các bộ ngành liên quan", "related_agencies"),
    ("các bộ, ngành", "all_ministries_agencies"),
    ("các địa phương có liên quan", "related_provinces"),
    ("các địa phương liên quan", "related_provinces"),
    ("các địa phương", "all_provinces"),
    ("các cơ quan có liên quan", "related_bodies"),
    ("các cơ quan liên quan", "related_bodies"),
    ("các tổ chức chính trị - xã hội", "socio_political_organisations"),
]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    written: str
    canonical: str  # registry name, or the generic code for a generic addressee
    generic: bool


def _read(name: str) -> list[dict[str, str]]:
    with open(AGENCY_DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def registry() -> dict[str, str]:
    """Folded spelling → registry name, for every name, abbreviation and variant."""
    table: dict[str, str] = {}

    def add(alias: str, canonical: str) -> None:
        if alias.strip():
            table.setdefault(fold_aligned(alias.strip()), canonical)

    names = [row["name_vi"] for row in _read("agencies_2020.csv")]
    names += [row["name_vi"] for row in _read("extra_bodies.csv")]
    names += sorted({row["new_name"] for row in _read("agency_succession.csv") if row["new_name"]})
    names += sorted({row["new_province_2025"] for row in _read("provinces_2025.csv")})
    for name in names:
        add(name, name)
        if name.startswith(("Tỉnh ", "Thành phố ")):
            for prefix in ("Ủy ban nhân dân ", "UBND "):
                add(prefix + name, name)
                add(prefix + name[0].lower() + name[1:], name)
    for row in _read("agencies_2020.csv"):
        if row["abbreviation"] and len(row["abbreviation"]) >= 4:
            add(row["abbreviation"], row["name_vi"])
    for row in _read("aliases.csv"):
        add(row["alias"], row["name_vi"])
    return table


@lru_cache(maxsize=1)
def _by_prefix() -> dict[str, list[tuple[str, str]]]:
    """Aliases grouped by their first four folded characters, longest first."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for alias, canonical in registry().items():
        groups.setdefault(alias[:4], []).append((alias, canonical))
    for phrase, code in GENERIC_PHRASES:
        groups.setdefault(fold_aligned(phrase)[:4], []).append(
            (fold_aligned(phrase), "generic:" + code)
        )
    for items in groups.values():
        items.sort(key=lambda pair: -len(pair[0]))
    return groups


def _boundary(folded: str, end: int) -> bool:
    return end >= len(folded) or not folded[end].isalnum()


def match_at(text: str, folded: str, start: int) -> Mention | None:
    """The longest agency name or generic phrase starting at `start`, if any."""
    for alias, canonical in _by_prefix().get(folded[start : start + 4], []):
        end = start + len(alias)
        if folded.startswith(alias, start) and _boundary(folded, end):
            generic = canonical.startswith("generic:")
            return Mention(start, end, text[start:end], canonical.removeprefix("generic:"), generic)
    return None


# Compared with the folded text (no diacritics).
SEPARATORS = (", ", " va ", "; ", ",", " cung ")


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] == " ":
        position += 1
    return position


def name_list(text: str, start: int, folded: str | None = None) -> tuple[list[Mention], int]:
    """A list of names from `start` ("X, Y và Z"); returns the names and where it ends.

    Names may contain commas and dashes ("Bộ Văn hoá, Thể thao và Du lịch"): the longest
    registry name wins. After "Uỷ ban nhân dân Thành phố Hà Nội", a bare "Thành phố Hồ
    Chí Minh" is a registry name too, so elliptical lists name several bodies.
    """
    folded = folded if folded is not None else fold_aligned(text)
    mentions: list[Mention] = []
    position = _skip_spaces(text, start)
    while True:
        mention = match_at(text, folded, position)
        if mention is None:
            break
        mentions.append(mention)
        following = None
        for separator in SEPARATORS:
            if folded.startswith(separator, mention.end):
                candidate = _skip_spaces(text, mention.end + len(separator))
                if match_at(text, folded, candidate) is not None:
                    following = candidate
                    break
        if following is None:
            break
        position = following
    return mentions, (mentions[-1].end if mentions else start)


def find_names(text: str) -> list[Mention]:
    """Every name or generic phrase anywhere in `text` (for highlighting and flags)."""
    folded = fold_aligned(text)
    found: list[Mention] = []
    position = 0
    while position < len(text):
        if position == 0 or not folded[position - 1].isalnum():
            mention = match_at(text, folded, position)
            if mention is not None:
                found.append(mention)
                position = mention.end
                continue
        position += 1
    return found
