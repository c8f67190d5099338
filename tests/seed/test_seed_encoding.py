"""The bundled seed programmes checked against their source texts, clause by clause.

Pure Python: no database. The expected assignments of 50/NQ-CP section II are written
by hand from the document, not derived from the JSON.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "lotrinh" / "programmes" / "data"
AGENCIES_CSV = Path("/work/shared/data/agencies_2020.csv")

# Bodies outside agencies_2020.csv that the registry adds (exact spellings).
EXTRA_BODIES = {
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Tuyên giáo Trung ương",
    "Ban Kinh tế Trung ương",
    "Ban Cơ yếu Chính phủ",
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc Việt Nam",
    "Ban cán sự đảng Chính phủ",
    "Đảng đoàn Quốc hội",
}

# Agencies as written in 50/NQ-CP.
TTTT = "Bộ Thông tin và Truyền thông"
KHCN = "Bộ Khoa học và Công nghệ"
KHDT = "Bộ Kế hoạch và Đầu tư"
TC = "Bộ Tài chính"
CA = "Bộ Công an"
QP = "Bộ Quốc phòng"
NHNN = "Ngân hàng Nhà nước Việt Nam"
LDTBXH = "Bộ Lao động - Thương binh và Xã hội"
XD = "Bộ Xây dựng"
TP = "Bộ Tư pháp"
TNMT = "Bộ Tài nguyên và Môi trường"
CT = "Bộ Công Thương"
GTVT = "Bộ Giao thông vận tải"
BCY = "Ban Cơ yếu Chính phủ"
GDDT = "Bộ Giáo dục và Đào tạo"
NG = "Bộ Ngoại giao"
NNPTNT = "Bộ Nông nghiệp và Phát triển nông thôn"
YT = "Bộ Y tế"
VHTTDL = "Bộ Văn hoá, Thể thao và Du lịch"
NV = "Bộ Nội vụ"
BTG = "Ban Tuyên giáo Trung ương"
MTTQ = "Uỷ ban Trung ương Mặt trận Tổ quốc Việt Nam"
UB_HN = "Uỷ ban nhân dân Thành phố Hà Nội"
UB_HCM = "Uỷ ban nhân dân Thành phố Hồ Chí Minh"
UB_DN = "Uỷ ban nhân dân Thành phố Đà Nẵng"

ALL = "all_ministries_agencies_provinces"
REL_AG = "related_agencies"
REL_BOD = "related_bodies"
REL_PROV = "related_provinces"
REL_AGPROV = "related_agencies_provinces"

# ref: (lead, coordinating, {(generic, role)}) — read from the document.
E = frozenset
EXPECTED_50: dict[str, tuple[set[str], set[str], frozenset[tuple[str, str]]]] = {
    "II.1.a": (set(), set(), E({(ALL, "lead")})),
    "II.1.b": ({TTTT}, {CA, KHCN, BTG, MTTQ}, E({(ALL, "coordinating")})),
    "II.2.a.1": (set(), set(), E({(ALL, "lead")})),
    "II.2.a.2": (set(), set(), E({(ALL, "lead")})),
    "II.2.a.3": (set(), set(), E({(ALL, "lead")})),
    "II.2.b.1": ({KHDT}, {TC}, E({(REL_AG, "coordinating")})),
    "II.2.b.2": ({KHDT}, {KHCN}, E()),
    "II.2.c.1": ({TTTT}, set(), E()),
    "II.2.c.2": ({TTTT}, set(), E()),
    "II.2.c.3": ({TTTT}, set(), E()),
    "II.2.d.1": ({KHCN}, set(), E()),
    "II.2.d.2": ({KHCN}, set(), E()),
    "II.2.đ.1": ({TC}, {NHNN}, E({(REL_BOD, "coordinating")})),
    "II.2.đ.2": ({TC}, {KHDT, TTTT}, E({(REL_BOD, "coordinating")})),
    "II.2.e": ({LDTBXH}, set(), E()),
    "II.2.g": ({XD, CA, TTTT, KHCN}, set(), E({(REL_PROV, "lead")})),
    "II.2.h": ({TP}, set(), E()),
    "II.2.i": ({TNMT}, set(), E()),
    "II.3.a.1": ({TTTT}, set(), E()),
    "II.3.a.2": ({TTTT}, set(), E({(ALL, "coordinating"), (REL_BOD, "coordinating")})),
    "II.3.a.3": ({TTTT}, set(), E()),
    "II.3.b": ({KHCN}, set(), E()),
    "II.3.c": ({NHNN}, {TC}, E({(REL_AG, "coordinating")})),
    "II.3.d": ({CT, GTVT}, set(), E()),
    "II.3.đ.1": ({TTTT, QP, CA, BCY}, set(), E({(REL_BOD, "lead")})),
    "II.3.đ.2": ({TTTT, QP, CA, BCY}, set(), E({(REL_BOD, "lead")})),
    "II.3.đ.3": ({TTTT, QP, CA, BCY}, set(), E({(REL_BOD, "lead")})),
    "II.3.đ.4": ({TTTT, QP, CA, BCY}, set(), E({(REL_BOD, "lead")})),
    "II.3.đ.5": ({TTTT, QP, CA, BCY}, set(), E({(REL_BOD, "lead")})),
    "II.3.e": ({TNMT}, set(), E({(REL_AGPROV, "coordinating")})),
    "II.4.a.1": ({KHCN}, set(), E()),
    "II.4.a.2": ({KHCN}, {KHDT, TC}, E()),
    "II.4.a.3": ({KHCN}, set(), E()),
    "II.4.a.4": ({KHCN}, {KHDT, TC}, E()),
    "II.4.a.5": ({KHCN}, set(), E({(REL_AG, "coordinating")})),
    "II.4.a.6": ({KHCN}, set(), E({(REL_BOD, "coordinating")})),
    "II.4.a.7": ({KHCN}, set(), E()),
    "II.4.a.8": ({KHCN}, {UB_HN, UB_HCM, UB_DN}, E()),
    "II.4.a.9": ({KHCN}, set(), E()),
    "II.4.a.10": ({KHCN}, set(), E()),
    "II.4.a.11": ({KHCN}, set(), E()),
    "II.4.a.12": ({KHCN}, set(), E()),
    "II.4.a.13": ({KHCN}, {KHDT, TTTT}, E()),
    "II.4.b.1": ({KHDT}, {KHCN}, E({(REL_BOD, "coordinating")})),
    "II.4.b.2": ({KHDT}, set(), E()),
    "II.5.a.1": ({TTTT}, set(), E()),
    "II.5.a.2": ({TTTT}, {GDDT}, E({(REL_AGPROV, "coordinating")})),
    "II.5.b.1": ({GDDT}, {TTTT, LDTBXH}, E({(REL_AGPROV, "coordinating")})),
    "II.5.b.2": ({GDDT}, {KHCN}, E()),
    "II.5.b.3": ({GDDT}, {TTTT, LDTBXH}, E({(REL_AGPROV, "coordinating")})),
    "II.5.c.1": ({LDTBXH}, {TTTT}, E({(REL_AG, "coordinating")})),
    "II.5.c.2": ({LDTBXH}, {TTTT}, E({(REL_AG, "coordinating")})),
    "II.5.d.1": ({CA}, {GDDT}, E()),
    "II.5.d.2": ({CA}, set(), E({(REL_AG, "coordinating")})),
    "II.5.d.3": ({CA}, {TTTT}, E({(REL_AG, "coordinating")})),
    "II.5.đ.1": ({KHCN}, {NG}, E()),
    "II.5.đ.2": ({KHCN}, {GDDT}, E()),
    "II.6.a": ({TTTT, CA, TC, NNPTNT, CT, YT, VHTTDL}, set(), E()),
    "II.6.b": ({KHCN}, set(), E()),
    "II.6.c": ({YT}, set(), E()),
    "II.7.a.1": ({KHDT}, {KHCN}, E()),
    "II.7.a.2": ({KHDT}, {TC, TTTT, NHNN}, E()),
    "II.7.b.1": ({NG}, set(), E()),
    "II.7.b.2": ({NG}, {KHCN}, E({(REL_AG, "coordinating")})),
    "II.7.c": ({KHCN}, {NG}, E()),
    "II.8.a": (set(), set(), E({(ALL, "lead")})),
    "II.8.b": ({TTTT}, set(), E()),
    "II.8.c": ({NV}, set(), E({(REL_BOD, "coordinating")})),
}

EXPECTED_50_COUNTS = {
    "II.1": 2,
    "II.2": 16,
    "II.3": 12,
    "II.4": 15,
    "II.5": 12,
    "II.6": 3,
    "II.7": 5,
    "II.8": 3,
}
EXPECTED_52_COUNTS = {
    "3.1": 4,
    "3.2": 9,
    "3.3": 5,
    "3.4": 4,
    "3.5": 4,
    "3.6": 3,
    "3.7": 3,
    "3.8": 3,
    "4": 5,
}


def norm(text: str) -> str:
    """NFC and whitespace collapsed: the only normalisation the checks allow."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


