"""What kind of unit a name as written denotes: the one table of unit names, used by the
agencies' units (`classify_unit_name`) and by the importer (`unit_of`, the issuer's own
units). No models here, so the importer's parser stays free of the database
(docs/cascade.md, "Naming units")."""

from __future__ import annotations

import re

from lotrinh.core.text import fold, nfc

# Kinds, as stored in `agencies.UnitKind`.
DEPARTMENT = "department"
BOARD = "board"
MINISTRY_DEPARTMENT = "ministry_department"
GENERAL_DEPARTMENT = "general_department"
OFFICE = "office"
INSPECTORATE = "inspectorate"
POLICE = "police"
DIVISION = "division"
COMMUNE = "commune"
WARD = "ward"
INSTITUTE = "institute"
PARTY_INSPECTION = "party_inspection"
PARTY_COMMITTEE = "party_committee"
OTHER = "other"

# Folded prefixes (lowercase, no diacritics) and the kind of unit they name. Longer
# prefixes first: "chi cuc" before "cuc", "uy ban nhan dan xa" before anything else.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("uy ban nhan dan xa ", COMMUNE),
    ("uy ban nhan dan phuong ", WARD),
    ("uy ban nhan dan dac khu ", COMMUNE),
    ("ubnd xa ", COMMUNE),
    ("ubnd phuong ", WARD),
    ("ubnd dac khu ", COMMUNE),
    ("xa ", COMMUNE),
    ("phuong ", WARD),
    ("dac khu ", COMMUNE),
    ("chi cuc ", DIVISION),
    ("tong cuc ", GENERAL_DEPARTMENT),
    ("cuc ", GENERAL_DEPARTMENT),
    ("vu ", MINISTRY_DEPARTMENT),
    ("so ", DEPARTMENT),
    ("ban ", BOARD),
    ("van phong ", OFFICE),
    ("thanh tra ", INSPECTORATE),
    ("cong an ", POLICE),
    ("bo chi huy ", POLICE),
    ("phong ", DIVISION),
    ("vien ", INSTITUTE),
    ("trung tam ", INSTITUTE),
    ("truong ", INSTITUTE),
    # The agency's own press: a province's newspaper and radio, a ministry's journal.
    ("bao ", INSTITUTE),
    ("dai ", INSTITUTE),
    ("tap chi ", INSTITUTE),
)
# Names that look like units but are agencies or generic addressees ("Bộ Công an", "Các
# Sở, ban, ngành", "UBND tỉnh"), or bodies above the agency ("Ban Chỉ đạo").
_NOT_UNITS = re.compile(
    r"^(cac |bo (?!chi huy )|ban chi dao|uy ban nhan dan (tinh|thanh pho)|ubnd (tinh|thanh pho)|"
    r"chinh phu|thu tuong|ban chap hanh|ban thuong vu|ban can su)"
)

# The kinds of unit each kind of issuer has: a province (its departments, boards,
# offices, police and military command, communes and wards, public service units and
# press) and a ministry (its Vụ, Cục, institutes, offices, boards and press).
PROVINCE_KINDS = frozenset(
    {DEPARTMENT, BOARD, OFFICE, INSPECTORATE, POLICE, COMMUNE, WARD, INSTITUTE}
)
MINISTRY_KINDS = frozenset(
    {MINISTRY_DEPARTMENT, GENERAL_DEPARTMENT, OFFICE, INSPECTORATE, BOARD, INSTITUTE}
)


