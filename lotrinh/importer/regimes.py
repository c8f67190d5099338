"""Reporting regimes stated in the text (docs/importer.md, "Reporting regimes").

The genre states a regime in one sentence: who reports, how often, to whom, by when —
"Văn phòng Trung ương Đảng … theo dõi …; định kỳ 6 tháng báo cáo kết quả với Ban Chỉ đạo
Trung ương và Bộ Chính trị để chỉ đạo", "Các sở, ngành báo cáo định kỳ hằng quý về Sở
Khoa học và Công nghệ trước ngày 15 của tháng cuối quý", "hằng năm báo cáo Thủ tướng
Chính phủ trước ngày 15/12". A sentence is a regime when it has the verb "báo cáo" and a
frequency cue near it; the recipients are the bodies named after the verb (after "với",
"về", "lên", "gửi", "tới", "đến" when the object "kết quả …" comes first); the deadline is
"trước ngày D/M", "trước ngày D tháng M" or "trước ngày D" (sub-year regimes: the day
of the month).
"""

import datetime
import re
from dataclasses import dataclass, field, replace
from typing import Any

from lotrinh.core.text import fold_aligned
from lotrinh.importer.names import Mention, find_names, known_names

ANNUAL = "annual"
SEMIANNUAL = "semiannual"
QUARTERLY = "quarterly"
MONTHLY = "monthly"
PERIODIC = "periodic"
ON_DEMAND = "on_demand"
NAMES = {
    ANNUAL: "Báo cáo định kỳ hằng năm",
    SEMIANNUAL: "Báo cáo định kỳ 6 tháng",
    QUARTERLY: "Báo cáo định kỳ hằng quý",
    MONTHLY: "Báo cáo định kỳ hằng tháng",
    PERIODIC: "Báo cáo định kỳ",
    ON_DEMAND: "Báo cáo khi có yêu cầu",
}
NAMES_EN = {
    ANNUAL: "Annual report",
    SEMIANNUAL: "Six-monthly report",
    QUARTERLY: "Quarterly report",
    MONTHLY: "Monthly report",
    PERIODIC: "Periodic report",
    ON_DEMAND: "Report on request",
}
_MONTHS = {"1": MONTHLY, "mot": MONTHLY, "3": QUARTERLY, "ba": QUARTERLY}
_MONTHS.update({"6": SEMIANNUAL, "sau": SEMIANNUAL, "12": ANNUAL, "muoi hai": ANNUAL})
_MONTH_WORDS = r"0?(?P<n>1|3|6|12|mot|ba|sau|muoi hai)"
# Cues on folded text (lowercase, no diacritics; "hằng" and "hàng" both fold to "hang").
# "6 tháng đầu năm", "6 tháng cuối năm 2025", "6 tháng qua" name one period, not a rhythm.
_NOT_RHYTHM = r"(?! (?:dau|cuoi|qua|toi|tiep|nam \d|ke tu|sau khi))"
CUES = (
    (re.compile(r"\bhang (?P<u>quy|nam|thang)\b"), None),
    (re.compile(r"\bmoi (?P<u>quy|nam|thang) (?:mot|1) lan\b"), None),
    (re.compile(r"\b" + _MONTH_WORDS + r" thang (?:mot|1) lan\b"), "n"),
    (re.compile(r"\bdinh ky (?:moi )?" + _MONTH_WORDS + r" thang\b" + _NOT_RHYTHM), "n"),
    (
        re.compile(
            r"\bbao cao (?:dinh ky )?(?:ket qua )?" + _MONTH_WORDS + r" thang\b" + _NOT_RHYTHM
        ),
        "n",
    ),
    (re.compile(r"\b(?:so ket|ket qua) " + _MONTH_WORDS + r" thang(?:,| va) (?:hang )?nam\b"), "n"),
)
_UNITS = {"quy": QUARTERLY, "nam": ANNUAL, "thang": MONTHLY}
PERIODIC_CUE = re.compile(r"\bdinh ky\b")
ON_DEMAND_CUE = re.compile(r"\b(?:khi (?:co|duoc) yeu cau|dot xuat|khi can thiet)\b")
# "báo cáo" as a noun is no regime: "công bố báo cáo dự báo", "thời gian báo cáo … tính
# từ ngày …" (the data window), "kỳ báo cáo" (but "định kỳ báo cáo" is the verb).
VERB = re.compile(
    r"(?<!cong bo )(?<!xuat ban )(?<!phat hanh )(?<!thoi gian )(?<!thoi diem )"
    r"(?<!so lieu )(?<!(?<!dinh )ky )\bbao cao\b"
)
# Words between the verb and the recipients: the object reported ("kết quả thực hiện Nghị
# quyết", "tình hình triển khai Kế hoạch") ends at a preposition that names the recipient.
PREPOSITION = re.compile(r"\b(?:voi|ve|len|gui|toi|den|cho)\s+")
OBJECT = re.compile(
    r"(?:(?:dinh ky|hang (?:quy|nam|thang)|\d+ thang|sau thang|mot lan|,)\s*)*"
    r"(?:(?:ket qua|tinh hinh|tien do|so ket|tong ket)\b[^;.]*?)?$"
)
# The rhythm written after the verb ("báo cáo định kỳ 6 tháng, hằng năm Bộ …").
LEADING_RHYTHM = re.compile(
    r"(?:\s*,?\s*(?:va |hoac )?(?:dinh ky|hang (?:quy|nam|thang)|0?\d+ thang(?: mot lan)?"
    r"|(?:sau|ba|mot) thang(?: mot lan)?|moi (?:quy|nam|thang) (?:mot|1) lan|dot xuat))+\s*,?"
)
# The recipients end where the sentence goes on to its purpose or the deadline.
STOP = re.compile(
    r"\b(?:de |truoc ngay|cham nhat|trong (?:thang|quy|ngay|thoi han)|theo quy dinh|khi (?:co|duoc)"
    r"|ket qua|tinh hinh|dinh ky|hang (?:quy|nam|thang)|\d+ thang)"
)
DEADLINE = re.compile(
    r"\b(?:truoc|cham nhat(?: la)?(?: vao)?|khong muon hon) ngay (?P<d>\d{1,2})"
    r"(?:\s*(?:/|-|\.)\s*(?P<m>\d{1,2})(?![\d/])|\s+thang\s+(?P<mw>\d{1,2}))?"
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ0-9ĐÂÊÔƠƯĂ])|\n")


