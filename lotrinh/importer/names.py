"""Finding agency names and generic addressees in Vietnamese text.

The gazetteer is the agency registry: the reference data files, and, while a document is
parsed (`gazetteer()`), the agencies and aliases of the database, so a body created from
the review screen is known to the next import.

Matching folds case and diacritics character by character (positions are kept), so
"Uỷ ban"/"Ủy ban" and "hoá"/"hóa" match alike, and the name is returned as written.
The registry of names comes from the agency reference data (no database needed).
"""

import contextlib
import csv
import datetime
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lotrinh.core.text import canonical_tone, fold_aligned

AGENCY_DATA = Path(__file__).resolve().parent.parent / "agencies" / "data"

GENERIC_PHRASES: list[tuple[str, str]] = [
    (
        "các bộ, cơ quan ngang bộ, cơ quan thuộc chính phủ, uỷ ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "all_ministries_agencies_provinces",
    ),
    ("uỷ ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "all_provinces"),
    # Addressed by the Government or a minister, "the provinces and cities" are all of them.
    ("uỷ ban nhân dân các tỉnh, thành phố", "all_provinces"),
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
    unit: bool = False  # a unit named by its kind (Sở …, Vụ …, Công an tỉnh): see `_unit_at`


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


# ------------------------------------------------------------ the database as gazetteer
def _database_ready() -> bool:
    try:
        from django.apps import apps

        return apps.ready
    except Exception:
        return False


_DATABASE: ContextVar[dict[str, list[tuple[str, str]]] | None] = ContextVar(
    "lotrinh_importer_database_names", default=None
)
_DATABASE_SUCCESSIONS: ContextVar[dict[str, tuple[str, datetime.date]] | None] = ContextVar(
    "lotrinh_importer_database_successions", default=None
)


def database_successions() -> dict[str, tuple[str, datetime.date]]:
    """Folded predecessor name → (successor, date) from the database's successions."""
    if not _database_ready():
        return {}
    try:
        from lotrinh.agencies.models import AgencySuccession

        rows = AgencySuccession.objects.filter(successor__isnull=False).values_list(
            "predecessor__name_vi", "successor__name_vi", "effective_date"
        )
        return {
            fold_aligned(old): (new, day)
            for old, new, day in rows
            if fold_aligned(old) != fold_aligned(new)
        }
    except Exception:  # no database here
        return {}


def database_names() -> dict[str, str]:
    """Folded spelling → name of every agency and alias in the database ({} without one)."""
    if not _database_ready():
        return {}
    try:
        from lotrinh.agencies.models import Agency, AgencyAlias

        names = {
            fold_aligned(n.strip()): n for n in Agency.objects.values_list("name_vi", flat=True)
        }
        for alias, name in AgencyAlias.objects.values_list("alias", "agency__name_vi"):
            names.setdefault(fold_aligned(alias.strip()), name)
        return {k: v for k, v in names.items() if k}
    except Exception:  # no database here (a bare `lotrinh parse`, a benchmark)
        return {}


_GAZETTEER_KEY: ContextVar[int] = ContextVar("lotrinh_importer_gazetteer_key", default=0)
# The fields of the database's agencies' and units' names (`name_fields`).
_DATABASE_FIELDS: ContextVar[frozenset[str]] = ContextVar(
    "lotrinh_importer_database_fields", default=frozenset()
)


def database_unit_names() -> list[str]:
    """The names of every agency's units in the database, the country over ([] without
    one): their fields are words of names (`name_fields`)."""
    if not _database_ready():
        return []
    try:
        from lotrinh.agencies.models import Unit

        return list(Unit.objects.filter(proposed=False).values_list("name_vi", flat=True))
    except Exception:  # no database here
        return []


def gazetteer_key() -> int:
    """Identifies the names in force: results memoised over names (a table's cells) are
    valid only under the same gazetteer, never carried from one database to another, nor
    from a Party committee's document to another issuer's (`party_issuer`)."""
    return hash(
        (
            _GAZETTEER_KEY.get(),
            _PARTY_ISSUER.get(),
            _PROVINCE_ISSUER.get(),
            _ISSUER_UNITS.get(),
            _DOCUMENT_UNITS.get(),
        )
    )


# Is the document being read a Party committee's (a Tỉnh ủy's, Thành ủy's, Đảng ủy's)?
# Only then is "các huyện ủy, thành ủy, đảng ủy trực thuộc" the issuer's subordinate
# committees (`subordinate_party_committees`); a People's Committee has none.
_PARTY_ISSUER: ContextVar[bool] = ContextVar("lotrinh_importer_party_issuer", default=False)
# Is it a province's or a centrally governed city's (its People's Committee's)? Then "các
# ngành liên quan" are its departments concerned (`related_departments`): a province's
# "ngành" are its sở, ban, ngành; a ministry's or the Government's are sectors at large.
_PROVINCE_ISSUER: ContextVar[bool] = ContextVar("lotrinh_importer_province_issuer", default=False)


# The names of the issuer's own units in the database (folded, longest first): a unit
# named so is read whole (`_known_unit_end`).
_ISSUER_UNITS: ContextVar[tuple[str, ...]] = ContextVar("lotrinh_importer_issuer_units", default=())


def database_issuer_units(issuer: str) -> tuple[str, ...]:
    """Folded names and abbreviations of the confirmed units of the agency named `issuer`
    (by its name or an alias), longest first; () without a database or such an agency."""
    if not issuer.strip() or not _database_ready():
        return ()
    try:
        from django.db.models import Q

        from lotrinh.agencies.models import Unit

        issuer = issuer.strip()
        rows = Unit.objects.filter(
            Q(agency__name_vi=issuer) | Q(agency__aliases__alias=issuer), proposed=False
        ).values_list("name_vi", "abbreviation")
        names = {fold_aligned(n.strip()) for row in rows for n in row if n and n.strip()}
        return tuple(sorted((n for n in names if len(n) > 4), key=len, reverse=True))
    except Exception:  # no database here
        return ()


# The names of units the document being read writes somewhere with a clear end (folded,
# longest first): they bound the same body's other mentions (`document_units`).
_DOCUMENT_UNITS: ContextVar[tuple[str, ...]] = ContextVar(
    "lotrinh_importer_document_units", default=()
)


@contextlib.contextmanager
def issued_by(issuer: str) -> Iterator[None]:
    """Within the block, the document is the issuer's (its header's issuer as read)."""
    from lotrinh.agencies.unit_names import is_party_committee

    token = _PARTY_ISSUER.set(is_party_committee(issuer))
    province = _PROVINCE_ISSUER.set(
        fold_aligned(issuer.strip()).lower().startswith(("tinh ", "thanh pho "))
    )
    units = _ISSUER_UNITS.set(database_issuer_units(issuer))
    try:
        yield
    finally:
        _ISSUER_UNITS.reset(units)
        _PROVINCE_ISSUER.reset(province)
        _PARTY_ISSUER.reset(token)


@contextlib.contextmanager
def gazetteer() -> Iterator[None]:
    """Within the block, names of the database are names too (one query per document)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    extra = sorted(
        (alias, canonical)
        for alias, canonical in database_names().items()
        if alias not in registry()
    )
    for alias, canonical in extra:
        groups.setdefault(alias[:4], []).append((alias, canonical))
    for items in groups.values():
        items.sort(key=lambda pair: -len(pair[0]))
    fields = frozenset().union(*(name_fields(name) for name in database_unit_names()))
    token = _DATABASE.set(groups)
    key = _GAZETTEER_KEY.set(hash((tuple(extra), len(fields), hash(fields))))
    successions = _DATABASE_SUCCESSIONS.set(database_successions())
    known_fields = _DATABASE_FIELDS.set(
        fields | frozenset().union(*(name_fields(name) for _alias, name in extra))
    )
    try:
        yield
    finally:
        _DATABASE.reset(token)
        _GAZETTEER_KEY.reset(key)
        _DATABASE_SUCCESSIONS.reset(successions)
        _DATABASE_FIELDS.reset(known_fields)


def known_names() -> dict[str, str]:
    """Registry files and database together (for the review screen)."""
    return {**database_names(), **registry()}


# ------------------------------------------------------------ agencies that ceased to exist
@lru_cache(maxsize=1)
def _successions() -> dict[str, tuple[str, datetime.date]]:
    out: dict[str, tuple[str, datetime.date]] = {}
    for row in _read("agency_succession.csv"):
        old, new = row["old_name"].strip(), row["new_name"].strip()
        if old and new and fold_aligned(old) != fold_aligned(new) and row["effective_date"]:
            with contextlib.suppress(ValueError):
                out[fold_aligned(old)] = (new, datetime.date.fromisoformat(row["effective_date"]))
    return out


def successor_on(name: str, day: datetime.date) -> tuple[str, datetime.date] | None:
    """The body that took over `name`'s duties, if `name` no longer existed on `day`."""
    canonical = registry().get(fold_aligned(name.strip()), name.strip())
    key = fold_aligned(canonical)
    database = _DATABASE_SUCCESSIONS.get()
    if database is None:
        database = database_successions()
    found = database.get(key) or _successions().get(key)
    if found and found[1] <= day:
        return found
    return None


def match_at(text: str, folded: str, start: int) -> Mention | None:
    """The longest agency name, unit name or generic phrase starting at `start`, if any."""
    found: Mention | None = None
    key = folded[start : start + 4]
    for table in (_by_prefix().get(key, []), (_DATABASE.get() or {}).get(key, [])):
        for alias, canonical in table:  # longest first: the first match is the longest
            end = start + len(alias)
            if folded.startswith(alias, start) and _boundary(folded, end):
                if found is None or end > found.end:
                    found = Mention(
                        start,
                        end,
                        text[start:end],
                        canonical.removeprefix("generic:"),
                        canonical.startswith("generic:"),
                    )
                break
    # A registry name is taken as it is; the grammar of generic addressees may extend it
    # ("các cơ quan" → "các cơ quan, tổ chức, cá nhân có liên quan"); the grammar of units
    # names what the registry does not know.
    press = _PRESS.match(folded, start)
    if press is not None and _boundary(folded, press.end()):
        # "các cơ quan thông tấn, báo chí …" is the press, not "các cơ quan" (bodies).
        end = press.end()
        return Mention(start, end, text[start:end], text[start:end], False)
    generic = _generic_at(text, folded, start)
    if generic is not None and (found is None or generic.end > found.end):
        return generic
    if found is None:
        return _unit_at(text, folded, start) or _officer_at(text, folded, start)
    if not found.generic:
        branch = _LOCAL_BRANCH.match(folded, found.end)
        if branch is not None and _boundary(folded, branch.end()):
            # "Mặt trận Tổ quốc Việt Nam tại địa phương", "Ngân hàng Nhà nước khu vực XII":
            # the local or regional level of a national body, named as written.
            end = place_name_end(text, branch.end())
            return Mention(start, end, text[start:end], text[start:end], False, True)
    return found


# The press, addressed as a class and named as written.
_PRESS = re.compile(
    r"cac co quan (?:thong tan,? )?bao chi(?: (?:trung uong va dia phuong|trung uong"
    r"|tai dia phuong|o dia phuong|dia phuong|dong tren dia ban|tren dia ban))?"
)
# After a national body's name, the words that name its local or regional level.
# A level of local government in small letters right after the name ("Mặt trận Tổ quốc
# Việt Nam tỉnh", "… xã") names the body's committee at that level (two levels since
# 1 July 2025: province or city, commune, ward or special zone), with its place if written.
_LOCAL_BRANCH = re.compile(
    r"(?: tai dia phuong| o dia phuong| cac cap"
    r"| (?:tinh|thanh pho|xa|phuong|dac khu)\b(?!, (?:thanh pho|tp|xa|phuong)\b)"
    r"|,? ?-? ?(?:chi nhanh )?khu vuc [ivxl0-9]+\b)"
)


# ------------------------------------------------------------ generic addressees of plans
# A province's or a ministry's plan addresses its departments as a class: "các sở, ban,
# ngành (tỉnh) (có liên quan)", "Ủy ban nhân dân các xã, phường". The code says which
# class, with "related_" when the text restricts it to those concerned.
_LOCAL = r"(?: (?:cua |cap )?tinh| (?:cua )?thanh pho| trung uong)?"
_RELATED = r"(?P<rel> (?:co )?lien quan)?"
# A list of classes closed by "(có) liên quan" is one class restricted as a whole: "các bộ,
# ngành và tổ chức liên quan" is the ministries, sectors and organisations concerned, not
# every ministry and then some organisations (see docs/importer.md, "Generic addressees").
# Under one article only: "các bộ, ngành, địa phương và các cơ quan liên quan" repeats "các"
# and names a second class (the related bodies) beside every ministry and province.
_CLASS_TAIL = r"(?:(?:,| va|, va) (?:to chuc|co quan|don vi))+ (?:co )?lien quan"
GENERIC_GRAMMAR: list[tuple[re.Pattern[str], str]] = [
    # The central ministries and sectors, as a province's plan writes them, with or without
    # the article and the comma ("Phối hợp với Bộ ngành Trung ương", "các Bộ, ngành Trung
    # ương"): every ministry-level body, never one "Bộ".
    (re.compile(r"(?:cac )?bo,? nganh (?:o |cua )?trung uong"), "all_ministries_agencies"),
    (
        re.compile(r"cac bo,? nganh(?:,| va|, va) dia phuong" + _CLASS_TAIL),
        "related_agencies_provinces",
    ),
    (re.compile(r"cac bo,? nganh" + _CLASS_TAIL), "related_agencies"),
    (
        re.compile(r"cac (?:co quan|don vi|co quan, don vi) (?:truc )?thuoc bo"),
        "own_units",
    ),
    (
        re.compile(
            r"(?:cac so(?:,? ban)?(?:,? nganh)?|so,? ban(?:,? nganh)?|so,? nganh)"
            + _LOCAL
            + r"(?P<loc>(?:,| va) (?:cac )?dia phuong)?"
            + _RELATED
        ),
        "departments",
    ),
    (
        re.compile(
            r"(?:uy ban nhan dan|ubnd) (?:cac |cap )?(?:xa, phuong|xa|phuong, xa)" + _RELATED
        ),
        "communes",
    ),
    (
        re.compile(r"cac co quan,? (?:to chuc|don vi)(?:,? (?:ca nhan|dia phuong))?" + _RELATED),
        "bodies",
    ),
    (re.compile(r"cac (?:co quan|don vi)(?P<competent> co tham quyen)?" + _RELATED), "bodies"),
    (re.compile(r"cac to chuc,? ca nhan" + _RELATED), "organisations_persons"),
]


# A Party committee's document names its subordinate committees as a class (Hướng dẫn
# 36-HD/VPTW's recipients, Tổ chức thực hiện): "các huyện ủy, thị ủy, thành ủy, đảng ủy
# trực thuộc (Tỉnh ủy)", "các đảng ủy trực thuộc Tỉnh ủy Nghệ An", "các cấp ủy trực
# thuộc", "các chi bộ, đảng bộ trực thuộc", "các tổ chức đảng trực thuộc", with or without
# "các" and "Ban Thường vụ". Never "… trực thuộc Trung ương": those report to the Centre
# (`party_committees`). Read only in a Party committee's document (`issued_by`).
_PARTY_LEVEL = (
    r"(?:huyen uy|quan uy|thi uy|thanh uy|dang uy|dang bo|chi bo|cap uy(?: dang)?"
    r"|to chuc (?:co so )?dang)"
)
SUBORDINATE_COMMITTEES = re.compile(
    r"(?:ban thuong vu )?(?:cac )?"
    + _PARTY_LEVEL
    + r"(?:(?:,| va|, va) (?:cac )?"
    + _PARTY_LEVEL
    + r")* truc thuoc(?! trung uong\b)(?P<above> (?:tinh uy|thanh uy|dang uy))?"
)
SUBORDINATE_CODE = "subordinate_party_committees"


def _subordinates_at(text: str, folded: str, start: int) -> Mention | None:
    if not _PARTY_ISSUER.get():
        return None
    match = SUBORDINATE_COMMITTEES.match(folded, start)
    if match is None or not _boundary(folded, match.end()):
        return None
    end = match.end()
    if match.group("above"):
        end = place_name_end(text, end)  # "trực thuộc Tỉnh ủy Nghệ An"
    return Mention(start, end, text[start:end], SUBORDINATE_CODE, True)


_PROVINCE_SECTORS = re.compile(r"cac nganh (?:co )?lien quan")


def _generic_at(text: str, folded: str, start: int) -> Mention | None:
    subordinates = _subordinates_at(text, folded, start)
    if subordinates is not None:
        return subordinates
    if _PROVINCE_ISSUER.get():
        sectors = _PROVINCE_SECTORS.match(folded, start)
        if sectors is not None and _boundary(folded, sectors.end()):
            end = sectors.end()
            return Mention(start, end, text[start:end], "related_departments", True)
    for pattern, code in GENERIC_GRAMMAR:
        match = pattern.match(folded, start)
        if match is None or not _boundary(folded, match.end()):
            continue
        groups = match.groupdict()
        if groups.get("loc"):
            code += "_localities"
        if groups.get("rel") or groups.get("competent"):
            code = "related_" + code
        return Mention(start, match.end(), text[start : match.end()], code, True)
    return None


# ------------------------------------------------------------ units of the issuing agency
# A province's departments carry the names of the ministries they answer to (Sở Tư pháp,
# Sở Văn hóa, Thể thao và Du lịch); its other bodies and a ministry's units are named by
# their kind followed by a proper name written with capitals (Vụ Kế hoạch, Tài chính;
# Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam; Ban Quản lý Khu kinh tế tỉnh).
UNIT_KINDS = (
    # A Party committee's commission ("Ủy ban Kiểm tra Tỉnh ủy").
    "uy ban kiem tra",
    "lien hiep cac hoi",
    "hiep hoi",
    "hoi",
    "lien doan",
    "lien minh",
    "chi cuc",
    "so",
    "vu",
    "cuc",
    "vien",
    "ban",
    "trung tam",
    "van phong",
    "thanh tra",
    "bao",
    "dai",
    "cong an",
    "bo chi huy",
    "doan",
    # A district's, town's or urban district's Party committee, named by its place ("Huyện
    # ủy Gia Lâm", "Thị ủy Sơn Tây", "Quận ủy Ba Đình"; never "Quân ủy", the army's).
    "huyen uy",
    "thi uy",
    "quan uy",
    # The offices of a commune or ward since 1 July 2025 ("Phòng Kinh tế", "Phòng Văn hóa -
    # Xã hội"), and a province's former district offices.
    "phong",
)
_UNIT_START = re.compile(r"(?:" + "|".join(UNIT_KINDS) + r") ")
# Written after a unit's proper name, the place it belongs to.
_UNIT_TAILS = ("tinh", "thanh pho", "xa", "phuong")
_FIXED_UNITS = (
    "cong an tinh",
    "cong an thanh pho",
    "bo chi huy quan su tinh",
    "bo chi huy quan su thanh pho",
    "bo chi huy bo doi bien phong tinh",
    "van phong uy ban nhan dan tinh",
    "van phong ubnd tinh",
    "van phong uy ban nhan dan thanh pho",
    "van phong ubnd thanh pho",
    "thanh tra tinh",
    "thanh tra thanh pho",
    "ban quan ly khu kinh te tinh",
    "ban quan ly cac khu cong nghiep tinh",
    "ban quan ly cac khu cong nghiep",
    # The Youth Union of a province or a city, named by its level.
    "tinh doan",
    "thanh doan",
    # A commune's or ward's bodies under the two-level local government (1 July 2025):
    # its police, military command, the office of its council and committee, and the
    # public service centre (also a province's: "Trung tâm Phục vụ hành chính công tỉnh").
    "cong an xa",
    "cong an phuong",
    "cong an dac khu",
    "ban chi huy quan su xa",
    "ban chi huy quan su phuong",
    "van phong hdnd va ubnd xa",
    "van phong hdnd va ubnd phuong",
    "van phong hoi dong nhan dan va uy ban nhan dan xa",
    "van phong hoi dong nhan dan va uy ban nhan dan phuong",
    "trung tam phuc vu hanh chinh cong",
    # The Front's committee of a province, a city, a commune or a ward (never the central
    # one, which is "Ủy ban Trung ương …").
    "uy ban mat tran to quoc viet nam tinh",
    "uy ban mat tran to quoc viet nam thanh pho",
    "uy ban mat tran to quoc viet nam xa",
    "uy ban mat tran to quoc viet nam phuong",
    "uy ban mtttq viet nam tinh",
    "uy ban mtttq viet nam xa",
    "uy ban mtttq viet nam phuong",
    # … and as plans shorten it, without "Việt Nam" before the level ("Mặt trận Tổ quốc
    # tỉnh và các tổ chức chính trị - xã hội"): the level says which committee.
    "uy ban mat tran to quoc tinh",
    "uy ban mat tran to quoc thanh pho",
    "uy ban mat tran to quoc xa",
    "uy ban mat tran to quoc phuong",
    "mat tran to quoc tinh",
    "mat tran to quoc thanh pho",
    "mat tran to quoc xa",
    "mat tran to quoc phuong",
    # A Party committee of a body or a level ("Đảng ủy Ủy ban nhân dân tỉnh", "Đảng ủy
    # các cơ quan Đảng tỉnh", "Đảng ủy xã").
    "dang uy uy ban nhan dan tinh",
    "dang uy uy ban nhan dan thanh pho",
    "dang uy ubnd tinh",
    "dang uy ubnd thanh pho",
    "dang uy cac co quan dang tinh",
    "dang uy cac co quan dang thanh pho",
    "dang uy xa",
    "dang uy phuong",
    "dang uy dac khu",
    "dang uy thi tran",
)
_COMMUNES = re.compile(r"(?:uy ban nhan dan|ubnd) (?:(?:cac |\d+ )?(xa|phuong))\s*:?\s+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _department_names() -> tuple[str, ...]:
    """Folded names of a province's departments: "Sở" + each ministry's name."""
    names = set()
    for row in _read("agencies_2020.csv") + [
        {"name_vi": r["new_name"]} for r in _read("agency_succession.csv")
    ]:
        name = row["name_vi"]
        if name.startswith("Bộ "):
            names.add("so " + fold_aligned(name[3:]))
    return tuple(sorted(names, key=len, reverse=True))


def _registry_at(folded: str, start: int) -> bool:
    """A registry name starts at `start` (another body follows, not the same name)."""
    return any(
        folded.startswith(alias, start) and _boundary(folded, start + len(alias))
        for alias, canonical in _by_prefix().get(folded[start : start + 4], [])
        if not canonical.startswith("generic:")
    )


# How far the small words of a name run (issue 14). Vietnamese official names capitalise
# only a term's first syllable ("Cục Công nghệ thông tin", "Cục Quản lý môi trường y tế"):
# a name is a noun phrase, and the small syllables after a capital are the name's while,
# within `_SMALL_RUN` of them, a delimiter comes (`_name_delimiter_at`): punctuation, the
# end of the line, a level before a place, or the word that starts the clause (a verb, a
# preposition, an aspect word: `_verb_at`). A comma joins a paired term ("Khám, chữa
# bệnh", "Phòng, chống thiên tai"): the pair's second member and the object the two share,
# at most `_PAIRED_RUN` small syllables ending the same way. With no delimiter within
# reach, the clause's verb is one the lexicon does not know: the name is read as before,
# one small word after each capital.
_SMALL_RUN = 5
# After a later capital ("Viện Chiến lược và Chính sách y tế"), a term's tail is shorter;
# a longer run there is a clause ("… và Kỹ thuật phản biện chính sách").
_LATER_RUN = 3
_PAIRED_RUN = 3
# Where a name may end: the end of the text or line, punctuation, "và" or " - ".
_DELIMITER = re.compile(r"\s*(?:$|\n|[,;:().]|\s-\s|\s+và\s)")


# ------------------------------------------------------------ where the clause starts
# A unit's name is a noun phrase; the clause that follows its subject starts with a word
# of a closed class (an aspect or modal word, the subject's duty, a preposition or link)
# or a verb of the plans' register. Written with their tones and matched with them:
# folded, "tại" is also "tai" ("thiên tai"), "về" "vệ", "được" "dược", "là" "lá".
CLAUSE_WORDS = (
    # Aspect, mood, voice and the subject's duty.
    "đã", "đang", "sẽ", "cần", "phải", "được", "là", "có trách nhiệm",
    "chịu trách nhiệm", "tiếp tục", "thường xuyên", "chủ động", "kịp thời", "khẩn trương",
    "tích cực", "nghiêm túc", "định kỳ",
    # Prepositions and links: what follows is the clause's, or a qualifier of the body
    # ("Cục Thú y thuộc Bộ …"), not its name.
    "tại", "về", "của", "trên", "trong", "theo", "để", "nhằm", "đối với", "thuộc", "tới", "đến",
    "trực thuộc", "căn cứ", "giúp",
    # Verbs that take a subject in a plan and never stand in a unit's name in small letters.
    "chủ trì", "phối hợp", "lãnh đạo", "chỉ đạo", "thực hiện", "theo dõi", "tham mưu",
    "triển khai", "hướng dẫn", "tiến hành", "rà soát", "nghiên cứu", "đề xuất", "đôn đốc",
    "bảo đảm", "đảm bảo", "ban hành", "phê duyệt", "xem xét", "tham gia", "cung cấp",
    "thúc đẩy", "điều chỉnh", "xác định", "sửa đổi", "hoàn thiện", "hoàn thành",
    "đẩy mạnh", "tăng cường", "nâng cao", "mở rộng", "cập nhật", "bố trí", "thành lập",
    "tiếp nhận", "kiện toàn", "sơ kết", "tổng kết", "báo cáo", "chuẩn bị", "lựa chọn",
    "ưu tiên", "huy động", "gửi", "tập trung", "khuyến khích", "chú trọng", "tháo gỡ",
)  # fmt: skip
# Not here: one-syllable verbs that end the nouns of names and plans ("trình" of "chương
# trình", "ký" of "đăng ký", "bị" of "thiết bị"), and "có" ("Cục Người có công").
# Words that are a verb of the clause or a noun of a name ("Cục Kinh tế xây dựng", "Cục
# Quản lý hoạt động xây dựng"): a verb takes an object, so the word ends the name when
# small words of the clause follow it (`_verb_at`).
AMBIGUOUS_CLAUSE_WORDS = (
    "tổ chức", "xây dựng", "kiểm tra", "quản lý", "giám sát", "tổng hợp", "đánh giá",
    "vận hành", "tuyên truyền", "phổ biến", "điều phối", "kiểm soát", "xử lý", "bồi dưỡng",
    "phục vụ", "quy định",
)  # fmt: skip
# The fields a unit serves, nouns right after the capital's term ("Ban Chỉ đạo phát triển
# khoa học, công nghệ …", "Trung tâm Xúc tiến đầu tư", "Viện Khoa học ứng dụng"); later
# in the name, read as the ambiguous words are ("Cục Công nghệ thông tin phát triển …").
FIELD_WORDS = ("phát triển", "đầu tư", "ứng dụng", "đào tạo", "hỗ trợ")
# Verbs of the genre's duty clauses that no name of the registry holds in small letters:
# read as the ambiguous words are, a verb when the small words of its object follow it. A
# name's field rarely goes on with a verb and its object; a unit nobody listed, before a
# clause short enough for the delimiter rule ("Cục Thuế kiểm kê tài sản."), ends before
# it. Taken from the verbs the plans put after an aspect or modal word ("phải kiểm kê",
# "tiếp tục duy trì"), nouns and words of names ("bảo tồn" of "khu bảo tồn", "lưu trữ",
# "đo lường") left out; a known field (a database's name) is never read as one
# (`_verb_at`).
DUTY_VERBS = (
    "kiểm kê", "phân công", "cân đối", "phản ánh", "duy trì", "giảm thiểu", "công bố",
    "phát hiện", "tạo lập", "phát động", "sắp xếp", "bổ sung", "thảo luận", "phân bổ",
    "chuẩn hóa", "cải tạo", "trang bị", "tích hợp", "sử dụng",
)  # fmt: skip
# Verbs that follow another verb straight away ("tổ chức thực hiện", "hỗ trợ triển
# khai"): after an ambiguous word, they make it a verb; any other word of the clause
# follows a subject, and the ambiguous word before it is the name's ("Cục Kinh tế xây
# dựng chủ trì", "… tham mưu").
_SERIAL = ("thực hiện", "triển khai")


def _lexicon(words: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, set[str]]]:
    spelled: dict[str, set[str]] = {}
    for word in words:
        spelled.setdefault(fold_aligned(word), set()).add(canonical_tone(word))
    pattern = re.compile(
        r"(?:" + "|".join(re.escape(k) for k in sorted(spelled, key=len, reverse=True)) + r")\b"
    )
    return pattern, spelled


_CLAUSE, _CLAUSE_SPELLED = _lexicon(
    CLAUSE_WORDS + AMBIGUOUS_CLAUSE_WORDS + FIELD_WORDS + DUTY_VERBS
)
_AMBIGUOUS = frozenset(
    fold_aligned(word) for word in AMBIGUOUS_CLAUSE_WORDS + FIELD_WORDS + DUTY_VERBS
)
_DUTY = frozenset(fold_aligned(word) for word in DUTY_VERBS)
_FIELDS = frozenset(fold_aligned(word) for word in FIELD_WORDS)
_SERIAL_FOLDED = tuple(fold_aligned(word) for word in _SERIAL)


def _clause_word_end(text: str, folded: str, position: int) -> int | None:
    """The end of a word of the clause (`CLAUSE_WORDS` or an ambiguous one) at `position`,
    matched with its tones ("tại", never "tai"); None when there is none."""
    found = _CLAUSE.match(folded, position)
    if found is None:
        return None
    written = canonical_tone(text[position : found.end()].lower())
    return found.end() if written in _CLAUSE_SPELLED[found.group(0)] else None


def _term_follows(text: str, position: int) -> bool:
    """The word at `position` follows a capital's term of at most two syllables, on the
    same line ("Kinh tế" xây dựng, "Chỉ đạo" phát triển)."""
    before = text[max(0, position - 40) : position].rsplit("\n", 1)[-1].split()
    return any(word[:1].isupper() for word in before[-2:])


def _verb_at(text: str, folded: str, position: int) -> bool:
    """The clause starts at `position`: a clause word, or an ambiguous one used as a verb,
    followed by small words of its object or by another verb ("tổ chức thực hiện", "xây
    dựng, ban hành"), not by a delimiter or the predicate of a subject ("chủ trì")."""
    end = _clause_word_end(text, folded, position)
    if end is None:
        return False
    if folded[position:end] not in _AMBIGUOUS:
        return True
    if folded[position:end] in _FIELDS and _term_follows(text, position):
        return False
    if folded[position:end] in _DUTY and canonical_tone(text[position:end].lower()) in (
        registry_fields() | _DATABASE_FIELDS.get()
    ):
        return False  # a field of a known name, not the clause's verb
    rest = re.match(r"(?:\s*(?:,|\svà)?)\s+", text[end:])
    if rest is None:
        return False  # punctuation or the end: the name's last word
    following = end + rest.end()
    then = _clause_word_end(text, folded, following)
    if then is not None:
        # "xây dựng, ban hành": coordinated verbs; "tổ chức thực hiện": serial verbs.
        return (
            rest.group(0).strip() != ""
            or folded.startswith(_SERIAL_FOLDED, following)
            or folded[following:then] in _AMBIGUOUS
        )
    return rest.group(0).strip() == "" and text[following : following + 1].islower()


def _name_delimiter_at(text: str, folded: str, position: int) -> bool:
    """At `position` (after a word) the name may end: a delimiter, or a verb of the
    clause ("chủ trì", "phối hợp", `_verb_at`), or a capital that goes on."""
    if _DELIMITER.match(text, position) or _REGION.match(folded, position):
        return True
    gap = re.match(r"[ \t]+", text[position:])
    if gap is None:
        return False
    following = position + gap.end()
    return (
        text[following : following + 1].isupper()
        or _verb_at(text, folded, following)
        or _level_at(text, following)
    )


# The level a unit's name ends with ("Sở Văn hóa và Thể thao tỉnh, thành phố …", "Công an
# xã Đông Anh"): the place's, not the name's (`_with_tail` reads it). "xã hội" is a word.
_LEVEL = re.compile(r"(?:tỉnh|thành phố|xã|phường)(?=\s*(?:$|[,;:().\n]|\s[A-ZĐÀ-Ỹ]))")


def _level_at(text: str, position: int) -> bool:
    return _LEVEL.match(text, position) is not None


def _small_run_end(text: str, folded: str, position: int, limit: int) -> int | None:
    """The end of a run of at most `limit` small words from `position` (one space apart,
    none a verb) that a delimiter follows; None when the words go on (a clause)."""
    end = None
    for _ in range(limit):
        match = _WORD.match(text, position)
        if (
            match is None
            or not match.group(0)[0].islower()
            or _verb_at(text, folded, position)
            or _level_at(text, position)
            or _REGION.match(folded, position - 1)
        ):
            return end
        end = match.end()
        if _name_delimiter_at(text, folded, end):
            return end
        if not text.startswith(" ", end):
            return None
        position = end + 1
    return None


# Nouns that name addressees at large after a comma ("Cục Công nghệ thông tin, đơn vị
# liên quan"): another item of the list, never the second member of a paired term.
_ADDRESSEE_NOUN = re.compile(
    r"(?:don vi|co quan|to chuc|dia phuong|doanh nghiep|nguoi dan|ca nhan|nganh|cap uy"
    r"|nha (?:dau tu|khoa hoc|cung cap|mang|san xuat))\b"
)


def _new_item_at(folded: str, position: int) -> bool:
    """Small words after a comma that start another addressee, not a paired term."""
    return (
        folded.startswith(("cac ", "nhung ", "cung ", "va "), position)
        or _ADDRESSEE_NOUN.match(folded, position) is not None
        or _CLASS_HEAD.match(folded, position) is not None
        or _registry_at(folded, position)
    )


# ------------------------------------------------------------ the fields names are made of
# A unit's name is its kind's head word and the noun phrase of its field ("Cục" + "Công
# nghệ thông tin"), and the fields are noun compounds that the country's names share
# ("thông tin" of "Bộ Thông tin và Truyền thông", "tài nguyên" of "Bộ Tài nguyên và Môi
# trường"). The two-syllable words that open and close the terms of the names known (a
# term starts at a capital and runs to the next capital, punctuation or "và") are the
# lexicon (`name_fields`): when the clause after a name starts with a verb the clause
# words do not list, the name runs over the known fields after its term ("Cục Công nghệ
# thông tin ứng cứu sự cố" → "Cục Công nghệ thông tin"), not a word further.
_TERM_BREAK = re.compile(r"\s*(?:[,;:()/&]|\s[-–]\s|\svà\s|-)\s*")
# One-syllable words of the clause (prepositions, links, aspect): no field holds them.
_LINKS = frozenset(
    canonical_tone(word)
    for word in CLAUSE_WORDS + ("và", "các", "cho", "với", "ở")
    if " " not in word
)


def name_fields(name: str) -> frozenset[str]:
    """The two-syllable words that open and close the terms of a name ("Bộ Lao động -
    Thương binh và Xã hội" → "lao động", "thương binh", "xã hội"; "Bảo hiểm xã hội Việt
    Nam" → "bảo hiểm", "xã hội"), lower case, tones as `canonical_tone`. A term's inner
    pairs ("hiểm xã") straddle two words: not taken."""
    found = set()
    terms: list[list[str]] = []
    for segment in _TERM_BREAK.split(name):
        terms.append([])
        for word in _WORD.findall(segment):
            if word[:1].isupper() or canonical_tone(word.lower()) in _LINKS:
                terms.append([])  # a capital starts a term; a link word ends one
            if canonical_tone(word.lower()) not in _LINKS:
                terms[-1].append(canonical_tone(word.lower()))
    for term in terms:
        if len(term) >= 2:
            found.add(" ".join(term[:2]))
            found.add(" ".join(term[-2:]))
    return frozenset(found)


@lru_cache(maxsize=1)
def registry_fields() -> frozenset[str]:
    """The fields of the reference data's names: agencies, bodies, the Party's bodies, the
    reorganisation's new names and the provinces' departments (`_department_names`)."""
    names = [row["name_vi"] for row in _read("agencies_2020.csv")]
    names += [row["name_vi"] for row in _read("extra_bodies.csv")]
    names += [row["name_vi"] for row in _read("party_bodies.csv")]
    names += [row["new_name"] for row in _read("agency_succession.csv") if row["new_name"]]
    names += [row["alias"] for row in _read("aliases.csv")]
    return frozenset().union(*(name_fields(name) for name in names))


def _known_fields_end(text: str, folded: str, end: int) -> int:
    """After a name's term ending at `end`, the end of the known fields that follow it in
    small letters, one two-syllable word at a time, none a word of the clause."""
    known = registry_fields() | _DATABASE_FIELDS.get()
    while (pair := _PAIR.match(text, end)) is not None:
        if not (pair.group(1)[0].islower() and pair.group(2)[0].islower()):
            break
        if _verb_at(text, folded, pair.start(1)):
            break
        if canonical_tone(f"{pair.group(1)} {pair.group(2)}".lower()) not in known:
            break
        end = pair.end()
    return end


_PAIR = re.compile(r"[ \t]+([^\W\d_]+) ([^\W\d_]+)\b")


def _known_unit_end(folded: str, start: int) -> int | None:
    """The end of the longest name of the issuer's units written at `start`, if any."""
    for name in _ISSUER_UNITS.get():
        if folded.startswith(name, start) and _boundary(folded, start + len(name)):
            return start + len(name)
    return None


# ------------------------------------------------------------ the document's own names
# A verb of the clause that no list holds ("Cục Thuế thanh lý tài sản.") runs a unit's
# name on into its task, however long the lists grow. A plan names the same body many
# times, and most mentions end beyond doubt: the name written elsewhere in the document
# with a clear end bounds the mention whose end is unclear (docs/importer.md, "The
# document's own names"). Clear beyond doubt: the subject's role ("chủ trì", "phối hợp"),
# a parenthesis or a colon, or the end of a line that holds nothing else (a table's cell:
# a line of plain text may be wrapped anywhere, "… Thể thao thời" / "kỳ 2021-2030"). Clear
# unless the name is such a name and small words of a clause: a comma, a semicolon within
# the line, "và" ("Cục Thuế bàn giao hồ sơ, tài liệu": the clause's list). Never the full
# stop, nor ";" ending a line: an item's own sentence ends so. Written with its capital:
# "cơ sở Văn hóa" is no unit.
_STRONG_END = re.compile(r"[ \t]*[:()]")
_WEAK_END = re.compile(r"[ \t]*(?:,|;(?![ \t]*(?:$|\n)))|[ \t]+và\s")
_LINE_END = re.compile(r"[ \t]*(?:$|\n)")
_ROLE_WORDS = re.compile(r"[ \t]+(?:chu tri|phoi hop|co trach nhiem|chiu trach nhiem|tham muu)\b")
_UNIT_KIND_AT = re.compile(r"(?<![a-z0-9đ])(?:" + "|".join(UNIT_KINDS) + r") ")


def _end_kind(text: str, folded: str, start: int, end: int) -> str | None:
    """ "strong" or "weak" when the name from `start` to `end` ends clearly there."""
    if _STRONG_END.match(text, end):
        return "strong"
    if _LINE_END.match(text, end):
        line = text[text.rfind("\n", 0, start) + 1 : start]
        return None if any(c.isalpha() for c in line) else "strong"  # "- Cục Thuế"
    role = _ROLE_WORDS.match(folded, end)
    if role is not None:
        word = role.start() + len(role.group(0)) - len(role.group(0).lstrip(" \t"))
        if _clause_word_end(text, folded, word) is not None:  # with its tones: "chủ trì"
            return "strong"
    return "weak" if _WEAK_END.match(text, end) else None


def document_units(texts: Iterable[str]) -> tuple[str, ...]:
    """Folded names of the units (`_unit_at`) that `texts` write with a clear end
    somewhere, longest first: read as the grammar reads them, before any is known."""
    found: dict[str, bool] = {}  # name → written with a strong end somewhere
    written: dict[str, str] = {}
    token = _DOCUMENT_UNITS.set(())
    try:
        for text in texts:
            folded = fold_aligned(text)
            for kind in _UNIT_KIND_AT.finditer(folded):
                if not text[kind.start()].isupper():
                    continue  # "ban hành", "báo cáo", "cơ sở Văn hóa": no unit
                mention = _unit_at(text, folded, kind.start())
                if mention is None:
                    continue
                clear = _end_kind(text, folded, mention.start, mention.end)
                if clear is not None:
                    name = folded[mention.start : mention.end]
                    found[name] = found.get(name, False) or clear == "strong"
                    written.setdefault(name, mention.written)
        strong = tuple(sorted((n for n, s in found.items() if s), key=len, reverse=True))
        _DOCUMENT_UNITS.set(strong)
        # A name ended only by a comma or "và" that is a strong name and small words after
        # it is that name and its clause.
        kept = [
            n
            for n, s in found.items()
            if s or _written_elsewhere(written[n], n, 0, len(n)) == len(n)
        ]
    finally:
        _DOCUMENT_UNITS.reset(token)
    return tuple(sorted(kept, key=len, reverse=True))


@contextlib.contextmanager
def written_units(texts: Iterable[str]) -> Iterator[None]:
    """Within the block, the units `texts` name with a clear end bound the others
    (`document_units`, `_written_elsewhere`)."""
    token = _DOCUMENT_UNITS.set(document_units(texts))
    try:
        yield
    finally:
        _DOCUMENT_UNITS.reset(token)


def _written_elsewhere(text: str, folded: str, start: int, end: int) -> int:
    """The end of a unit's name read from `start` to `end` by the grammar, bounded by the
    longest name of the document's (`_DOCUMENT_UNITS`) written at `start`: no further in
    small letters (the clause: "Cục Thuế thanh lý tài sản." → "Cục Thuế"), and no shorter
    ("Viện Khoa học thủy lợi thẩm định …" where the grammar stopped at "Viện Khoa học").
    A capital after it writes a longer name, which the grammar's reading keeps."""
    for name in _DOCUMENT_UNITS.get():
        stop = start + len(name)
        if folded.startswith(name, start) and _boundary(folded, stop):
            break
    else:
        return end
    if stop > end:
        return stop
    rest = text[stop:end]
    if (
        stop < end
        and rest[:1] in (" ", "\t")
        and rest.lstrip(" \t")[:1].islower()
        and not _QUALIFIER.match(folded, stop)
    ):
        return stop
    return end


# Small words that qualify a name rather than start its clause: the place's level ("Ban
# Chấp hành Đảng bộ tỉnh"), a region, a term or number ("… Trung ương Đảng khóa XII").
_QUALIFIER = re.compile(
    r"[ \t]+(?:(?:tinh|thanh pho|xa|phuong|dac khu|thi tran)\b"
    r"|(?:[a-z]+ ){1,2}(?:[ivxlc]+|\d+)\b(?![a-z]))"
)


def _proper_name_end(text: str, position: int, folded: str | None = None) -> int:
    """Where a proper name written with capitals ends: words that start with a capital,
    each followed by its small syllables up to a delimiter (`_SMALL_RUN`; else at most
    one), joined by "," "-" "và" when a capital follows that does not start another unit
    or name, or by "," and a short paired term in small letters ("Khám, chữa bệnh")."""
    if folded is None:
        folded = fold_aligned(text)
    end = position
    small = 1
    capitals = 0
    while True:
        match = _WORD.match(text, position)
        if match is None:
            return end
        word = match.group(0)
        if not word[0].isupper() and _verb_at(text, folded, position):
            return end
        if word[0].isupper():
            small = 0
            capitals += 1
        elif _REGION.match(folded, position - 1):
            # A region after the term ("Chi cục Thuế khu vực IV", "Kho bạc Nhà nước khu
            # vực 3") is a qualifier of the whole name: `_with_tail` reads it.
            return end
        elif small == 0:
            small = 1
            limit = _SMALL_RUN if capitals == 1 else _LATER_RUN
            run = _small_run_end(text, folded, position, limit)
            if run is not None:
                end = run  # the whole run (kept by `max` below)
            else:
                # No delimiter within reach: the term's one small word, and the fields
                # known from the country's names after it.
                end = _known_fields_end(text, folded, match.end())
        else:
            return end
        end = max(end, match.end())
        rest = text[end:]
        gap = re.match(r"(\s*,\s*|\s+-\s+|\s+và\s+|\s+)", rest)
        if gap is None:
            return end
        if "\n" in gap.group(0) and _verb_at(text, folded, end + gap.end()):
            # A line that starts with a verb is no part of the name above it ("Liên hiệp các
            # Hội Khoa học và Kỹ thuật" / "Nghiên cứu, tư vấn …"); a name wrapped over two
            # lines goes on ("Báo và Phát thanh" / "Truyền hình Lai Châu").
            return end
        following = end + gap.end()
        if (
            gap.group(0).strip() == ","
            and "\n" not in gap.group(0)
            and text[following : following + 1].islower()
            and not _new_item_at(folded, following)
        ):
            paired = _small_run_end(text, folded, following, _PAIRED_RUN)
            if paired is None:
                return end
            end = paired
            if not _name_delimiter_at(text, folded, end) or _DELIMITER.match(text, end):
                return end
            position = end + len(text[end:]) - len(text[end:].lstrip(" \t"))
            small = 1
            continue
        if gap.group(0).strip() and not text[following : following + 1].isupper():
            return end
        if gap.group(0).strip():
            if (
                _UNIT_START.match(folded, following)
                or folded.startswith(("ubnd", "uy ban", "bo "), following)
                or _registry_at(folded, following)
            ):
                return end
        position = following


def opens_with_unit_kind(written: str) -> bool:
    """The text opens with a unit's kind and a capital ("Cục Quản lý …", "Phòng Kinh tế")."""
    kind = _UNIT_START.match(fold_aligned(written))
    return kind is not None and written[kind.end() : kind.end() + 1].isupper()


def _unit_at(text: str, folded: str, start: int) -> Mention | None:
    if start > 0 and folded[start - 1].isalnum():
        return None
    communes = _COMMUNES.match(folded, start)
    if communes is not None:
        return None  # named communes are read by `name_list` (`commune_list`)
    for name in _FIXED_UNITS:
        if folded.startswith(name, start) and _boundary(folded, start + len(name)):
            end = start + len(name)
            if "mat tran" in name and folded.startswith((", thanh pho", ", tp"), end):
                return None  # "Mặt trận Tổ quốc tỉnh, thành phố": every province's, no level
            for tail in (" tinh", " thanh pho"):
                if name.endswith(tail):
                    end = _with_place(folded, end - len(tail) + 1) or end
            if name.endswith((" xa", " phuong", " dac khu", " thi tran")):
                end = place_name_end(text, end)
            elif name == "trung tam phuc vu hanh chinh cong":
                end = _with_tail(folded, end)
                if folded.endswith((" xa", " phuong"), 0, end):
                    end = place_name_end(text, end)
            return Mention(start, end, text[start:end], text[start:end], False, True)
    if folded.startswith("so ", start):
        for name in _department_names():
            end = start + len(name)
            if folded.startswith(name, start) and _boundary(folded, end):
                end = _with_tail(folded, end)
                return Mention(start, end, text[start:end], text[start:end], False, True)
    board = _BOARD.match(folded, start)
    if board is not None and _boundary(folded, board.end()):
        end = _with_tail(folded, board.end())
        return Mention(start, end, text[start:end], text[start:end], False, True)
    project = _PROJECT_BOARD.match(folded, start)
    if project is not None and text[start].isupper() and _boundary(folded, project.end()):
        end = _project_board_end(text, folded, project.end())
        end = _with_tail(folded, end)
        if _known_unit_end(folded, start) is None:
            end = _written_elsewhere(text, folded, start, end)
        return Mention(start, end, text[start:end], text[start:end], False, True)
    service = _REGIONAL_SERVICE.match(folded, start)
    if service is not None and text[start].isupper():
        end = _with_tail(folded, service.end())
        if end > service.end() and (end > _level_end(folded, service.end())):
            return Mention(start, end, text[start:end], text[start:end], False, True)
    known = _known_unit_end(folded, start)
    kind = _UNIT_START.match(folded, start)
    if kind is None or (
        kind.group(0) == "quan uy " and not text[start : start + 4].lower() == "quận"
    ):
        # "Quân ủy Trung ương" is the army's committee, a registry name.
        return (
            None
            if known is None
            else Mention(start, known, text[start:known], text[start:known], False, True)
        )
    name_start = kind.end()
    if folded.startswith(("bao va ", "dai va "), start):
        name_start += 3  # the merged press bodies: "Báo và Phát thanh, Truyền hình …"
    if not text[name_start : name_start + 1].isupper():
        return None
    end = _proper_name_end(text, name_start, folded)
    if known is not None and (
        end < known or (end > known and text[known:end].lstrip(" \t")[:1].islower())
    ):
        # A name of the issuer's units is read whole, and no further in small letters
        # (the clause); a capital after it writes a longer name.
        end = known
    if end <= name_start:
        return None
    if kind.group(0) == "van phong ":
        end = _joint_office_end(folded, name_start, end)
    end = _with_tail(folded, end)
    if known is None:
        end = _written_elsewhere(text, folded, start, end)
    return Mention(start, end, text[start:end], text[start:end], False, True)


# The bodies a joint office serves, in the order its name lists them: the National
# Assembly's delegation, the People's Council, the People's Committee of one level
# ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh" since 2021, "Văn phòng
# HĐND và UBND xã"). Another office, a department or a Party body after "và" is a second
# body ("Văn phòng Tỉnh ủy và Văn phòng UBND tỉnh", "Văn phòng Chính phủ và Bộ Công an").
_PRINCIPALS = (
    re.compile(r"doan (?:dai bieu quoc hoi|dbqh)\b"),
    re.compile(r"(?:hoi dong nhan dan|hdnd)\b"),
    re.compile(r"(?:uy ban nhan dan|ubnd)\b"),
)
_JOINED = re.compile(r",? (?:va )?")


def _joint_office_end(folded: str, start: int, end: int) -> int:
    """The end of an office's name read from `start` to `end`: over the further bodies it
    serves when it serves one of `_PRINCIPALS` and more follow in their order."""
    served = next((i for i, p in enumerate(_PRINCIPALS) if p.match(folded, start)), None)
    if served is None:
        return end
    found = _PRINCIPALS[served].match(folded, start)
    assert found is not None
    chain, count = found.end(), 1
    while (joined := _JOINED.match(folded, chain)) is not None and joined.group(0).strip():
        after = joined.end()
        following = next(
            (i for i in range(served + 1, len(_PRINCIPALS)) if _PRINCIPALS[i].match(folded, after)),
            None,
        )
        if following is None:
            break
        found = _PRINCIPALS[following].match(folded, after)
        assert found is not None
        served, chain, count = following, found.end(), count + 1
    return chain if count > 1 and chain >= end else end


# A management board is named by what it manages, often in small letters: "Ban Quản lý
# các khu công nghệ cao và khu công nghiệp", "Ban Quản lý khu Kinh tế".
_ZONE = r"(?:cac )?khu (?:cong nghe cao|cong nghiep|kinh te(?: cua khau)?|che xuat)"
_BOARD = re.compile(r"ban quan ly " + _ZONE + r"(?:(?:,| va) " + _ZONE + r")*")
# A project management board is named by the legal term of what it manages ("dự án đầu tư
# xây dựng", Luật Xây dựng) and the works it builds, in small letters: "Ban Quản lý dự án
# đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh", "Ban Quản lý dự án đầu tư
# xây dựng công trình giao thông", "Ban Quản lý các dự án …"; or by a proper name or a
# number after the term ("Ban Quản lý dự án Thăng Long", "Ban Quản lý dự án 85").
_PROJECT_BOARD = re.compile(r"ban quan ly (?:cac )?du an(?: dau tu(?: xay dung)?)?")
_WORKS = re.compile(r" (?:cac )?cong trinh\b")
# The sectors the works are of ("giao thông", "dân dụng và công nghiệp", "nông nghiệp và
# phát triển nông thôn", the longest of the decrees' names) are nouns: at most this many
# small words, to a delimiter.
_WORKS_RUN = 6


def _project_board_end(text: str, folded: str, end: int) -> int:
    """The end of a project board's name after its term (`_PROJECT_BOARD`) ending at `end`:
    the works and their sectors (`_WORKS`) up to a delimiter, a region or a proper name."""
    works = _WORKS.match(folded, end)
    if works is not None:
        end = works.end()
        run = _works_run_end(text, folded, end)
        return run if run is not None else _known_fields_end(text, folded, end)
    gap = re.match(r"[ \t]+(?=[^\W_])", text[end:])
    if gap is not None and (text[end + gap.end()].isupper() or text[end + gap.end()].isdigit()):
        following = end + gap.end()
        if text[following].isdigit():
            return following + len(re.match(r"\d+", text[following:]).group(0))  # type: ignore[union-attr]
        if not (
            _UNIT_START.match(folded, following)
            or folded.startswith(("ubnd", "uy ban", "bo "), following)
            or _registry_at(folded, following)
        ):
            return max(end, _proper_name_end(text, following, folded))
    return end


def _works_run_end(text: str, folded: str, position: int) -> int | None:
    """After "công trình", the end of the works' sectors: small words, "và" or " - "
    between them, reaching a delimiter (punctuation, the end of the line, a level, a
    capital, a word of the clause that is not a noun of names) within `_WORKS_RUN` words;
    None when they go on (a clause)."""
    end = None
    for _ in range(_WORKS_RUN):
        joined = re.match(r"(?: và| -)?[ \t]+", text[position:])
        if joined is None:
            break
        at = position + joined.end()
        word = _WORD.match(text, at)
        if (
            word is None
            or not word.group(0)[0].islower()
            or _level_at(text, at)
            or _UNIT_TAILS_AT.match(folded, at)
            or folded.startswith(("cac ", "cung ", "voi ", "cho "), at)
        ):
            break
        clause = _clause_word_end(text, folded, at)
        if clause is not None and folded[at:clause] not in _AMBIGUOUS:
            break
        if joined.group(0).strip() and end is None:
            return None  # "công trình và …": no sector
        position = end = word.end()
    if end is None:
        return None
    return (
        end
        if _name_delimiter_at(text, folded, end) or _UNIT_TAILS_AT.match(folded, end + 1)
        else None
    )


_UNIT_TAILS_AT = re.compile(r"(?:tinh|thanh pho|huyen|xa|phuong)\b")


# A regional unit: "Chi cục Hải quan khu vực V", "Kho bạc Nhà nước khu vực 3", "Thuế cơ
# sở 3" (the numbered offices of the 2025 reorganisation, Roman or Arabic numerals).
_REGION = re.compile(r" (?:khu vuc|co so) [ivxlc0-9]+\b")
# The national services organised by region or province since 2025 (Bộ Tài chính's
# decisions: "Kho bạc Nhà nước khu vực I…XX", "Thuế tỉnh …", "Thuế cơ sở 3 tỉnh …",
# "Chi cục Hải quan khu vực …", "Bảo hiểm xã hội khu vực …", "Thống kê tỉnh …"): named
# by the service and its region or place, with no kind's head word before them. Only so
# qualified is the service a body: "thuế" alone is a tax.
_REGIONAL_SERVICE = re.compile(r"(?:kho bac nha nuoc|thue|hai quan|bao hiem xa hoi|thong ke)\b")


def _level_end(folded: str, end: int) -> int:
    """The end of a bare level after `end` (" tỉnh", " thành phố") without its place."""
    for tail in _UNIT_TAILS:
        if folded.startswith(" " + tail, end) and _boundary(folded, end + 1 + len(tail)):
            return end + 1 + len(tail)
    return end


def _with_tail(folded: str, end: int) -> int:
    region = _REGION.match(folded, end)
    if region is not None:
        # "Thuế cơ sở 3 tỉnh Bắc Ninh": the region, then the province it lies in.
        return _with_place(folded, region.end() + 1) or region.end()
    for tail in _UNIT_TAILS:
        after = end + 1 + len(tail)
        # "… tỉnh, thành phố trực thuộc Trung ương" is every province, not a place name;
        # "Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh" are two units of the province.
        if (
            folded.startswith(" " + tail, end)
            and _boundary(folded, after)
            and not folded.startswith((", thanh pho", ", tp"), after)
        ):
            return _with_place(folded, end + 1) or after
    return end


# A commune assigns work to an officer by the post (Nghị định 33/2023/NĐ-CP's civil
# servants of a commune): "công chức phụ trách công nghệ thông tin", "công chức Tư pháp -
# Hộ tịch", kept as written; the post runs to the verb.
_OFFICER = re.compile(r"cong chuc (?:phu trach |lam cong tac )?")


def _officer_at(text: str, folded: str, start: int) -> Mention | None:
    if start > 0 and folded[start - 1].isalnum():
        return None
    head = _OFFICER.match(folded, start)
    if head is None:
        return None
    if head.end() - start == len("cong chuc "):
        # Without "phụ trách", the post is its title in capitals ("công chức Tư pháp - Hộ
        # tịch"); "công chức cấp xã" is the civil servants at large, no one assigned.
        if not text[head.end() : head.end() + 1].isupper():
            return None
        end = _proper_name_end(text, head.end(), folded)
        return (
            Mention(start, end, text[start:end], text[start:end], False)
            if end > head.end()
            else None
        )
    end = head.end() - 1
    for _ in range(5):
        gap = re.match(r" - | ", folded[end:])
        word = _FOLDED_WORD.match(folded, end + gap.end()) if gap else None
        if (
            word is None
            or _verb_at(text, folded, word.start())
            or _CLASS_STOP.match(folded, word.start())
        ):
            break
        end = word.end()
    if end <= head.end():
        return None
    return Mention(start, end, text[start:end], text[start:end], False)


def place_name_end(text: str, end: int) -> int:
    """After a level in small letters ("xã", "phường", "tỉnh"), the place's proper name
    when one follows on the line ("Công an xã Đông Anh"): its capitalised words."""
    position = end
    while (found := _PLACE_WORD.match(text, position)) is not None and found.group(1)[0].isupper():
        position = found.end()
    return position


_PLACE_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _with_place(folded: str, start: int) -> int | None:
    """The end of "tỉnh/thành phố <name>" at `start` when it names a province: "Ban Quản lý
    khu Kinh tế tỉnh Đồng Tháp" is one unit, whether or not the gazetteer also knows
    "Đồng Tháp" as a name of its own."""
    for alias, canonical in _by_prefix().get(folded[start : start + 4], []):
        if (
            canonical.startswith(("Tỉnh ", "Thành phố "))
            and alias.startswith(("tinh ", "thanh pho "))
            and folded.startswith(alias, start)
            and _boundary(folded, start + len(alias))
        ):
            return start + len(alias)
    return None


def commune_list(text: str, start: int, folded: str) -> tuple[list[Mention], int] | None:
    """ "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền và Tân Phú Đông" names one
    People's Committee per commune."""
    match = _COMMUNES.match(folded, start)
    if match is None:
        return None
    kind = "xã" if match.group(1) == "xa" else "phường"
    mentions: list[Mention] = []
    position = match.end()
    for part in re.finditer(r"[^,;:.()\n]+", _place_lines_joined(text[position:])):
        words = part.group(0).strip()
        offset = position + part.start() + (len(part.group(0)) - len(part.group(0).lstrip()))
        for piece in re.split(r"(\s+và\s+)", words):
            if piece.strip() in ("", "và"):
                offset += len(piece)
                continue
            if not piece[:1].isupper():
                return (mentions, mentions[-1].end) if mentions else None
            # A place name capitalises every syllable ("Gò Công Đông").
            words_in = piece.rstrip().split(" ")
            kept = []
            for word in words_in:
                if not word[:1].isupper():
                    break
                kept.append(word)
            end = offset + len(" ".join(kept))
            mentions.append(Mention(offset, end, text[offset:end], "", False, True))
            if len(kept) < len(words_in):
                return _commune_names(mentions, kind)
            offset += len(piece)
        if text[position + part.end() : position + part.end() + 1] != ",":
            break
    return _commune_names(mentions, kind)


def _place_lines_joined(text: str) -> str:
    """A place name wrapped over two lines ("Tân Phú" / "Đông"): a line holding nothing but
    capitalised words goes on the line before (the break becomes a space; offsets kept)."""
    first = text.find("\n")
    if first < 0:
        return text
    line_end = text.find("\n", first + 1)
    words = text[first + 1 : line_end if line_end >= 0 else len(text)].split()
    if 0 < len(words) <= 3 and all(word[:1].isupper() for word in words):
        return text[:first] + " " + text[first + 1 :]
    return text


def _commune_names(mentions: list[Mention], kind: str) -> tuple[list[Mention], int] | None:
    if not mentions:
        return None
    named = [
        Mention(m.start, m.end, f"Ủy ban nhân dân {kind} {m.written}", "", False, True)
        for m in mentions
    ]
    return named, mentions[-1].end


# Compared with the folded text (no diacritics).
SEPARATORS = (", ", " va ", "; ", ",", " cung ", "/", " / ")


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] == " ":
        position += 1
    return position


# Classes of bodies named in small letters as the partners of a task ("phối hợp với doanh
# nghiệp, viện nghiên cứu, trường đại học", "… với các doanh nghiệp logistics"), kept as
# written: the head of the class, at most three words of its trade, and the levels of the
# same schools ("trường đại học, cao đẳng" is one class of schools).
_CLASS_HEAD = re.compile(
    r"(?:cac )?(?:doanh nghiep|vien nghien cuu|truong (?:dai hoc|cao dang)"
    r"|co so (?:dao tao|giao duc)|hoi,? hiep hoi|hiep hoi)\b"
)
# Where a class's trade words end: a link word, or the verb its clause goes on with ("các
# cơ sở giáo dục nghề nghiệp đưa nội dung …", "doanh nghiệp viễn thông bảo đảm …").
_CLASS_STOP = re.compile(
    r"(?:va|cung|de|nham|phat trien|dao tao|thuc day|ho tro|cung cap|khi|nhu|voi"
    r"|dua|tham gia|bo tri|uu tien|bao dam|dam bao|tich cuc|tien phong|nang cao|mo rong"
    r"|tuyen sinh|ap dung)\b"
)
# The other kinds of the same head, written after a comma: "trường đại học, cao đẳng",
# "cơ sở giáo dục, đào tạo", "cơ sở đào tạo đại học, sau đại học".
_LEVELS = {
    "truong": ("sau dai hoc", "dai hoc", "cao dang", "trung cap"),
    "co so": ("sau dai hoc", "dai hoc", "giao duc", "dao tao"),
}
_FOLDED_WORD = re.compile(r"[a-z0-9đ]+")


def class_at(text: str, folded: str, start: int) -> Mention | None:
    """A class of bodies at `start` (see `_CLASS_HEAD`), as written."""
    head = _CLASS_HEAD.match(folded, start)
    if head is None or not _boundary(folded, head.end()):
        return None
    end = head.end()
    for _ in range(3):
        word = _FOLDED_WORD.match(folded, end + 1) if folded.startswith(" ", end) else None
        if (
            word is None
            or _verb_at(text, folded, end + 1)
            or _CLASS_STOP.match(folded, end + 1)
            or match_at(text, folded, end + 1) is not None
        ):
            break
        end = word.end()
    kind = folded[start:end].removeprefix("cac ")
    levels = next((v for k, v in _LEVELS.items() if kind.startswith(k)), ())
    extended = True
    while extended:
        extended = False
        for level in levels:
            after = end + 2 + len(level)
            if folded.startswith(", " + level, end) and _boundary(folded, after):
                end, extended = after, True
                break
    return Mention(start, end, text[start:end], text[start:end], False)


def name_list(
    text: str,
    start: int,
    folded: str | None = None,
    classes: bool = False,
    more_classes: bool = False,
) -> tuple[list[Mention], int]:
    """A list of names from `start` ("X, Y và Z"); returns the names and where it ends.

    Names may contain commas and dashes ("Bộ Văn hoá, Thể thao và Du lịch"): the longest
    registry name wins. After "Uỷ ban nhân dân Thành phố Hà Nội", a bare "Thành phố Hồ
    Chí Minh" is a registry name too, so elliptical lists name several bodies. With
    `classes` (the partners after "phối hợp với"), classes of bodies named in small letters
    are names too (`class_at`); with `more_classes`, only after a name (a subject: "Bộ Giáo
    dục và Đào tạo và các cơ sở giáo dục, đào tạo lồng ghép …").
    """
    folded = folded if folded is not None else fold_aligned(text)
    mentions: list[Mention] = []
    position = _skip_spaces(text, start)

    def name_at(at: int) -> Mention | None:
        found = match_at(text, folded, at)
        if found is None and (classes or (more_classes and mentions)):
            found = class_at(text, folded, at)
        return found

    while True:
        communes = commune_list(text, position, folded)
        if communes is not None:
            mentions.extend(communes[0])
            position = communes[1]
            mention = communes[0][-1]
        else:
            found = name_at(position)
            if found is None:
                break
            mention = found
            mentions.append(mention)
        following = None
        for separator in SEPARATORS:
            if folded.startswith(separator, mention.end):
                candidate = _skip_spaces(text, mention.end + len(separator))
                if (
                    name_at(candidate) is not None
                    or commune_list(text, candidate, folded) is not None
                ):
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


# ------------------------------------------------------------ closest known names
# Heads that say what kind of body a name is, not which one: "Sở Tài chính" is closest to
# "Bộ Tài chính", "Ủy ban nhân dân tỉnh Bắc Ninh" to "Tỉnh Bắc Ninh".
_HEADS = ("uy ban nhan dan ", "ubnd ", "so ", "bo ", "tinh ", "thanh pho ", "tp ", "tp. ")
_FILLER = re.compile(r"[^\w&]+|\bva\b")


@lru_cache(maxsize=4096)
def comparable_name(name: str) -> str:
    """A name as the closest-name search compares it: folded (no diacritics, no case),
    the fields' abbreviations written out ("KH&CN", "UBND"), the kind's head ("Sở", "Bộ",
    "Ủy ban nhân dân", "Tỉnh", "Thành phố") and "và"/punctuation left out."""
    from lotrinh.agencies.unit_names import unit_name_key
    from lotrinh.core.text import normalise_name

    text = unit_name_key(" ".join(normalise_name(name).split()))
    text = re.sub(r"\bubnd\b", "uy ban nhan dan", text)
    stripped = True
    while stripped:
        stripped = False
        for head in _HEADS:
            if text.startswith(head) and len(text) > len(head):
                text, stripped = text[len(head) :], True
    return " ".join(_FILLER.sub(" ", text).split())


def _likeness(written: str, known: str) -> float:
    """How alike two comparable names are: their characters in order, and their words as
    sets, half each (a known name inside the written one, "Bộ Y tế" in "Bộ Y tế Việt
    Nam", counts as much as the order of the words)."""
    from rapidfuzz import fuzz

    return (fuzz.ratio(written, known) + fuzz.token_set_ratio(written, known)) / 2


def rank_names(name: str, choices: dict[str, str]) -> list[str]:
    """The names of `choices` (spelling as written or folded → name) closest to `name`,
    best first: a spelling equal to it first, then by `_likeness` of `comparable_name`,
    ties to the name as written."""
    from rapidfuzz import fuzz

    key = comparable_name(name)
    folded = fold_aligned(" ".join(name.split()))
    exact = choices.get(folded) or next(
        (c for a, c in choices.items() if fold_aligned(" ".join(a.split())) == folded), None
    )
    best: dict[str, tuple[float, float]] = {}
    for alias, canonical in choices.items():
        if canonical.startswith("generic:"):
            continue
        score = (
            (101.0, 100.0)
            if canonical == exact
            else (
                _likeness(key, comparable_name(alias)),
                fuzz.ratio(folded, fold_aligned(alias)),
            )
        )
        if score > best.get(canonical, (-1.0, -1.0)):
            best[canonical] = score
    return sorted(best, key=lambda c: (-best[c][0], -best[c][1], c))


# The words that say what kind of body a name is, or at which level ("Vụ", "Ban", "Văn
# phòng", "Tỉnh ủy", "Trung ương", "Chính phủ"), folded: no evidence that two names are
# the same body. The heads only where a name starts; the phrases anywhere.
_KIND_PHRASES = re.compile(
    r"\b(?:uy ban nhan dan|chinh phu|trung uong|quoc hoi|viet nam|tinh uy|thanh uy|dang uy"
    r"|dang doan|ban can su dang|ban thuong vu|thuong vu|uy ban kiem tra|van phong|trung tam"
    r"|thanh pho|tong cuc|chi cuc|hiep hoi|lien doan|lien hiep|co quan|dang|tinh|xa|phuong)\b"
)
_KIND_HEADS = (
    "vu", "cuc", "ban", "so", "bo", "vien", "truong", "bao", "dai", "hoi", "doan", "phong",
    "uy ban", "hoi dong", "cac",
)  # fmt: skip
# A Party body: its name says so ("Tỉnh ủy …", "Ban … Trung ương", "Đảng ủy …").
_PARTY_NAME = re.compile(
    r"\b(?:tinh uy|thanh uy|dang uy|dang doan|ban can su|bo chinh tri|ban bi thu|quan uy"
    r"|dang|ban [a-z ,]+ trung uong)\b"
)


def _distinctive(name: str) -> list[str]:
    """The words of a comparable name that are not its kind's or its level's."""
    text = _KIND_PHRASES.sub(" ", comparable_name(name))
    words = text.split()
    stripped = True
    while stripped and words:
        stripped = False
        for head in _KIND_HEADS:
            parts = head.split()
            if words[: len(parts)] == parts:
                words, stripped = words[len(parts) :], True
    return words


def _pairs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 2]) for i in range(len(words) - 1)} or {tuple(words)}


