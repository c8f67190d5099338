"""The running text of a PDF's pages, read line by line with its geometry (pypdfium2).

PDFium's text layer gives a page's text with a line break wherever the page wrapped a
paragraph. Where each line ends on the page says which breaks are wraps: a line is
wrapped when the next line's first word would not have fitted at its end (within the
text column, whose right edge is where the document's full lines end), and the next
line starts no further right than it (a wrapped paragraph goes on at its left edge; a
centred line, a new indented paragraph or a column beside it do not). Such lines are
joined as the word processor's paragraph had them: with a space, without one after a
hyphen or a slash that ends a line inside a word or number ("57-" / "NQ/TW"), with its
spaces after a spaced dash ("2026 –" / "2030"). A line that starts like an item of the
genre after a line ending a clause is never joined here; the reader's rules for hard-
wrapped text (`reader._unwrap`) decide the breaks left.

Running headers and footers (a document's number or short title at the top of each
page, "Trang 3/12" at the foot) are the lines repeated, figures aside, at the same height
in the top or bottom band of most pages (`furniture`): they are left out, so that a
table continued over the page joins and no paragraph is cut by them.
"""

import ctypes
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

# The top and bottom bands of a page where running headers and footers sit (share of the
# page's height).
_BAND = 0.12
# Positions of a running line closer than this (points) are one.
_SAME_HEIGHT = 3.0


@dataclass
class TextLine:
    left: float
    bottom: float
    right: float
    top: float
    text: str
    first_word: float  # the width of the line's first word (points)
    page: int = 0
    # The text column's left and right on the line's page (`column_edges`).
    edges: tuple[float, float] = (0.0, 0.0)
    baseline: float = 0.0  # the y of the first character's origin
    pitch: float = 0.0  # the document's usual distance between a paragraph's lines

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _origin_y(textpage: Any, index: int, default: float) -> float:
    import pypdfium2.raw as raw

    x, y = ctypes.c_double(), ctypes.c_double()
    if raw.FPDFText_GetCharOrigin(textpage.raw, index, x, y):
        return float(y.value)
    return default


class BoundedText:
    """The text of a page's area (`get_text_bounded`'s), with one call to PDFium per area
    into one buffer kept for the page: pypdfium2's own asks PDFium twice (the length, then
    the text), and each call goes over every character of the page."""

    def __init__(self, textpage: Any) -> None:
        self.textpage = textpage
        # An area's text is at most each character once, with a line break before it.
        self.size = 4 * textpage.count_chars() + 8
        self.buffer = (ctypes.c_ushort * self.size)()

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        import pypdfium2.raw as raw

        count = raw.FPDFText_GetBoundedText(
            self.textpage.raw, left, top, right, bottom, self.buffer, self.size
        )
        if count <= 0:
            return ""
        if count >= self.size - 1:  # cannot happen; PDFium's own way if it does
            return str(self.textpage.get_text_bounded(left, bottom, right, top))
        text = ctypes.string_at(self.buffer, 2 * count).decode("utf-16-le", errors="ignore")
        # Given room, PDFium writes the terminating NUL too and counts it.
        return text[:-1] if text.endswith("\x00") else text


def line_pitch(lines: list[TextLine]) -> float:
    """The usual distance between the baselines of two lines of one paragraph: the most
    common distance between consecutive lines (0 when the text has too few lines)."""
    steps: Counter[float] = Counter()
    for before, after in zip(lines, lines[1:], strict=False):
        step = before.baseline - after.baseline
        if before.page == after.page and 0 < step < 3 * before.height:
            steps[round(step * 2) / 2] += 1
    if sum(steps.values()) < 5:
        return 0.0
    return steps.most_common(1)[0][0]


def _box_in(box: tuple[float, float, float, float], line: "TextLine") -> bool:
    left, bottom, right, top = box
    middle = (bottom + top) / 2
    return abs(left - line.left) <= 1.5 and line.bottom <= middle <= line.top


