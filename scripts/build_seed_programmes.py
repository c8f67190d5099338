"""Build the bundled programme files from the seed texts and a hand-checked assignment table.

The texts (`lotrinh/programmes/data/sources/*.txt`) are split into clauses by their
outline markers (this is mechanical); who leads and who coordinates each task is the
hand-checked table below (this is judgement, read from the document clause by clause).
Run: `.venv/bin/python scripts/build_seed_programmes.py` — it rewrites
`lotrinh/programmes/data/50-NQ-CP.json` and `52-NQ-TW.json`; commit both.
"""

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "lotrinh" / "programmes" / "data"
FORMAT = "lotrinh.programme/1"

# Names as the document writes them.
MIC = "Bộ Thông tin và Truyền thông"
MOST = "Bộ Khoa học và Công nghệ"
MPI = "Bộ Kế hoạch và Đầu tư"
MOF = "Bộ Tài chính"
MPS = "Bộ Công an"
MOET = "Bộ Giáo dục và Đào tạo"
MOLISA = "Bộ Lao động - Thương binh và Xã hội"
MOFA = "Bộ Ngoại giao"
SBV = "Ngân hàng Nhà nước Việt Nam"

ALL = ("all_ministries_agencies_provinces", "các bộ, ngành, địa phương")
RELATED_AGENCIES = ("related_agencies", "các bộ, ngành liên quan")
RELATED_BODIES = ("related_bodies", "các cơ quan liên quan")