# Kinds of body that may stand for one another when a name is not known: the
# administration's line (a ministry, a province's Sở, a district's or commune's Phòng and
# Chi cục, a ministry's Vụ and Cục, the police and military command of a province), and
# the committees of elected bodies (the Assembly's Ủy ban and Hội đồng). A Ban is either
# (a province's executive board, a People's Council's board); communes and wards are
# one level. Any other kind stands only for itself; a name of no known kind, for any.
_KIND_FAMILIES = (
    frozenset(
        {"ministry", "department", "division", "ministry_department", "general_department"}
        | {"police", "board"}
    ),
    frozenset({"committee", "board"}),
    frozenset({"commune", "ward"}),
)


@lru_cache(maxsize=1)
def _government_names() -> frozenset[str]:
    """The registry's ministries and Government agencies, folded ("Ủy ban Dân tộc" is a
    ministry-level agency, not a committee of the Assembly, whatever its head says)."""
    return frozenset(
        fold_aligned(row["name_vi"].strip()).lower()
        for row in _read("agencies_2020.csv")
        if row["category"].startswith(("bộ", "cơ quan"))
    )


def body_kind(name: str) -> str | None:
    """The kind of body a name denotes, for closeness: a unit's kind
    (`unit_names.classify_unit_name`: "Phòng Kinh tế" → division), else "ministry" for a
    ministry or Government agency, "committee" for an Ủy ban or Hội đồng that is not a
    People's Committee ("Ủy ban Kinh tế"), None when the name does not say."""
    from lotrinh.agencies.unit_names import classify_unit_name

    unit = classify_unit_name(name)
    if unit is not None:
        return unit
    folded = " ".join(fold_aligned(name).lower().split())
    if folded in _government_names() or folded.startswith("bo "):
        return "ministry"
    if folded.startswith(("uy ban ", "hoi dong ")) and not folded.startswith(
        ("uy ban nhan dan", "hoi dong nhan dan")
    ):
        return "committee"
    return None


