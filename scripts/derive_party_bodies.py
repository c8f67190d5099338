"""Write lotrinh/agencies/data/party_bodies.csv and party_succession.csv (issue 14, item 6).

The Party bodies that 52-NQ/TW section 4 makes build their own programme and report to the
level above: the provincial Party committees (Tỉnh ủy, Thành ủy) of the 63 provinces of
2020 and of the 34 of 2025, the Party committees directly under the Centre, and the
ministries' Party boards (Ban cán sự đảng) with their 2025 successors.

Nothing here was fetched (no network): the provincial committees are derived from the
provinces' merger (provinces_2025.csv), the ministries' from the ministries'
reorganisation (agency_succession.csv); every row says so in `source` and is marked
VERIFY where a date or a successor is not from a source. Run again after changing either
file: `python scripts/derive_party_bodies.py`.
"""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "lotrinh" / "agencies" / "data"
FIELDS = ["kind", "name_vi", "name_en", "abbreviation", "valid_from", "valid_to", "source", "note"]
SUCCESSION_FIELDS = ["old_name", "new_name", "effective_date", "kind", "source", "note"]

# The merged provincial Party committees start with the new provinces' governments.
PARTY_MERGER_DATE = "2025-07-01"
# The Party committees under the Centre replacing the Government's Party board, the
# National Assembly's Party delegation and the Front's (Politburo decisions of January
# 2025, not fetched here).
CENTRAL_DATE = "2025-01-24"
# The ministries' Party committees under Đảng ủy Chính phủ, with the ministries' own
# reorganisation (Resolution 176/2025/QH15, new ministries from 1 March 2025).
MINISTRY_DATE = "2025-03-01"

PROVINCE_SOURCE = (
    "Derived from the provincial merger (provinces_2025.csv: NQ 202/2025/QH15); "
    "not from a Party document: VERIFY"
)
CENTRAL_SOURCE = (
    "Politburo decisions of January 2025 establishing the Party committees under the "
    "Centre (not fetched: no network here): VERIFY"
)
MINISTRY_SOURCE = (
    "Derived from the ministries' reorganisation (agency_succession.csv: NQ 176/2025/QH15) "
    "and the Party committees of ministries under Đảng ủy Chính phủ (2025, not fetched): VERIFY"
)
SEED_SOURCE = "Named as a kind in 52-NQ/TW section 4 (seed); this body's row: VERIFY"


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def committee_of(province: str) -> str:
    """ "Tỉnh Hà Giang" → "Tỉnh ủy Hà Giang"; "Thành phố Hà Nội" → "Thành ủy Hà Nội"."""
    if province == "Thành phố Hồ Chí Minh":
        return "Thành ủy Thành phố Hồ Chí Minh"
    if province.startswith("Thành phố "):
        return "Thành ủy " + province.removeprefix("Thành phố ")
    return "Tỉnh ủy " + province.removeprefix("Tỉnh ")


def committee_en(province: str, english: dict[str, str]) -> str:
    if province == "Thành phố Hồ Chí Minh":
        return "Ho Chi Minh City Party Committee"
    from lotrinh.core.text import fold

    bare = province.removeprefix("Thành phố ").removeprefix("Tỉnh ")
    plain = fold(bare).title()
    if province.startswith("Thành phố "):
        return f"{plain} City Party Committee"
    return f"{plain} Provincial Party Committee"


