"""Task tables: from the rows of a Word table or of a text table to tasks.

The genre's tables (appendix "Danh mục nhiệm vụ", "Phân công thực hiện", …) share a
few conventions a drafter recognises (docs/importer.md, "Tables"):

- a header row names the columns: STT/TT, the content ("Nội dung", "Nhiệm vụ",
  "Tên đề án", "Chỉ tiêu", …), who leads ("Chủ trì", "Cơ quan chủ trì", "Đơn vị
  thực hiện"), who coordinates ("Phối hợp"), the output and the deadline; the header
  may be repeated lower down (on each page or part) and is then skipped;
- rows numbered with a Roman numeral or a capital letter, or unnumbered rows that
  name no agency, are group headings; a heading that is only an agency's name gives
  the lead of the rows below it that have none of their own;
- an Arabic-numbered row is a task, unless it names no agency and the rows after it
  are numbered under it ("1" then "1.1");
- a row without number and content that names agencies continues the task above
  (a second lead/coordinator pair, the content cell merged over both rows);
- agency cells are lists: names separated by ";", line breaks, bullets, or commas
  before a new name; "X chủ trì …; Y thực hiện …" in a lead cell makes X the lead.

Text tables come in two shapes: markdown rows (`| a | b |` on one line) and the web-page
copy where every cell mark `|` stands on its own line (`text_table_rows`).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lotrinh.core.text import fold, fold_aligned
from lotrinh.importer.names import (
    Mention,
    gazetteer_key,
    match_at,
    name_list,
    opens_with_unit_kind,
)

# ---------------------------------------------------------------- reading rows


def text_table_rows(lines: list[str], width: int = 0) -> list[list[str]]:
    """The rows of a text table whose cell marks `|` stand on lines of their own.

    Between two cell texts, one mark separates cells of a row; two marks end a row and
    start the next; each further mark is an empty cell (at the end of a row shorter
    than the widest row so far, else at the start of the next). Two marks before a
    row-number cell or a repeated header always end a row. The cell's lines are joined
    with spaces.
    """
    tokens: list[str | None] = []  # None is a mark
    cell: list[str] = []
    stripped = [raw.strip() for raw in lines]
    for position, line in enumerate(stripped):
        if not line:
            # One blank line between two marks is how the page shows an empty cell.
            if (
                not cell
                and tokens
                and tokens[-1] is None
                and position + 1 < len(stripped)
                and stripped[position + 1] == "|"
                and position >= 1
                and stripped[position - 1] == "|"
            ):
                tokens.append("")
            continue
        if line == "|":
            if cell:
                tokens.append(" ".join(cell))
                cell = []
            tokens.append(None)
        elif line:
            # Markdown-like inline marks on a line with text: each is a mark.
            parts = line.split("|") if "|" in line else [line]
            for index, part in enumerate(parts):
                if index:
                    if cell:
                        tokens.append(" ".join(cell))
                        cell = []
                    tokens.append(None)
                if part.strip():
                    cell.append(part.strip())
    if cell:
        tokens.append(" ".join(cell))
    rows: list[list[str]] = []
    row: list[str] = []
    width = max(width, 0)
    index = 0
    # Skip the marks before the first text: they open the first row.
    while index < len(tokens) and tokens[index] is None:
        index += 1
    while index < len(tokens):
        token = tokens[index]
        if token is not None:
            row.append(token)
            index += 1
            continue
        marks = 0
        while index < len(tokens) and tokens[index] is None:
            marks += 1
            index += 1
        if index >= len(tokens):
            break
        following = tokens[index] or ""
        if marks == 1:
            continue
        empties = marks - 2
        if not rows and not row:
            row.extend([""] * (marks - 1))
            continue
        if empties == 0 and width and len(row) < width and row and _is_number(row[0]):
            # "| 5 | text | | Sở X |": an empty cell, unless a new row clearly starts.
            if not (_is_number(following) or _is_header_cell(following)):
                row.append("")
                continue
        width = max(width, len(row))
        tail = min(empties, max(0, width - len(row))) if row else 0
        row.extend([""] * tail)
        rows.append(row)
        row = [""] * (empties - tail)
    if row:
        rows.append(row)
    return [r for r in rows if any(c.strip() for c in r)]


def docx_table_rows(tbl: Any, reader: Any) -> list[list[str]]:
    """The rows of a Word table (`w:tbl`), one string per grid column.

    A cell merged across columns is read once (the other columns of the span are
    empty); a cell merged down rows repeats its text on each row, which is how
    continuation rows are recognised. Rows and cells inside content controls are rows
    and cells (`docx_text.grid_rows`). Paragraphs of a cell are kept as lines: a line
    break separates names in an agency cell. A cell reads as Word shows it
    (`docx_text.Reader`: its automatic numbers, tracked changes accepted) and a row
    deleted as a tracked change is left out.
    """
    import unicodedata

    from lotrinh.importer.docx_text import cell_paragraphs, grid_rows
    from lotrinh.importer.reader import spaces

    rows: list[list[str]] = []
    for row in grid_rows(reader, tbl):
        cells: list[str] = []
        for tc in row:
            if tc is None:
                cells.append("")
                continue
            text = "\n".join(cell_paragraphs(reader, tc))
            # A tab inside a cell ("1.<tab>Text") is a space, as are no-break spaces and
            # runs of spaces (`reader.spaces`); a soft break a line.
            text = "\n".join(spaces(line) for line in text.split("\n"))
            cells.append(unicodedata.normalize("NFC", text.strip()))
        rows.append(cells)
    return rows


# ---------------------------------------------------------------- columns

HEADER_CUES = {
    "number": ("stt", "tt", "so tt", "so thu tu"),
    "coordinating": (
        "co quan phoi hop",
        "don vi phoi hop",
        "co quan, don vi phoi hop",
        "phoi hop",
    ),
    "lead": (
        "co quan chu tri",
        "don vi chu tri",
        "chu tri",
        "co quan thuc hien",
        "don vi thuc hien",
        "co quan, don vi thuc hien",
        "co quan, don vi chu tri",
        "co quan trien khai",
        "don vi trien khai",
        "co quan, don vi",
        "trach nhiem",
        "don vi",
        "co quan",
    ),
    "output": ("san pham", "ket qua", "hinh thuc van ban", "hinh thuc"),
    "deadline": ("thoi gian", "thoi han", "tien do", "nam hoan thanh"),
    "text": (
        "noi dung",
        "nhiem vu",
        "ten nhiem vu",
        "ten de an",
        "de an",
        "chi tieu",
        "ten chi tieu",
        "giai phap",
        "ten du an",
        "du an",
        "hoat dong",
        "cong viec",
    ),
}
COLUMN_ORDER = ("number", "coordinating", "lead", "output", "deadline", "text")


@lru_cache(maxsize=4096)
def _header_words(cell: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(cell)).split())


# "Đơn vị tính" (ĐVT) is the unit a target is measured in, beside a table of targets'
# figures: never the agency column that "Đơn vị" alone names.
_MEASURE_UNIT = ("don vi tinh", "dvt")


def _cue(cell: str, key: str) -> bool:
    if len(cell) > 60:
        return False
    folded = _header_words(cell)
    if folded == "dvt" or folded.startswith(_MEASURE_UNIT[0]):
        return False
    return any(folded == cue or folded.startswith(cue + " ") for cue in HEADER_CUES[key])


def _is_header_cell(cell: str) -> bool:
    return len(cell) <= 60 and any(_cue(cell, key) for key in HEADER_CUES)


def is_header_row(cells: list[str]) -> bool:
    """A row naming columns: at least two short cells that are column names, no other text."""
    filled = [c for c in cells if c.strip()]
    if not filled or _is_number(filled[0]) or len(filled[0]) > 60:
        return False
    named = [c for c in filled if _is_header_cell(c)]
    return len(named) >= 2 and len(named) >= len(filled) - 1


_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2})\s*\)?$")


def is_column_numbers_row(cells: list[str]) -> bool:
    """The row under a header that numbers its columns ("(1) | (2) | (3)", "1 | 2 | 3"):
    no task, though its first cell looks like a task's number."""
    found = [_COLUMN_NUMBER.match(c.strip()) for c in cells if c.strip()]
    if len(found) < 2 or not all(found):
        return False
    numbers = [int(m.group(1)) for m in found if m]
    return all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def table_columns(header: list[str]) -> dict[str, int] | None:
    """Which column holds what, from a header row; None unless it has content and agencies
    (a content column and a lead column) — tables of figures are not task tables."""
    columns: dict[str, int] = {}
    for key in COLUMN_ORDER:
        for index, cell in enumerate(header):
            if index in columns.values() or len(cell) > 60:
                continue
            if _cue(cell, key):
                columns[key] = index
                break
    if "text" not in columns:
        return None
    if "lead" not in columns and "coordinating" not in columns:
        return None
    return columns


