"""Breaking a long body name into the lines of a Decree 30 letterhead.

The issuing body's name is centred in the letterhead's left column, in capitals. Left to
the word processor, a long name wraps where the column ends, often inside a word group
("BỘ KHOA HỌC VÀ CÔNG / NGHỆ"); an office breaks it between meaningful groups ("BỘ KHOA
HỌC / VÀ CÔNG NGHỆ", "ỦY BAN NHÂN DÂN / THÀNH PHỐ HỒ CHÍ MINH"). Vietnamese words are
written syllable by syllable, so where a group ends is not in the text: the names'
usual compounds are listed here, a line never splits one, and a line prefers to start
at a joining word ("và", "tại", "của") or at a place ("tỉnh", "thành phố"). Among the
breaks left, the fewest lines, then the most even, win. Widths are measured with the
documents' font (Liberation Serif, metric-compatible with Times New Roman), so the
same lines fit the DOCX and the PDF column.
"""

import functools
from pathlib import Path

# The letterhead's left column, less the cell margins: 6.5 cm in the DOCX (about 173 pt
# inside its margins), 40 % of the 165 mm text width in the PDF (187 pt).
COLUMN_PT = 170.0
# A Party document (Hướng dẫn 36-HD/VPTW) holds its parent line ("BAN CHẤP HÀNH TRUNG
# ƯƠNG", "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH") on one line, and its right column only
# "ĐẢNG CỘNG SẢN VIỆT NAM" and the date: its left column is 8.5 cm in the DOCX (230 pt
# inside the margins), 52 % of the text width in the PDF (243 pt); the right 8 cm, 48 %.
PARTY_COLUMNS_CM = (8.5, 8.0)
PARTY_LEFT_SHARE = 52
PARTY_COLUMN_PT = 228.0
FONT_FILES = {
    True: "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    False: "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
}
# Without the font file, an average capital's advance (em) errs on the wide side.
FALLBACK_EM = {True: 0.74, False: 0.70}

# A line preferably starts with these (the next group of the name).
STARTS = frozenset({"VÀ", "TẠI", "CỦA", "THUỘC", "TRỰC", "TỈNH", "ĐẶC"})
# Word groups of body names, never split across lines (the first syllables suffice to
# say a group starts there).
COMPOUNDS = tuple(
    tuple(group.split())
    for group in (
        "ỦY BAN",
        "UỶ BAN",
        "NHÂN DÂN",
        "HỘI ĐỒNG",
        "KHOA HỌC XÃ HỘI",
        "KHOA HỌC",
        "CÔNG NGHỆ",
        "CÔNG THƯƠNG",
        "CÔNG AN",
        "QUỐC PHÒNG",
        "NGOẠI GIAO",
        "TƯ PHÁP",
        "TÀI CHÍNH",
        "XÂY DỰNG",
        "Y TẾ",
        "NỘI VỤ",
        "GIÁO DỤC",
        "ĐÀO TẠO",
        "VĂN HÓA",
        "VĂN HOÁ",
        "THỂ THAO",
        "DU LỊCH",
        "NÔNG NGHIỆP",
        "MÔI TRƯỜNG",
        "TÀI NGUYÊN",
        "DÂN TỘC",
        "TÔN GIÁO",
        "LAO ĐỘNG",
        "THƯƠNG BINH",
        "XÃ HỘI",
        "KẾ HOẠCH",
        "ĐẦU TƯ",
        "GIAO THÔNG",
        "VẬN TẢI",
        "THÔNG TIN",
        "TRUYỀN THÔNG",
        "TRUYỀN HÌNH",
        "TIẾNG NÓI",
        "THÔNG TẤN",
        "HỌC VIỆN",
        "HÀN LÂM",
        "CHÍNH TRỊ",
        "QUỐC GIA",
        "HỒ CHÍ MINH",
        "VIỆT NAM",
        "NGÂN HÀNG",
        "NHÀ NƯỚC",
        "THANH TRA",
        "CHÍNH PHỦ",
        "VĂN PHÒNG",
        "TRUNG ƯƠNG",
        "BAN CHẤP HÀNH",
        "CHẤP HÀNH",
        "KIỂM TRA",
        "TUYÊN GIÁO",
        "DÂN VẬN",
        "TỔ CHỨC",
        "CHÍNH SÁCH",
        "CHIẾN LƯỢC",
        "ĐẢNG ỦY",
        "ĐẢNG ĐOÀN",
        "BAN CÁN SỰ",
        "CÁN SỰ",
        "QUẢN LÝ",
        "DOANH NGHIỆP",
        "BẢO HIỂM",
        "ĐẠI HỌC",
        "THÀNH PHỐ",
        "ĐẶC KHU",
        "QUỐC HỘI",
        "MẶT TRẬN",
        "TỔ QUỐC",
    )
)


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, float], float] | None:
    """Code point → advance width in em, and the fallback advance; None without the font."""
    path = Path(FONT_FILES[bold])
    if not path.exists():
        return None
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"]
    widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return widths, FALLBACK_EM[bold]


