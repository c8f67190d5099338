"""Ruled tables in a PDF's pages, read with PDFium (pypdfium2) objects.

A PDF exported from Word draws each table cell's borders as line segments (stroked lines
or thin filled rectangles). The page's path objects give the horizontal and vertical
rulings; where a vertical and a horizontal ruling cross is a corner; a cell is the
smallest rectangle whose four corners are joined by rulings (pdfplumber's "lines"
strategy); cells that share corners are one table. The text of a cell is the text
layer inside it, its lines joined as the cell wrapped them (a line whose next word
would not have fitted is a wrap; any other break is a new paragraph, kept as a line).

The rows come out as `tables.docx_table_rows` gives a Word table's: one string per grid
column, a cell merged across columns once (the other columns empty), a cell merged down
rows repeated on each row. A row that a page break splits (the bottom of the page's
table open, no ruling under it) is one row with its continuation at the top of the next
page (`join_pages`); so is a table continued on the next page, with or without its
header row repeated.
"""

import ctypes
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lotrinh.core.text import fold
from lotrinh.importer.pdf_text import BoundedText, word_right

# Rulings: a line or a filled rectangle thinner than this (points) is a ruling.
_THIN = 3.0
# Positions closer than this (points) are one.
_SNAP = 1.5
# A cell narrower or lower than this (points) is not a cell (a double rule).
_MIN_CELL = 4.0
# Past this many rulings on a page (drawn, then distinct lines) it is a drawing, not a
# table: the page reads as text. A page of a Word table has some 60 rows at most.
_MAX_RULINGS = 5000
_MAX_LINES = 150
# Corner checks allowed on one page before it is taken for a drawing (a ruled grid takes
# one or two per crossing; rulings that cross without closing rectangles take more).
_MAX_CHECKS = 200_000


class _Drawing(Exception):
    """Rulings that are not a table's (too many, too tangled): the page reads as text."""


@dataclass
class PdfTable:
    top: float  # page space, y upwards
    bottom: float
    left: float
    right: float
    rows: list[list[str]]
    columns: list[float]  # the x of each column boundary
    open_top: bool = False  # no ruling over the first row: a row split by the page break
    open_bottom: bool = False
    # False: a table printed without rulings (`pdf_columns`), whose row split by the page
    # break shows as the next page's first row having no number (`open_top`).
    ruled: bool = True


@dataclass
class _Ruling:
    at: float  # y of a horizontal ruling, x of a vertical one
    start: float
    end: float
    drawn: bool = True  # False: closed here because the page broke the table