def main() -> None:
    english = {row["name_vi"]: row["name_en"] for row in _read("english_names.csv")}
    agencies = _read("agencies_2020.csv")
    provinces = [r["name_vi"] for r in agencies if r["category"].endswith("(2020)")]
    merger = _read("provinces_2025.csv")
    succession = {r["old_name"]: r for r in _read("agency_succession.csv")}

    bodies: list[dict[str, str]] = []
    moves: list[dict[str, str]] = []

    def body(kind: str, name: str, name_en: str, source: str, note: str = "", **extra: str) -> None:
        bodies.append(
            {
                "kind": kind,
                "name_vi": name,
                "name_en": name_en,
                "abbreviation": extra.get("abbreviation", ""),
                "valid_from": extra.get("valid_from", ""),
                "valid_to": "",
                "source": source,
                "note": note,
            }
        )

    for province in provinces:
        body(
            "party_provincial",
            committee_of(province),
            committee_en(province, english),
            PROVINCE_SOURCE,
        )
    for row in merger:
        old, new = row["old_province_2020"], row["new_province_2025"]
        if old == new:
            continue
        renamed = new not in provinces
        if renamed:
            body(
                "party_provincial",
                committee_of(new),
                committee_en(new, english),
                PROVINCE_SOURCE,
                valid_from=row["effective_date"],
            )
        moves.append(
            {
                "old_name": committee_of(old),
                "new_name": committee_of(new),
                # A renamed province (Thừa Thiên Huế → Huế) keeps its date; merged ones
                # start with the new provinces' governments.
                "effective_date": row["effective_date"] if renamed else PARTY_MERGER_DATE,
                "kind": "renamed" if renamed else "merged_into",
                "source": PROVINCE_SOURCE,
                "note": (
                    "renamed with the province"
                    if renamed
                    else "merged with the province; the merged Party committee starts with "
                    "the new province's government on 2025-07-01"
                ),
            }
        )

    central = [
        ("Đảng ủy Chính phủ", "Government Party Committee", "Ban cán sự đảng Chính phủ"),
        ("Đảng ủy Quốc hội", "National Assembly Party Committee", "Đảng đoàn Quốc hội"),
        (
            "Đảng ủy các cơ quan Đảng Trung ương",
            "Party Committee of the Central Party Agencies",
            "",
        ),
        (
            "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương",
            "Party Committee of the Fatherland Front and Central Mass Organisations",
            "Đảng đoàn Mặt trận Tổ quốc Việt Nam",
        ),
    ]
    body(
        "party_board",
        "Đảng đoàn Mặt trận Tổ quốc Việt Nam",
        "Party Delegation of the Viet Nam Fatherland Front",
        SEED_SOURCE,
    )
    for name, name_en, replaces in central:
        body("party_central", name, name_en, CENTRAL_SOURCE, valid_from=CENTRAL_DATE)
        if replaces:
            moves.append(
                {
                    "old_name": replaces,
                    "new_name": name,
                    "effective_date": CENTRAL_DATE,
                    "kind": "renamed",
                    "source": CENTRAL_SOURCE,
                    "note": f"replaced by {name} (early 2025); date VERIFY",
                }
            )
    for name, name_en in (
        ("Quân ủy Trung ương", "Central Military Commission"),
        ("Đảng ủy Công an Trung ương", "Central Public Security Party Committee"),
    ):
        body("party_central", name, name_en, SEED_SOURCE, "continues in 2025")
    for name, name_en in (
        ("Đảng ủy Khối các cơ quan Trung ương", "Party Committee of the Central Agencies Bloc"),
        (
            "Đảng ủy Khối doanh nghiệp Trung ương",
            "Party Committee of the Central Enterprises Bloc",
        ),
    ):
        body("party_central", name, name_en, SEED_SOURCE)
        moves.append(
            {
                "old_name": name,
                "new_name": "",
                "effective_date": CENTRAL_DATE,
                "kind": "dissolved",
                "source": CENTRAL_SOURCE,
                "note": "ended in early 2025; its Party organisations passed to the new "
                "Party committees under the Centre (no single successor); date VERIFY",
            }
        )

    ministries = [
        r["name_vi"]
        for r in agencies
        if r["category"].startswith(("bộ ", "cơ quan ngang bộ"))
        and r["name_vi"] not in ("Bộ Quốc phòng", "Bộ Công an")
    ]
    successors_made: set[str] = set()
    for ministry in ministries:
        board = f"Ban cán sự đảng {ministry}"
        body(
            "party_board",
            board,
            f"Party Board of the {english.get(ministry, ministry)}",
            SEED_SOURCE,
        )
        row = succession.get(ministry)
        successor_ministry = row["new_name"] if row and row["new_name"] else ministry
        committee = f"Đảng ủy {successor_ministry}"
        if committee not in successors_made:
            successors_made.add(committee)
            body(
                "party_ministry",
                committee,
                f"Party Committee of the {english.get(successor_ministry, successor_ministry)}",
                MINISTRY_SOURCE,
                "under Đảng ủy Chính phủ",
                valid_from=MINISTRY_DATE,
            )
        moves.append(
            {
                "old_name": board,
                "new_name": committee,
                "effective_date": MINISTRY_DATE,
                "kind": "renamed" if successor_ministry == ministry else "merged_into",
                "source": MINISTRY_SOURCE,
                "note": "replaced by the ministry's Party committee under Đảng ủy Chính phủ; "
                "date VERIFY",
            }
        )

    with open(DATA / "party_bodies.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(bodies)
    with open(DATA / "party_succession.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, SUCCESSION_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(moves)
    print(f"{len(bodies)} Party bodies, {len(moves)} successions")


if __name__ == "__main__":
    main()