def _first_word_width(textpage: Any, index: int, line: "TextLine", chars: str) -> float:
    """The width of the line's first word, from the box of its last character (the text
    layer holds the line's characters in order from `index`; `chars` is the page's text,
    read once, whose positions are the characters' where they agree)."""
    word = line.text.split(" ", 1)[0]
    last = index + len(word) - 1
    if last < len(chars) and chars[index : index + len(word)] == word:
        return max(0.0, textpage.get_charbox(last)[2] - line.left)
    if last < textpage.count_chars() and textpage.get_text_range(index, len(word)) == word:
        return max(0.0, textpage.get_charbox(last)[2] - line.left)
    return max(0.0, word_right(textpage, index, line.left) - line.left)


def word_right(textpage: Any, index: int, left: float) -> float:
    """Where the word that starts at character `index` ends: the right of its characters'
    boxes, up to the first space (`left` if there is none). Also used for table cells."""
    right = left
    total = textpage.count_chars()
    while index < total:
        char = textpage.get_text_range(index, 1)
        if not char or char.isspace():
            break
        right = max(right, textpage.get_charbox(index)[2])
        index += 1
    return right


_PLACE_DATE = re.compile(r",\s*ngay\s+\S+\s+thang\s+\S+\s+nam\s+\d{4}")


def letterhead_columns(runs: list[Any], height: float) -> list[Any]:
    """A first page's letterhead typeset as a borderless two-column table (Decree 30's
    layout; Hướng dẫn 36 for the Party's): the issuer over the number on the left, the
    motto "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" (or "ĐẢNG CỘNG SẢN VIỆT NAM") over the place
    and date on the right. Its runs are put column by column, the left one first, each
    marked with its column so that no line joins the two (side by side on one baseline,
    or drawn line by line across the table, they would read "ỦY BAN NHÂN DÂN CỘNG HÒA
    …"). The columns part at the motto's left; the letterhead ends with the place and
    date, else with the motto's lines. Other runs, and pages without it, are unchanged."""
    from lotrinh.core.text import fold
    from lotrinh.importer.motto import opens_with_motto

    # What marks the right column: the motto's opening words (lotrinh.importer.motto).
    motto = next(
        (r for r in runs if r.bottom > height / 2 and opens_with_motto(r.text, whole=False)),
        None,
    )
    if motto is None:
        return runs
    split = motto.left - 1.0
    line = motto.top - motto.bottom

    def centre(run: Any) -> float:
        return (run.left + run.right) / 2

    beside = [
        r
        for r in runs
        if r.right <= motto.left + 1.0 and r.bottom < motto.top and r.top > motto.bottom
    ]
    if not beside:
        return runs  # the motto over the page's width: no columns
    right = sorted(
        (r for r in runs if centre(r) > split and r.top <= motto.top + line), key=lambda r: -r.top
    )
    # The right column's lines: the motto's, down to the place and date (or as long as
    # they follow each other).
    bottom = motto.bottom
    for run in right:
        if run.top > motto.top or run is motto:
            continue
        if _PLACE_DATE.search(fold(run.text)) and run.top > bottom - 4 * line:
            bottom = run.bottom
            break
    else:
        for run in right:
            if run.top <= motto.top and run.top > bottom - 1.5 * line:
                bottom = min(bottom, run.bottom)
    band = [r for r in runs if (r.top + r.bottom) / 2 > bottom - 0.5 * line]
    # The left column may run longer: the number ("Số: …") and a letter's subject ("V/v
    # …", its lines in small letters) under the issuer, within the column.
    below = sorted(
        (r for r in runs if (r.top + r.bottom) / 2 <= bottom - 0.5 * line), key=lambda r: -r.top
    )
    left_bottom = min((r.bottom for r in band if centre(r) <= split), default=bottom)
    subject = False
    for run in below:
        text = run.text.lstrip()
        if run.right > split + 1.0 or run.top < left_bottom - 1.5 * line:
            break
        if text.startswith(("V/v", "V/V")):
            subject = True
        elif not (text.startswith("Số") or (subject and text[:1].islower())):
            break
        band.append(run)
        left_bottom = run.bottom
    band.sort(key=lambda r: -r.top)
    if not band:
        return runs
    left_column = [r for r in band if centre(r) <= split]
    right_column = [r for r in band if centre(r) > split]
    for run in left_column:
        run.column = 1
    for run in right_column:
        run.column = 2
    chosen = {id(r) for r in band}
    first = next(i for i, r in enumerate(runs) if id(r) in chosen)
    rest = [r for r in runs if id(r) not in chosen]
    return rest[:first] + left_column + right_column + rest[first:]