def _point(matrix: Any, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _rulings(page: Any) -> tuple[list[_Ruling], list[_Ruling]]:
    """The page's horizontal and vertical rulings (not yet snapped)."""
    import pypdfium2.raw as raw

    horizontal: list[_Ruling] = []
    vertical: list[_Ruling] = []
    x, y = ctypes.c_float(), ctypes.c_float()

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        width, height = abs(x1 - x0), abs(y1 - y0)
        if height <= _THIN and width > _THIN:
            horizontal.append(_Ruling((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif width <= _THIN and height > _THIN:
            vertical.append(_Ruling((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    # The page's own objects through the raw API (pypdfium2's get_objects wraps every
    # object, text included, in a Python object first: a tenth of a page's reading time).
    box = [ctypes.c_float() for _ in range(4)]
    fs_matrix = raw.FS_MATRIX()
    for number in range(max(0, raw.FPDFPage_CountObjects(page.raw))):
        obj = raw.FPDFPage_GetObject(page.raw, number)
        if not obj or raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, *box):
            raise _Drawing
        left, bottom, right, top = (value.value for value in box)
        if (right - left) <= _THIN or (top - bottom) <= _THIN:
            add(left, bottom, right, top)  # a line, or a thin filled rectangle
            continue
        # A larger path: its straight axis-aligned pieces (a rectangle's sides).
        if not raw.FPDFPageObj_GetMatrix(obj, fs_matrix):
            raise _Drawing
        matrix = (fs_matrix.a, fs_matrix.b, fs_matrix.c, fs_matrix.d, fs_matrix.e, fs_matrix.f)
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for index in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, index)
            if not raw.FPDFPathSegment_GetPoint(segment, x, y):
                break
            kind = raw.FPDFPathSegment_GetType(segment)
            here = _point(matrix, x.value, y.value)
            if kind == raw.FPDF_SEGMENT_MOVETO or not points:
                start = here
            elif kind == raw.FPDF_SEGMENT_LINETO:
                add(*points[-1], *here)
            else:  # a curve: not a ruling
                start = None
            points.append(here)
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                add(*here, *start)
    return horizontal, vertical


def _snap(rulings: list[_Ruling]) -> list[_Ruling]:
    """Rulings at nearly the same position are at one; pieces on one line that touch or
    overlap are one ruling."""
    rulings = sorted(rulings, key=lambda r: r.at)
    groups: list[list[_Ruling]] = []
    for ruling in rulings:
        if groups and ruling.at - groups[-1][0].at <= _SNAP:
            groups[-1].append(ruling)
        else:
            groups.append([ruling])
    out: list[_Ruling] = []
    for group in groups:
        at = sum(r.at for r in group) / len(group)
        pieces = sorted(group, key=lambda r: r.start)
        current = _Ruling(at, pieces[0].start, pieces[0].end, pieces[0].drawn)
        for piece in pieces[1:]:
            if piece.start <= current.end + _SNAP:
                current.end = max(current.end, piece.end)
                current.drawn = current.drawn and piece.drawn
            else:
                out.append(current)
                current = _Ruling(at, piece.start, piece.end, piece.drawn)
        out.append(current)
    return out


def _close_open_ends(horizontal: list[_Ruling], vertical: list[_Ruling]) -> list[_Ruling]:
    """A table broken by a page has no ruling under its last row (over its first row on
    the next page): where two or more vertical rulings end at one height with no
    horizontal ruling there, close them with an undrawn ruling."""
    ends: dict[float, list[float]] = {}
    for v in vertical:
        for y in (v.start, v.end):
            covered = any(
                abs(h.at - y) <= _SNAP and h.start - _SNAP <= v.at <= h.end + _SNAP
                for h in horizontal
            )
            if not covered:
                key = next((k for k in ends if abs(k - y) <= _SNAP), y)
                ends.setdefault(key, []).append(v.at)
    closing = [
        _Ruling(y, min(xs), max(xs), drawn=False) for y, xs in ends.items() if len(set(xs)) >= 2
    ]
    return horizontal + closing


@dataclass(frozen=True)
class _Cell:
    left: float
    bottom: float
    right: float
    top: float


def _cells(horizontal: list[_Ruling], vertical: list[_Ruling]) -> list[_Cell]:
    """The smallest rectangles whose corners are crossings joined by rulings."""
    # Crossings: (x, y) -> the horizontal and vertical rulings through it.
    through_h: dict[tuple[float, float], set[int]] = {}
    through_v: dict[tuple[float, float], set[int]] = {}
    for hi, h in enumerate(horizontal):
        for vi, v in enumerate(vertical):
            if (
                v.start - _SNAP <= h.at <= v.end + _SNAP
                and h.start - _SNAP <= v.at <= h.end + _SNAP
            ):
                point = (round(v.at, 2), round(h.at, 2))
                through_h.setdefault(point, set()).add(hi)
                through_v.setdefault(point, set()).add(vi)
    points = sorted(through_h, key=lambda p: (-p[1], p[0]))
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for point in points:
        by_x.setdefault(point[0], []).append(point)  # top to bottom
        by_y.setdefault(point[1], []).append(point)  # left to right
    cells: list[_Cell] = []
    checks = 0
    for point in points:
        x, y = point
        below = [p for p in by_x[x] if p[1] < y and through_v[p] & through_v[point]]
        right = [p for p in by_y[y] if p[0] > x and through_h[p] & through_h[point]]
        found = False
        for down in below:
            for across in right:
                checks += 1
                if checks > _MAX_CHECKS:
                    raise _Drawing
                corner = (across[0], down[1])
                if (
                    corner in through_h
                    and through_h[corner] & through_h[down]
                    and through_v[corner] & through_v[across]
                ):
                    if across[0] - x >= _MIN_CELL and y - down[1] >= _MIN_CELL:
                        cells.append(_Cell(x, down[1], across[0], y))
                    found = True
                    break
            if found:
                break
    return cells


def _groups(cells: list[_Cell]) -> list[list[_Cell]]:
    """Cells that share a corner are one table."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for index, cell in enumerate(cells):
        for corner in (
            (cell.left, cell.top),
            (cell.right, cell.top),
            (cell.left, cell.bottom),
            (cell.right, cell.bottom),
        ):
            if corner in owner:
                parent[find(index)] = find(owner[corner])
            else:
                owner[corner] = index
    groups: dict[int, list[_Cell]] = {}
    for index, cell in enumerate(cells):
        groups.setdefault(find(index), []).append(cell)
    return list(groups.values())


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SNAP:
            out.append(value)
    return out


def _index(positions: list[float], value: float) -> int:
    return min(range(len(positions)), key=lambda i: abs(positions[i] - value))


@dataclass
class _Line:
    left: float
    bottom: float
    right: float
    top: float
    text: str
    column: int = 0  # a letterhead's column (`pdf_text.letterhead_columns`); 0 elsewhere


def page_runs(textpage: Any) -> list[_Line]:
    """The text layer's runs (PDFium's text rectangles) with their text."""
    lines: list[_Line] = []
    bounded = BoundedText(textpage)
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = bounded(left, bottom, right, top).strip()
        if text:
            lines.append(_Line(left, bottom, right, top, text))
    return lines


def _first_word_right(textpage: Any, line: _Line) -> float:
    """Where the first word of a line ends (its characters' boxes)."""
    middle = (line.top + line.bottom) / 2
    index = textpage.get_index(line.left + 0.5, middle, 2.0, (line.top - line.bottom) / 2)
    if index is None or index < 0:
        return line.right
    return min(word_right(textpage, index, line.left), line.right)


def join_lines(before: str, after: str, wrapped: bool) -> str:
    """Two lines of a cell: a wrapped line goes on with a space (none after a hyphen
    the line ended with, PDFium's \\x02, or after a slash), any other break is a line."""
    if before.endswith("\x02"):
        return before[:-1] + "-" + after
    if not wrapped:
        return before + "\n" + after
    if before.endswith(("/", "-", "–")) and not before.endswith((" /", " -", " –")):
        return before + after
    return before + " " + after


def _cell_text(cell: _Cell, runs: list[_Line], textpage: Any) -> str:
    """The cell's lines, a wrapped line joined to the next with a space, any other break
    (a new paragraph of the cell) kept as a line break."""
    if not runs:
        return ""
    # Runs on one line (a change of font splits a line) are one line.
    ordered = sorted(runs, key=lambda r: (-(r.top + r.bottom) / 2, r.left))
    lines: list[_Line] = []
    for run in ordered:
        middle = (run.top + run.bottom) / 2
        if lines and lines[-1].bottom <= middle <= lines[-1].top:
            last = lines[-1]
            pieces = sorted([last, run], key=lambda r: r.left)
            lines[-1] = _Line(
                min(last.left, run.left),
                min(last.bottom, run.bottom),
                max(last.right, run.right),
                max(last.top, run.top),
                " ".join(p.text for p in pieces),
            )
        else:
            lines.append(run)
    margin = max(1.0, min(line.left for line in lines) - cell.left)
    usable = cell.right - margin
    out = lines[0].text
    for before, line in zip(lines, lines[1:], strict=False):
        word = _first_word_right(textpage, line) - line.left
        height = line.top - line.bottom
        # Would the next line's first word have fitted after this line (with a space)?
        # Glyph boxes are narrower than their advances: half a line's height of slack, and
        # a doubt is a wrap (names run together are told apart, a name cut is not mended).
        wrapped = before.right + height * 0.25 + word > usable - height * 0.5
        out = join_lines(out, line.text, wrapped)
    return out.replace("\x02", "-")


def page_tables(page: Any, textpage: Any, runs: list[_Line] | None = None) -> list[PdfTable]:
    """The ruled tables of one page, top to bottom (`runs`: the page's `page_runs`)."""
    horizontal, vertical = _rulings(page)
    if len(horizontal) < 2 or len(vertical) < 2 or len(horizontal) + len(vertical) > _MAX_RULINGS:
        return []
    horizontal, vertical = _snap(horizontal), _snap(vertical)
    if len(horizontal) > _MAX_LINES or len(vertical) > _MAX_LINES:
        return []
    horizontal = _snap(_close_open_ends(horizontal, vertical))
    try:
        cells = _cells(horizontal, vertical)
    except _Drawing:
        return []
    if len(cells) < 2:
        return []
    if runs is None:
        runs = page_runs(textpage)
    tables: list[PdfTable] = []
    bounded = BoundedText(textpage)
    for group in _groups(cells):
        if len(group) < 2:
            continue  # a box around a paragraph: text, as it reads
        xs = _positions([c.left for c in group] + [c.right for c in group])
        ys = _positions([c.bottom for c in group] + [c.top for c in group])[::-1]  # top first
        width, height = len(xs) - 1, len(ys) - 1
        if width < 1 or height < 1:
            continue
        rows = [[""] * width for _ in range(height)]
        inside: dict[_Cell, list[_Line]] = {cell: [] for cell in group}
        for run in runs:
            cy = (run.top + run.bottom) / 2
            for cell in group:
                if not (
                    cell.bottom < cy < cell.top and run.left < cell.right and cell.left < run.right
                ):
                    continue
                if cell.left <= run.left and run.right <= cell.right:
                    inside[cell].append(run)
                    break
                # A run across a ruling (the text engine joined two cells' words): each
                # cell takes its own part.
                left, right = max(run.left, cell.left), min(run.right, cell.right)
                part = bounded(left, run.bottom, right, run.top).strip()
                if part:
                    inside[cell].append(_Line(left, run.bottom, right, run.top, part))
        for cell in sorted(group, key=lambda c: (-c.top, c.left)):
            text = unicodedata.normalize("NFC", _cell_text(cell, inside[cell], textpage))
            first_col = _index(xs, cell.left)
            first_row, last_row = _index(ys, cell.top), _index(ys, cell.bottom)
            for row in range(first_row, max(first_row + 1, last_row)):
                rows[row][first_col] = text
        top, bottom = ys[0], ys[-1]
        tables.append(
            PdfTable(
                top=top,
                bottom=bottom,
                left=xs[0],
                right=xs[-1],
                rows=rows,
                columns=xs,
                open_top=not _drawn_at(horizontal, top, xs[0], xs[-1]),
                open_bottom=not _drawn_at(horizontal, bottom, xs[0], xs[-1]),
            )
        )
    return sorted(tables, key=lambda t: -t.top)


def _drawn_at(horizontal: list[_Ruling], y: float, left: float, right: float) -> bool:
    return any(
        h.drawn and abs(h.at - y) <= _SNAP and h.start <= left + _SNAP and h.end >= right - _SNAP
        for h in horizontal
    )


def continues(before: PdfTable, after: PdfTable) -> bool:
    """`after` (at the top of the next page) goes on with `before` (at the bottom of its
    page): the same columns, and nothing of the genre's that starts a table of its own.

    Word repeats a table's header rows on every page, so a new table (an appendix after
    another) whose columns are the carried table's looks at the top of its page just like
    the carried table going on. What tells it is what a drafter writes: its numbering
    starts again (`_restarts`), its first row is a caption ("Phụ lục II", "Biểu 2") or a
    header that is not the carried one's, or the carried table ended with its total
    ("Tổng cộng") and the new part does not number on. A row the page break split (no
    ruling under the carried table's last row, no number on the new part's first) goes on
    whatever follows."""
    if len(before.columns) != len(after.columns):
        return False
    if not all(abs(a - b) <= 2 * _SNAP for a, b in zip(before.columns, after.columns, strict=True)):
        return False
    if (before.open_bottom if before.ruled else after.open_top) and _row_number(
        after.rows[0] if after.rows else []
    ) is None:
        return True  # a row split by the page break
    rest = _after_header(before.rows, after.rows)
    first = next((row for row in rest if _has_content(row)), None)
    if first is None:
        return True
    if rest and _starts_table(rest[0]):
        return False
    number = _row_number(first)
    if _closes(before.rows) and (number is None or number.first):
        return False
    if number is None:
        return True
    if _restarts(before.rows, number):
        return False
    # A kind the carried table never used, from its first ("I" over rows from "1"): the
    # new table's group heading when the rows under it count again from the first.
    kinds = {n.kind for row in before.rows if (n := _row_number(row)) is not None}
    if number.first and number.kind not in kinds:
        under = next(
            (n for row in rest[rest.index(first) + 1 :] if (n := _row_number(row)) is not None),
            None,
        )
        return not (under is not None and under.kind in kinds and _restarts(before.rows, under))
    return True


# A row number as the genre writes it in a table's first column: "1", "1.", "2.3",
# "I", "II.", "A", "a)" — alone in the cell, or before a title merged across ("II. XÃ HỘI SỐ").
_ROW_NUMBER = re.compile(
    r"^\s*(?:(?P<arabic>\d{1,3}(?:\.\d{1,3})*)\.?"
    r"|(?P<roman>[IVXLC]{1,6})|(?P<upper>[A-ZĐ])|(?P<lower>[a-zđ])(?=\s*[.)]))"
    r"\s*[.)]?(?=\s|$)"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_LETTERS = "ABCDĐEGHIKLMNOPQRSTUVXY"


@dataclass(frozen=True)
class _Number:
    kind: str  # "arabic", "roman", "upper", "lower"
    parts: tuple[int, ...]

    @property
    def first(self) -> bool:
        """The first number of its kind at its depth ("1", "1.1", "I", "A", "a")."""
        return all(part == 1 for part in self.parts)


def _roman_value(text: str) -> int:
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN[char]
        following = _ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def _row_number(row: list[str]) -> "_Number | None":
    """The number a table row starts with, in its first column."""
    if not row:
        return None
    match = _ROW_NUMBER.match(row[0])
    if match is None:
        return None
    if match["arabic"]:
        return _Number("arabic", tuple(int(part) for part in match["arabic"].split(".")))
    if match["roman"]:
        return _Number("roman", (_roman_value(match["roman"]),))
    if match["upper"]:
        letter = match["upper"]
        return _Number("upper", (_LETTERS.index(letter) + 1 if letter in _LETTERS else 0,))
    letter = match["lower"].upper()
    return _Number("lower", (_LETTERS.index(letter) + 1 if letter in _LETTERS else 0,))


def _has_content(row: list[str]) -> bool:
    """A row with a number or a text of its own (not only the agencies of a second
    lead/coordinator pair): its first two columns."""
    return any(cell.strip() for cell in row[:2])


def _after_header(before: list[list[str]], after: list[list[str]]) -> list[list[str]]:
    """`after`'s rows past the carried table's header rows repeated at its top (its first
    rows, or a header the carried table repeats inside it: a group's own "Nội dung | Đơn
    vị thực hiện | …")."""
    header = [row for row in before if _row_number(row) is None]
    index = 0
    while index < len(after) and _row_number(after[index]) is None and after[index] in header:
        index += 1
    return after[index:]


# A table's own caption set as its first row: "Phụ lục II", "PHỤ LỤC", "Biểu số 02", "Bảng 1:".
_CAPTION = re.compile(r"^(?:phu luc|bieu|bang|mau)(?:\s*$|\s*[:.\-–]|\s+(?:so\s+)?[0-9ivxlc]+\b)")


def _starts_table(row: list[str]) -> bool:
    """A first row that only a new table has: a caption, or a header naming columns."""
    from lotrinh.importer.tables import is_header_row

    filled = [cell for cell in row if cell.strip()]
    if len(filled) == 1 and _CAPTION.match(fold(filled[0]).strip()):
        return True
    return is_header_row(row)


# A closing row: the total a table of figures (or of funds) ends with.
_CLOSING = re.compile(r"^(?:tong cong|tong so|tong|cong)(?:\s*[:.]?\s*$|\s*\()")


def _closes(rows: list[list[str]]) -> bool:
    last = next((row for row in reversed(rows) if any(cell.strip() for cell in row)), None)
    if last is None or _row_number(last) is not None:
        return False
    filled = next(cell for cell in last if cell.strip())
    return _CLOSING.match(fold(filled).strip()) is not None


def _restarts(rows: list[list[str]], number: _Number) -> bool:
    """`number` (the first number on the new part) starts its kind again where the carried
    table `rows` already counted it ("1" after "15", "1." after "2.3", "I" after "III"),
    and is no child of the carried table's last number ("1.1" under "1", "1" under a
    group heading "II" of a kind that holds the numbers: a table's groups number their
    rows from 1, each)."""
    if not number.first:
        return False
    numbers = [(index, n) for index, row in enumerate(rows) if (n := _row_number(row)) is not None]
    same = [(index, n) for index, n in numbers if n.kind == number.kind]
    if not same:
        return False
    last_index, last = same[-1]
    if len(number.parts) > len(last.parts) and number.parts[: len(last.parts)] == last.parts:
        return False  # a child: "1.1" under "1"
    first_of_kind = same[0][0]
    for row in rows[last_index + 1 :]:
        other = _row_number(row)
        if other is None:
            if _has_content(row):
                return False  # an unnumbered heading (or a row of unknown kind) between
            continue
        # A number of a kind above this one (met first in the table): its group heading,
        # under which the numbers start again.
        seen = next(i for i, n in numbers if n.kind == other.kind)
        if seen < first_of_kind:
            return False
    return True


def join_pages(before: PdfTable, after: PdfTable) -> PdfTable:
    """One table from its parts on two pages: the header rows repeated at the top of the
    next page are dropped, all of them (a two-row header, "TT | Nhiệm vụ | …" over "(1) |
    (2) | …", whole; Word's "Repeat as header row"); a row split by the page break is one
    row."""
    rows = after.rows
    # The first part's opening rows, as many as the next part opens with, as often.
    repeated = 0
    while True:
        same = 0
        while (
            same < len(before.rows)
            and repeated + same < len(rows)
            and rows[repeated + same] == before.rows[same]
        ):
            same += 1
        if not same:
            break
        repeated += same
    rows = rows[repeated:]
    joined = [list(row) for row in before.rows]
    split = before.open_bottom if before.ruled else after.open_top
    if split and rows and joined:
        last, first = joined[-1], rows[0]
        for index, text in enumerate(first):
            if text and text != last[index]:
                last[index] = join_lines(last[index], text, wrapped=True) if last[index] else text
        rows = rows[1:]
    joined.extend(list(row) for row in rows)
    return PdfTable(
        top=before.top,
        bottom=after.bottom,
        left=before.left,
        right=before.right,
        rows=joined,
        columns=after.columns,
        open_top=before.open_top,
        open_bottom=after.open_bottom,
        ruled=before.ruled,
    )