# ref → (lead, coordinating, [(generic code, role, text as written)], recurrence, note)
ASSIGNMENTS_50: dict[
    str, tuple[list[str], list[str], list[tuple[str, str, str]], str | None, str]
] = {
    "II.1.a": (
        [],
        [],
        [("all_ministries_agencies_provinces", "lead", "Các bộ, ngành, địa phương")],
        "ongoing",
        "“coi đây là nhiệm vụ thường xuyên”",
    ),
    "II.1.b": (
        [MIC],
        [MPS, MOST, "Ban Tuyên giáo Trung ương", "Uỷ ban Trung ương Mặt trận Tổ quốc Việt Nam"],
        [(ALL[0], "coordinating", ALL[1])],
        None,
        "The unmarked second paragraph continues the task.",
    ),
    "II.2.a.1": (
        [],
        [],
        [("all_ministries_agencies_provinces", "lead", "Các bộ, ngành, địa phương")],
        None,
        "",
    ),
    "II.2.a.2": (
        [],
        [],
        [("all_ministries_agencies_provinces", "lead", "Các bộ, ngành, địa phương")],
        None,
        "",
    ),
    "II.2.a.3": (
        [],
        [],
        [("all_ministries_agencies_provinces", "lead", "Các bộ, ngành, địa phương")],
        None,
        "",
    ),
    "II.2.b.1": (
        [MPI],
        [MOF],
        [(RELATED_AGENCIES[0], "coordinating", RELATED_AGENCIES[1])],
        None,
        "Heading: “Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính và các bộ, ngành liên quan”.",
    ),
    "II.2.b.2": (
        [MPI],
        [MOST],
        [],
        None,
        "The bullet's own “Chủ trì, phối hợp với” replaces the heading's coordinating agencies.",
    ),
    "II.2.c.1": ([MIC], [], [], None, ""),
    "II.2.c.2": ([MIC], [], [], None, ""),
    "II.2.c.3": ([MIC], [], [], None, ""),
    "II.2.d.1": ([MOST], [], [], None, ""),
    "II.2.d.2": ([MOST], [], [], None, ""),
    "II.2.đ.1": (
        [MOF],
        [SBV],
        [(RELATED_BODIES[0], "coordinating", RELATED_BODIES[1])],
        None,
        "Coordination named in the bullet's second sentence (“Chủ trì, phối hợp Ngân hàng Nhà nước Việt Nam và các cơ quan liên quan”).",
    ),
    "II.2.đ.2": (
        [MOF],
        [MPI, MIC],
        [(RELATED_BODIES[0], "coordinating", RELATED_BODIES[1])],
        None,
        "",
    ),
    "II.2.e": ([MOLISA], [], [], None, ""),
    "II.2.g": (
        ["Bộ Xây dựng", MPS, MIC, MOST],
        [],
        [("related_provinces", "lead", "các địa phương liên quan")],
        None,
        "Agencies named together without “chủ trì” lead jointly.",
    ),
    "II.2.h": (["Bộ Tư pháp"], [], [], None, ""),
    "II.2.i": (["Bộ Tài nguyên và Môi trường"], [], [], None, ""),
    "II.3.a.1": ([MIC], [], [], None, ""),
    "II.3.a.2": (
        [MIC],
        [],
        [(ALL[0], "coordinating", ALL[1]), (RELATED_BODIES[0], "coordinating", RELATED_BODIES[1])],
        None,
        "",
    ),
    "II.3.a.3": ([MIC], [], [], None, ""),
    "II.3.b": ([MOST], [], [], None, ""),
    "II.3.c": (
        [SBV],
        [MOF],
        [(RELATED_AGENCIES[0], "coordinating", RELATED_AGENCIES[1])],
        None,
        "",
    ),
    "II.3.d": (["Bộ Công Thương", "Bộ Giao thông vận tải"], [], [], None, "Joint lead."),
    "II.3.đ.1": (
        [MIC, "Bộ Quốc phòng", MPS, "Ban Cơ yếu Chính phủ"],
        [],
        [("related_bodies", "lead", "các cơ quan có liên quan")],
        None,
        "Heading names four bodies and related bodies together: joint lead.",
    ),
    "II.3.đ.2": (
        [MIC, "Bộ Quốc phòng", MPS, "Ban Cơ yếu Chính phủ"],
        [],
        [("related_bodies", "lead", "các cơ quan có liên quan")],
        None,
        "",
    ),
    "II.3.đ.3": (
        [MIC, "Bộ Quốc phòng", MPS, "Ban Cơ yếu Chính phủ"],
        [],
        [("related_bodies", "lead", "các cơ quan có liên quan")],
        None,
        "“Chủ trì” without a named coordinator keeps the heading's leads; the Government and the Prime Minister only receive (“trình”).",
    ),
    "II.3.đ.4": (
        [MIC, "Bộ Quốc phòng", MPS, "Ban Cơ yếu Chính phủ"],
        [],
        [("related_bodies", "lead", "các cơ quan có liên quan")],
        None,
        "",
    ),
    "II.3.đ.5": (
        [MIC, "Bộ Quốc phòng", MPS, "Ban Cơ yếu Chính phủ"],
        [],
        [("related_bodies", "lead", "các cơ quan có liên quan")],
        None,
        "“đề xuất Chính phủ”: the Government receives the proposal.",
    ),
    "II.3.e": (
        ["Bộ Tài nguyên và Môi trường"],
        [],
        [("related_agencies_provinces", "coordinating", "các bộ ngành, địa phương liên quan")],
        None,
        "",
    ),
    "II.4.a.1": ([MOST], [], [], None, ""),
    "II.4.a.2": ([MOST], [MPI, MOF], [], None, ""),
    "II.4.a.3": ([MOST], [], [], None, ""),
    "II.4.a.4": ([MOST], [MPI, MOF], [], None, ""),
    "II.4.a.5": (
        [MOST],
        [],
        [(RELATED_AGENCIES[0], "coordinating", RELATED_AGENCIES[1])],
        None,
        "",
    ),
    "II.4.a.6": ([MOST], [], [(RELATED_BODIES[0], "coordinating", RELATED_BODIES[1])], None, ""),
    "II.4.a.7": ([MOST], [], [], None, ""),
    "II.4.a.8": (
        [MOST],
        [
            "Uỷ ban nhân dân Thành phố Hà Nội",
            "Uỷ ban nhân dân Thành phố Hồ Chí Minh",
            "Uỷ ban nhân dân Thành phố Đà Nẵng",
        ],
        [],
        None,
        "“Phối hợp Uỷ ban nhân dân Thành phố Hà Nội, Thành phố Hồ Chí Minh, Thành phố Đà Nẵng” names three people's committees; the heading agency leads.",
    ),
    "II.4.a.9": ([MOST], [], [], None, ""),
    "II.4.a.10": ([MOST], [], [], None, ""),
    "II.4.a.11": ([MOST], [], [], None, ""),
    "II.4.a.12": ([MOST], [], [], None, ""),
    "II.4.a.13": ([MOST], [MPI, MIC], [], None, ""),
    "II.4.b.1": ([MPI], [MOST], [(RELATED_BODIES[0], "coordinating", RELATED_BODIES[1])], None, ""),
    "II.4.b.2": ([MPI], [], [], None, ""),
    "II.5.a.1": ([MIC], [], [], None, ""),
    "II.5.a.2": (
        [MIC],
        [MOET],
        [("related_agencies_provinces", "coordinating", "các bộ, ngành, địa phương liên quan")],
        None,
        "",
    ),
    "II.5.b.1": (
        [MOET],
        [MIC, MOLISA],
        [("related_agencies_provinces", "coordinating", "các bộ, ngành, địa phương liên quan")],
        None,
        "Heading: “Bộ Giáo dục và Đào tạo chủ trì, phối hợp với …”.",
    ),
    "II.5.b.2": ([MOET], [MOST], [], None, ""),
    "II.5.b.3": (
        [MOET],
        [MIC, MOLISA],
        [("related_agencies_provinces", "coordinating", "các bộ, ngành, địa phương liên quan")],
        None,
        "",
    ),
    "II.5.c.1": (
        [MOLISA],
        [MIC],
        [(RELATED_AGENCIES[0], "coordinating", RELATED_AGENCIES[1])],
        None,
        "",
    ),
    "II.5.c.2": (
        [MOLISA],
        [MIC],
        [(RELATED_AGENCIES[0], "coordinating", RELATED_AGENCIES[1])],
        None,
        "",
    ),
    "II.5.d.1": ([MPS], [MOET], [], None, ""),
    "II.5.d.2": (
        [MPS],
        [],
        [("related_agencies", "coordinating", "các bộ, ngành có liên quan")],
        None,
        "",
    ),
    "II.5.d.3": (
        [MPS],
        [MIC],
        [(RELATED_AGENCIES[0], "coordinating", RELATED_AGENCIES[1])],
        None,
        "",
    ),
    "II.5.đ.1": ([MOST], [MOFA], [], None, ""),
    "II.5.đ.2": ([MOST], [MOET], [], None, ""),
    "II.6.a": (
        [
            MIC,
            MPS,
            MOF,
            "Bộ Nông nghiệp và Phát triển nông thôn",
            "Bộ Công Thương",
            "Bộ Y tế",
            "Bộ Văn hoá, Thể thao và Du lịch",
        ],
        [],
        [],
        None,
        "Seven ministries named together, each “theo phạm vi chức năng”: joint lead.",
    ),
    "II.6.b": ([MOST], [], [], None, ""),
    "II.6.c": (["Bộ Y tế"], [], [], None, ""),
    "II.7.a.1": ([MPI], [MOST], [], None, ""),
    "II.7.a.2": ([MPI], [MOF, MIC, SBV], [], None, ""),
    "II.7.b.1": ([MOFA], [], [], None, ""),
    "II.7.b.2": (
        [MOFA],
        [MOST],
        [(RELATED_AGENCIES[0], "coordinating", RELATED_AGENCIES[1])],
        None,
        "“Phối hợp với” in a bullet under the heading agency: the heading agency leads.",
    ),
    "II.7.c": ([MOST], [MOFA], [], None, ""),
    "II.8.a": (
        [],
        [],
        [("all_ministries_agencies_provinces", "lead", "Các bộ, ngành địa phương")],
        None,
        "Written without the comma (“Các bộ, ngành địa phương”).",
    ),
    "II.8.b": ([MIC], [], [], None, ""),
    "II.8.c": (
        ["Bộ Nội vụ"],
        [],
        [(RELATED_BODIES[0], "coordinating", RELATED_BODIES[1])],
        None,
        "",
    ),
}

