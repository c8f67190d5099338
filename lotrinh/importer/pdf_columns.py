"""Task tables printed without rulings (aligned columns) in a PDF's pages.

A drafter who removes a table's borders (or a template that never had any) leaves the
cells' text where the table put it: each column's lines start at one x, down the page,
and no line of a row crosses into the next column. Read so:

- the header: a line of two or more pieces (the text layer's runs, cut where the text
  leaves a gap), all but one of them the genre's column names (`tables.HEADER_CUES`), with
  the lines under it that go on its names ("Thời gian" / "hoàn thành": small letters, or
  capitals under capitals);
- the columns: under each header name, the leftmost x where the pieces of the lines of
  two or more pieces start at least twice (names may be centred), else where one starts,
  else where the name starts (a column empty on this page);
- the table: the lines under the header whose pieces each stay within their column; a
  line across the columns ends it, unless it is a group heading merged across the table
  (it starts at a column, with a number in a number column) followed by a row, another
  heading or the page's foot; a line outside the first column after more than a row's
  space ends it too (a heading or paragraph after the table);
- the rows: a line with a row number in the first column ("1", "1.1", "a)", "I") starts a
  row, and so does a header repeated inside the table; when the first column is not a
  number column, text in it after more than a line's space or after lines without it;
- the cells: each row's pieces of a column, their lines joined as a ruled cell's are
  (`pdf_tables._cell_text`: a wrap with a space, another break kept as a line).

The table is kept only when its header names a content column and an agency column
(`tables.is_task_table`): a letterhead or a signature block set in two columns ("Nơi
nhận:" | "TM. ỦY BAN NHÂN DÂN"), or a table of figures, stays text as it read. A table
that reaches the foot of its page goes on at the top of the next with the same columns,
its header repeated or not; a row the page break split has no number on the next page.
The rows come out in the shape of the ruled tables' (`pdf_tables.PdfTable`).
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from lotrinh.core.text import fold
from lotrinh.importer.pdf_tables import PdfTable, _Cell, _cell_text, _Line

# Pieces of one line further apart than this share of the line's height are two pieces
# (a word space is about a quarter of it; two cells' texts are two paddings apart).
_GAP = 0.6
# Column starts closer than this (points) are one.
_ALIGN = 2.5
# Two runs of a line closer than `_GAP` are still two cells' texts when the second starts
# where the page's columns start (`_column_starts`: on this many lines of two or more
# runs) and they stand at least this far apart (points; runs of one word touch, and two
# cells' texts with margins of half a point stand a point apart, less a glyph's overhang:
# "UBND tỉnh; Sở" | "và Công nghệ" 0.96 pt).
_STARTS = 3
_CLOSE = 0.5
# Most header lines a column name wraps to.
_HEADER_LINES = 4
# The names of a task table's other columns, beside its own (`tables.HEADER_CUES`): a
# note, a target's unit and its figures by year or period, the funds and their source.
_OTHER_NAMES = re.compile(
    r"^(?:ghi chu|don vi tinh|dvt|(?:nam|giai doan) \d{4}(?:\s*[-–]\s*\d{4})?"
    r"|kinh phi(?: du kien)?|nguon (?:von|kinh phi)|muc tieu)\W*$"
)
# A year or a period, and the names of a column of figures it goes on when it wraps.
_YEAR = re.compile(r"^\d{4}(?:\s*[-–]\s*\d{4})?$")
_PERIOD_NAME = re.compile(r"^(?:Năm|NĂM|Giai đoạn|GIAI ĐOẠN)$")
# The page's top and bottom bands (share of its height), where running headers and page
# numbers are (`pdf_text.furniture`).
_FOOT = 0.12
# A row number in the first column.
_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-ZĐ]|[a-zđ])\s*[.):]?(?:\s|$)")


@dataclass
class _Row:
    """A line of the page: its pieces, left to right."""

    pieces: list[_Line]
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(p.top - p.bottom for p in self.pieces)


@dataclass
class Columns:
    """A borderless table's columns, handed from a page to the next (`continued`)."""

    starts: list[float]
    rights: list[float]
    number_column: bool
    header: list[str] = field(default_factory=list)