def page_lines(textpage: Any, runs: list[Any]) -> list[TextLine]:
    """The page's text lines in the text layer's order (its runs, `pdf_tables.page_runs`:
    PDFium's text rectangles, joined when on one line), each with the width of its first
    word."""
    lines: list[TextLine] = []
    column = None  # the last run's letterhead column: runs join only within one
    for run in runs:
        left, bottom, right, top, text = run.left, run.bottom, run.right, run.top, run.text
        middle = (top + bottom) / 2
        last = lines[-1] if lines else None
        same_column = column == getattr(run, "column", 0)
        column = getattr(run, "column", 0)
        if (
            last is not None
            and same_column
            and last.bottom <= middle <= last.top
            and left >= last.right - 1.0
        ):
            gap = left - last.right
            joiner = " " if gap > 0.15 * (top - bottom) and not last.text.endswith(" ") else ""
            last.text = f"{last.text}{joiner}{text}"
            last.right = max(last.right, right)
            last.bottom, last.top = min(last.bottom, bottom), max(last.top, top)
            continue
        lines.append(TextLine(left, bottom, right, top, text, 0.0))
    # The lines' first characters, found in the page's text in order (a hit test per line
    # costs more than reading the page's text once).
    chars = textpage.get_text_range()
    cursor = 0
    for line in lines:
        word = line.text.split(" ", 1)[0]
        char = chars.find(word, cursor) if word else -1
        if char >= 0 and _box_in(textpage.get_charbox(char), line):
            cursor = char + len(word)
        else:
            char = textpage.get_index(line.left + 0.5, line.middle, 2.0, line.height / 2)
        if char is None or char < 0:
            line.first_word = len(line.text.split(" ", 1)[0]) * line.height * 0.5
            line.baseline = line.bottom
        else:
            line.first_word = _first_word_width(textpage, char, line, chars)
            line.baseline = _origin_y(textpage, char, line.bottom)
    return lines


