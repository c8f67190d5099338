"""Reading an action-programme document into blocks of text: paragraphs and tables.

`.docx` (paragraphs and tables in body order), `.pdf` with a text layer, `.txt`/`.md`
(UTF-8, UTF-16 with its byte-order mark, or Windows-1258). Legacy 8-bit Vietnamese fonts (TCVN3/ABC, VNI) are refused
with a clear message. Text is normalised to NFC.
"""

import io
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lotrinh.core.i18n import gettext as _
from lotrinh.core.text import fold
from lotrinh.core.textfiles import TextEncodingError, decode_text_file
from lotrinh.core.uploads import UploadRefused, check_bytes, limit, sizes_text, sniff

if TYPE_CHECKING:
    from lotrinh.importer.pdf_columns import Columns
    from lotrinh.importer.pdf_tables import PdfTable
    from lotrinh.importer.pdf_text import TextLine


class ReadError(Exception):
    """A document that cannot be read; `message` says what is wrong and what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Block:
    kind: str  # "p" or "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def read_document(
    data: bytes, filename: str, max_bytes: int | None = None, notes: set[str] | None = None
) -> list[Block]:
    """The blocks of a document. `notes` gathers what the reading says about the file:
    "tracked_changes" for a Word file with changes not yet accepted (read as accepted)."""
    if not data:
        raise ReadError("empty", _("Tệp rỗng: hãy chọn tệp văn bản có nội dung."))
    if max_bytes is None:
        max_bytes = limit("LOTRINH_DOCUMENT_MAX_BYTES")
    if len(data) > max_bytes:
        raise ReadError(
            "too_large",
            _("Tệp quá lớn (%(size)s; tối đa %(limit)s).") % sizes_text(len(data), max_bytes),
        )
    try:
        # The caps of lotrinh.core.uploads (zip directory, paragraphs, pages, lines), and a
        # name that matches the content, before any parser sees the bytes.
        check_bytes(data, filename, "document")
    except UploadRefused as exc:
        code = {"bad_zip": "bad_docx", "not_docx": "bad_docx"}.get(exc.code, exc.code)
        raise ReadError(code, exc.message) from None
    suffix = Path(filename).suffix.lower()
    # By content, not only by the first bytes: a text that starts with "PK" is a text.
    content = sniff(data)
    if suffix == ".docx" or content == "zip":
        return _docx(data, notes)
    if suffix == ".pdf" or content == "pdf":
        return _pdf(data)
    if suffix in (".txt", ".md", "") or not suffix:
        return _text_blocks(decode_text(data))
    raise ReadError(
        "unsupported",
        _("Định dạng “%(suffix)s” chưa được hỗ trợ: hãy dùng .docx, .pdf (có lớp chữ) hoặc .txt.")
        % {"suffix": suffix},
    )


def decode_text(data: bytes) -> str:
    # A NUL outside UTF-16/32 (which carries a mark) is never text: PostgreSQL refuses it.
    if b"\x00" in data[:4096] and not data.startswith(
        (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
    ):
        raise ReadError(
            "binary",
            _("Tệp không phải văn bản (có byte nhị phân): hãy tải lên .docx, .pdf hoặc .txt."),
        )
    try:
        # UTF-8, UTF-16 with its mark, Windows-1258; legacy TCVN3/VNI fonts refused.
        text = decode_text_file(data)
    except TextEncodingError as exc:
        if exc.code == "binary":
            raise ReadError(
                "binary",
                _("Tệp không phải văn bản (có byte nhị phân): hãy tải lên .docx, .pdf hoặc .txt."),
            ) from None
        raise ReadError(exc.code, exc.message) from None
    sample = text[:4096]
    if sum(ch.isprintable() or ch in "\n\r\t" or _SPACES.match(ch) is not None for ch in sample) < (
        0.9 * len(sample)
    ):
        raise ReadError(
            "binary", _("Tệp không phải văn bản đọc được: hãy tải lên .docx, .pdf hoặc .txt.")
        )
    return text


# What starts a new paragraph of the genre: an outline number (II., 2., 2.1., b)), a bullet.
_MARKER = re.compile(
    r"^(?:(?:(?:Phần|PHẦN|Mục|MỤC)\s+)?[IVX]{1,5}\s*[.\-–—]\s|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s"
    r"|[a-eg-ik-zđ][.)]\s|[-–+•*]\s)"
)
_END = tuple(".:;!?")
# A line that holds only an outline number or the "Số:" of the header ("1." / "Trên cơ sở…",
# "III." / "NHIỆM VỤ…", "Số:" / "7360/KH-UBND"): web pages put the number on its own line.
_BARE_MARKER = re.compile(
    r"^(?:(?:(?:Phần|PHẦN|Mục|MỤC)\s+)?[IVX]{1,5}\s*[.\-–—]|\d{1,2}(?:\.\d{1,2})*\s*[.)]"
    r"|[a-eg-ik-zđ][.)]|Số\s*:|(?:Điều|ĐIỀU)\s+\d+\s*\.)$"
)
_EMPHASIS = re.compile(r"^(?:#+\s*|\*\*|__)")
# A dash inside a phrase that a wrap put at the head of a line: a compound ("dạy - học" /
# "- thi", "sản xuất" / "- quản lý - tiêu thụ") or a period ("giai đoạn 2026" / "- 2030").
# An item of the genre starts with a capital or a figure of its own ("- 100% hồ sơ…"),
# never with a small word, nor with the year that closes a period the line before opened.
# So does a number wrapped to a line's head before a small word ("(blockchain lớp" / "1)
# tạo điều kiện …"): an item of the genre starts with a capital.
_DASH_SMALL = re.compile(r"^(?:[-–]|\d{1,2}[.)])\s+(?P<w>\w)")
_DASH_YEAR = re.compile(r"^[-–]\s*(?:19|20)\d\d(?![\d%])")
_ENDS_WITH_YEAR = re.compile(r"(?:^|\s)(?:19|20)\d\d$")
_DASH_HEAD = re.compile(r"^[-–]\s+(?P<w>\w+)")
_ENDS_WITH_FIGURE = re.compile(r"\d%?$")
# "f)" and "j)" are not letters of the Vietnamese outline (a b c d đ e g h i k …), but a
# drafter who lists in the Latin alphabet goes on from "e)" to "f)" and from "i)" to "j)".
_LATIN_LETTER = re.compile(r"^([fj])[.)]\s")
_LETTER_MARK = re.compile(r"^([a-zđ])[.)]\s")


def dash_continues(previous: str, line: str) -> bool:
    """A line that starts with a dash continues `previous` (the line before it, with no
    blank line between) when the dash joins two words of one phrase (see above)."""
    if not previous or previous.endswith(_END):
        return False
    small = _DASH_SMALL.match(line)
    if small is not None and small.group("w").islower():
        return True
    # A period runs forward: "2026" / "- 2030", never "Đến năm 2030" / "- 2030 …".
    closing, opening = _DASH_YEAR.match(line), _ENDS_WITH_YEAR.search(previous)
    if closing is None or opening is None:
        return False
    first, last = int(opening.group(0)), int(closing.group(0).lstrip("-– "))
    return first < last <= first + 50


@lru_cache(maxsize=1)
def _dashed_names() -> frozenset[tuple[str, str]]:
    """The words on either side of the dash in registered names ("Lao động - Thương binh
    và Xã hội", "Bà Rịa - Vũng Tàu"), folded."""
    from lotrinh.importer.names import registry

    pairs = set()
    for alias in registry():
        words = alias.replace("–", "-").split()
        for index, word in enumerate(words[1:-1], start=1):
            if word == "-":
                pairs.add((words[index - 1], words[index + 1]))
    return frozenset(pairs)


def dash_item(previous: str, line: str) -> bool:
    """After a line that ends mid-phrase, a dash starts an item when it has the shape of
    one: a capital ("- Triển khai …") or a figure ("- 100% …") after it, unless the dash
    joins the halves of a registered name ("Bộ Lao động" / "- Thương binh và Xã hội") or
    of a range ("(01" / "- 08/6)"), or both lines are in capitals (a title)."""
    head = _DASH_HEAD.match(line)
    if head is None:
        return False
    word = head.group("w")
    if _is_caps(previous) and _is_caps(line):
        # A title in capitals wrapped at a dash ("SÁNG - XANH - SẠCH" / "- ĐẸP TRONG …"):
        # the capital is the case of the whole text, no sign of an item.
        return False
    if word[0].isdigit():
        # A figure after a figure is a range wrapped at its dash ("(01" / "- 08/6)").
        return _ENDS_WITH_FIGURE.search(previous) is None
    if not word[0].isupper():
        return False
    last = fold(previous).split()[-1:] or [""]
    return (last[0], fold(word)) not in _dashed_names()


def latin_letter_continues(line: str, last_letter: str) -> bool:
    """ "f)" after "e)" (or "j)" after "i)") is the next lettered item."""
    m = _LATIN_LETTER.match(line)
    return m is not None and last_letter == {"f": "e", "j": "i"}[m.group(1)]


def _is_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _blank_separated(lines: list[str]) -> bool:
    """Paragraphs end with a blank line (the web pages' transcriptions): nearly every
    outline item, after the first, has a blank line before it."""
    items = [
        index
        for index, line in enumerate(lines)
        if index and line and _MARKER.match(_EMPHASIS.sub("", line)) is not None
    ]
    return len(items) >= 8 and sum(not lines[i - 1] for i in items) >= 0.9 * len(items)


# A line that opens a part of the document, never the rest of an item: an article ("Điều
# 2."), the recipients, a title in capitals under an item in ordinary case.
_PART = re.compile(r"^(?:Điều\s+\d+\s*[.:]|Nơi nhận\b)")


def _opens_part(line: str, item: str) -> bool:
    if _PART.match(line):
        return True
    return len(line.split()) >= 2 and _is_caps(line) and not _is_caps(item)


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped text (text copied from a PDF or a web page, a line
    ending every 60–120 characters mid-phrase) back into paragraphs.

    A line that starts with a small letter always continues the line before. A text is
    hard-wrapped when nearly all its lines are at most some width W ≤ 130 and many reach
    near it; in a document with one paragraph per line nothing else is joined. Between
    two lines of a hard-wrapped text, the break is a wrap when the next line's first word
    would not have fitted on the line (that is why a wrapping editor broke there), unless
    the next line starts like a new paragraph of the genre: an outline number, or a
    bullet after a line that ends a sentence or a clause. A numbered heading in capitals
    continued by a line in capitals is one heading ("II. CÁC NHIỆM" / "VỤ, GIẢI PHÁP").
    Where a blank line ends every paragraph, an item cut mid-phrase goes on to the blank
    line ("1. Sở" / "Khoa học và Công nghệ"; docs/importer.md).
    """
    texts = [line for line in lines if line and not line.startswith("|")]
    lengths = sorted(len(line) for line in texts)
    width = lengths[int(0.95 * (len(lengths) - 1))] if len(lengths) >= 8 else 0
    wrapped = 0 < width <= 130 and sum(n >= 0.75 * width for n in lengths) >= 0.4 * len(lengths)
    blank_separated = _blank_separated(lines)
    out: list[str] = []
    previous = ""  # the last physical line joined into out[-1]
    last_letter = ""  # the last lettered item ("e" of "e) …") that started a line
    for line in lines:
        bare = _EMPHASIS.sub("", line)  # "**e) Tổ đảng…**" starts an item too
        letter = _LETTER_MARK.match(bare)
        if out and line and previous and not line.startswith("|"):
            first_word = bare.split(" ", 1)[0]
            continues = dash_continues(previous, bare)
            is_item = (
                _MARKER.match(bare) is not None or latin_letter_continues(bare, last_letter)
            ) and not continues
            # No paragraph of the genre starts with a small letter: such a line goes on
            # the one before, wrapped or not ("- Cơ quan chủ trì: Bộ Công" / "an"); nor
            # with a dash inside a phrase ("giai đoạn 2026" / "- 2030").
            goes_on = (
                continues
                or (bool(bare) and bare[0].islower() and not is_item)
                or (
                    _BARE_MARKER.match(_EMPHASIS.sub("", out[-1]).strip()) is not None
                    and not is_item
                )
            )
            heading_goes_on = (
                not goes_on
                and not is_item
                and len(out[-1]) < 80
                and not previous.endswith(_END)
                and _MARKER.match(_EMPHASIS.sub("", out[-1])) is not None
                and _is_caps(out[-1])
                and _is_caps(line)
            )
            goes_on = goes_on or heading_goes_on
            # Where a blank line ends every paragraph, an item whose line was cut mid-phrase
            # goes on to the next line ("1. Sở" / "Khoa học và Công nghệ"), whatever its width.
            goes_on = goes_on or (
                blank_separated
                and not is_item
                and not previous.endswith(_END)
                and _MARKER.match(_EMPHASIS.sub("", out[-1])) is not None
                and not _opens_part(bare, out[-1])
            )
            if wrapped and not goes_on:
                full = len(previous) + 1 + len(first_word) > width * 0.92
                # A dash after a full line that ends mid-phrase is the dash of "y - dược"
                # or "Bộ Lao động - Thương binh và Xã hội", wrapped; any other marker
                # starts an item.
                new_paragraph = is_item and (
                    previous.endswith(_END) or first_word not in "-–" or dash_item(previous, bare)
                )
                heading_goes_on = (
                    _MARKER.match(_EMPHASIS.sub("", out[-1])) is not None
                    and _is_caps(out[-1])
                    and _is_caps(line)
                    and not is_item
                    and not previous.endswith(_END)
                )
                goes_on = heading_goes_on or (full and not new_paragraph)
            if goes_on:
                out[-1] = f"{out[-1]} {line}"
                previous = line
                continue
        if letter is not None and (
            letter.group(1) not in "fj" or latin_letter_continues(bare, last_letter)
        ):
            last_letter = letter.group(1)
        out.append(line)
        previous = line if line and not line.startswith("|") else ""
    return out


_TABLE_PLACEHOLDER = "|\x00table:"


def _bar_tables(
    lines: list[str],
) -> tuple[list[str], list[list[list[str]]], list[list[str]]]:
    """Text tables copied from a web page, every cell mark `|` on a line of its own:
    each run of non-blank lines holding such a mark becomes one table (its rows read by
    `tables.text_table_rows`), left in the lines as a placeholder that is never joined.
    Also returns each table's own lines."""
    from lotrinh.importer.tables import text_table_rows

    out: list[str] = []
    tables: list[list[list[str]]] = []
    sources: list[list[str]] = []
    index = 0
    while index < len(lines):
        if not lines[index]:
            out.append(lines[index])
            index += 1
            continue
        end = index
        while end < len(lines):
            if lines[end]:
                end += 1
                continue
            # Blank lines between two cell marks are empty cells (or the break between
            # two parts of one table), not the end of the table.
            after = end
            while after < len(lines) and not lines[after]:
                after += 1
            if lines[end - 1] == "|" and after < len(lines) and lines[after] == "|":
                end = after
                continue
            break
        chunk = lines[index:end]
        if any(line == "|" for line in chunk):
            # The page closes every cell with a mark: what follows the run's last mark
            # is ordinary text (a letterhead table followed by the body with no blank line).
            last = max(i for i, line in enumerate(chunk) if line == "|")
            rows = text_table_rows(chunk[: last + 1])
            if rows:
                out.append(f"{_TABLE_PLACEHOLDER}{len(tables)}")
                tables.append(rows)
                sources.append(chunk[: last + 1])
            out.extend(chunk[last + 1 :])
        else:
            out.extend(chunk)
        index = end
    return out, tables, sources


# The spaces of a line as a drafter's keyboard and Word leave them: tabs, no-break and
# narrow no-break spaces, the typographic spaces, and runs of them. Read as one space:
# none of them says anything that one space does not ("1.<tab>Sở Y tế", "Sở  Y tế").
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def spaces(text: str) -> str:
    """`text` with each run of spaces (tabs and the no-break kinds included) one space."""
    return _SPACES.sub(" ", text)


def _lines(text: str) -> list[str]:
    return [
        spaces(raw).strip() for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]


def unwrapped_text(text: str) -> str:
    """The text as the reader sees it: every paragraph on one line (hard-wrapped lines
    joined), text tables as they were. What re-wrapping a document starts from."""
    lines, _tables, sources = _bar_tables(_lines(text))
    out: list[str] = []
    for line in _unwrap(lines):
        if line.startswith(_TABLE_PLACEHOLDER):
            out.extend(sources[int(line[len(_TABLE_PLACEHOLDER) :])])
        else:
            out.append(line)
    return "\n".join(out)


def _text_blocks(text: str, pdf_tables: list[list[list[str]]] | None = None) -> list[Block]:
    """The blocks of a text; `pdf_tables` are the ruled tables of a PDF, in the text as
    placeholder lines."""
    blocks: list[Block] = []
    table: list[list[str]] = []
    lines, bar_tables, _sources = _bar_tables(_lines(text))
    for line in _unwrap(lines):
        if line.startswith(_TABLE_PLACEHOLDER):
            if table:
                blocks.append(Block("table", rows=table))
                table = []
            blocks.append(Block("table", rows=bar_tables[int(line[len(_TABLE_PLACEHOLDER) :])]))
            continue
        if pdf_tables is not None and line.startswith(_PDF_TABLE):
            if table:
                blocks.append(Block("table", rows=table))
                table = []
            blocks.append(Block("table", rows=pdf_tables[int(line[len(_PDF_TABLE) :])]))
            continue
        if line.startswith("|") and line.endswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue  # the separator row of a markdown table
            table.append(cells)
            continue
        if table:
            blocks.append(Block("table", rows=table))
            table = []
        if line:
            blocks.append(Block("p", text=line))
    if table:
        blocks.append(Block("table", rows=table))
    return blocks


def _docx(data: bytes, notes: set[str] | None = None) -> list[Block]:
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
    except Exception:
        raise ReadError(
            "bad_docx",
            _(
                "Không mở được tệp .docx (tệp hỏng hoặc không phải Word): hãy lưu lại bằng Word rồi tải lên."
            ),
        ) from None
    from lotrinh.importer.docx_text import Numbering, Reader

    part = document.part
    try:
        numbering = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    # Word's own text, not python-docx's `paragraph.text`: numbers, tracked changes, text
    # boxes and content controls (lotrinh.importer.docx_text).
    reader = Reader(Numbering(numbering, part.styles.element))
    blocks: list[Block] = []
    _docx_blocks(reader, reader.blocks(document.element.body), blocks)
    if reader.carried:  # the last paragraph's mark deleted: its text stays
        blocks.extend(Block("p", text=line) for line in docx_lines(reader.carried))
    blocks = _page_letterhead(document, numbering, blocks) + blocks
    if reader.tracked and notes is not None:
        notes.add("tracked_changes")
    return blocks


# The number under the issuer ("Số: 45/KH-UBND"), at the head of a folded line.
_OWN_NUMBER_CUE = re.compile(r"^so\s*[:.]?\s*\d[^/]*/")
# The body's opening, where its letterhead stands when it has one.
_OPENING = 12


def _page_letterhead(document: Any, numbering: Any, body: list[Block]) -> list[Block]:
    """The letterhead a drafter put in the first page's header (in text boxes, a table or
    paragraphs: the issuer and "Số: …/KH-UBND" on the left, the motto and the place and
    date on the right), when the body does not open with its own whole (both the motto
    and the number; a body with one of them takes the header's other): the first page's header
    (Word's "Different first page"), else the section's header. A header without the motto
    or a number line (a running title, a page number) is no content; neither is any
    footer, nor the other pages' headers."""
    from lotrinh.importer.docx_text import Numbering, Reader, W

    # A letterhead may be split: the issuer and its number in the header, the motto typed
    # at the top of the body (or the other way round). The header is read when it holds
    # a part the body's opening lacks.
    opening = _letterhead_cues(body[:_OPENING])
    if opening >= {"motto", "number"}:
        return []
    try:
        section = document.sections[0]._sectPr
        first = section.find(W + "titlePg")
        kind = (
            "first"
            if first is not None and first.get(W + "val") not in ("0", "false", "off")
            else "default"
        )
        relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        reference = next(
            (r for r in section.findall(W + "headerReference") if r.get(W + "type") == kind),
            None,
        )
        if reference is None:
            return []
        header = document.part.related_parts[reference.get(relation)].element
    except (IndexError, KeyError, AttributeError):
        return []
    # The header's own counters: Word numbers a header's lists apart from the body's.
    reader = Reader(Numbering(numbering, document.part.styles.element))
    blocks: list[Block] = []
    _docx_blocks(reader, reader.blocks(header), blocks)
    blocks = [b for b in blocks if b.kind != "p" or not _FURNITURE.match(b.text.strip())]
    return blocks if _letterhead_cues(blocks) - opening else []


def _letterhead_cues(blocks: list[Block]) -> set[str]:
    """What of a letterhead the blocks hold: "motto" (its first line, or the Party's name,
    even broken over two lines of one paragraph or cell) and "number" ("Số: …/…" under
    the issuer)."""
    from lotrinh.importer.motto import has_motto

    lines = [b.text for b in blocks if b.kind == "p"]
    lines += [cell for b in blocks if b.kind == "table" for row in b.rows for cell in row]
    cues = set()
    if any(has_motto(line) for line in lines):
        cues.add("motto")
    if any(_OWN_NUMBER_CUE.search(fold(part)) for line in lines for part in line.split("\n")):
        cues.add("number")
    return cues


def _docx_blocks(reader: Any, items: Any, blocks: list[Block]) -> None:
    from lotrinh.importer.docx_text import W
    from lotrinh.importer.tables import docx_table_rows

    for item in items:
        if item.tag == W + "tbl":
            blocks.append(Block("table", rows=docx_table_rows(item, reader)))
            continue
        part = reader.paragraph(item)
        if part is None:
            continue
        _docx_blocks(reader, part.before, blocks)
        blocks.extend(Block("p", text=line) for line in docx_lines(part.text))
        _docx_blocks(reader, part.after, blocks)


_TABS = re.compile(r"[ \t\u00a0]*\t[ \t\u00a0]*")


def docx_lines(text: str) -> list[str]:
    """A Word paragraph as the reader's paragraphs: a tab (after a typed number, "1.<tab>")
    is a space; lines broken with Shift+Enter ("a) …<br/>b) …") are read as the lines of a
    text file, so each item starts its own paragraph and a line that only goes on with the
    phrase (a small letter) stays with the line before."""
    text = unicodedata.normalize("NFC", _TABS.sub(" ", text))
    lines = [spaces(line).strip() for line in text.split("\n")]
    if len(lines) == 1:
        return [lines[0]] if lines[0] else []
    return [line for line in _unwrap(lines) if line]


# PDFium is not thread-safe: one extraction at a time per process.
_PDFIUM_LOCK = threading.Lock()


# PDFium's error for a document that needs a password to open (FPDF_ERR_PASSWORD).
_PDF_PASSWORD = 4


def _pdf_open_failure(data: bytes) -> str:
    """Why PDFium would not open `data`: "password", "no_pages" or "bad". pypdfium2 gives
    one error for a document of no page and a failed load, with PDFium's last error, which
    a failure long before may have left (an encrypted file read earlier): the load is
    tried again here, its error read at once."""
    import pypdfium2.raw as pdfium_c

    with _PDFIUM_LOCK:
        raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
        if not raw:
            return "password" if pdfium_c.FPDF_GetLastError() == _PDF_PASSWORD else "bad"
        try:
            return "no_pages" if pdfium_c.FPDF_GetPageCount(raw) < 1 else "bad"
        finally:
            pdfium_c.FPDF_CloseDocument(raw)


# A page number or running header line between the two parts of a table broken by a page.
_FURNITURE = re.compile(r"^(?:[-–]?\s*\d{1,4}\s*[-–]?|Trang\s+\d{1,4}(?:\s*/\s*\d{1,4})?)$", re.I)
_PDF_TABLE = "|\x00pdf:"


@dataclass
class _PdfPage:
    width: float
    height: float
    lines: "list[TextLine]"
    tables: "list[PdfTable]"
    # The columns of a table printed without rulings that reaches the page's foot.
    carry: "Columns | None" = None


def _read_page(page: Any, first: bool = False, carried: "Columns | None" = None) -> _PdfPage:
    """A page's text lines and tables (ruled, or printed without rulings: `carried` are
    the columns of such a table going on from the page before), read with its text
    running left to right; the first page's letterhead column by column
    (`pdf_text.letterhead_columns`)."""
    from lotrinh.importer.pdf_columns import borderless_tables
    from lotrinh.importer.pdf_tables import page_runs, page_tables
    from lotrinh.importer.pdf_text import letterhead_columns, page_lines, upright

    textpage, width, height = upright(page, page.get_textpage())
    try:
        runs = page_runs(textpage)
        if first:
            runs = letterhead_columns(runs, height)
        try:
            tables = page_tables(page, textpage, runs)
        except Exception:  # a drawing that is no table: the page reads as text
            tables = []
        try:
            aligned, carry = borderless_tables(runs, textpage, height, tables, carried)
        except Exception:  # whatever the page's geometry, it still reads as text
            aligned, carry = [], None
        if aligned:
            tables = sorted([*tables, *aligned], key=lambda t: -t.top)
        return _PdfPage(width, height, page_lines(textpage, runs), tables, carry)
    finally:
        textpage.close()


def _page_parts(page: _PdfPage, skip: set[int]) -> list["list[TextLine] | PdfTable"]:
    """A page as text lines and ruled tables in reading order: the lines above each table,
    the table, the lines beside it, and so on (the page's lines when it has none), its
    running header and footer lines (`skip`) left out."""
    lines = [line for index, line in enumerate(page.lines) if index not in skip]

    def text(
        left: float | None = None,
        bottom: float | None = None,
        right: float | None = None,
        top: float | None = None,
    ) -> "list[TextLine]":
        return [
            line
            for line in lines
            if (left is None or (line.left + line.right) / 2 > left)
            and (right is None or (line.left + line.right) / 2 < right)
            and (bottom is None or line.middle > bottom)
            and (top is None or line.middle < top)
        ]

    if not page.tables:
        return [text()]
    parts: list[list[TextLine] | PdfTable] = []
    cursor = None  # the bottom of the last table
    for table in page.tables:
        if cursor is not None and table.top > cursor:
            continue  # overlaps the table before (nested)
        parts.append(text(bottom=table.top, top=cursor))
        parts.append(table)
        parts.append(text(right=table.left, bottom=table.bottom, top=table.top))
        parts.append(text(left=table.right, bottom=table.bottom, top=table.top))
        cursor = table.bottom
    parts.append(text(top=cursor))
    return [part for part in parts if not isinstance(part, list) or part]


def _pages_parts(pages: list[_PdfPage]) -> list[list["list[TextLine] | PdfTable"]]:
    """Each page's parts; the text column's edges are measured over the pages of the same
    width."""
    from lotrinh.importer.pdf_text import column_edges, furniture, line_pitch

    skips = furniture([(page.height, page.lines) for page in pages])
    for width in {round(page.width) for page in pages}:
        same = [page for page in pages if round(page.width) == width]
        edges = column_edges([line for page in same for line in page.lines])
        for page in same:
            for line in page.lines:
                line.edges = edges
    for number, page in enumerate(pages):
        for line in page.lines:
            line.page = number
    pitch = line_pitch([line for page in pages for line in page.lines])
    for page in pages:
        for line in page.lines:
            line.pitch = pitch
    return [_page_parts(page, skip) for page, skip in zip(pages, skips, strict=True)]


def _join_tables(
    pages: list[list["list[TextLine] | PdfTable"]],
) -> list["list[TextLine] | PdfTable"]:
    """The pages' parts in order, a table that ends its page and goes on at the top of the
    next one (same columns; a page number between) joined into one."""
    from lotrinh.importer.pdf_tables import PdfTable, continues, join_pages

    out: list[list[TextLine] | PdfTable] = []
    for parts in pages:
        parts = list(parts)
        last = len(out) - 1
        while last >= 0 and isinstance(out[last], list) and _is_furniture(out[last]):
            last -= 1
        first = 0
        while first < len(parts) and isinstance(parts[first], list) and _is_furniture(parts[first]):
            first += 1
        before = out[last] if last >= 0 else None
        after = parts[first] if first < len(parts) else None
        if (
            isinstance(before, PdfTable)
            and isinstance(after, PdfTable)
            and continues(before, after)
        ):
            # The page number between the parts goes after the table.
            furniture: list[list[TextLine] | PdfTable] = [*out[last + 1 :], *parts[:first]]
            del out[last + 1 :]
            out[last] = join_pages(before, after)
            parts = furniture + parts[first + 1 :]
        out.extend(parts)
    return out


def _is_furniture(lines: "list[TextLine] | PdfTable") -> bool:
    return isinstance(lines, list) and all(_FURNITURE.match(line.text.strip()) for line in lines)


def _pdf(data: bytes) -> list[Block]:
    """The text layer of a PDF, page by page, through PDFium (Chrome's PDF engine): about
    ten times faster than pdfminer's layout analysis with the same parse results
    (tests/importer/test_parser.py compares them on a rendering of the seed). Ruled
    tables are read cell by cell (`lotrinh.importer.pdf_tables`)."""
    try:
        import pypdfium2 as pdfium

        with _PDFIUM_LOCK:
            document = pdfium.PdfDocument(data)
            try:
                # Never more pages than the cap, whatever the page tree claims.
                count = min(len(document), limit("LOTRINH_PDF_MAX_PAGES"))
                pages: list[_PdfPage] = []
                for index in range(count):
                    page = document[index]
                    carried = pages[-1].carry if pages else None
                    pages.append(_read_page(page, first=index == 0, carried=carried))
                    page.close()
            finally:
                document.close()
        parts = _join_tables(_pages_parts(pages))
    except Exception as exc:
        reason = _pdf_open_failure(data) if hasattr(exc, "err_code") else "bad"
        if reason == "no_pages":
            raise ReadError(
                "pdf_no_pages",
                _("Tệp PDF không có trang nào: hãy xuất lại văn bản ra PDF rồi tải lên."),
            ) from None
        if reason == "password":
            # A password to open (an owner password alone, against editing, opens).
            raise ReadError(
                "pdf_password",
                _(
                    "Tệp PDF được đặt mật khẩu để mở: hãy mở tệp bằng mật khẩu, lưu thành bản PDF không có mật khẩu (hoặc dùng bản .docx) rồi tải lên lại."
                ),
            ) from None
        raise ReadError(
            "bad_pdf", _("Không đọc được tệp PDF (tệp hỏng hoặc được bảo vệ).")
        ) from None
    from lotrinh.importer.pdf_text import region_text

    texts: list[str] = []
    tables: list[list[list[str]]] = []
    flow: list[TextLine] = []  # the lines since the last table, across pages
    for part in [*parts, None]:
        if isinstance(part, list):
            flow.extend(part)
            continue
        if flow:
            texts.append(region_text(flow))
            flow = []
        if part is not None:
            texts.append(f"{_PDF_TABLE}{len(tables)}")
            tables.append(part.rows)
    text = "\n".join(texts).replace("\r\n", "\n").replace("\r", "\n")
    table_chars = sum(len(cell.strip()) for rows in tables for row in rows for cell in row)
    plain = "".join(line.text for part in parts if isinstance(part, list) for line in part)
    if len(plain.strip()) + table_chars < 20:
        raise ReadError(
            "scan",
            _(
                "PDF không có lớp chữ (bản quét): hãy dùng bản .docx hoặc PDF có chữ, hoặc nhận dạng chữ (OCR) trước."
            ),
        )
    return _text_blocks(unicodedata.normalize("NFC", text), tables)