def _visual_lines(runs: list[_Line]) -> list[_Row]:
    """The runs grouped into the page's lines, top to bottom, each line's runs split
    where the text leaves a gap and joined where it does not."""
    rows: list[_Row] = []
    for run in sorted(runs, key=lambda r: -(r.top + r.bottom) / 2):
        middle = (run.top + run.bottom) / 2
        if rows and abs(rows[-1].middle - middle) <= 0.35 * (run.top - run.bottom):
            row = rows[-1]
            row.pieces.append(run)
            row.top, row.bottom = max(row.top, run.top), min(row.bottom, run.bottom)
        else:
            rows.append(_Row([run], run.top, run.bottom))
    columns = _column_starts(rows)
    for row in rows:
        pieces: list[_Line] = []
        for run in sorted(row.pieces, key=lambda r: r.left):
            last = pieces[-1] if pieces else None
            gap = run.left - last.right if last is not None else 0.0
            if (
                last is not None
                and gap < _GAP * (run.top - run.bottom)
                and not (gap >= _CLOSE and any(abs(run.left - x) <= _ALIGN for x in columns))
            ):
                pieces[-1] = _Line(
                    last.left,
                    min(last.bottom, run.bottom),
                    max(last.right, run.right),
                    max(last.top, run.top),
                    f"{last.text} {run.text}",
                )
            else:
                pieces.append(run)
        row.pieces = pieces
    return rows


def _column_starts(rows: list[_Row]) -> list[float]:
    """Where the page's columns start, seen from the whole page rather than one line: the
    x where the runs of lines of two or more runs start, on `_STARTS` lines or more, and
    that fewer of these lines' runs cross than start there. Two cells' texts may stand a
    word space apart (narrow columns, cell margins set near zero); a run that starts at
    such an x after a gap is the next cell's, not the next word of the line."""
    multi = [row.pieces for row in rows if len(row.pieces) >= 2]
    lefts = sorted(run.left for runs in multi for run in runs)
    groups: list[list[float]] = []
    for left in lefts:
        if groups and left - groups[-1][-1] <= _ALIGN:
            groups[-1].append(left)
        else:
            groups.append([left])
    starts: list[float] = []
    for group in groups:
        x = min(group)
        lines = sum(
            any(abs(run.left - x) <= _ALIGN + (max(group) - x) for run in runs) for runs in multi
        )
        crossing = sum(
            any(run.left < x - _ALIGN and run.right > x + _ALIGN for run in runs) for runs in multi
        )
        if lines >= _STARTS and crossing < lines:
            starts.append(x)
    return starts


def _column_of(starts: list[float], x: float) -> int:
    """The column a piece starting at `x` is in (-1: left of the first)."""
    index = -1
    for i, start in enumerate(starts):
        if x >= start - _ALIGN:
            index = i
    return index


def _fits(row: _Row, columns: Columns) -> bool:
    """Each piece of the line within its column: it ends before the next column starts.
    With cell margins near zero two cells' texts stand about a point apart, and a glyph's
    box may take a tenth of it ("UBND tỉnh; Sở" ending 0.9 pt before the next column)."""
    for piece in row.pieces:
        index = _column_of(columns.starts, piece.left)
        if index < 0:
            return False
        if index + 1 < len(columns.starts) and piece.right > columns.starts[index + 1]:
            return False
    return True


def _aligned(row: _Row, columns: Columns) -> bool:
    """Each piece of the line starts at a column's start and stays within it."""
    return _fits(row, columns) and all(
        any(abs(p.left - start) <= _ALIGN for start in columns.starts) for p in row.pieces
    )


def _goes_on(piece: _Line, header: _Row) -> bool:
    """A piece of a line under a header line goes on one of its names: small letters, or
    capitals under a header in capitals ("NHIỆM VỤ VÀ" / "GIẢI PHÁP"), never a row number
    nor across the next name; a year or a period under a name of the year's figures
    ("Năm" / "2025", "Giai đoạn" / "2026 – 2030": a narrow column wraps them)."""
    text = piece.text
    after = [p.left for p in header.pieces if p.left > piece.left + _ALIGN]
    if _NUMBER.match(text) or (after and piece.right > min(after)):
        return False
    if text[:1].islower():
        return True
    if _YEAR.match(text):
        above = [p for p in header.pieces if p.left <= piece.left + _ALIGN]
        return bool(above) and bool(
            _PERIOD_NAME.match(unicodedata.normalize("NFC", above[-1].text))
        )
    return text.isupper() and all(p.text.isupper() for p in header.pieces)


