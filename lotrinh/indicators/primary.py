"""Loading `indicators_primary.csv` beside the bundled observations, losing no history.

Each row names its publisher, the date it was first published (YYYY-MM-DD or YYYY-MM)
and, at the start of its note, how strongly it is backed. A row whose value is already
loaded for the same indicator, country and year is that observation: it gains its
publisher and backing (its day stays). A row with another value is another release,
kept beside the others; which one is used is decided by `services.EFFECTIVE_ORDER`
(known last, then the stronger backing). A member of a group without a rank becomes a
`MemberGap` with what is known of it. Rows that are not observations (plans, target
wording, figures computed by the collector, "not found" rows) are skipped with a reason.
"""

import calendar
import csv
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from lotrinh.core.locale import format_source_day
from lotrinh.indicators.models import (
    Approval,
    Backing,
    GapKind,
    Indicator,
    MemberGap,
    Observation,
)

PRIMARY_CSV = Path(__file__).resolve().parent / "data" / "indicators_primary.csv"

# ASEAN members (ISO 3166-1 alpha-3) as the data names them, with their names.
ASEAN: dict[str, tuple[str, str, str]] = {
    "Brunei": ("BRN", "Brunei", "Brunei"),
    "Cambodia": ("KHM", "Campuchia", "Cambodia"),
    "Indonesia": ("IDN", "Indonesia", "Indonesia"),
    "Laos": ("LAO", "Lào", "Lao PDR"),
    "Malaysia": ("MYS", "Malaysia", "Malaysia"),
    "Myanmar": ("MMR", "Myanmar", "Myanmar"),
    "Philippines": ("PHL", "Philippines", "Philippines"),
    "Singapore": ("SGP", "Singapore", "Singapore"),
    "Thailand": ("THA", "Thái Lan", "Thailand"),
    "Viet Nam": ("VNM", "Việt Nam", "Viet Nam"),
}
GROUP_MEMBERS = {"ASEAN": [code for code, _vi, _en in ASEAN.values()]}
COUNTRY_NAMES = {code: (vi, en) for code, vi, en in ASEAN.values()}

# CSV indicator name → indicator code (Viet Nam's figures).
INDICATORS = {
    "GII rank (world)": "GII_RANK_WORLD",
    "GII position in ASEAN": "GII_ASEAN_POSITION",
    "GII position in WIPO region SEA/East Asia/Oceania": "GII_REGION_POSITION",
    "UN EGDI rank (world)": "EGDI_RANK_WORLD",
    "UN EGDI position in Southeast Asia": "EGOV_ASEAN_POSITION",
    "Digital economy value added share of GDP (GSO)": "DIGITAL_ECONOMY_SHARE_GDP",
    "Digital economy value added share of GDP (GSO, earlier vintage)": "DIGITAL_ECONOMY_SHARE_GDP",
    "Digital economy value added share of GDP (GSO, workshop vintage Dec 2023)": "DIGITAL_ECONOMY_SHARE_GDP",
    "Digital economy share of GDP (MIC policy estimate)": "DIGITAL_ECONOMY_SHARE_GDP_MIC",
    "Digital economy share of GDP (MIC policy projection)": "DIGITAL_ECONOMY_SHARE_GDP_MIC",
    "Labour productivity growth (constant prices)": "LABOUR_PRODUCTIVITY_GROWTH",
    "Villages (thôn bản) with mobile broadband coverage": "VILLAGE_MOBILE_BROADBAND_COVERAGE",
    "Households using fibre (FTTH)": "FTTH_HOUSEHOLDS",
    "4G population coverage": "MOBILE_4G_POPULATION_COVERAGE",
    "5G base stations (cumulative)": "MOBILE_5G_STATIONS",
    "5G population coverage": "MOBILE_5G_POPULATION_COVERAGE",
    "Provinces developing smart cities (MoC)": "SMART_CITY_PROVINCES",
    "Provinces with smart-city projects (MoC)": "SMART_CITY_PROVINCES",
}
# CSV member rows "<name> — <member>" → the world-rank indicator the member's rank is of.
MEMBER_INDICATORS = {
    "GII rank (world)": "GII_RANK_WORLD",
    "UN EGDI rank (world)": "EGDI_RANK_WORLD",
}
# Rows deliberately not loaded as observations, and why (prefix of the CSV name).
SKIPPED = {
    "5G commercial launch": "a date, recorded as evidence of MOBILE_5G_NATIONWIDE",
    "5G coverage (vùng phủ)": "approximate, basis not stated: evidence text of MOBILE_5G_NATIONWIDE",
    "Viettel 5G stations": "one operator's stations, not the national count",
    "Smart cities / provinces with smart-city projects": "not found (a gap)",
    "Communes with broadband Internet": "not found (a gap): the subject of a data request",
    "5G plan": "a plan or target, not an outcome",
    "Smart-city target wording": "target wording, not an observation",
    "GII position in ASEAN (computed from member ranks)": "recomputed by Lộ trình from the member ranks (positions.py); kept as a test cross-check",
    "UN EGDI position in ASEAN (computed from member ranks)": "recomputed by Lộ trình from the member ranks (positions.py); kept as a test cross-check",
}