_TONE_PAIRS = [
    ("óa", "oá"),
    ("òa", "oà"),
    ("ỏa", "oả"),
    ("õa", "oã"),
    ("ọa", "oạ"),
    ("óe", "oé"),
    ("òe", "oè"),
    ("ủy", "uỷ"),
    ("úy", "uý"),
    ("ùy", "uỳ"),
    ("ũy", "uỹ"),
    ("ụy", "uỵ"),
]


def tone(name: str) -> str:
    """Same name whatever the tone placement (Uỷ/Ủy, hoá/hóa)."""
    out = unicodedata.normalize("NFC", name).lower()
    for old, new in _TONE_PAIRS:
        out = out.replace(old, new)
    return out


@cache
def load(code: str) -> dict[str, Any]:
    with open(DATA / f"{code}.json", encoding="utf-8") as fh:
        return json.load(fh)


@cache
def source(code: str) -> str:
    return (DATA / "sources" / f"{code}.txt").read_text(encoding="utf-8")


@cache
def known_agencies() -> frozenset[str]:
    names = {tone(n) for n in EXTRA_BODIES}
    if AGENCIES_CSV.exists():
        with open(AGENCIES_CSV, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                names.add(tone(row["name_vi"]))
                if row["category"].startswith(("tỉnh", "thành phố")):
                    names.add(tone("Uỷ ban nhân dân " + row["name_vi"]))
    return frozenset(names)


def plain_source(code: str) -> str:
    """The source with its markdown emphasis removed (the study notes use ** and *)."""
    return norm(source(code).replace("**", "").replace("*", ""))


CODES = ["50-NQ-CP", "52-NQ-TW"]


@pytest.mark.parametrize("code", CODES)
def test_sources_are_the_seed_texts(code: str) -> None:
    seeds = {"50-NQ-CP": "003_069947242823ce1b.txt", "52-NQ-TW": "000_de95addf6808ac0d.txt"}
    seed = Path("/work/shared/seeds") / seeds[code]
    if not seed.exists():
        pytest.skip("shared seeds not available here")
    assert source(code) == seed.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", CODES)
def test_clauses_follow_the_text_in_reading_order(code: str) -> None:
    text = plain_source(code)
    pos = 0
    for clause in load(code)["clauses"]:
        piece = norm(clause["text"])
        found = text.find(piece, pos)
        assert found >= 0, f"{clause['ref']} not found verbatim after position {pos}"
        pos = found + len(piece)


@pytest.mark.parametrize("code", CODES)
def test_every_task_text_is_its_clause_text_and_in_the_source(code: str) -> None:
    data = load(code)
    clauses = {c["ref"]: c for c in data["clauses"]}
    text = plain_source(code)
    for task in data["tasks"]:
        assert norm(task["text"]) in text, task["ref"]
        clause_text = norm(clauses[task["ref"]]["text"])
        assert norm(task["text"]) in clause_text, task["ref"]


@pytest.mark.parametrize("code", CODES)
def test_refs_unique_and_tasks_and_groups_have_clauses(code: str) -> None:
    data = load(code)
    refs = [c["ref"] for c in data["clauses"]]
    assert len(refs) == len(set(refs))
    clause_refs = set(refs)
    for c in data["clauses"]:
        assert c["parent"] is None or c["parent"] in clause_refs, c["ref"]
    task_refs = [t["ref"] for t in data["tasks"]]
    assert len(task_refs) == len(set(task_refs))
    group_refs = {g["ref"] for g in data["task_groups"]}
    assert group_refs <= clause_refs
    for task in data["tasks"]:
        assert task["ref"] in clause_refs, task["ref"]
        assert task["group"] in group_refs, task["ref"]
        assert task["ref"].startswith(task["group"] + "."), task["ref"]
    for goal in data.get("goals", []):
        assert goal["ref"] in clause_refs
    for target in data.get("targets", []):
        assert target["clause"] in clause_refs
    for regime in data.get("reporting_regimes", []):
        assert regime["clause"] in clause_refs


@pytest.mark.parametrize("code", CODES)
def test_agency_names_are_known_to_the_registry(code: str) -> None:
    if not AGENCIES_CSV.exists():
        pytest.skip("shared agency list not available here")
    data = load(code)
    known = known_agencies()
    used = {n for t in data["tasks"] for n in t["lead"] + t["coordinating"]}
    for regime in data["reporting_regimes"]:
        used.update(regime["reporters"].get("agencies", []))
        if regime.get("recipient"):
            used.add(regime["recipient"])
    assert {n for n in used if tone(n) not in known} == set()


def test_50_section_ii_assignments_match_the_document() -> None:
    tasks = {t["ref"]: t for t in load("50-NQ-CP")["tasks"]}
    assert set(tasks) == set(EXPECTED_50)
    for ref, (lead, coordinating, generics) in EXPECTED_50.items():
        task = tasks[ref]
        assert set(task["lead"]) == lead, ref
        assert len(task["lead"]) == len(lead), ref
        assert set(task["coordinating"]) == coordinating, ref
        got = {(a["generic"], a["role"]) for a in task["addressees"]}
        assert got == generics, ref
        for addressee in task["addressees"]:
            assert norm(addressee["text"]) in norm(task["text"]) or norm(
                addressee["text"]
            ) in plain_source("50-NQ-CP"), ref


def test_50_task_counts_per_group() -> None:
    counts = Counter(t["group"] for t in load("50-NQ-CP")["tasks"])
    assert counts == EXPECTED_50_COUNTS
    assert sum(counts.values()) == 68


def _section_ii_lines() -> list[str]:
    lines = source("50-NQ-CP").splitlines()
    start = next(i for i, s in enumerate(lines) if s.startswith("II. NHIỆM VỤ"))
    end = next(i for i, s in enumerate(lines) if s.startswith("III. TỔ CHỨC"))
    return lines[start + 1 : end]


def test_50_every_dash_bullet_of_section_ii_is_a_task() -> None:
    bullets = [norm(s[2:]) for s in _section_ii_lines() if s.startswith("- ")]
    assert len(bullets) == 51
    texts = [norm(t["text"]) for t in load("50-NQ-CP")["tasks"]]
    for bullet in bullets:
        assert bullet in texts, bullet[:60]


def test_50_lettered_items_without_bullets_are_tasks() -> None:
    lines = _section_ii_lines()
    tasks = {t["ref"]: t for t in load("50-NQ-CP")["tasks"]}
    item = ""
    for i, line in enumerate(lines):
        if m := re.match(r"^(\d)\. ", line):
            item = m.group(1)
        elif m := re.match(r"^([a-zđ])\) ?(.*)$", line):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            ref = f"II.{item}.{m.group(1)}"
            if nxt.startswith("- "):
                assert ref not in tasks, ref
            else:
                assert norm(tasks[ref]["text"]).startswith(norm(m.group(2))), ref


def test_50_unmarked_paragraph_continues_its_task() -> None:
    task = next(t for t in load("50-NQ-CP")["tasks"] if t["ref"] == "II.1.b")
    first, second = task["text"].split("\n")
    assert first.startswith("Bộ Thông tin và Truyền thông chủ trì")
    assert second.startswith("Nâng cao hiệu quả và đưa công tác tuyên truyền")


def test_50_recurrence_deadline_and_output() -> None:
    tasks = {t["ref"]: t for t in load("50-NQ-CP")["tasks"]}
    assert tasks["II.1.a"]["recurrence"] == "ongoing"
    assert [r for r, t in tasks.items() if t.get("recurrence")] == ["II.1.a"]
    # Section II gives no deadline and no named product for any task.
    assert all(t.get("deadline") is None for t in tasks.values())
    assert all(t.get("output") is None for t in tasks.values())


def test_50_structure_and_programme() -> None:
    data = load("50-NQ-CP")
    refs = [c["ref"] for c in data["clauses"]]
    for ref in ["I", "I.1", "I.2", "II", "III", "III.1", "III.2", "III.3", "III.4"]:
        assert ref in refs
    assert refs[-1] == "PL" and data["clauses"][-1]["text"].startswith("DANH MỤC")
    assert "DANH MỤC" in data["programme"]["note"]
    assert refs[0] == "preamble.1" and data["clauses"][0]["text"] == "NGHỊ QUYẾT"
    programme = data["programme"]
    assert (programme["code"], programme["issue_date"], programme["implements"]) == (
        "50/NQ-CP",
        "2020-04-17",
        "52-NQ/TW",
    )


def test_50_groups_implement_the_matching_52_group() -> None:
    groups_52 = {g["ref"]: g for g in load("52-NQ-TW")["task_groups"]}
    groups_50 = load("50-NQ-CP")["task_groups"]
    assert [g["ref"] for g in groups_50] == [f"II.{n}" for n in range(1, 9)]
    clauses = {c["ref"]: c for c in load("50-NQ-CP")["clauses"]}
    for group in groups_50:
        n = group["ref"].split(".")[1]
        assert group["implements"] == f"3.{n}"
        assert group["implements"] in groups_52
        assert norm(group["title"]) == norm(clauses[group["ref"]]["text"])


def test_52_has_eight_main_tasks_and_the_organisation_group() -> None:
    data = load("52-NQ-TW")
    groups = [g["ref"] for g in data["task_groups"]]
    assert groups == [f"3.{n}" for n in range(1, 9)] + ["4"]
    counts = Counter(t["group"] for t in data["tasks"])
    assert counts == EXPECTED_52_COUNTS
    for task in data["tasks"]:
        if task["group"] != "4":
            assert task["lead"] == task["coordinating"] == task["addressees"] == []


def test_52_every_plus_item_is_a_task_of_its_group() -> None:
    tasks = {t["ref"]: t for t in load("52-NQ-TW")["tasks"]}
    group, ordinal = 0, 0
    seen = 0
    for line in source("52-NQ-TW").splitlines():
        if re.match(r"^- \*{1,2}Nhiệm vụ thứ", line):
            group, ordinal = group + 1, 0
        elif line.startswith("+ ") and group:
            ordinal += 1
            seen += 1
            task = tasks[f"3.{group}.{ordinal}"]
            assert norm(task["text"]).startswith(norm(line[2:])), task["ref"]
    assert seen == 35


def test_52_goals_and_targets() -> None:
    data = load("52-NQ-TW")
    assert [(g["ref"], g["horizon"]) for g in data["goals"]] == [
        ("2.general", "general"),
        ("2.2025", "2025"),
        ("2.2030", "2030"),
        ("2.2045", "2045"),
    ]
    got = {
        (t["indicator"], t["year"]): (
            t["comparator"],
            t["value"],
            t.get("group"),
            t.get("period_start"),
            t["clause"],
        )
        for t in data["targets"]
    }
    assert got == {
        ("GII_ASEAN_POSITION", 2025): ("top", 3, "ASEAN", None, "2.2025"),
        ("GII_RANK_WORLD", 2030): ("top", 40, "WORLD", None, "2.2030"),
        ("BROADBAND_COMMUNE_COVERAGE", 2025): ("gte", 100, None, None, "2.2025"),
        ("DIGITAL_ECONOMY_SHARE_GDP", 2025): ("approx", 20, None, None, "2.2025"),
        ("DIGITAL_ECONOMY_SHARE_GDP", 2030): ("gt", 30, None, None, "2.2030"),
        ("LABOUR_PRODUCTIVITY_GROWTH", 2025): ("gt", 7, None, 2021, "2.2025"),
        ("LABOUR_PRODUCTIVITY_GROWTH", 2030): ("approx", 7.5, None, 2026, "2.2030"),
        ("EGOV_ASEAN_POSITION", 2025): ("top", 4, "ASEAN", None, "2.2025"),
        ("SMART_CITIES_COUNT", 2025): ("gte", 3, None, None, "2.2025"),
        ("MOBILE_5G_NATIONWIDE", 2030): ("reached", None, None, None, "2.2030"),
        # The qualitative goals made checkable (issue 13; rules in docs/progress-method.md).
        ("DIGITAL_INFRA_ASEAN_POSITION", 2025): ("top", 4, "ASEAN", None, "2.2025"),
        ("PARTY_STATE_DX_TASKS", 2025): ("gte", 80, None, None, "2.2025"),
        ("BROADBAND_AFFORDABILITY", 2030): ("lte", 2, None, None, "2.2030"),
        ("DIGITAL_GOVERNMENT_TASKS", 2030): ("gte", 100, None, None, "2.2030"),
        ("SMART_CITY_CHAINS", 2030): ("reached", None, None, None, "2.2030"),
        ("SMART_CITY_NETWORK", 2030): ("reached", None, None, None, "2.2030"),
        ("VISION_SMART_HUB", 2045): ("reached", None, None, None, "2.2045"),
        ("VISION_INNOVATION_HUB_ASIA", 2045): ("reached", None, None, None, "2.2045"),
        ("VISION_HIGH_PRODUCTIVITY", 2045): ("reached", None, None, None, "2.2045"),
        ("VISION_TECH_MASTERY", 2045): ("reached", None, None, None, "2.2045"),
    }
    clauses = {c["ref"]: norm(c["text"]) for c in data["clauses"]}
    codes = [t["code"] for t in data["targets"]]
    assert len(codes) == len(set(codes))
    for target in data["targets"]:
        # A target that starts a sentence of its own may capitalise the clause's words.
        text = norm(target["text"])
        assert text in clauses[target["clause"]] or (
            text[:1].lower() + text[1:] in clauses[target["clause"]]
        ), target["code"]


def test_52_organisation_section() -> None:
    tasks = {t["ref"]: t for t in load("52-NQ-TW")["tasks"]}

    def generics(ref: str) -> set[tuple[str, str]]:
        return {(a["generic"], a["role"]) for a in tasks[ref]["addressees"]}

    assert tasks["4.1"]["lead"] == ["Ban cán sự đảng Chính phủ"] and not generics("4.1")
    assert tasks["4.2"]["lead"] == ["Đảng đoàn Quốc hội"] and not generics("4.2")
    assert tasks["4.3"]["lead"] == [] and generics("4.3") == {("party_committees", "lead")}
    assert tasks["4.4"]["lead"] == ["Mặt trận Tổ quốc Việt Nam"]
    assert generics("4.4") == {("socio_political_organisations", "lead")}
    assert tasks["4.5"]["lead"] == ["Ban Kinh tế Trung ương"]
    assert tasks["4.5"]["coordinating"] == []
    assert generics("4.5") == {("related_bodies", "coordinating")}


def test_52_page_breaks_are_joined() -> None:
    clauses = {c["ref"]: c["text"] for c in load("52-NQ-TW")["clauses"]}
    assert "nguồn lực bên ngoài là quan trọng, đột phá" in clauses["1.4"]
    assert "phạm vi không gian và thời gian thử nghiệm" in clauses["3.2.2"]
    assert "báo cáo cấp uỷ cấp trên về việc thực hiện Nghị quyết." in clauses["4.3"]
    programme = load("52-NQ-TW")["programme"]
    assert (programme["code"], programme["kind"], programme["issuer"], programme["issue_date"]) == (
        "52-NQ/TW",
        "party_resolution",
        "Bộ Chính trị",
        "2019-09-27",
    )
    assert "116-HD/BTGTW" in programme["source"]


def test_reporting_regimes() -> None:
    r50 = {r["code"]: r for r in load("50-NQ-CP")["reporting_regimes"]}
    most = "Bộ Khoa học và Công nghệ"
    assert r50["implementation-plan"]["clause"] == "III.1"
    assert r50["implementation-plan"]["reporters"] == {"generic": ALL}
    assert r50["implementation-plan"]["frequency"] == "once"
    assert r50["implementation-plan"]["deadline"] == {"date": "2020-06-01", "before": True}
    annual = r50["annual-report"]
    assert (annual["clause"], annual["reporters"], annual["recipient"], annual["frequency"]) == (
        "III.2",
        {"generic": ALL},
        most,
        "annual",
    )
    assert annual["deadline"] == {"month": 12, "day": 1, "before": True}
    assert annual["cutoff"] == {"start": "12-01", "end": "11-30"}
    assert annual["first_year"] == 2020
    cons = r50["consolidated-report"]
    assert (cons["clause"], cons["reporters"], cons["recipient"], cons["frequency"]) == (
        "III.3",
        {"agencies": [most]},
        "Chính phủ",
        "annual",
    )
    assert cons["deadline"] == {"month": 12, "day": 31, "before": False}
    amend = r50["amendment-proposal"]
    assert (amend["clause"], amend["reporters"], amend["recipient"], amend["frequency"]) == (
        "III.4",
        {"generic": ALL},
        most,
        "on_demand",
    )
    r52 = {r["code"]: r for r in load("52-NQ-TW")["reporting_regimes"]}
    party = r52["party-committee-report"]
    assert (party["clause"], party["reporters"], party["recipient"]) == (
        "4.3",
        {"generic": "party_committees"},
        None,
    )
    assert party["recipient_text"] == "cấp uỷ cấp trên"
    sup = r52["supervision"]
    assert (sup["clause"], sup["reporters"], sup["recipient"], sup["frequency"]) == (
        "4.5",
        {"agencies": ["Ban Kinh tế Trung ương"]},
        "Bộ Chính trị",
        "periodic",
    )
