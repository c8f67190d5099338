"""Deadlines, recurrence and outputs from cue phrases ("trước ngày 01 tháng 6 năm 2020",
"Quý IV/2020", "Tháng 4/2025", "năm 2021", "2021-2025", "hằng năm", "thường xuyên"; a
Party plan's "…, thực hiện năm 2026.")."""

import calendar
import datetime
import re
from dataclasses import dataclass

from lotrinh.core.text import fold_aligned, nfc


@dataclass(frozen=True)
class Found:
    text: str
    date: datetime.date | None
    span: tuple[int, int]


QUARTER_END = {
    "i": (3, 31),
    "ii": (6, 30),
    "iii": (9, 30),
    "iv": (12, 31),
    "1": (3, 31),
    "2": (6, 30),
    "3": (9, 30),
    "4": (12, 31),
}

BEFORE_DATE = re.compile(r"truoc ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")
ON_DATE = re.compile(
    r"\b(?:hoan thanh|thoi han|han)\b[^.;]{0,30}?ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})"
)
SLASH_DATE = re.compile(r"(?:truoc ngay|truoc|ngay) (\d{1,2})/(\d{1,2})/(\d{4})")
QUARTER = re.compile(r"\bquy (iv|iii|ii|i|[1-4])\s*(?:/|nam\s*)\s*(\d{4})")
# "Tháng 4/2025"; "tháng 10 năm 2017" in prose is usually the date of a cited document.
MONTH = re.compile(r"\bthang (\d{1,2})\s*/\s*(\d{4})")
PERIOD = re.compile(r"(?:giai doan\s*)?(\d{4})\s*[-–]\s*(\d{4})")
YEAR = re.compile(r"(?:trong nam|nam)\s+(\d{4})")
CUED_YEAR = re.compile(r"(?:hoan thanh|trinh|ban hanh)[^.;]{0,40}?(?:trong )?nam (\d{4})")
# In prose, a date after "trước" is a deadline (a cited document's date is "ngày D/M/Y").
BEFORE_SLASH = re.compile(r"\btruoc (?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4})")
# A deadline written into the clause as a field ("…; thời gian thực hiện: 2025 – 2030"), or
# a clause's last part that is nothing but a time ("…; năm 2026.", "…; Quý IV/2027."): the
# value reads as a deadline column's cell.
INLINE_FIELD = re.compile(
    r"\b(?:thoi gian(?: thuc hien| hoan thanh)?|thoi han(?: hoan thanh)?|tien do)\s*:\s*([^;.]+)"
)
# A Party plan's task closes on when it is done: "…, thực hiện hằng năm." (a rhythm,
# `task_recurrence`), "…; thực hiện (trong) năm 2026.", "… (hoàn thành quý II/2026)": the
# verb at the head of a clause, the time closing it. Not "kết quả thực hiện năm 2025" (the
# year a report covers: the verb is not at a clause's head) nor "từ năm 2026" (a start).
DONE_IN = re.compile(
    r"(?:^|[;,(]|\s-|\.\s)\s*(?:thuc hien|hoan thanh|trien khai)\s+"
    r"((?:trong )?(?:nam \d{4}|quy (?:iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*\d{4}"
    r"|thang \d{1,2}\s*/\s*\d{4}))\s*\)?\s*(?:[.;,]|$)"
)
TIME_ONLY = re.compile(
    r"[;,]\s*((?:trong )?(?:nam \d{4}|quy (?:iv|iii|ii|i|[1-4])\s*/\s*\d{4}"
    r"|(?:giai doan )?\d{4}\s*[-–]\s*\d{4}))\s*\.?\s*$"
)