# ---------------------------------------------------------------- agency cells

# Head nouns that start an agency's name: inside a list item written without
# separators ("Sở Khoa học và Công nghệ Sở Công Thương"), one of these with a capital
# starts the next name.
_HEADS = ("Sở", "Bộ", "UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Công an", "Ban Quản lý")
# After a comma, these start a new name ("Viện, Trường; Doanh nghiệp, Sở, ban, ngành"):
# the head nouns of the genre's bodies and parties.
_LIST_HEADS = _HEADS + (
    "Ban",
    "Bộ Chỉ huy",
    "Văn phòng",
    "Tỉnh đoàn",
    "Thành đoàn",
    "Liên đoàn",
    "Liên hiệp",
    "Hội",
    "Hiệp hội",
    "Đài",
    "Báo",
    "Trung tâm",
    "Ngân hàng",
    "Kho bạc",
    "Thuế",
    "Chi cục",
    "Cục",
    "Tổng cục",
    "Vụ",
    "Trường",
    "Viện",
    "Doanh nghiệp",
    "Tập đoàn",
    "Tổng công ty",
    "Công ty",
    "Quỹ",
    "Bảo hiểm",
    "Mặt trận",
    "Các",
    "các",
)
_NOT_BEFORE_HEAD = ("của", "thuộc", "và", "với", "các", "cho", "tại", "phòng", "Văn")
# Words that end the name in a cell written as a clause ("Sở X chủ trì hướng dẫn …").
_ROLE_WORDS = re.compile(
    r"\s+(?=(?:chủ trì|phối hợp|thực hiện|thúc đẩy|theo dõi|hướng dẫn|tổng hợp|báo cáo|"
    r"tham mưu|triển khai|chịu trách nhiệm|có trách nhiệm)\b)"
)
_LEAD_WORD = re.compile(r"\bchủ trì\b")
_ITEM_SPLIT = re.compile(r"\s*(?:;|\n|\r|(?:^|\s)•\s+)\s*")
# A dash inside a line is a bullet only where another name starts after it ("- Bộ Y tế -
# Bộ Công an", a list flattened onto one line); between two words of one name it is the
# name's own dash ("Bộ Lao động - Thương binh và Xã hội", "Vụ Kế hoạch - Tài chính",
# "Phòng Văn hóa - Xã hội").
_INNER_DASH = re.compile(r"\s+[-–+]\s+")
_BULLET_START = re.compile(r"^[-–•+*]\s*")