def text_width(text: str, size: float = 12, bold: bool = True) -> float:
    """The width of `text` in points, set in the documents' serif font."""
    advances = _advances(bold)
    if advances is None:
        return len(text) * FALLBACK_EM[bold] * size
    widths, fallback = advances
    return sum(widths.get(ord(char), fallback) for char in text) * size


def _inside_compound(words: list[str], at: int) -> bool:
    """Whether a break before words[at] splits one of the listed word groups."""
    for group in COMPOUNDS:
        for offset in range(1, len(group)):
            start = at - offset
            if start >= 0 and tuple(words[start : start + len(group)]) == group:
                return True
    return False


def _break_cost(words: list[str], at: int) -> float:
    """How bad a line break before words[at] is (0: a natural place)."""
    if _inside_compound(words, at):
        return 100.0
    if words[at] in STARTS or words[at - 1].endswith(","):
        return 0.0
    if tuple(words[at : at + 2]) == ("THÀNH", "PHỐ") or words[at:] == ["VIỆT", "NAM"]:
        return 1.0
    return 10.0


@functools.cache
def letterhead_lines(
    name: str, width: float = COLUMN_PT, size: float = 12, bold: bool = True
) -> tuple[str, ...]:
    """`name` as the lines of the letterhead column: one line when it fits, otherwise
    broken between word groups: the lines fit `width` points; no word group is split
    unless nothing else fits; then the fewest lines, the cheapest breaks, the most even
    lines."""
    words = name.split()
    n = len(words)
    if n < 2 or text_width(" ".join(words), size, bold) <= width:
        return (" ".join(words),) if words else ()
    span = {
        (a, b): text_width(" ".join(words[a:b]), size, bold)
        for a in range(n)
        for b in range(a + 1, n + 1)
    }
    cost_at = {at: _break_cost(words, at) for at in range(1, n)}
    splits_at = {at: _inside_compound(words, at) for at in range(1, n)}
    best: tuple[tuple[int, int, float, float], list[int]] | None = None
    # Every way of cutting the name (a body's name has a dozen words at most).
    for mask in range(1 << (n - 1)):
        bounds = [0, *(at for at in range(1, n) if mask >> (at - 1) & 1), n]
        lines = list(zip(bounds, bounds[1:], strict=False))
        # A single word wider than the column goes on its own line all the same.
        if any(span[line] > width and line[1] - line[0] > 1 for line in lines):
            continue
        cuts = bounds[1:-1]
        # A lone word on a line reads as a fragment.
        cost = sum(cost_at[at] for at in cuts) + 15.0 * sum(b - a == 1 for a, b in lines)
        widths = [span[line] for line in lines]
        # A split word group only when nothing else fits; then the fewest lines.
        key = (
            sum(splits_at[at] for at in cuts),
            len(lines),
            cost,
            max(widths) - min(widths),
        )
        if best is None or key < best[0]:
            best = (key, bounds)
    assert best is not None  # one word per line always qualifies
    bounds = best[1]
    return tuple(" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))


# Decree 30 (Phụ lục I): under the issuing body's name "đường kẻ ngang, nét liền, có độ dài
# bằng từ 1/3 đến 1/2 độ dài của dòng chữ", centred; the middle of that span.
ISSUER_RULE_SHARE = 5 / 12
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
# Sizes of the letterhead's lines (points), the same in the DOCX template and the PDF.
ISSUER_SIZE, TITLE_SIZE, MOTTO_SIZE = 12.0, 12.0, 13.0


def is_party(head: dict[str, str]) -> bool:
    """Whether the letterhead is a Party body's (Hướng dẫn 36-HD/VPTW)."""
    return head.get("national_title", "") == PARTY_TITLE


def column_pt(head: dict[str, str]) -> float:
    """The width the letterhead's left column gives its lines, in points."""
    return PARTY_COLUMN_PT if is_party(head) else COLUMN_PT


def letterhead_rules(head: dict[str, str]) -> dict[str, object]:
    """The letterhead's rules as Decree 30 draws them, measured in the documents' font:
    under the issuer a line of 5/12 of its longest line; under the motto a line as long
    as the motto. A Party body's document (Hướng dẫn 36-HD/VPTW) has a star "*" under the
    issuer instead, and the line under "ĐẢNG CỘNG SẢN VIỆT NAM", as long as it.

    Returns {"issuer": width in points or None, "star": bool, "title_rule": the text the
    right column's line goes under ("motto" or "national_title"), "right": its width}."""
    party = is_party(head)
    lines = letterhead_lines(head.get("issuer", ""), column_pt(head), bold=True)
    widest = max((text_width(line, ISSUER_SIZE, True) for line in lines), default=0.0)
    if head.get("motto"):
        under, width = "motto", text_width(head["motto"], MOTTO_SIZE, True)
    else:
        title = head.get("national_title", "")
        under, width = "national_title", text_width(title, TITLE_SIZE, True)
    return {
        "issuer": None if party or not widest else round(widest * ISSUER_RULE_SHARE, 1),
        "star": party,
        "under": under,
        "right": round(width, 1) if width else None,
    }