def _repeats(columns: Columns, header: list[_Row]) -> bool:
    """The header lines so far are the start of the header of the table they go on."""
    cells = _header_cells(header, columns.starts)
    return len(cells) == len(columns.header) and all(
        " ".join(before.split()).startswith(" ".join(now.split()))
        for now, before in zip(cells, columns.header, strict=True)
    )


def _header_cells(lines: list[_Row], starts: list[float]) -> list[str]:
    cells = [""] * len(starts)
    for line in lines:
        for piece in line.pieces:
            index = max(0, _column_of(starts, piece.left))
            cells[index] = f"{cells[index]} {piece.text}".strip()
    return [unicodedata.normalize("NFC", c) for c in cells]


def _is_header_line(row: _Row) -> bool:
    """Two or more pieces, all but one of them column names: at least two a task table's
    (`tables.HEADER_CUES`), the others those or the genre's other columns' (`_OTHER_NAMES`:
    a table of targets' "Đơn vị tính" | "Năm 2025" | "Năm 2030" | "Ghi chú")."""
    from lotrinh.importer.tables import _is_header_cell

    if len(row.pieces) < 2:
        return False  # most lines: no need to look at the words
    named = [p for p in row.pieces if _is_header_cell(p.text)]
    other = [p for p in row.pieces if p not in named and _other_name(p.text)]
    return len(named) >= 2 and len(named) + len(other) >= len(row.pieces) - 1


def _other_name(text: str) -> bool:
    return len(text) <= 40 and bool(_OTHER_NAMES.match(" ".join(fold(text).split())))


def _names_header(header: list[_Row]) -> bool:
    """The header's first line with the lines that go on its names is a header line: each
    piece under a name joined to the name it starts under."""
    if len(header) < 2:
        return False
    first = header[0].pieces
    names = [p.text for p in first]
    for line in header[1:]:
        for piece in line.pieces:
            under = [i for i, p in enumerate(first) if p.left <= piece.left + _ALIGN]
            index = under[-1] if under else 0
            names[index] = f"{names[index]} {piece.text}"
    joined = _Row([replace(p, text=name) for p, name in zip(first, names, strict=True)], 0, 0)
    return _is_header_line(joined)


def _starts(lines: list[_Row], header: list[_Row]) -> list[float]:
    """Where the columns start: the x where the pieces of the lines of two or more pieces
    under the header start, the leftmost such x under each header name where lines start
    at least twice (names may be centred; a cell's indented line starts further right);
    a column empty in these rows starts where its name does."""
    lefts: list[list[float]] = []
    multi = [line for line in lines if len(line.pieces) >= 2]
    for left in sorted(p.left for line in multi for p in line.pieces):
        if lefts and left - lefts[-1][-1] <= _ALIGN:
            lefts[-1].append(left)
        else:
            lefts.append([left])
    found = [(min(group), len(group)) for group in lefts]
    # The header's names, one per column: pieces of its lines that overlap are one name.
    names: list[list[float]] = []
    for piece in sorted((p for line in header for p in line.pieces), key=lambda p: p.left):
        if names and piece.left <= names[-1][1]:
            names[-1][1] = max(names[-1][1], piece.right)
        else:
            names.append([piece.left, piece.right])
    starts: list[float] = []
    previous = float("-inf")
    for left, right in names:
        under = [(x, count) for x, count in found if previous < x <= left + _ALIGN]
        if not under:
            # A column empty in these rows: where its name starts.
            starts.append(left)
            previous = right
            continue
        # Where lines start again and again; a column with one row, where it starts.
        starts.append(
            min(x for x, count in under if count == max(c for _, c in under) or count >= 2)
        )
        previous = right
    return starts


def _heading(row: _Row, columns: Columns) -> bool:
    """A line that may be a group heading merged across the table ("I" | "KINH TẾ SỐ",
    "I. Kinh tế số"): it starts at a column, with the group's number when the first column
    holds numbers."""
    first = row.pieces[0]
    if len(row.pieces) > 2 or not any(abs(first.left - s) <= _ALIGN for s in columns.starts):
        return False
    if not columns.number_column:
        return True
    return _column_of(columns.starts, first.left) == 0 and bool(_NUMBER.match(first.text))