@dataclass
class CellAgencies:
    lead: list[Mention] = field(default_factory=list)
    others: list[Mention] = field(default_factory=list)  # named in a lead cell, not leading


def _mention(written: str) -> Mention | None:
    """One list item as a name: a registry name or generic phrase that is the whole item,
    a list of registry names that covers it, or the item as written (an unknown name)."""
    written = " ".join(written.split()).strip(" .,:;")
    if not written or not any(ch.isalpha() for ch in written):
        return None
    folded = fold_aligned(written)
    whole = match_at(written, folded, 0)
    if whole is not None and whole.end >= len(written.rstrip(" .")):
        return whole
    # A cell drops the article of a generic addressee ("Bộ, cơ quan ngang bộ, …" is
    # "các bộ, cơ quan ngang bộ, …") and may join its last member with "và" ("Các bộ,
    # ngành và địa phương có liên quan" is "các bộ, ngành, địa phương có liên quan").
    bare = written[0].lower() + written[1:]
    variants = [bare, "các " + bare]
    variants += [v.replace(" và ", ", ") for v in variants if " và " in v]
    # … and may drop the comma between the members of a class ("các phường xã").
    variants += [_CLASS_PAIR.sub(r"\1, \2", v) for v in variants if _CLASS_PAIR.search(v)]
    for variant in variants:
        generic = match_at(variant, fold_aligned(variant), 0)
        if generic is not None and generic.generic and generic.end >= len(variant.rstrip(" .")):
            return Mention(0, len(written), written, generic.canonical, True)
    # An item that opens with a unit's kind and a capital is that unit's whole name, however
    # it goes on ("Cục Quản lý Khám, chữa bệnh": the grammar of running text stops at the
    # comma; a cell's item is one name).
    return Mention(0, len(written), written, written, False, opens_with_unit_kind(written))