@dataclass
class Regime:
    """A regime read from one sentence."""

    frequency: str
    sentence: str
    recipients: list[Mention] = field(default_factory=list)
    deadline_day: int | None = None
    deadline_month: int | None = None


def frequency_of(folded: str) -> str | None:
    """The rhythm a sentence states (folded text), or None when it states none."""
    for pattern, group in CUES:
        found = pattern.search(folded)
        if found is None:
            continue
        if group is None:
            return _UNITS[found.group("u")]
        return _MONTHS[found.group("n")]
    if PERIODIC_CUE.search(folded):
        return PERIODIC
    if ON_DEMAND_CUE.search(folded):
        return ON_DEMAND
    return None


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


# The issuer's own committee named by its level, without its name, as a plan names the
# body it reports to: "về UBND Thành phố", "báo cáo Ủy ban nhân dân Tỉnh", "báo cáo Chủ
# tịch Ủy ban nhân dân tỉnh" (the Chairman receives for the committee). A name after it
# ("UBND tỉnh Bắc Ninh") is another province's: the registry's names find it.
OWN_COMMITTEE = re.compile(r"\b(?:chu tich )?(?:ubnd|uy ban nhan dan) (?:thanh pho|tinh)\b")
_PROPER_AFTER = re.compile(r"\s+[A-ZĐÀ-Ỹ]")
# "(qua Ban Quản lý …)", "thông qua Sở …": the channel the reports go through, which compiles them for the
# recipient named before it; not the recipient (310/KH-UBND: "báo cáo kết quả thực hiện
# về UBND Thành phố (qua Ban Quản lý các khu công nghệ cao và khu công nghiệp)").
CHANNEL = re.compile(r"\(\s*(?:thong )?qua\b|\bthong qua\b")


def _names(sentence: str, folded: str, start: int, end: int, issuer: str) -> list[Mention]:
    """The bodies named in sentence[start:end], the issuer's committee named by its level
    among them (as the issuer), those in a "(qua …)" channel left out."""
    channel = CHANNEL.search(folded, start, end)
    if channel is not None:
        end = channel.start()
    found = [_shifted(m, start) for m in find_names(sentence[start:end])]
    for own in OWN_COMMITTEE.finditer(folded, start, end):
        if _PROPER_AFTER.match(sentence, own.end()) or any(
            m.start <= own.start() < m.end for m in found
        ):
            continue
        written = sentence[own.start() : own.end()]
        found.append(Mention(own.start(), own.end(), written, issuer or written, False))
    return sorted(found, key=lambda m: m.start)


def _recipients(sentence: str, folded: str, verb_end: int, issuer: str = "") -> list[Mention]:
    """Bodies named after the verb "báo cáo", up to the purpose or the deadline."""
    rhythm = LEADING_RHYTHM.match(folded, verb_end)
    verb_end = rhythm.end() if rhythm else verb_end
    tail = folded[verb_end:]
    start = verb_end
    preposition = PREPOSITION.search(tail)
    if preposition and OBJECT.match(tail[: preposition.start()].strip()):
        start = verb_end + preposition.end()
    stop = STOP.search(folded, start)
    end = stop.start() if stop else len(sentence)
    # A ";" ends the recipients too: what follows is another clause.
    semicolon = sentence.find(";", start)
    if semicolon != -1:
        end = min(end, semicolon)
    found = _names(sentence, folded, start, end, issuer)
    if found:
        return found
    # The recipient after the deadline or the object: "báo cáo kết quả thực hiện trước
    # ngày 15/11 hằng năm … về Sở Khoa học và Công nghệ".
    for later in PREPOSITION.finditer(folded, verb_end):
        stop = STOP.search(folded, later.end())
        end = stop.start() if stop else len(sentence)
        named = _names(sentence, folded, later.end(), end, issuer)
        if named and named[0].start == later.end():
            return named
    return []