BACKING_LABEL_VI = {
    Backing.CONFIRMED_PRIMARY: "Đã xác nhận từ nguồn gốc",
    Backing.CONFIRMED_OFFICIAL: "Đã xác nhận từ nguồn chính thức",
    Backing.OFFICIAL_DRAFT: "Dự thảo chính thức",
    Backing.PRESS_ONLY: "Chỉ có trên báo chí",
}


def backing_of(note: str, publisher: str) -> str:
    """The strength of backing from the tag at the start of a note (docs/progress-method.md).

    Untagged rows (the member ranks): UN DESA's data files are primary; anything else is
    treated as press only, the weakest, until checked.
    """
    tag = note.strip().upper()
    if tag.startswith("[CONFIRMED-PRIMARY") or tag.startswith("[CONFIRMED BY COMPUTATION"):
        return Backing.CONFIRMED_PRIMARY
    if tag.startswith("[CONFIRMED-OFFICIAL") or tag.startswith("[OFFICIAL DOCUMENT"):
        return Backing.CONFIRMED_OFFICIAL
    if tag.startswith("[OFFICIAL DRAFT"):
        return Backing.OFFICIAL_DRAFT
    if tag.startswith("[PRESS ONLY"):
        return Backing.PRESS_ONLY
    if publisher.startswith("UN DESA (data file"):
        return Backing.CONFIRMED_PRIMARY
    return Backing.PRESS_ONLY


def parse_value(text: str) -> tuple[float | None, str]:
    """ "42/129" → 42 (of 129), "~40" → 40 (approximate); the second item says how it was read."""
    text = text.strip()
    if not text:
        return None, ""
    approx = text.startswith("~")
    number = text.lstrip("~").split("/")[0].strip()
    try:
        value = float(number)
    except ValueError:
        return None, "not a number"
    if "/" in text:
        return value, f"of {text.split('/')[1].strip()}"
    return value, "approximate" if approx else ""