# Nouns of the classes a plan addresses ("các sở, ban, ngành", "các phường, xã").
_CLASS_PAIR = re.compile(
    r"\b(sở|ban|ngành|xã|phường|huyện|quận)\s+(sở|ban|ngành|xã|phường|huyện|quận)\b"
)


def _comma_parts(item: str) -> list[str]:
    """Split an item at commas that are followed by a new name (a capital or a registry
    name or generic phrase), not at the commas inside "Các sở, ban, ngành"."""
    parts: list[str] = []
    folded = fold_aligned(item)
    start = 0
    for match in re.finditer(r",\s*|\s+và\s+(?=các\s)", item):
        after = match.end()
        if after >= len(item):
            break
        # A registry name with commas ("Bộ Văn hóa, Thể thao và Du lịch") stays whole.
        inside = match_at(item, folded, start)
        if inside is not None and inside.end > match.start():
            continue
        word = item[after:].split(" ", 1)[0].rstrip(",;")
        joins_group = not match.group().startswith(",")  # "X và các cơ quan …"
        if ":" in item[:after]:
            break  # "Các trường: Đại học, Cao đẳng, …": the kinds of one party
        rest = item[after:]
        if (
            joins_group
            or any(rest.startswith(h + " ") or rest == h for h in _LIST_HEADS)
            or (len(word) > 1 and word.isupper())  # "UBND", "MTTQ"
            or match_at(item, folded, after) is not None
        ):
            parts.append(item[start : match.start()])
            start = after
    parts.append(item[start:])
    return parts


def _head_parts(item: str) -> list[str]:
    """Split "Sở Khoa học và Công nghệ Sở Công Thương" (two names whose separating line
    break was lost) before each capitalised head noun not preceded by "của", "và", …"""
    cuts = [0]
    for head in _HEADS:
        for match in re.finditer(r"(?<=\s)" + re.escape(head) + r"\b", item):
            before = item[: match.start()].split()
            if before and before[-1] not in _NOT_BEFORE_HEAD and not before[-1][:1].isupper():
                cuts.append(match.start())
            elif before and before[-1][:1].isupper() and len(before) >= 3:
                # "… Công nghệ Sở Công Thương": a capitalised word ends a name too.
                cuts.append(match.start())
    cuts = sorted(set(cuts))
    parts = [item[a:b] for a, b in zip(cuts, cuts[1:] + [len(item)], strict=True)]
    # A registry name that the cut broke ("Ủy ban nhân dân tỉnh …") is put back.
    merged: list[str] = []
    for part in parts:
        if merged:
            joined = merged[-1] + part
            folded = fold_aligned(joined)
            found = match_at(joined, folded, 0)
            if found is not None and found.end > len(merged[-1].rstrip()):
                merged[-1] = joined
                continue
        merged.append(part)
    return merged