def _shifted(mention: Mention, offset: int) -> Mention:
    return replace(mention, start=mention.start + offset, end=mention.end + offset)


def read_sentence(sentence: str, issuer: str = "") -> Regime | None:
    """The regime one sentence states, if it states one; `issuer` (the document's, by its
    registry name) is the body "UBND Thành phố"/"UBND tỉnh" names in its own plan."""
    folded = fold_aligned(sentence)
    verbs = list(VERB.finditer(folded))
    if not verbs:
        return None
    frequency = frequency_of(folded)
    if frequency is None:
        return None
    # The verb of the regime: the first "báo cáo" after the cue (or the one that carries it).
    cues = [found.start() for pattern, _g in CUES if (found := pattern.search(folded))]
    other = PERIODIC_CUE.search(folded) or ON_DEMAND_CUE.search(folded)
    cue_at = min(cues) if cues else (other.start() if other else 0)
    verb = next((v for v in verbs if v.start() >= cue_at), None) or next(
        v for v in reversed(verbs) if v.start() < cue_at
    )
    regime = Regime(frequency, sentence, _recipients(sentence, folded, verb.end(), issuer))
    deadline = DEADLINE.search(folded)
    if deadline:
        day = int(deadline.group("d"))
        month_text = deadline.group("m") or deadline.group("mw")
        month = int(month_text) if month_text else None
        if 1 <= day <= 31 and (month is None or 1 <= month <= 12):
            regime.deadline_day = day
            regime.deadline_month = month
    return regime


def _registered(mention: Mention, names: dict[str, str]) -> bool:
    return not mention.generic and fold_aligned(mention.canonical) in names


def regimes_of(
    clauses: list[dict[str, Any]], tasks: list[dict[str, Any]], issuer: str = ""
) -> list[dict[str, Any]]:
    """The reporting regimes the document's clauses state, in the programme format.

    Reporters: the sentence's own subject, else its clause's (the task's leads, or the
    bodies the clause opens with). `recipient` is the first registered body named (the
    loader resolves it); every body named is in `recipients` as written, and
    `recipient_text` keeps the phrase."""
    from lotrinh.importer.parser import roles_in

    registered = known_names()
    by_ref = {t["ref"]: t for t in tasks}
    out: list[dict[str, Any]] = []
    codes: set[str] = set()
    for clause in clauses:
        text = clause.get("text") or ""
        if "báo cáo" not in text.lower() and "bao cao" not in fold_aligned(text):
            continue
        for sentence in sentences(text):
            regime = read_sentence(sentence, issuer)
            if regime is None:
                continue
            reporters, generic = _reporters(sentence, text, by_ref.get(clause["ref"]), roles_in)
            recipients = regime.recipients
            first = next((m for m in recipients if _registered(m, registered)), None)
            code = f"{regime.frequency.replace('_', '-')}-report"
            number = 2
            while code in codes:
                code = f"{regime.frequency.replace('_', '-')}-report-{number}"
                number += 1
            codes.add(code)
            deadline: dict[str, Any] = {}
            if regime.deadline_day:
                deadline = {"day": regime.deadline_day, "before": True}
                if regime.frequency == ANNUAL and regime.deadline_month:
                    deadline["month"] = regime.deadline_month
            item: dict[str, Any] = {
                "code": code,
                "name": NAMES[regime.frequency],
                "name_en": NAMES_EN[regime.frequency],
                "clause": clause["ref"],
                "reporters": {"generic": generic} if generic else {"agencies": reporters},
                "recipient": first.canonical if first else None,
                "recipients": [m.written for m in recipients],
                "recipient_text": ", ".join(m.written for m in recipients),
                "frequency": regime.frequency,
                "deadline": deadline,
                "text": sentence,
            }
            out.append(item)
    return out


def _reporters(
    sentence: str, text: str, task: dict[str, Any] | None, roles_in: Any
) -> tuple[list[str], str]:
    """(registered reporters, generic code) of a regime sentence."""
    registered = known_names()
    roles = roles_in(sentence)
    if not roles.lead and task is not None:
        lead = [registered[fold_aligned(n)] for n in task["lead"] if fold_aligned(n) in registered]
        generic = [a["generic"] for a in task.get("addressees", []) if a.get("role") == "lead"]
        return lead, (generic[0] if generic and not lead else "")
    if not roles.lead:
        roles = roles_in(text)
    names = [m.canonical for m in roles.lead if _registered(m, registered)]
    generic = [m.canonical for m in roles.lead if m.generic]
    return names, (generic[0] if generic and not names else "")


def first_year(issue_date: datetime.date) -> int:
    """The first period is the one whose data window (Decree 09/2019/NĐ-CP: the year and
    its halves, quarters and months end on the 14th; windows start on 15 December of the
    year before) holds the issue date: a resolution of 22 December 2024 reports first for
    2025."""
    if issue_date.month == 12 and issue_date.day >= 15:
        return issue_date.year + 1
    return issue_date.year