def _safe(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find_deadline(
    text: str, issue_year: int | None = None, table_cell: bool = False
) -> Found | None:
    """The first deadline phrase. In prose only cued phrases count (dates of cited
    documents are not deadlines); a table's deadline cell is read as a whole."""
    folded = fold_aligned(text)
    m = BEFORE_DATE.search(folded)
    if m:
        date = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return Found(
            text[m.start() : m.end()], date - datetime.timedelta(days=1) if date else None, m.span()
        )
    m = SLASH_DATE.search(folded) if table_cell else BEFORE_SLASH.search(folded)
    if m:
        date = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if date and folded.startswith("truoc", m.start()):
            # "Trước 30/6/2026" says what "trước ngày 30 tháng 6 năm 2026" says: the day before.
            date -= datetime.timedelta(days=1)
        return Found(text[m.start() : m.end()], date, m.span())
    m = ON_DATE.search(folded)
    if m:
        return Found(
            text[m.start() : m.end()],
            _safe(int(m.group(3)), int(m.group(2)), int(m.group(1))),
            m.span(),
        )
    m = QUARTER.search(folded)
    if m:
        month, day = QUARTER_END[m.group(1)]
        return Found(text[m.start() : m.end()], _safe(int(m.group(2)), month, day), m.span())
    m = MONTH.search(folded)
    if m:
        year, month = int(m.group(2)), int(m.group(1))
        if 1 <= month <= 12:
            return Found(
                text[m.start() : m.end()],
                _safe(year, month, calendar.monthrange(year, month)[1]),
                m.span(),
            )
    if table_cell:
        m = PERIOD.search(folded)
        if m:
            return Found(text[m.start() : m.end()], _safe(int(m.group(2)), 12, 31), m.span())
        m = YEAR.search(folded) or re.search(r"\b(\d{4})\b", folded)
        if m:
            return Found(text[m.start() : m.end()], _safe(int(m.group(1)), 12, 31), m.span())
        return None
    m = CUED_YEAR.search(folded)
    if m:
        return Found(text[m.start() : m.end()], _safe(int(m.group(1)), 12, 31), m.span())
    for pattern in (INLINE_FIELD, DONE_IN, TIME_ONLY):
        m = pattern.search(folded)
        if m:
            value = find_deadline(text[m.start(1) : m.end(1)], issue_year, table_cell=True)
            if value is not None and value.date is not None:
                start = m.start(1) + value.span[0]
                return Found(value.text, value.date, (start, start + len(value.text)))
    return None


# A rhythm the genre writes ("hằng tháng", "hàng quý", "định kỳ 6 tháng", "06 tháng/lần",
# "6 tháng một lần"), the most frequent first: "định kỳ 6 tháng và hằng năm báo cáo" is
# reported every six months. "6 tháng đầu năm 2025" is a period, not a rhythm. Matched
# with the diacritics: folded, "mỗi quý" would be "đổi mới quy trình"'s "mới quy".
_EVERY = r"(?:hằng|hàng|mỗi)"
RHYTHMS = (
    ("monthly", re.compile(rf"\b{_EVERY} tháng\b|\bđịnh kỳ (?:hằng |hàng )?tháng\b")),
    (
        "quarterly",
        re.compile(rf"\b{_EVERY} qu[ýí]\b|\bđịnh kỳ (?:hằng |hàng )?qu[ýí]\b|\btheo qu[ýí]\b"),
    ),
    (
        "semiannual",
        re.compile(
            rf"\bđịnh kỳ (?:0?6|sáu) tháng\b|\b0?6 tháng\s*(?:/\s*lần|một lần)"
            rf"|\bnửa năm một lần\b|\b{_EVERY} nửa năm\b"
        ),
    ),
    ("annual", re.compile(r"\b(?:hằng|hàng) năm\b")),
    ("ongoing", re.compile(r"\bthường xuyên\b")),
)


def find_recurrence(text: str) -> str | None:
    """The rhythm a deadline cell or field states ("Hằng năm", "Thường xuyên")."""
    said = nfc(text).lower()
    return next((code for code, pattern in RHYTHMS if pattern.search(said)), None)


# In a task's own text, "hằng năm" and "thường xuyên" also describe things ("nhiệm vụ trọng
# tâm, thường xuyên", "kinh phí chi thường xuyên", "kế hoạch … hằng năm"): they schedule
# the task only after "định kỳ", at the head of a clause, or after "thực hiện"/"một cách"
# ("; thực hiện thường xuyên."). The other rhythms are never a thing's description.
_DESCRIBING = frozenset({"annual", "ongoing"})
_SCHEDULING_BEFORE = re.compile(r"(?:định kỳ|thực hiện|một cách)\s*\(?$")
_CLAUSE_HEAD = re.compile(r"(?:^|[.;:(\n•+-])\s*$")


def task_recurrence(text: str) -> str | None:
    """The rhythm a task's own text schedules it by (`find_recurrence` for a cell)."""
    said = nfc(text).lower()
    for code, pattern in RHYTHMS:
        for match in pattern.finditer(said):
            if code not in _DESCRIBING:
                return code
            before = said[max(0, match.start() - 20) : match.start()]
            if _SCHEDULING_BEFORE.search(before) or _CLAUSE_HEAD.search(before):
                return code
    return None


# "pháp luật" is law at large ("xây dựng và thi hành pháp luật"), never a Luật to draft.
OUTPUT = re.compile(
    r"(?:trinh|ban hanh|xay dung)\s+(?:[^.;]{0,40}?\s)?(nghi dinh|quyet dinh cua thu tuong chinh phu|de an|(?<!phap )luat|thong tu|chien luoc|chuong trinh)\b"
)
OUTPUT_WORDS = {
    "nghi dinh": "Nghị định",
    "quyet dinh cua thu tuong chinh phu": "Quyết định của Thủ tướng Chính phủ",
    "de an": "Đề án",
    "luat": "Luật",
    "thong tu": "Thông tư",
    "chien luoc": "Chiến lược",
    "chuong trinh": "Chương trình",
}


def find_output(text: str) -> Found | None:
    m = OUTPUT.search(fold_aligned(text))
    if not m:
        return None
    return Found(OUTPUT_WORDS[m.group(1)], None, m.span(1))