def _registry_run(item: str) -> list[Mention]:
    """Registry names one after another with only spaces between them (the line breaks
    of the cell lost: "Bộ Y tế Ngân hàng Nhà nước Việt Nam"); empty unless they cover it."""
    folded = fold_aligned(item)
    found: list[Mention] = []
    position = 0
    while position < len(item):
        mention = match_at(item, folded, position)
        if mention is None:
            return []
        found.append(mention)
        position = mention.end
        while position < len(item) and item[position] in " .":
            position += 1
    return found if len(found) > 1 else []


def split_agencies(cell: str, lead_cell: bool = False) -> CellAgencies:
    """The agencies of a table cell (see `_split_agencies`); cells repeat down a table."""
    lead, others = _split_cached(cell, lead_cell, gazetteer_key())
    return CellAgencies(list(lead), list(others))


@lru_cache(maxsize=2048)
def _split_cached(
    cell: str, lead_cell: bool, names_key: int
) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    # `names_key`: the gazetteer in force (the database's names change what a cell names).
    found = _split_agencies(cell, lead_cell)
    return tuple(found.lead), tuple(found.others)


def _split_agencies(cell: str, lead_cell: bool = False) -> CellAgencies:
    """The agencies of a table cell.

    Items are separated by ";", line breaks and bullets; within an item, by commas
    before a new name and by a head noun starting a new name. A cell written as a
    clause keeps only the names before its verb ("Sở X thúc đẩy, theo dõi …"). In a
    lead cell, when some items say "chủ trì", only their names lead; the others are
    returned apart (they take part: coordinating).
    """
    result = CellAgencies()
    items = [
        piece
        for line in _ITEM_SPLIT.split(cell.strip())
        for piece in _dash_items(_BULLET_START.sub("", line.strip()))
        if piece and piece.strip()
    ]
    has_lead_word = lead_cell and any(_LEAD_WORD.search(i) for i in items)
    for item in items:
        item = _BULLET_START.sub("", item.strip())
        clause = _ROLE_WORDS.split(item, maxsplit=1)
        names_part = clause[0]
        is_lead = not has_lead_word or bool(_LEAD_WORD.search(item))
        mentions: list[Mention] = []
        for part in _comma_parts(names_part):
            folded = fold_aligned(part.strip())
            listed, end = name_list(part.strip(), 0, folded)
            if listed and end >= len(part.strip().rstrip(" .")):
                mentions.extend(listed)
                continue
            run = _registry_run(part.strip())
            if run:
                mentions.extend(run)
                continue
            for piece in _head_parts(part):
                found = _mention(piece)
                if found is not None:
                    mentions.append(found)
        (result.lead if is_lead else result.others).extend(mentions)
    return result


def _dash_items(item: str) -> list[str]:
    """An item cut at the dashes that start another name (`_INNER_DASH`)."""
    pieces: list[str] = []
    start = 0
    for dash in _INNER_DASH.finditer(item):
        after = item[dash.end() :]
        folded = fold_aligned(after)
        starts_name = after.startswith(_LIST_HEADS) or (
            after[:1].isupper()
            and (match := match_at(after, folded, 0)) is not None
            and not match.unit
        )
        if starts_name:
            pieces.append(item[start : dash.start()])
            start = dash.end()
    pieces.append(item[start:])
    return pieces


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        key = fold(m.canonical)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


# ---------------------------------------------------------------- rows to tasks

ROMAN_NUMBER = re.compile(r"^[IVXLC]{1,6}\s*[.)]?$")
LETTER_NUMBER = re.compile(r"^[A-ZĐ]\s*[.)]?$")
ARABIC_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\s*[.)]?$")
# A group title written in the content cell with its own number ("I. Kinh tế số").
NUMBERED_TITLE = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])\s*[.)\-–]\s+\S")