def _table(
    lines: list[_Row],
    header: list[_Row],
    columns: Columns,
    textpage: Any,
    continued: bool,
    foot: float,
) -> tuple[PdfTable, int] | None:
    """The table's rows from `lines` (the lines under its header); returns the table and
    how many of `lines` it took. Under `foot` is the page's bottom band (a page number):
    a heading merged across the table may end the page's part of it."""
    starts = columns.starts
    body: list[list[tuple[int, _Line]]] = []  # per table row: (column, piece)
    taken = 0
    last_bottom = header[-1].bottom if header else None
    usual_step = 0.0
    first_number = not continued
    merged: set[int] = set()  # pieces of headings merged across columns
    for index, line in enumerate(lines):
        step = (last_bottom - line.top) if last_bottom is not None else 0.0
        fits = _fits(line, columns)
        if not fits:
            # A heading merged across the table between its rows: it starts at a column
            # and the next line is a row of the table.
            following = lines[index + 1] if index + 1 < len(lines) else None
            if not (
                _heading(line, columns)
                and (
                    following is None
                    or following.middle < foot
                    or _fits(following, columns)
                    or _heading(following, columns)
                )
                and step <= max(usual_step, line.height) + 2.0
            ):
                break
            merged.update(id(p) for p in line.pieces)
            body.append([(max(0, _column_of(starts, p.left)), p) for p in line.pieces])
            last_bottom = line.bottom
            taken = index + 1
            continue
        pieces = [(_column_of(starts, p.left), p) for p in line.pieces]
        in_first = any(c == 0 for c, _ in pieces)
        spaced = step > line.height * 0.9 + 2.0
        if body and step > max(usual_step, line.height) + 2.0 and not in_first:
            break  # a heading or paragraph after the table
        if body and step > 3 * line.height:
            break
        if in_first:
            first_text = next(p.text for c, p in pieces if c == 0)
            if columns.number_column:
                starts_row = bool(_NUMBER.match(first_text.strip())) or not body
            else:
                starts_row = not body or spaced or not any(c == 0 for c, _ in body[-1])
        else:
            # A header repeated inside the table ("Nội dung | Đơn vị thực hiện | …" under a
            # group heading) is a row of its own, as in the document.
            starts_row = not body or _is_header_line(line)
        if not body and first_number and columns.number_column and in_first:
            first_text = next(p.text for c, p in pieces if c == 0)
            if not _NUMBER.match(first_text.strip()):
                return None
        if body and not starts_row:
            usual_step = max(usual_step, step)
            body[-1].extend(pieces)
        else:
            body.append(pieces)
        last_bottom = line.bottom
        taken = index + 1
    if not body:
        return None
    width = len(starts)
    rights = list(columns.rights)
    for row in body:
        for column, piece in row:
            if id(piece) not in merged:
                rights[column] = max(rights[column], piece.right)
    rows: list[list[str]] = []
    if header:
        rows.append(columns.header)
    for row in body:
        cells = []
        for column in range(width):
            runs = [piece for c, piece in row if c == column]
            if not runs:
                cells.append("")
                continue
            right = max([rights[column], *(p.right for p in runs if id(p) in merged)])
            box = _Cell(starts[column] - 1.0, 0.0, right + 1.0, 0.0)
            cells.append(unicodedata.normalize("NFC", _cell_text(box, runs, textpage)))
        rows.append(cells)
    drawn = [p for line in [*header, *lines[:taken]] for p in line.pieces]
    columns.rights = rights
    table = PdfTable(
        top=max(p.top for p in drawn) + 0.5,
        bottom=min(p.bottom for p in drawn) - 0.5,
        left=starts[0] - 1.0,
        right=max(p.right for p in drawn) + 1.0,
        rows=rows,
        columns=starts,
        open_top=not rows[1 if header else 0][0],
        open_bottom=False,
        ruled=False,
    )
    return table, taken