def known_on(published: str, year: int) -> datetime.date:
    """The day a figure became known: its date; a month's last day (a value published
    "in July" is not known on 1 July); no date: 1 January after its year."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return datetime.date.fromisoformat(published)
    if re.fullmatch(r"\d{4}-\d{2}", published):
        y, m = (int(x) for x in published.split("-"))
        return datetime.date(y, m, calendar.monthrange(y, m)[1])
    return datetime.date(year + 1, 1, 1)


@dataclass
class PrimaryRow:
    line: int
    code: str
    country: str
    year: int
    value: float | None
    reading: str
    row: dict[str, str]


def classify(rows: list[dict[str, str]]) -> tuple[list[PrimaryRow], list[tuple[int, str]]]:
    """Rows to load (observations or gaps), and rows skipped with their reason."""
    loaded, skipped = [], []
    for line, row in enumerate(rows, start=2):
        name = row["indicator"].strip()
        reason = next((why for prefix, why in SKIPPED.items() if name.startswith(prefix)), None)
        if reason:
            skipped.append((line, reason))
            continue
        if " — " in name:
            base, member = name.split(" — ", 1)
            code, country = MEMBER_INDICATORS[base], ASEAN[member][0]
        elif name in INDICATORS:
            code, country = INDICATORS[name], "VNM"
        else:
            skipped.append((line, f"unknown indicator {name!r}"))
            continue
        value, reading = parse_value(row["value"])
        loaded.append(PrimaryRow(line, code, country, int(row["year"]), value, reading, row))
    return loaded, skipped


def _gap(item: PrimaryRow, indicator: Indicator) -> None:
    note = item.row["note"]
    below = re.search(r"(?:rank|ranked) below (\d+)", note)
    if "NOT COVERED" in note:
        kind, bound = GapKind.NOT_COVERED, None
        vi = "Không được xếp hạng ở kỳ này theo nguồn."
    elif below:
        kind, bound = GapKind.BELOW, int(below.group(1))
        vi = f"Không tìm thấy thứ hạng; theo nguồn, nếu được xếp hạng thì sau hạng {bound}."
    else:
        kind, bound = GapKind.UNKNOWN, None
        vi = "Không tìm thấy thứ hạng; nguồn không cho biết nước này xếp trước hay sau Việt Nam."
    MemberGap.objects.update_or_create(
        indicator=indicator,
        year=item.year,
        country=item.country,
        defaults={
            "kind": kind,
            "below_rank": bound,
            "note": vi,
            "note_en": note,
            "source_url": item.row["source"].split(";")[0][:500],
            "publisher": item.row["publisher"][:255],
        },
    )


def release_names(publisher: str, published: str) -> tuple[str, str]:
    """A release's (Vietnamese, English) name: its publisher and the day it was
    published as each language writes it ("… 04/12/2023", "… 4 Dec 2023")."""
    return (
        f"{publisher} {format_source_day(published, 'vi')}".strip()[:120],
        f"{publisher} {format_source_day(published, 'en')}".strip()[:120],
    )


def load_primary(by_code: dict[str, Indicator]) -> dict[str, int]:
    """Load the primary-source table (idempotent); returns what was done."""
    with open(PRIMARY_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    items, skipped = classify(rows)
    counts = {"enriched": 0, "added": 0, "gaps": 0, "skipped": len(skipped)}
    # Oldest publication first, so releases are created in the order they appeared.
    items.sort(key=lambda i: (i.code, i.country, i.year, known_on(i.row["published"], i.year)))
    from lotrinh.indicators.services import refresh_current

    for item in items:
        indicator = by_code[item.code]
        row = item.row
        if item.value is None:
            if item.country != "VNM":
                _gap(item, indicator)
                counts["gaps"] += 1
            continue
        publisher = row["publisher"].strip()[:255]
        backing = backing_of(row["note"], publisher)
        published = row["published"].strip()
        same = Observation.objects.filter(
            indicator=indicator,
            country=item.country,
            year=item.year,
            value=item.value,
            approval=Approval.APPROVED,
            recorded_by__isnull=True,
        )
        names = release_names(publisher, published)
        if same.exists():
            # The same figure already loaded: it gains its provenance once; an agreeing
            # second release adds nothing to compare. A release this loader named with
            # the source's ISO day ("… 2023-12-04", before 12/2026) gets its names.
            counts["enriched"] += same.filter(publisher="").update(
                publisher=publisher, published_text=published, backing=backing
            )
            same.filter(release=f"{publisher} {published}".strip()[:120]).exclude(
                release=names[0]
            ).update(release=names[0], release_en=names[1])
            continue
        reading = f" ({item.reading})" if item.reading else ""
        reading_vi = {"approximate": " (số gần đúng)", "": ""}.get(
            item.reading, f" (trên {item.reading.removeprefix('of ')})"
        )
        label = BACKING_LABEL_VI[Backing(backing)]
        observation = Observation.objects.create(
            indicator=indicator,
            year=item.year,
            country=item.country,
            value=item.value,
            status="final",
            published_on=known_on(published, item.year) if published else None,
            published_text=published,
            release=names[0],
            release_en=names[1],
            source_url=row["source"].split(";")[0].strip()[:500],
            citation=f"{publisher}: {row['source']}",
            citation_en=f"{publisher}: {row['source']}",
            # The source's note is in English only (see the English page); the Vietnamese
            # note says how strongly the figure is backed.
            note=f"{label}{reading_vi}. Ghi chú chi tiết của nguồn chỉ có bằng tiếng Anh.",
            note_en=f"{row['note']}{reading}",
            method="recorded",
            approval=Approval.APPROVED,
            known_on=known_on(published, item.year),
            is_current=False,
            publisher=publisher,
            backing=backing,
        )
        refresh_current(indicator.pk, observation.country, observation.year)
        counts["added"] += 1
    return counts