def _is_number(cell: str) -> bool:
    cell = cell.strip()
    return bool(ARABIC_NUMBER.match(cell) or ROMAN_NUMBER.match(cell) or LETTER_NUMBER.match(cell))


@dataclass
class TableTask:
    number: str
    text: str
    lead: list[Mention]
    coordinating: list[Mention]
    lead_cell: str
    coordinating_cell: str
    output: str
    deadline: str
    group: str  # the number of the group heading ("" before any)


@dataclass
class TableGroup:
    number: str
    title: str


@dataclass
class TaskTable:
    columns: dict[str, int]
    groups: list[TableGroup] = field(default_factory=list)
    tasks: list[TableTask] = field(default_factory=list)
    items: list[TableGroup | TableTask] = field(default_factory=list)  # in order


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _align(cells: list[str], columns: dict[str, int], width: int) -> list[str]:
    """A short row (a text table drops the empty and merged cells) lined up with the
    header: a row that starts with a number or a content is read from the left; a row
    that starts with an agency continues the task above from the lead column."""
    if len(cells) > width:
        # An extra empty cell (a merged cell copied as two): drop empties from the left.
        cells = list(cells)
        while len(cells) > width and "" in cells[1:]:
            del cells[cells.index("", 1)]
        return cells[:width]
    if len(cells) == width:
        return cells
    first = cells[0].strip() if cells else ""
    text_col = columns["text"]
    agency_col = columns.get("lead", columns.get("coordinating", text_col))
    if (
        first
        and not _is_number(first)
        and agency_col > text_col
        and len(cells) <= width - agency_col
        and _looks_like_agencies(cells)
    ):
        return [""] * agency_col + cells + [""] * (width - agency_col - len(cells))
    if "number" in columns and first and not _is_number(first) and columns["number"] == 0:
        # No number cell at all: the row starts at the content column.
        if len(cells) <= width - text_col:
            return [""] * text_col + cells + [""] * (width - text_col - len(cells))
    return cells + [""] * (width - len(cells))


def _looks_like_agencies(cells: list[str]) -> bool:
    """Every cell of a short row is a list of names (a continuation of the row above)."""
    for cell in cells:
        if not cell.strip():
            continue
        agencies = split_agencies(cell)
        names = agencies.lead + agencies.others
        if not names:
            return False
        if not (names[0].generic or names[0].written[:1].isupper()):
            return False
        if len(cell) > 200:
            return False
    return True


def _agency_heading(text: str) -> list[Mention]:
    """A group row that is only an agency's name ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")."""
    folded = fold_aligned(text.strip())
    found = match_at(text.strip(), folded, 0)
    if found is not None and not found.generic and found.end >= len(text.strip().rstrip(" .:")):
        if found.written.isupper():  # a heading in capitals: the name as the registry writes it
            found = Mention(found.start, found.end, found.canonical, found.canonical, False)
        return [found]
    words = text.strip().split()
    if 2 <= len(words) <= 12 and any(
        text.strip().lower().startswith(h.lower() + " ") for h in _HEADS
    ):
        if not NUMBERED_TITLE.match(text.strip()) and not any(ch.isdigit() for ch in text):
            return [Mention(0, len(text.strip()), text.strip(), text.strip(), False)]
    return []