def borderless_tables(
    runs: list[_Line],
    textpage: Any,
    height: float,
    ruled: list[PdfTable],
    carried: Columns | None = None,
) -> tuple[list[PdfTable], Columns | None]:
    """The page's task tables printed without rulings, top to bottom, and the columns of
    the last when it reaches the foot of the page (for the next page's `carried`)."""
    from lotrinh.importer.tables import is_task_table, table_columns

    def outside(run: _Line) -> bool:
        middle = (run.top + run.bottom) / 2
        return getattr(run, "column", 0) == 0 and not any(
            t.bottom <= middle <= t.top and t.left - 1 <= run.left <= t.right + 1 for t in ruled
        )

    lines = _visual_lines([r for r in runs if outside(r)])
    tables: list[PdfTable] = []
    index = 0
    carry_out: Columns | None = None
    # A table going on from the page before: the first lines (past a running header)
    # that fit its columns.
    if carried is not None:
        first = 0
        # A header there (repeated, or a new table's: an appendix starting the page) is
        # not a running header to pass, and what goes on under it is its table.
        while (
            first < len(lines)
            and lines[first].middle > height * (1 - _FOOT)
            and not _header(lines, first, carried)
            and not _aligned(lines[first], carried)
        ):
            first += 1
        if (
            first < len(lines)
            and not _header(lines, first, carried)
            and _aligned(lines[first], carried)
        ):
            found = _table(lines[first:], [], carried, textpage, True, height * _FOOT)
            if found is not None:
                table, taken = found
                tables.append(table)
                index = first + taken
                carry_out = carried if _at_foot(lines, index, height) else None
    while index < len(lines):
        line = lines[index]
        if len(line.pieces) < 2:
            index += 1
            continue
        # The page's first header may repeat the header of the table going on from the
        # page before: its lines are then those that repeat it (never beyond it). Any other
        # header, a new table's at the top of the page among them, is its own.
        repeat_of = carried if not tables else None
        header = _header(lines, index, repeat_of)
        if not header:
            index += 1
            continue
        repeated = repeat_of is not None and _repeats(repeat_of, header[:1])
        after = index + len(header)
        below = lines[after:]
        # The columns from this table's lines: up to the next table's header.
        end = next((i for i, ln in enumerate(below[:60]) if _is_header_line(ln)), 60)
        starts = _starts(below[:end], header)
        if len(starts) < 2:
            index += 1
            continue
        names = _header_cells(header, starts)
        found_columns = table_columns(names)
        if found_columns is None or not is_task_table([names]):
            index += 1
            continue
        number = found_columns.get("number") == 0
        columns = Columns(starts, [0.0] * len(starts), number, names)
        # Under a header repeated at the top of a page, the row the page break split.
        found = _table(below, header, columns, textpage, repeated, height * _FOOT)
        if found is None:
            index += 1
            continue
        table, taken = found
        tables.append(table)
        index = after + taken
        carry_out = columns if _at_foot(lines, index, height) else None
    return tables, carry_out


def _header(lines: list[_Row], index: int, repeat_of: Columns | None = None) -> list[_Row]:
    """The header that starts at `lines[index]`: the line with the lines under it that go on
    its names; [] when it names no columns. The names as the header writes them: a narrow
    column's name wraps ("Thời" / "gian" / "hoàn" / "thành", "Cơ" / "quan chủ trì"), so its
    first line alone need not be a line of names. When its first line repeats the header of
    `repeat_of` (the table going on from the page before), its lines are those that repeat
    that header."""
    line = lines[index]
    if len(line.pieces) < 2:
        return []  # most lines: no need to look further
    header = [line]
    repeated = repeat_of is not None and _repeats(repeat_of, header)
    after = index + 1
    while (
        after < len(lines)
        and len(header) < _HEADER_LINES
        and header[-1].bottom - lines[after].top < line.height
        and all(_goes_on(p, line) for p in lines[after].pieces)
        and (repeat_of is None or not repeated or _repeats(repeat_of, [*header, lines[after]]))
    ):
        header.append(lines[after])
        after += 1
    return header if _is_header_line(line) or _names_header(header) else []


def _at_foot(lines: list[_Row], index: int, height: float) -> bool:
    """No line after `index` but in the page's bottom band (a page number, a footer)."""
    return all(line.middle < height * _FOOT for line in lines[index:])