ROMAN = re.compile(r"^(I|II|III|IV|V|VI)\. (.*)$")
ARABIC = re.compile(r"^(\d+)\. (.*)$")
LETTER = re.compile(r"^([a-zđ])\) (.*)$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clause(ref, kind, label, text, parent):
    return {"ref": ref, "kind": kind, "label": label, "text": text.strip(), "parent": parent}


def build_50() -> dict:
    lines = nfc((DATA / "sources" / "50-NQ-CP.txt").read_text(encoding="utf-8")).split("\n")
    clauses: list[dict] = []
    section = item = letter = None
    bullets = 0
    preamble = 0
    in_appendix = False
    for raw in lines:
        line = raw.strip()
        if not line or set(line) <= {"_"}:
            continue
        if line.startswith("DANH MỤC") and section == "III":
            in_appendix = True
            clauses.append(clause("PL", "heading", "", line, None))
            continue
        if in_appendix:
            clauses[-1]["text"] += "\n" + line
            continue
        m = ROMAN.match(line)
        if m:
            section, item, letter = m.group(1), None, None
            clauses.append(clause(section, "section", f"{section}.", m.group(2), None))
            continue
        if section is None:
            preamble += 1
            clauses.append(clause(f"preamble.{preamble}", "paragraph", "", line, None))
            continue
        m = ARABIC.match(line)
        if m:
            item, letter = f"{section}.{m.group(1)}", None
            clauses.append(clause(item, "item", f"{m.group(1)}.", m.group(2), section))
            continue
        m = LETTER.match(line) or (re.match(r"^(a)\) ?(.*)$", line) if False else None)
        if m and section == "II":
            letter, bullets = f"{item}.{m.group(1)}", 0
            clauses.append(clause(letter, "letter", f"{m.group(1)})", m.group(2), item))
            continue
        if line.startswith("- ") and letter:
            bullets += 1
            clauses.append(clause(f"{letter}.{bullets}", "bullet", "-", line[2:], letter))
            continue
        # An unmarked paragraph continues the clause before it.
        clauses[-1]["text"] += "\n" + line
    # "a) Bộ Khoa học và Công nghệ" (II.4.a) has no closing colon: nothing special needed.

    groups = [
        {"ref": c["ref"], "title": c["text"], "implements": c["ref"].replace("II.", "3.")}
        for c in clauses
        if c["kind"] == "item" and c["parent"] == "II"
    ]
    has_children = {c["parent"] for c in clauses}
    tasks = []
    for c in clauses:
        if not c["ref"].startswith("II."):
            continue
        if c["kind"] == "bullet" or (c["kind"] == "letter" and c["ref"] not in has_children):
            lead, coordinating, generic, recurrence, note = ASSIGNMENTS_50[c["ref"]]
            tasks.append(
                {
                    "ref": c["ref"],
                    "group": ".".join(c["ref"].split(".")[:2]),
                    "text": c["text"],
                    "lead": lead,
                    "coordinating": coordinating,
                    "addressees": [{"generic": g, "role": r, "text": t} for g, r, t in generic],
                    "deadline": None,
                    "recurrence": recurrence,
                    "output": None,
                    **({"note": note} if note else {}),
                }
            )
    missing = set(ASSIGNMENTS_50) - {t["ref"] for t in tasks}
    assert not missing, missing
    return {
        "format": FORMAT,
        "programme": {
            "code": "50/NQ-CP",
            "kind": "government_resolution",
            "title": "Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019 của Bộ Chính trị về một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
            "title_en": "Government Action Programme implementing Politburo Resolution 52-NQ/TW of 27 September 2019 on policies for active participation in the Fourth Industrial Revolution",
            "issuer": "Chính phủ",
            "issue_date": "2020-04-17",
            "implements": "52-NQ/TW",
            "source": "Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2020 của Chính phủ (seed text in lotrinh/programmes/data/sources/50-NQ-CP.txt)",
            "note": "The appendix “DANH MỤC ĐỀ ÁN, NHIỆM VỤ …” is announced at the end of the text, but its table is not in the source: its projects are not encoded. Section II tasks give no deadlines or outputs; section III's rules are the reporting regimes.",
        },
        "clauses": clauses,
        "goals": [],
        "targets": [],
        "task_groups": groups,
        "tasks": tasks,
        "reporting_regimes": [
            {
                "code": "implementation-plan",
                "name": "Kế hoạch thực hiện Nghị quyết và Chương trình hành động",
                "clause": "III.1",
                "reporters": {"generic": "all_ministries_agencies_provinces"},
                "recipient": MOST,
                "frequency": "once",
                "deadline": {"date": "2020-06-01", "before": True},
            },
            {
                "code": "annual-report",
                "name": "Báo cáo kết quả thực hiện hằng năm",
                "clause": "III.2",
                "reporters": {"generic": "all_ministries_agencies_provinces"},
                "recipient": MOST,
                "frequency": "annual",
                "deadline": {"month": 12, "day": 1, "before": True},
                "cutoff": {"start": "12-01", "end": "11-30"},
                "first_year": 2020,
            },
            {
                "code": "consolidated-report",
                "name": "Báo cáo tổng hợp trình Chính phủ",
                "clause": "III.3",
                "reporters": {"agencies": [MOST]},
                "recipient": "Chính phủ",
                "frequency": "annual",
                "deadline": {"month": 12, "day": 31, "before": False},
                "first_year": 2020,
            },
            {
                "code": "amendment-proposal",
                "name": "Đề xuất sửa đổi, bổ sung Chương trình hành động",
                "clause": "III.4",
                "reporters": {"generic": "all_ministries_agencies_provinces"},
                "recipient": MOST,
                "frequency": "on_demand",
            },
        ],
    }


def strip_markdown(text: str) -> str:
    text = re.sub(r"^#+\s*", "", text)
    return text.replace("**", "").replace("*", "").strip()


def build_52() -> dict:
    raw = nfc((DATA / "sources" / "52-NQ-TW.txt").read_text(encoding="utf-8"))
    paragraphs = [strip_markdown(re.sub(r"\s+", " ", p)) for p in re.split(r"\n\s*\n", raw)]
    paragraphs = [p for p in paragraphs if p and set(p) - {"-"}]
    # Page breaks of the study notes split a sentence: a paragraph that does not start
    # with a marker or a capital letter continues the one before.
    joined: list[str] = []
    for p in paragraphs:
        if joined and p[0].islower():
            joined[-1] = joined[-1] + " " + p
        else:
            joined.append(p)
    clauses: list[dict] = []
    tasks: list[dict] = []
    groups: list[dict] = []
    goals: list[dict] = []
    section = None
    group = None
    count = 0
    preamble = 0
    ordinals = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám"]
    for p in joined:
        m = re.match(r"^(\d)\. (Về .*)$", p)
        if m:
            section, group, count = m.group(1), None, 0
            clauses.append(clause(section, "section", f"{section}.", m.group(2), None))
            if section == "4":
                group = "4"
                groups.append({"ref": "4", "title": m.group(2), "implements": None})
            continue
        if section is None:
            preamble += 1
            clauses.append(clause(f"preamble.{preamble}", "heading", "", p, None))
            continue
        if section == "1":
            m = re.match(r"^\((\d)\) (.*)$", p)
            clauses.append(
                clause(f"1.{m.group(1)}", "paragraph", f"({m.group(1)})", m.group(2), "1")
            )
            continue
        if section == "2":
            label, _, body = p.partition(":")
            horizon = (
                "general"
                if "tổng quát" in label
                else ("2025" if "2025" in label else "2030" if "2030" in label else "2045")
            )
            ref = f"2.{horizon}"
            clauses.append(clause(ref, "paragraph", label.strip() + ":", body.strip(), "2"))
            goals.append({"ref": ref, "horizon": horizon, "text": body.strip()})
            continue
        if section == "3":
            m = re.match(r"^- Nhiệm vụ thứ (\w+)[.:] ?(.*)$", p)
            if m:
                number = ordinals.index(m.group(1)) + 1
                group, count = f"3.{number}", 0
                clauses.append(clause(group, "item", f"Nhiệm vụ thứ {m.group(1)}", m.group(2), "3"))
                groups.append({"ref": group, "title": m.group(2).rstrip("."), "implements": None})
                continue
            assert p.startswith("+ "), p
            count += 1
            ref = f"{group}.{count}"
            clauses.append(clause(ref, "bullet", "+", p[2:], group))
            tasks.append(
                {
                    "ref": ref,
                    "group": group,
                    "text": p[2:],
                    "lead": [],
                    "coordinating": [],
                    "addressees": [],
                    "deadline": None,
                    "recurrence": None,
                    "output": None,
                }
            )
            continue
        if not p.startswith(("- ", "+ ")):
            # A page break split the item: the unmarked paragraph continues it.
            clauses[-1]["text"] += " " + p
            tasks[-1]["text"] += " " + p
            continue
        if section == "4":
            count += 1
            ref = f"4.{count}"
            text = p[2:]
            clauses.append(clause(ref, "bullet", "-", text, "4"))
            tasks.append({"ref": ref, "group": "4", "text": text, **ORGANISATION_52[ref]})
    return {
        "format": FORMAT,
        "programme": {
            "code": "52-NQ/TW",
            "kind": "party_resolution",
            "title": "Về một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
            "title_en": "On policies for active participation in the Fourth Industrial Revolution",
            "issuer": "Bộ Chính trị",
            "issue_date": "2019-09-27",
            "implements": None,
            "source": "Tài liệu học tập triển khai Nghị quyết số 52-NQ/TW (kèm theo Hướng dẫn số 116-HD/BTGTW ngày 13/01/2020 của Ban Tuyên giáo Trung ương); seed text in lotrinh/programmes/data/sources/52-NQ-TW.txt",
            "note": "Encoded from the study notes, which give the viewpoints, goals, the eight main tasks with their “+” items and the organisation section; not from the resolution's full text. Sentences split by page breaks in the notes are joined.",
        },
        "clauses": clauses,
        "goals": goals,
        "targets": TARGETS_52,
        "task_groups": groups,
        "tasks": tasks,
        "reporting_regimes": [
            {
                "code": "party-committee-report",
                "name": "Báo cáo định kỳ của cấp uỷ lên cấp uỷ cấp trên",
                "clause": "4.3",
                "reporters": {"generic": "party_committees"},
                "recipient": None,
                "recipient_text": "cấp uỷ cấp trên",
                "frequency": "periodic",
            },
            {
                "code": "supervision",
                "name": "Theo dõi, giám sát và báo cáo Bộ Chính trị, Ban Bí thư",
                "clause": "4.5",
                "reporters": {"agencies": ["Ban Kinh tế Trung ương"]},
                "recipient": "Bộ Chính trị",
                "recipient_text": "Bộ Chính trị, Ban Bí thư",
                "frequency": "periodic",
            },
        ],
    }


ORGANISATION_52 = {
    "4.1": {
        "lead": ["Ban cán sự đảng Chính phủ"],
        "coordinating": [],
        "addressees": [],
        "deadline": None,
        "recurrence": None,
        "output": None,
    },
    "4.2": {
        "lead": ["Đảng đoàn Quốc hội"],
        "coordinating": [],
        "addressees": [],
        "deadline": None,
        "recurrence": None,
        "output": None,
    },
    "4.3": {
        "lead": [],
        "coordinating": [],
        "addressees": [
            {
                "generic": "party_committees",
                "role": "lead",
                "text": "Các tỉnh uỷ, thành uỷ, ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc Trung ương",
            }
        ],
        "deadline": None,
        "recurrence": "ongoing",
        "output": None,
    },
    "4.4": {
        "lead": ["Mặt trận Tổ quốc Việt Nam"],
        "coordinating": [],
        "addressees": [
            {
                "generic": "socio_political_organisations",
                "role": "lead",
                "text": "các tổ chức chính trị - xã hội",
            }
        ],
        "deadline": None,
        "recurrence": None,
        "output": None,
    },
    "4.5": {
        "lead": ["Ban Kinh tế Trung ương"],
        "coordinating": [],
        "addressees": [
            {"generic": "related_bodies", "role": "coordinating", "text": "các cơ quan liên quan"}
        ],
        "deadline": None,
        "recurrence": "ongoing",
        "output": None,
    },
}

TARGETS_52 = [
    {
        "code": "gii-asean-2025",
        "indicator": "GII_ASEAN_POSITION",
        "clause": "2.2025",
        "comparator": "top",
        "value": 3,
        "unit": "vị trí",
        "year": 2025,
        "group": "ASEAN",
        "text": "Duy trì xếp hạng về chỉ số đổi mới sáng tạo toàn cầu (GII) thuộc 3 nước dẫn đầu ASEAN",
    },
    {
        "code": "broadband-communes-2025",
        "indicator": "BROADBAND_COMMUNE_COVERAGE",
        "clause": "2.2025",
        "comparator": "gte",
        "value": 100,
        "unit": "% số xã",
        "year": 2025,
        "text": "Internet băng thông rộng phủ 100% các xã",
    },
    {
        "code": "digital-economy-2025",
        "indicator": "DIGITAL_ECONOMY_SHARE_GDP",
        "clause": "2.2025",
        "comparator": "approx",
        "value": 20,
        "unit": "% GDP",
        "year": 2025,
        "text": "Kinh tế số chiếm khoảng 20% GDP",
    },
    {
        "code": "productivity-2025",
        "indicator": "LABOUR_PRODUCTIVITY_GROWTH",
        "clause": "2.2025",
        "comparator": "gt",
        "value": 7,
        "unit": "%/năm",
        "year": 2025,
        "period_start": 2021,
        "text": "năng suất lao động tăng bình quân trên 7%/năm",
    },
    {
        "code": "egov-asean-2025",
        "indicator": "EGOV_ASEAN_POSITION",
        "clause": "2.2025",
        "comparator": "top",
        "value": 4,
        "unit": "vị trí",
        "year": 2025,
        "group": "ASEAN",
        "text": "Thuộc nhóm 4 nước dẫn đầu ASEAN trong xếp hạng chính phủ điện tử theo đánh giá của Liên hợp quốc",
    },
    {
        "code": "smart-cities-2025",
        "indicator": "SMART_CITIES_COUNT",
        "clause": "2.2025",
        "comparator": "gte",
        "value": 3,
        "unit": "đô thị",
        "year": 2025,
        "text": "Có ít nhất 3 đô thị thông minh tại 3 vùng kinh tế trọng điểm phía Bắc, phía Nam và miền Trung",
    },
    {
        "code": "gii-world-2030",
        "indicator": "GII_RANK_WORLD",
        "clause": "2.2030",
        "comparator": "top",
        "value": 40,
        "unit": "thứ hạng",
        "year": 2030,
        "group": "WORLD",
        "text": "Duy trì xếp hạng về chỉ số Đổi mới sáng tạo toàn cầu (GII) thuộc nhóm 40 nước dẫn đầu thế giới",
    },
    {
        "code": "5g-nationwide-2030",
        "indicator": "MOBILE_5G_NATIONWIDE",
        "clause": "2.2030",
        "comparator": "reached",
        "value": None,
        "unit": "",
        "year": 2030,
        "text": "Mạng di động 5G phủ sóng toàn quốc",
    },
    {
        "code": "digital-economy-2030",
        "indicator": "DIGITAL_ECONOMY_SHARE_GDP",
        "clause": "2.2030",
        "comparator": "gt",
        "value": 30,
        "unit": "% GDP",
        "year": 2030,
        "text": "Kinh tế số chiếm trên 30% GDP",
    },
    {
        "code": "productivity-2030",
        "indicator": "LABOUR_PRODUCTIVITY_GROWTH",
        "clause": "2.2030",
        "comparator": "approx",
        "value": 7.5,
        "unit": "%/năm",
        "year": 2030,
        "period_start": 2026,
        "text": "năng suất lao động tăng bình quân khoảng 7,5%/năm",
    },
]


# The notes of the seed files in Vietnamese and English (pages show the reader's language);
# the source names no file of the repository.
PROGRAMME_NOTES = {
    "50-NQ-CP": {
        "source": "Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2020 của Chính phủ (văn bản gốc kèm theo phần mềm)",
        "source_en": "Government Resolution No. 50/NQ-CP of 17 April 2020 (source text shipped with the software)",
        "note": "Phụ lục “DANH MỤC ĐỀ ÁN, NHIỆM VỤ …” được nêu ở cuối văn bản nhưng bảng của phụ lục không có trong nguồn: các đề án trong đó chưa được mã hoá. Các nhiệm vụ của Mục II không nêu thời hạn hay sản phẩm; các quy định của Mục III là chế độ báo cáo.",
        "note_en": "The appendix “DANH MỤC ĐỀ ÁN, NHIỆM VỤ …” (list of projects and tasks) is announced at the end of the text, but its table is not in the source: its projects are not encoded. Section II tasks give no deadlines or outputs; section III's rules are the reporting regimes.",
    },
    "52-NQ-TW": {
        "source": "Tài liệu học tập triển khai Nghị quyết số 52-NQ/TW (kèm theo Hướng dẫn số 116-HD/BTGTW ngày 13/01/2020 của Ban Tuyên giáo Trung ương); văn bản gốc kèm theo phần mềm",
        "source_en": "Study materials on implementing Resolution No. 52-NQ/TW (attached to Guidance No. 116-HD/BTGTW of 13/01/2020 of the Central Propaganda and Education Commission); source text shipped with the software",
        "note": "Mã hoá từ tài liệu học tập, gồm các quan điểm, mục tiêu, tám nhiệm vụ chủ yếu với các ý “+” và phần tổ chức thực hiện; không phải từ toàn văn Nghị quyết. Các câu bị ngắt do sang trang trong tài liệu đã được nối lại.",
        "note_en": "Encoded from the study notes, which give the viewpoints, goals, the eight main tasks with their “+” items and the organisation section; not from the resolution's full text. Sentences split by page breaks in the notes are joined.",
    },
}
TASK_NOTES = {
    "50-NQ-CP": {
        "II.1.a": [
            "“coi đây là nhiệm vụ thường xuyên”",
            "Written as “coi đây là nhiệm vụ thường xuyên” (to be treated as an ongoing task).",
        ],
        "II.1.b": [
            "Đoạn thứ hai không đánh dấu là phần tiếp theo của nhiệm vụ này.",
            "The unmarked second paragraph continues the task.",
        ],
        "II.2.b.1": [
            "Đề mục: “Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính và các bộ, ngành liên quan”.",
            "Heading: “Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính và các bộ, ngành liên quan” (the Ministry of Planning and Investment leads, with the Ministry of Finance and related ministries).",
        ],
        "II.2.b.2": [
            "Cụm “Chủ trì, phối hợp với” của chính gạch đầu dòng thay cho các cơ quan phối hợp nêu ở đề mục.",
            "The bullet's own “Chủ trì, phối hợp với” (leads, with) replaces the heading's coordinating agencies.",
        ],
        "II.2.đ.1": [
            "Cơ quan phối hợp được nêu ở câu thứ hai của gạch đầu dòng (“Chủ trì, phối hợp Ngân hàng Nhà nước Việt Nam và các cơ quan liên quan”).",
            "Coordination named in the bullet's second sentence (“Chủ trì, phối hợp Ngân hàng Nhà nước Việt Nam và các cơ quan liên quan”: leads, with the State Bank of Viet Nam and related bodies).",
        ],
        "II.2.g": [
            "Các cơ quan được nêu cùng nhau, không có từ “chủ trì”, cùng chủ trì.",
            "Agencies named together without “chủ trì” (leads) lead jointly.",
        ],
        "II.3.d": ["Cùng chủ trì.", "Joint lead."],
        "II.3.đ.1": [
            "Đề mục nêu cùng lúc bốn cơ quan và các cơ quan liên quan: cùng chủ trì.",
            "Heading names four bodies and related bodies together: joint lead.",
        ],
        "II.3.đ.3": [
            "“Chủ trì” không kèm cơ quan phối hợp nên giữ các cơ quan chủ trì của đề mục; Chính phủ và Thủ tướng Chính phủ chỉ là nơi nhận (“trình”).",
            "“Chủ trì” (leads) without a named coordinator keeps the heading's leads; the Government and the Prime Minister only receive (“trình”, submit to).",
        ],
        "II.3.đ.5": [
            "“đề xuất Chính phủ”: Chính phủ là nơi nhận đề xuất.",
            "“đề xuất Chính phủ” (propose to the Government): the Government receives the proposal.",
        ],
        "II.4.a.8": [
            "“Phối hợp Uỷ ban nhân dân Thành phố Hà Nội, Thành phố Hồ Chí Minh, Thành phố Đà Nẵng” nêu ba uỷ ban nhân dân; cơ quan ở đề mục chủ trì.",
            "“Phối hợp Uỷ ban nhân dân Thành phố Hà Nội, Thành phố Hồ Chí Minh, Thành phố Đà Nẵng” names three people's committees as coordinators; the heading agency leads.",
        ],
        "II.5.b.1": [
            "Đề mục: “Bộ Giáo dục và Đào tạo chủ trì, phối hợp với …”.",
            "Heading: “Bộ Giáo dục và Đào tạo chủ trì, phối hợp với …” (the Ministry of Education and Training leads, with …).",
        ],
        "II.6.a": [
            "Bảy bộ được nêu cùng nhau, mỗi bộ “theo phạm vi chức năng”: cùng chủ trì.",
            "Seven ministries named together, each “theo phạm vi chức năng” (within its remit): joint lead.",
        ],
        "II.7.b.2": [
            "“Phối hợp với” trong gạch đầu dòng thuộc đề mục của một cơ quan: cơ quan ở đề mục chủ trì.",
            "“Phối hợp với” (with) in a bullet under the heading agency: the heading agency leads.",
        ],
        "II.8.a": [
            "Văn bản viết không có dấu phẩy (“Các bộ, ngành địa phương”).",
            "Written without the comma (“Các bộ, ngành địa phương”).",
        ],
    }
}
REGIME_NAMES_EN = {
    "implementation-plan": "Plan for implementing the Resolution and the Action Programme",
    "annual-report": "Annual report on implementation",
    "consolidated-report": "Consolidated report to the Government",
    "amendment-proposal": "Proposal to amend or supplement the Action Programme",
    "party-committee-report": "Periodic report of a party committee to the committee above",
    "supervision": "Monitoring, supervision and reporting to the Politburo and the Secretariat",
}


def bilingual(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """The programme's and tasks' notes in both languages, the regimes' English names."""
    meta = {k: v for k, v in data["programme"].items() if k not in ("source", "note")}
    data["programme"] = {**meta, **PROGRAMME_NOTES[name]}
    notes = TASK_NOTES.get(name, {})
    for task in data["tasks"]:
        if task["ref"] in notes:
            task["note"], task["note_en"] = notes[task["ref"]]
    for regime in data["reporting_regimes"]:
        items = list(regime.items())
        regime.clear()
        for key, value in items:
            regime[key] = value
            if key == "name":
                regime["name_en"] = REGIME_NAMES_EN[regime["code"]]
    return data


def main() -> None:
    parent = build_52()
    for group in build_50()["task_groups"]:
        assert any(g["ref"] == group["implements"] for g in parent["task_groups"]), group
    for name, data in (("52-NQ-TW.json", parent), ("50-NQ-CP.json", build_50())):
        data = bilingual(name.removesuffix(".json"), data)
        (DATA / name).write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(name, len(data["clauses"]), "clauses", len(data["tasks"]), "tasks")


if __name__ == "__main__":
    main()