def read_table(rows: list[list[str]], columns: dict[str, int] | None = None) -> TaskTable | None:
    """The tasks of one table. `columns` carries the header of a table continued (a
    text table broken by a blank line before each part)."""
    body_start = 0
    own = _header_index(rows)
    if own is not None:
        columns, body_start = table_columns(rows[own]), own + 1
        if columns is not None:
            columns = _deadline_by_content(rows[own], rows[body_start:], columns)
    if columns is None:
        return None
    width = max([max(columns.values()) + 1] + [len(r) for r in rows[body_start:]] or [0])
    table = TaskTable(columns)
    group = ""
    group_lead: list[Mention] = []
    body = rows[body_start:]
    aligned_rows = [_align([c.strip() for c in r], columns, width) for r in body]
    previous: TableTask | None = None
    for index, cells in enumerate(aligned_rows):
        raw = [c for c in body[index] if c.strip()]
        if is_header_row(raw) or is_column_numbers_row(raw):
            continue  # a repeated header, or the row numbering the header's columns
        number = _cell(cells, columns, "number").rstrip(".)").strip()
        text = _cell(cells, columns, "text")
        lead_cell = _cell(cells, columns, "lead")
        coord_cell = _cell(cells, columns, "coordinating")
        filled = list(dict.fromkeys(c.strip() for c in cells if c.strip()))
        if len(filled) == 1 and not lead_cell and not coord_cell and not _is_number(filled[0]):
            # A heading merged across the row ("I. Kinh tế số" over every column).
            text, number = filled[0], ""
        if not text and not number and not lead_cell and not coord_cell:
            continue
        if not number and NUMBERED_TITLE.match(text):
            number = re.split(r"[.)\-–]", text, maxsplit=1)[0].strip()
        # A row whose number and content repeat the row above (merged down) or are
        # empty, naming agencies: a second lead/coordinator pair of the task above.
        if (
            previous is not None
            and (lead_cell or coord_cell)
            and ((not text and not number) or (text == previous.text and number == previous.number))
        ):
            lead = split_agencies(lead_cell, lead_cell=True)
            previous.lead = _unique(previous.lead + lead.lead)
            previous.coordinating = _unique(
                previous.coordinating + lead.others + split_agencies(coord_cell).lead
            )
            previous.lead_cell = "\n".join(x for x in (previous.lead_cell, lead_cell) if x)
            previous.coordinating_cell = "\n".join(
                x for x in (previous.coordinating_cell, coord_cell) if x
            )
            continue
        if not text:
            continue
        is_heading = False
        if not lead_cell and not coord_cell:
            if not number or ROMAN_NUMBER.match(number) or LETTER_NUMBER.match(number):
                is_heading = True
            elif ARABIC_NUMBER.match(number):
                following = next(
                    (
                        _cell(r, columns, "number").rstrip(".)").strip()
                        for r in aligned_rows[index + 1 :]
                        if _cell(r, columns, "number")
                    ),
                    "",
                )
                is_heading = following.startswith(number + ".")
        elif (
            (ROMAN_NUMBER.match(number) or LETTER_NUMBER.match(number))
            and not lead_cell
            and text == text.upper()
        ):
            is_heading = True
        if is_heading:
            group = number or text
            agency = _agency_heading(text)
            if agency:
                group_lead = agency
            elif ROMAN_NUMBER.match(number) or LETTER_NUMBER.match(number) or not number:
                group_lead = []
            heading = TableGroup(number, text)
            table.groups.append(heading)
            table.items.append(heading)
            previous = None
            continue
        lead = split_agencies(lead_cell, lead_cell=True)
        lead_mentions = _unique(lead.lead) or list(group_lead)
        task = TableTask(
            number=number,
            text=text,
            lead=lead_mentions,
            coordinating=_unique(lead.others + split_agencies(coord_cell).lead),
            lead_cell=lead_cell,
            coordinating_cell=coord_cell,
            output=_cell(cells, columns, "output"),
            deadline=_cell(cells, columns, "deadline"),
            group=group,
        )
        table.tasks.append(task)
        table.items.append(task)
        previous = task
    return table


# A monitoring table's "TIẾN ĐỘ" may hold the task's state ("Hoàn thành", "Đang thực
# hiện"; Công văn 402-CV/VPĐU's appendix) where a plan's holds its timing ("Quý II/2026"):
# the words of a state, folded.
_STATUS_WORDS = re.compile(
    r"(?:da |chua |dang |cham |dung |qua |tam )?"
    r"(?:hoan thanh|thuc hien|trien khai|tien do|han|dung|xong|ban hanh)"
    r"(?: (?:dung|cham|dung han|theo) (?:tien do|han|ke hoach))?"
)
# What a deadline's cell holds: a figure (a date, a month, a year), or a period in words.
_TIMING_WORDS = re.compile(
    r"\d|\b(?:quy|thang|nam|hang|thuong xuyen|giai doan|truoc|trong|lien tuc|dinh ky)\b"
)