def _shape(text: str) -> str:
    """A running line with its figures aside ("Trang 3/12", "- 7 -")."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def furniture(pages: list[tuple[float, list[TextLine]]]) -> list[set[int]]:
    """For each page (its height, its lines), the indexes of its running header and footer
    lines: in the top or bottom band, repeated with the same shape at the same height on
    at least half of the pages (and two)."""
    seen: Counter[tuple[str, int]] = Counter()
    keys: list[list[tuple[str, int] | None]] = []
    for height, lines in pages:
        page_keys: list[tuple[str, int] | None] = []
        for line in lines:
            if line.bottom >= height * (1 - _BAND) or line.top <= height * _BAND:
                page_keys.append((_shape(line.text), round(line.middle / _SAME_HEIGHT)))
            else:
                page_keys.append(None)
        keys.append(page_keys)
        seen.update({key for key in page_keys if key is not None})
    needed = max(2, (len(pages) + 1) // 2)

    def repeated(key: tuple[str, int]) -> int:
        # Heights rounded either side of a boundary are one height.
        shape, at = key
        return max(
            seen[(shape, at)] + seen[(shape, at + 1)], seen[(shape, at)] + seen[(shape, at - 1)]
        )

    return [
        {
            index
            for index, key in enumerate(page_keys)
            if key is not None and repeated(key) >= needed
        }
        for page_keys in keys
    ]


_ITEM = re.compile(
    r"^(?:(?:(?:Phần|PHẦN|Mục|MỤC)\s+)?[IVX]{1,5}\s*[.\-–—]\s|\d{1,2}(?:\.\d{1,2})*\s*[.)](?:\s|$)"
    r"|[a-zđ][.)]\s|[-–+•*]\s)"
)
_ENDS_CLAUSE = tuple(".:;!?")


def _joined(before: str, after: str) -> str:
    if before.endswith("\x02"):  # PDFium's mark of a hyphen ending a line
        return before[:-1] + "-" + after
    if before.endswith(("/", "-", "–")) and not before.endswith((" /", " -", " –")):
        return before + after
    return before + " " + after


def wrapped(before: TextLine, after: TextLine, first: bool) -> bool:
    """`after` goes on the paragraph `before` ends (see the module's docstring); `first`
    says `before` starts its paragraph. A paragraph goes on from a page's last line to the
    next page's first."""
    left_edge, right_edge = after.edges[0], before.edges[1]
    height = max(before.height, after.height)
    below = after.page != before.page or (
        before.bottom - height * 1.2 <= after.top <= before.bottom + height * 0.5
    )
    if not below or after.left > before.left + 1.5:
        return False
    if (
        before.pitch
        and after.page == before.page
        and before.baseline - after.baseline > before.pitch + max(2.0, 0.15 * height)
    ):
        return False  # the space between paragraphs
    if first and before.left > left_edge + 2.0 and after.left > before.left - 1.5:
        # A first line indented, and the next one as far in: a paragraph that goes on
        # does so at the column's left edge; this is the next paragraph's first line.
        return False
    space = height * 0.25
    # Glyph boxes are narrower than their advances: half a line's height of slack.
    return before.right + space + after.first_word > right_edge - height * 0.5


def column_edges(lines: list[TextLine]) -> tuple[float, float]:
    """Where the lines of a text column start and where its full lines end: the left of
    nearly every line, the right of nearly the widest."""
    if not lines:
        return 0.0, 0.0
    lefts = sorted(line.left for line in lines)
    rights = sorted(line.right for line in lines)
    return lefts[int(0.1 * (len(lefts) - 1))], rights[int(0.9 * (len(rights) - 1))]


def region_text(lines: list[TextLine]) -> str:
    """The lines' text, a wrapped line joined to the one before it."""
    from lotrinh.importer.reader import dash_continues, dash_item

    out: list[str] = []
    previous: TextLine | None = None
    first = True  # `previous` starts its paragraph
    for line in lines:
        text = line.text
        if previous is not None and out and wrapped(previous, line, first):
            before = previous.text.replace("\x02", "-")
            join = True
            if _ITEM.match(text):
                # After a line that ends mid-phrase a dash may join a phrase ("dạy - học",
                # "Bộ Lao động - Thương binh và Xã hội"); any other item starts a paragraph.
                join = not before.endswith(_ENDS_CLAUSE) and (
                    dash_continues(before, text)
                    or (text[0] in "-–" and not dash_item(before, text))
                )
            if join:
                out[-1] = _joined(out[-1], text)
                previous, first = line, False
                continue
        out.append(text)
        previous, first = line, True
    return "\n".join(out).replace("\x02", "-")


def _text_turn(textpage: Any) -> int:
    """The quarter turn (0, 90, 180, 270 degrees, PDFium's angle) at which most of the
    page's characters are drawn."""
    import pypdfium2.raw as raw

    chars = textpage.get_text_range()
    total = len(chars)
    turns: Counter[int] = Counter()
    for index in range(0, total, max(1, total // 60)):
        if chars[index].isspace():
            continue
        angle = raw.FPDFText_GetCharAngle(textpage.raw, index)
        if angle >= 0:
            turns[round(math.degrees(angle) / 90) % 4 * 90] += 1
    if not turns:
        return 0
    turn, count = turns.most_common(1)[0]
    return turn if count >= 0.6 * sum(turns.values()) else 0


def upright(page: Any, textpage: Any) -> tuple[Any, float, float]:
    """The page turned so that its text runs left to right (a landscape table drawn
    turned on a tall page, shown upright by /Rotate 90 or printed sideways): its objects
    turned in memory and the text layer read again. Returns the text page, the width and
    the height; a page whose text runs left to right is left as it is, /Rotate or not
    (the text reads as drawn)."""
    import pypdfium2 as pdfium

    left, bottom, right, top = page.get_mediabox()
    turn = _text_turn(textpage)
    if not turn:
        return textpage, right - left, top - bottom
    cos, sin = round(math.cos(math.radians(turn))), round(math.sin(math.radians(turn)))
    corners = [(x, y) for x in (left, right) for y in (bottom, top)]
    xs = [cos * x - sin * y for x, y in corners]
    ys = [sin * x + cos * y for x, y in corners]
    matrix = pdfium.PdfMatrix(cos, sin, -sin, cos, -min(xs), -min(ys))
    for obj in page.get_objects(max_depth=1):
        obj.transform(matrix)
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    page.set_mediabox(0, 0, width, height)
    page.set_cropbox(0, 0, width, height)
    textpage.close()
    return page.get_textpage(), width, height