# A Party committee's own bodies (Hướng dẫn 36-HD/VPTW; Quy định 70-QĐ/TW): its standing
# board, its boards, its inspection commission and its office, named by their kind and the
# committee's level ("Ban Tổ chức Tỉnh ủy", "Văn phòng Thành ủy Hà Nội", "Ban Tổ chức Đảng
# ủy"), and the Party committees directly under a provincial one, named by the body and
# the level ("Đảng ủy Ủy ban nhân dân tỉnh", "Đảng ủy các cơ quan Đảng tỉnh"). Folded.
_PARTY_BODY = re.compile(
    r"^(?P<body>ban thuong vu|uy ban kiem tra|van phong"
    r"|ban (?!chi dao |chap hanh |can su )[a-z0-9 ,&-]+?) "
    r"(?P<level>tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy)(?: (?P<place>.+))?$"
)
_PARTY_UNDER = re.compile(
    r"^dang uy (?!tinh |thanh pho )(?:[a-z0-9 ,&-]+? )?(?P<level>tinh|thanh pho)(?: (?P<place>.+))?$"
)
# A committee's inspection commission is the Party's (Điều lệ Đảng, chương VII), not a
# State inspectorate ("Thanh tra").
_PARTY_BODY_KINDS = {"uy ban kiem tra": PARTY_INSPECTION, "van phong": OFFICE}
# A Party committee under a provincial one, named one by one by its place (since 1 July
# 2025 the communes', wards' and special zones' committees sit directly under the Tỉnh
# ủy/Thành ủy; before, the districts' did): "Đảng ủy xã Đông Anh",
# "Đảng ủy phường Hoàn Kiếm", "Đảng ủy đặc khu Phú Quốc", "Huyện ủy Gia Lâm", "Quận ủy Ba
# Đình", "Thị ủy Sơn Tây". Folded; the place is required (a committee named, not a class).
_PARTY_NAMED = re.compile(
    r"^(?P<committee>dang uy (?:xa|phuong|dac khu|thi tran)|huyen uy|quan uy|thi uy)"
    r" (?!cac\b|truc thuoc\b)(?P<place>.+)$"
)
# What a named subordinate committee's level is read against: any provincial committee;
# a commune's, ward's or town's committee was a district committee's until 1 July 2025
# (Huyện ủy, Quận ủy, Thị ủy; "Thành ủy" is a provincial city's too), a provincial one's
# since.
UNDER_PROVINCE = "tinh uy|thanh uy"
UNDER_DISTRICT = "tinh uy|thanh uy|huyen uy|quan uy|thi uy"
_COMMUNE_COMMITTEES = ("dang uy xa", "dang uy phuong", "dang uy thi tran")
# A Party committee as issuer: "Tỉnh ủy X", "Thành ủy X", "Huyện ủy X", "Quận ủy X",
# "Thị ủy X", "Đảng ủy X" (folded). Its own bodies carry its level word ("Văn phòng Huyện
# ủy"), whichever it is; a committee of another level word is not it.
_PARTY_ISSUER = re.compile(
    r"^(?P<level>tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy)(?: (?P<place>.+))?$"
)


# A Party committee of any level as issuer, or its executive or standing board: it has
# committees under it ("các đảng ủy trực thuộc", docs/importer.md "Generic addressees").
_PARTY_COMMITTEE = re.compile(
    r"^(?:ban chap hanh dang bo|ban thuong vu (?:tinh|thanh|dang|huyen|quan|thi) uy"
    r"|tinh uy|thanh uy|dang uy|huyen uy|quan uy|thi uy)(?: |$)"
)


def is_party_committee(issuer: str) -> bool:
    """Is the issuer a Party committee ("Tỉnh ủy Nghệ An", "Thành uỷ Hà Nội", "Đảng ủy
    Chính phủ"), which has committees under it? Not a People's Committee, not a ministry,
    not the Centre's bodies (Bộ Chính trị, Ban Bí thư), not a Party board or delegation."""
    return _PARTY_COMMITTEE.match(_folded_name(issuer)) is not None


# A committee under a Party committee, named one by one ("Đảng ủy xã Đông Anh", "Đảng ủy
# Ủy ban nhân dân tỉnh", "Huyện ủy Gia Lâm", "Chi bộ Văn phòng"), never its boards.
_SUBORDINATE_COMMITTEE = re.compile(
    r"^(?:dang uy|huyen uy|quan uy|thi uy|thanh uy|dang bo|chi bo) (?!cac cap\b)"
)


def is_subordinate_committee(name: str) -> bool:
    """Does a unit's name name a Party committee (one of the committees under the issuing
    committee, `subordinate_party_committees`), not one of its boards or its office?"""
    return _SUBORDINATE_COMMITTEE.match(_folded_name(name)) is not None


def _folded_name(name: str) -> str:
    return " ".join(fold(name.replace("&", " & ")).replace(".", " ").split())


def party_body(name: str) -> tuple[str, str, str] | None:
    """A Party committee's body as written: (its kind of unit, the committee's level as
    folded: "tinh uy", "thanh uy" or "dang uy", the place written after it or ""); None
    for any other name."""
    folded = _folded_name(name)
    found = _PARTY_BODY.match(folded)
    if found is not None:
        kind = _PARTY_BODY_KINDS.get(found.group("body"), BOARD)
        return kind, found.group("level"), found.group("place") or ""
    named = _PARTY_NAMED.match(folded)
    # "Quân ủy" (the army's Party committee) folds as "Quận ủy" does: the tone decides.
    if named is not None and not (
        named.group("committee") == "quan uy" and not nfc(name).strip().lower().startswith("quận")
    ):
        under_level = (
            UNDER_DISTRICT if named.group("committee") in _COMMUNE_COMMITTEES else UNDER_PROVINCE
        )
        return PARTY_COMMITTEE, under_level, ""
    under = _PARTY_UNDER.match(folded)
    if under is not None:
        level = "tinh uy" if under.group("level") == "tinh" else "thanh uy"
        return PARTY_COMMITTEE, level, under.group("place") or ""
    return None


def _army(name: str) -> bool:
    """Does a name write "Quân ủy" (the army's Party committee), not "Quận ủy"?"""
    return "quân ủy" in nfc(name).lower().replace("uỷ", "ủy")