def _is_status_column(cells: list[str]) -> bool:
    """A column of states, not of dates or periods: some cell names a state, none a time."""
    filled = [" ".join(_header_words(c).split()) for c in cells if c.strip()]
    return (
        bool(filled)
        and not any(_TIMING_WORDS.search(c) for c in filled)
        and any(_STATUS_WORDS.fullmatch(c) for c in filled)
    )


def _deadline_by_content(
    header: list[str], body: list[list[str]], columns: dict[str, int]
) -> dict[str, int]:
    """The deadline is the first column the header names so whose cells are times; a
    column of states ("Hoàn thành", "Đang thực hiện") under "TIẾN ĐỘ" is no deadline."""
    if "deadline" not in columns:
        return columns
    taken = {index for key, index in columns.items() if key != "deadline"}
    candidates = [
        index
        for index, cell in enumerate(header)
        if index not in taken and len(cell) <= 60 and _cue(cell, "deadline")
    ]
    chosen = next(
        (
            index
            for index in candidates
            if not _is_status_column([row[index] for row in body if index < len(row)])
        ),
        None,
    )
    out = {key: index for key, index in columns.items() if key != "deadline"}
    if chosen is not None:
        out["deadline"] = chosen
    return out


def _header_index(rows: list[list[str]]) -> int | None:
    """The header row: the first row, or the second under a title merged across the table."""
    for index, row in enumerate(rows[:2]):
        if table_columns(row) is not None:
            return index
        if len({c.strip() for c in row if c.strip()}) > 1:
            return None
    return None


def is_task_table(rows: list[list[str]]) -> bool:
    """A table whose header names content and agency columns."""
    return _header_index(rows) is not None


RESTATED = 90.0  # the evaluation's threshold for "the same task" (evaluate.MATCH_THRESHOLD)


def _same_words(text: str) -> str:
    """Text compared for "the same words" within one document (its spelling is its own)."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def merge_restated(tasks: list[dict[str, Any]], table_refs: set[str]) -> list[dict[str, Any]]:
    """An appendix row that repeats a task of the body in the same words (≥ 90 % alike,
    folded) is that task listed again with its assignment: one task, the row's, which
    keeps the body clause's reference in `restates`."""
    from rapidfuzz import fuzz, process

    body = [t for t in tasks if t["ref"] not in table_refs]
    if not body or len(body) == len(tasks):
        return tasks
    # A clause's words, whole and without what follows its first paragraph (a note).
    keys: list[str] = []
    owner: list[int] = []
    for index, body_task in enumerate(body):
        paragraphs = body_task["text"].split("\n")
        for text in {body_task["text"], paragraphs[0]}:
            keys.append(_same_words(text))
            owner.append(index)
    dropped: set[int] = set()
    # The keys of the clauses not yet restated, in order (kept, not rebuilt for each row).
    candidates = dict(enumerate(keys))
    keys_of: dict[int, list[int]] = {}
    for key_index, body_index in enumerate(owner):
        keys_of.setdefault(body_index, []).append(key_index)
    for task in tasks:
        if task["ref"] not in table_refs:
            continue
        key = _same_words(task["text"])
        found = process.extractOne(
            key, candidates, scorer=fuzz.ratio, score_cutoff=RESTATED, processor=None
        )
        if found is None:
            continue
        index = owner[found[2]]
        dropped.add(index)
        for key_index in keys_of[index]:
            candidates.pop(key_index, None)
        task["restates"] = body[index]["ref"]
    gone = {id(body[i]) for i in dropped}
    return [t for t in tasks if id(t) not in gone]