def compatible_kinds(one: str | None, other: str | None) -> bool:
    """May a body of kind `one` be offered for a name of kind `other` (`_KIND_FAMILIES`)?"""
    if one is None or other is None or one == other:
        return True
    return any(one in family and other in family for family in _KIND_FAMILIES)


def is_close(written: str, known: str) -> bool:
    """Is a known name worth offering for a name as written: the same name under another
    kind's head ("Sở Tài chính" for "Bộ Tài chính"), or, on the same side (a Party body or
    a State body) and of compatible kinds (`compatible_kinds`: "Phòng Kinh tế", a division,
    is no committee of the Assembly, "Ủy ban Kinh tế"), a word of two syllables in common
    once the kind's and level's words are left out (one syllable when a name has one).
    "Vụ Pháp chế" and "Tỉnh ủy Hòa Bình" share nothing; "Văn phòng Tỉnh ủy" and "Văn
    phòng Chính phủ" only their kind."""
    if comparable_name(written) == comparable_name(known):
        return True
    if bool(_PARTY_NAME.search(fold_aligned(written).lower())) != bool(
        _PARTY_NAME.search(fold_aligned(known).lower())
    ):
        return False
    if not compatible_kinds(body_kind(written), body_kind(known)):
        return False
    mine, theirs = _distinctive(written), _distinctive(known)
    if not mine or not theirs:
        return False
    return bool(_pairs(mine) & _pairs(theirs))


def closest_names(name: str, limit: int = 3, day: datetime.date | None = None) -> list[str]:
    """The known bodies (`known_names`) closest to `name`, best first, for a reviewer to
    pick (`rank_names`: "Sở Khoa học Công nghệ" finds "Bộ Khoa học và Công nghệ", "UBND
    tỉnh Bắc Ninh" finds "Tỉnh Bắc Ninh", a known name however written is first). A body
    merged in 2025 is followed by the one holding its duties on `day` (today): "Sở Thông
    tin và Truyền thông" → "Bộ Thông tin và Truyền thông", then "Bộ Khoa học và Công
    nghệ". Only names genuinely close are offered (`is_close`); else none."""
    today = day or datetime.date.today()
    out: list[str] = []
    exact = known_names().get(fold_aligned(" ".join(name.split())))
    for canonical in rank_names(name, known_names()):
        if len(out) >= limit:
            break
        if canonical != exact and not is_close(name, canonical):
            continue
        if canonical not in out:
            out.append(canonical)
        successor = successor_on(canonical, today)
        if successor and successor[0] not in out and len(out) < limit:
            out.append(successor[0])
    return out