def _is_party_unit_of(name: str, issuer: str) -> bool | None:
    """Whether `name` is a body of the Party committee `issuer` (None: the issuer is no
    Party committee and the name no Party body: the State's table decides)."""
    body = party_body(name)
    committee = _PARTY_ISSUER.match(_folded_name(issuer))
    if committee is None:
        return False if body is not None else None
    if body is None:
        return False
    _kind, level, place = body
    if level in (UNDER_PROVINCE, UNDER_DISTRICT):
        # A named committee under a provincial one (or a commune's under a district's):
        # any of those levels' (which province or district a commune belongs to is not in
        # the name); never under the army's committee ("Quân ủy" folds as "Quận ủy").
        if _army(issuer):
            return False
        return committee.group("level") in level.split("|")
    if level != committee.group("level"):
        return False
    if level == "quan uy" and _army(name) != _army(issuer):
        return False  # "Quân ủy Trung ương" (the army's) folds as "Quận ủy" does
    return not place or place == (committee.group("place") or "")


def classify_unit_name(name: str) -> str | None:
    """The kind of unit a name as written denotes ("Sở Tài chính" → department,
    "UBND xã Tam Đường" → commune, "Vụ Pháp chế" → ministry department, "Ban Tổ chức Tỉnh
    ủy" → board), or None for a name that is not one unit (an agency, "Các Sở, ban,
    ngành", a person)."""
    if name.strip()[:1].isupper() and (body := party_body(name)) is not None:
        return body[0]
    folded = _folded_name(name) + " "
    if len(folded) < 4 or _NOT_UNITS.match(folded):
        return None
    if name.strip()[:1].islower():
        return None  # a kind of body, not one ("viện nghiên cứu, trường đại học")
    for prefix, kind in PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix) + 1:
            return kind
    return None


def issuer_unit_kinds(issuer: str) -> frozenset[str]:
    """The kinds of unit an issuer named so has: a province's ("Tỉnh …", "Thành phố …"),
    a ministry's ("Bộ …"), none for anyone else."""
    folded = fold(issuer).strip()
    if _PARTY_ISSUER.match(folded):
        return frozenset()  # a Party committee's bodies: `party_body`
    if folded.startswith(("tinh ", "thanh pho ")):
        return PROVINCE_KINDS
    if folded.startswith("bo "):
        return MINISTRY_KINDS
    return frozenset()


def same_side(name: str, issuer: str) -> bool:
    """May `name` be one of the issuer's units as far as Party and State go? A Party
    committee's bodies are units of that committee only; a Party committee has no State
    units ("Sở Tài chính" in a Tỉnh ủy's plan is the province's)."""
    return _is_party_unit_of(name, issuer) is not False


def is_unit_of(name: str, issuer: str) -> bool:
    """Does `name` denote one of the issuer's own units ("Sở Tư pháp" in a plan of Tỉnh
    Lai Châu; "Vụ Pháp chế" in a ministry's; "Ban Tổ chức Tỉnh ủy" in a Tỉnh ủy's, never in
    a People's Committee's)?"""
    party = _is_party_unit_of(name, issuer)
    if party is not None:
        return party
    kinds = issuer_unit_kinds(issuer)
    return bool(kinds) and classify_unit_name(name) in kinds


# Abbreviations of the fields in departments' names, as plans write them ("Sở KH&CN" for
# "Sở Khoa học và Công nghệ", 144/KH-UBND writes both): one department, one unit. Keys and
# values are in `normalise_name`'s form (folded, "&" spaced).
_FIELD_ABBREVIATIONS: dict[str, str] = {
    "kh & cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "tt & tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "gd & dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "kh & dt": "ke hoach va dau tu",
    "khdt": "ke hoach va dau tu",
    "tn & mt": "tai nguyen va moi truong",
    "tnmt": "tai nguyen va moi truong",
    "nn & ptnt": "nong nghiep va phat trien nong thon",
    "nn & mt": "nong nghiep va moi truong",
    "ld-tb & xh": "lao dong - thuong binh va xa hoi",
    "ldtbxh": "lao dong - thuong binh va xa hoi",
    "vh,tt & dl": "van hoa, the thao va du lich",
    "vh, tt & dl": "van hoa, the thao va du lich",
    "vhttdl": "van hoa, the thao va du lich",
    "gtvt": "giao thong van tai",
}
_ABBREVIATION = re.compile(
    r"(?<![\w&,-])("
    + "|".join(re.escape(k) for k in sorted(_FIELD_ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w&,-])"
)


def unit_name_key(normalised: str) -> str:
    """A unit's name in `normalise_name`'s form with the fields' abbreviations written out,
    to compare names as written: "so kh & cn" → "so khoa hoc va cong nghe"."""
    return _ABBREVIATION.sub(lambda m: _FIELD_ABBREVIATIONS[m.group(1)], normalised)
