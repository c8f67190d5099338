"""The text of a Word document as Word displays it (docs/importer.md, "Word files as saved").

python-docx's `paragraph.text` reads only the runs that are direct children of a
paragraph or a hyperlink: the automatic numbers ("I.", "1.", "a)", "-") that Word draws
from `numbering.xml` are not there, inserted text of a tracked change (`w:ins`) and field
results in `w:fldSimple` are skipped, and text boxes and block-level content controls
(`w:sdt`) are not reached. This module walks the XML itself:

- numbering: a paragraph's `w:numPr` (its own, else its style's, through `basedOn`) names
  a list (`w:num` → `w:abstractNum`) and a level; counters are kept per list as Word keeps
  them (a level restarts when a higher level is used, `w:lvlRestart` can say otherwise;
  `w:start`, `w:lvlOverride/w:startOverride`, `w:isLgl`), and the level's `w:lvlText`
  ("%1.", "%1.%2.", "%3)") is filled in with each level's `w:numFmt`;
- tracked changes are read as accepted: `w:ins`/`w:moveTo` read, `w:del`/`w:moveFrom`/
  `w:delText` not, a deleted row is dropped and a paragraph whose mark was deleted runs on
  into the next one;
- a text box (`w:txbxContent`) is read where it is anchored, once: of an
  `mc:AlternateContent`, only the first `mc:Choice` (else the `mc:Fallback`);
- content controls, smart tags, custom XML and hyperlinks are read as their content;
  a field as its result (never its instruction `w:instrText`);
- the numbers of text boxes are counted apart from the body's, as Word counts the boxes'
  story (`Numbering.number`);
- a table's rows and cells inside content controls are rows and cells, merges kept
  (`grid_rows`); a table nested in a cell, or in a text box anchored in a cell, is read as
  lines of the cell (`nested_table_lines`);
- `w:tab` is a tab, `w:br`/`w:cr` a line break (the caller splits lines).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _val(element: Any, name: str) -> str | None:
    child = element.find(W + name) if element is not None else None
    if child is None:
        return None
    value = child.get(W + "val")
    return None if value is None else str(value)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------- number formats

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """Word's lowerLetter: a … z, then aa … zz, aaa …"""
    if number < 1:
        return ""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """A counter in one of Word's `w:numFmt` kinds; the kinds not listed (ordinal words,
    East Asian counting) are written as decimals."""
    if fmt == "none":
        return ""
    # Beyond what the kind can write (and a hostile `w:start` of a billion "a"s): a decimal.
    if fmt in ("lowerLetter", "upperLetter") and not 1 <= number <= 780:
        return str(number)
    if fmt in ("lowerRoman", "upperRoman") and not 1 <= number <= 3999:
        return str(number)
    if fmt == "lowerLetter":
        return letters(number)
    if fmt == "upperLetter":
        return letters(number).upper()
    if fmt == "lowerRoman":
        return roman(number)
    if fmt == "upperRoman":
        return roman(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


def bullet_text(text: str) -> str:
    """A bullet as a character of text: the Symbol and Wingdings glyphs Word stores in the
    private use area (U+F0B7 "", U+F0A7 "", U+F0D8 "") and Courier's "o" are a bullet
    "•"; a dash or a plus sign stays what it is."""
    out = []
    for ch in text:
        if 0xF000 <= ord(ch) <= 0xF0FF:
            low = chr(ord(ch) - 0xF000)
            out.append(low if low in "-+*" else "•")
        else:
            out.append(ch)
    text = "".join(out).strip()
    return "•" if text in ("o", "§", "Ø", "ü", "") else text


# ---------------------------------------------------------------- numbering


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    # `w:lvlRestart`: None restarts after any higher level; 0 never; n after levels < n.
    restart: int | None = None
    suffix: str = "tab"  # tab, space or nothing
    legal: bool = False  # w:isLgl: the levels it shows are written as decimals
    style: str = ""  # w:pStyle: the paragraph style this level is linked to


def _level(lvl: Any) -> Level:
    restart = _val(lvl, "lvlRestart")
    return Level(
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        # Word writes `w:start`; the standard's default when it does not is 0.
        start=_int(_val(lvl, "start"), 0),
        restart=None if restart is None else _int(restart, 0),
        suffix=_val(lvl, "suff") or "tab",
        legal=_on(lvl.find(W + "isLgl")),
        style=_val(lvl, "pStyle") or "",
    )


def _on(flag: Any) -> bool:
    """A Word on/off property: present and not switched off."""
    return flag is not None and flag.get(W + "val") not in ("0", "false", "off")


@dataclass
class _List:
    abstract: str
    levels: dict[int, Level]
    starts: dict[int, int]  # w:startOverride per level


def render_number(
    levels: dict[int, Level],
    counters: dict[int, int],
    ilvl: int,
    starts: dict[int, int] | None = None,
) -> str:
    """The number Word shows for level `ilvl` (its counter already advanced). A level the
    text shows that has not been used since it (re)started shows one less than its start,
    as Word does ("0.1" for a second-level heading with no first-level one before it)."""
    level = levels.get(ilvl, Level())
    if level.fmt == "bullet":
        return bullet_text(level.text)
    starts = starts or {}

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        shown = levels.get(index, Level())
        value = counters.get(index, starts.get(index, shown.start) - 1)
        fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
        return format_number(value, fmt)

    return re.sub(r"%([1-9])", fill, level.text)


def advance(levels: dict[int, Level], counters: dict[int, int], ilvl: int, start: int) -> None:
    """Level `ilvl` is used once more: its counter goes on (from `start` when it has not
    been used since it last restarted), and the lower levels that restart after it do."""
    counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
    for lower in [k for k in counters if k > ilvl]:
        restart = levels.get(lower, Level()).restart
        if restart is None or (restart > 0 and ilvl < restart):
            del counters[lower]


class Numbering:
    """The lists of a document and their counters, read once per document."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.abstract_links: dict[str, str] = {}  # abstractNum → numbering style it follows
        self.nums: dict[str, _List] = {}
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.default_style: str | None = None
        self.counters: dict[tuple[str, str, str], dict[int, int]] = {}
        if styles is not None:
            for style in styles.iter(W + "style"):
                if style.get(W + "type") not in ("paragraph", "numbering"):
                    continue
                style_id = style.get(W + "styleId") or ""
                num_pr = style.find(f"{W}pPr/{W}numPr")
                num_id = _val(num_pr, "numId") if num_pr is not None else None
                ilvl = _val(num_pr, "ilvl") if num_pr is not None else None
                self.styles[style_id] = (_val(style, "basedOn"), num_id, ilvl)
                if style.get(W + "default") in ("1", "true") and style.get(W + "type") == (
                    "paragraph"
                ):
                    self.default_style = style_id
        if numbering is None:
            return
        for abstract in numbering.iter(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId") or ""
            self.abstracts[key] = {
                _int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in abstract.iter(W + "lvl")
            }
            link = _val(abstract, "numStyleLink")
            if link:
                self.abstract_links[key] = link
        overrides: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        for num in numbering.iter(W + "num"):
            starts: dict[int, int] = {}
            replaced: dict[int, Level] = {}
            for override in num.iter(W + "lvlOverride"):
                level_index = _int(override.get(W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    starts[level_index] = _int(start, 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    replaced[level_index] = _level(lvl)
            overrides[num.get(W + "numId") or ""] = (
                _val(num, "abstractNumId") or "",
                starts,
                replaced,
            )
        for num_id, (abstract_id, starts, replaced) in overrides.items():
            abstract_id = self._linked(abstract_id, overrides)
            levels = {**self.abstracts.get(abstract_id, {}), **replaced}
            self.nums[num_id] = _List(abstract_id, levels, starts)

    def _linked(
        self, abstract_id: str, overrides: dict[str, tuple[str, dict[int, int], dict[int, Level]]]
    ) -> str:
        """An abstract list that only follows a numbering style (`w:numStyleLink`) is the
        abstract list of the list that style names."""
        seen: set[str] = set()
        while abstract_id in self.abstract_links and abstract_id not in seen:
            seen.add(abstract_id)
            style_num = self.styles.get(self.abstract_links[abstract_id], (None, None, None))[1]
            if style_num not in overrides:
                break
            abstract_id = overrides[style_num or ""][0]
        return abstract_id

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        """The (numId, ilvl) a paragraph style gives, through its `basedOn` chain."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            based_on, num_id, ilvl = self.styles.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def number(self, p: Any) -> str:
        """The number Word shows before paragraph `p` ("" if none), advancing its list."""
        ppr = p.find(W + "pPr")
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        style_id = style_id or self.default_style
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl_text = _val(num_pr, "ilvl") if num_pr is not None else None
        if num_id is None:
            num_id, style_ilvl = self._style_numbering(style_id)
            ilvl_text = ilvl_text or style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        instance = self.nums[num_id]
        if not instance.levels:
            return ""  # a list whose abstract list is missing shows no number
        if ilvl_text is None:
            # A style linked from a level of the list (`w:pStyle` in `w:lvl`) is that level.
            ilvl_text = next(
                (
                    str(k)
                    for k, lvl in instance.levels.items()
                    if style_id and lvl.style == style_id
                ),
                "0",
            )
        ilvl = min(max(_int(ilvl_text, 0), 0), 8)
        # Lists that restart (a `w:startOverride`) count on their own; the others count
        # with every list drawn from the same abstract list.
        # Word keeps the text boxes' text as a story of its own, counted apart from the
        # body's: a box's numbers go on from the boxes before it, not from the body.
        story = "box" if _in_text_box(p) else "body"
        key = (story, "num", num_id) if instance.starts else (story, "abstract", instance.abstract)
        counters = self.counters.setdefault(key, {})
        level = instance.levels.get(ilvl, Level())
        advance(instance.levels, counters, ilvl, instance.starts.get(ilvl, level.start))
        shown = render_number(instance.levels, counters, ilvl, instance.starts)
        if not shown:
            return ""
        return shown + ("" if level.suffix == "nothing" else " ")


def _in_text_box(p: Any) -> bool:
    """The paragraph is in a text box's text (`w:txbxContent`)."""
    parent = p.getparent()
    while parent is not None:
        if parent.tag == W + "txbxContent":
            return True
        parent = parent.getparent()
    return False


# ---------------------------------------------------------------- text


@dataclass
class Part:
    """A paragraph read: its own text and the text boxes anchored in it, in order (each box
    before or after the paragraph's text, by where its anchor stands)."""

    text: str = ""
    before: list[Any] = field(default_factory=list)  # block-level items of text boxes
    after: list[Any] = field(default_factory=list)


_SKIP = {W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "pPr", W + "rPr"}
_TRACKED = {W + "ins", W + "del", W + "moveFrom", W + "moveTo"}
_THROUGH = {
    W + "ins",
    W + "moveTo",
    W + "hyperlink",
    W + "smartTag",
    W + "customXml",
    W + "fldSimple",
    W + "dir",
    W + "bdo",
    W + "r",
}


def alternate(element: Any) -> Any:
    """One branch of an `mc:AlternateContent`: the first Choice, else the Fallback."""
    choice = element.find(MC + "Choice")
    return choice if choice is not None else element.find(MC + "Fallback")


class Reader:
    """Walks a document's body, keeping the numbering counters and the state of complex
    fields (a field's instruction is skipped, its result read) from one paragraph to the
    next."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.field_depth: list[bool] = []  # per open field: True once its result begins
        self.carried = ""  # the text of a paragraph whose mark was deleted
        self.tracked = False  # a tracked change was met (read as accepted)
        # A cell merged down rows is met once per row: read (and numbered) once.
        self.cells: dict[Any, list[str]] = {}

    def _in_instruction(self) -> bool:
        return any(not result for result in self.field_depth)

    def blocks(self, container: Any) -> Iterator[Any]:
        """The block-level items of a body, cell, text box or content control: each
        `w:p` and `w:tbl`, content controls and custom XML opened, in order."""
        for child in container:
            tag = child.tag
            if tag in (W + "p", W + "tbl"):
                yield child
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from self.blocks(content)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                yield from self.blocks(child)
            elif tag == MC + "AlternateContent":
                branch = alternate(child)
                if branch is not None:
                    yield from self.blocks(branch)

    def paragraph(self, p: Any) -> Part | None:
        """A paragraph as Word shows it, its tracked changes accepted; None when its mark
        was deleted (its text then starts the next paragraph)."""
        part = Part()
        pieces: list[str] = []
        self._inline(p, pieces, part)
        text = self.carried + "".join(pieces)
        self.carried = ""
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is not None and (
            mark.find(W + "ins") is not None or mark.find(W + "moveTo") is not None
        ):
            self.tracked = True
        if mark is not None and (
            mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None
        ):
            self.tracked = True
            self.carried = text
            if part.before or part.after:
                return Part("", part.before, part.after)
            return None
        number = self.numbering.number(p)
        part.text = number + text if number else text
        return part

    def _inline(self, element: Any, pieces: list[str], part: Part) -> None:
        for child in element:
            tag = child.tag
            if tag in _TRACKED:
                self.tracked = True
            if tag in _SKIP:
                continue
            if tag == W + "r" and _on(child.find(f"{W}rPr/{W}vanish")):
                continue  # hidden text: Word neither shows nor prints it
            if tag == W + "t":
                if not self._in_instruction():
                    pieces.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                pieces.append("\t")
            elif tag in (W + "br", W + "cr"):
                pieces.append("\n")
            elif tag == W + "noBreakHyphen":
                pieces.append("-")
            elif tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.field_depth.append(False)
                elif kind == "separate" and self.field_depth:
                    self.field_depth[-1] = True
                elif kind == "end" and self.field_depth:
                    self.field_depth.pop()
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._inline(content, pieces, part)
            elif tag in _THROUGH:
                self._inline(child, pieces, part)
            elif tag == MC + "AlternateContent":
                branch = alternate(child)
                if branch is not None:
                    self._inline(branch, pieces, part)
            elif tag in (W + "drawing", W + "pict", W + "object"):
                boxes = [
                    item
                    for box in child.iter(W + "txbxContent")
                    if not _inside_other_box(box, child)
                    for item in self.blocks(box)
                ]
                anchored_before = not "".join(pieces).strip()
                (part.before if anchored_before else part.after).extend(boxes)


def _inside_other_box(box: Any, root: Any) -> bool:
    """A text box inside another box's text is read with that box, not twice; one in a
    branch of an `mc:AlternateContent` that is not read (see `alternate`) is not read."""
    parent = box.getparent()
    while parent is not None and parent is not root:
        if parent.tag == W + "txbxContent":
            return True
        if parent.tag in (MC + "Choice", MC + "Fallback"):
            holder = parent.getparent()
            if holder is not None and alternate(holder) is not parent:
                return True
        parent = parent.getparent()
    return False


def cell_paragraphs(reader: Reader, tc: Any) -> list[str]:
    """The lines of a table cell: its paragraphs (content controls opened), numbered; a
    table nested in it, or in a text box anchored in it, as lines (`nested_table_lines`),
    where it stands."""
    if tc in reader.cells:
        return reader.cells[tc]
    lines: list[str] = []
    reader.cells[tc] = lines
    _cell_lines(reader, reader.blocks(tc), lines)
    return lines


def _cell_lines(reader: Reader, items: Any, lines: list[str]) -> None:
    for item in items:
        if item.tag == W + "tbl":
            lines.extend(nested_table_lines(reader, item))
            continue
        part = reader.paragraph(item)
        if part is None:
            continue
        _cell_lines(reader, part.before, lines)
        if part.text or not (part.before or part.after):  # not a paragraph holding a box only
            lines.append(part.text)
        _cell_lines(reader, part.after, lines)


# A row number or a bullet in a sub-table's first cell, written before the row's text.
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,6}[.)]?|[A-ZĐa-zđ][.)]|[-+•])$")


def _parts(container: Any, name: str) -> Iterator[Any]:
    """A table's rows or a row's cells, through content controls and custom XML."""
    for child in container:
        if child.tag == W + name:
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _parts(content, name)
        elif child.tag == W + "customXml":
            yield from _parts(child, name)


def grid_rows(reader: Reader, tbl: Any) -> Iterator[list[Any | None]]:
    """The rows of a table, each as its cells per grid column: a row and a cell inside
    content controls (a form's repeating section, `w:sdt` around `w:tr` or `w:tc`) or custom
    XML is a row and a cell like the others. A cell spanning columns (`w:gridSpan`) stands in
    its first column, None in the others; a cell continuing a merge down (`w:vMerge`
    without "restart") is the cell where the merge starts, so its text repeats on each row.
    Columns a row skips (`w:gridBefore`) are None, so its cells stay under their columns
    (python-docx's `row.cells` shifts them left). A row deleted as a tracked change is left
    out."""
    above: dict[int, Any] = {}  # grid column → the cell where the merge there starts
    for tr in _parts(tbl, "tr"):
        if row_deleted(reader, tr):
            continue
        offset = _int(_val(tr.find(W + "trPr"), "gridBefore"), 0)
        here: dict[int, Any] = {}
        cells: list[Any | None] = [None] * offset
        for tc in _parts(tr, "tc"):
            tc_pr = tc.find(W + "tcPr")
            span = max(_int(_val(tc_pr, "gridSpan"), 1), 1)
            merge = tc_pr.find(W + "vMerge") if tc_pr is not None else None
            continued = merge is not None and merge.get(W + "val") in (None, "continue")
            root = above.get(offset, tc) if continued else tc
            here[offset] = root
            cells.append(root)
            cells.extend([None] * (span - 1))
            offset += span
        above = here
        yield cells


def nested_table_lines(reader: Reader, tbl: Any) -> list[str]:
    """A table nested in a cell, as lines of that cell: a line per row, its cells' texts
    joined with " – " (a number or bullet in the first cell with a space: "a) Xây dựng
    … – Quý II/2026"); a row naming columns ("TT | Nội dung | Thời hạn") is left out, and
    so is a row deleted as a tracked change. A table nested in it reads the same way."""
    from lotrinh.importer.tables import is_header_row

    lines: list[str] = []
    for tr in _parts(tbl, "tr"):
        if row_deleted(reader, tr):
            continue
        cells = [" ".join(" ".join(cell_paragraphs(reader, tc)).split()) for tc in _parts(tr, "tc")]
        filled = [cell for cell in cells if cell]
        if not filled or is_header_row(filled):
            continue
        if len(filled) > 1 and _ROW_NUMBER.match(filled[0]):
            filled = [f"{filled[0]} {filled[1]}", *filled[2:]]
        lines.append(" – ".join(filled))
    return lines


def row_deleted(reader: Reader, tr: Any) -> bool:
    """A table row deleted as a tracked change."""
    trpr = tr.find(W + "trPr")
    if trpr is not None and (trpr.find(W + "del") is not None or trpr.find(W + "ins") is not None):
        reader.tracked = True
    return trpr is not None and trpr.find(W + "del") is not None
