"""PDF renderings of evaluation documents, read back through the real PDF path (PDFium).

A document is laid out as a drafter's word processor would print it: each paragraph of
the text (lines between blank lines; a document with one paragraph a line keeps its
lines) is a justified paragraph of an A4 page in a serif font, so the PDF's text layer is
wrapped where the page width wraps it, not where the source was wrapped. The table cell
marks of the web transcription ("|") are dropped.
"""

from html import escape
from pathlib import Path


def paragraphs(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or set(line) <= set("|"):
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(line.strip("|").strip())
    if current:
        out.append(" ".join(current))
    return out


def render_pdf(source: Path) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs(source.read_text(encoding="utf-8")))
    html = (
        "<html><head><style>@page { size: A4; margin: 2cm 2cm 2cm 3cm }"
        " body { font-family: 'Liberation Serif'; font-size: 13pt; text-align: justify }"
        " p { margin: 0 0 6pt; text-indent: 1cm }</style></head><body>" + body + "</body></html>"
    )
    return HTML(string=html).write_pdf()


# ------------------------------------------------------------- Word documents with tables

_PAGE = "@page { size: A4; margin: 2cm 2cm 2cm 3cm }"
_BODY = "body { font-family: 'Liberation Serif'; font-size: 13pt; text-align: justify }"
_TABLE = (
    "table { border-collapse: collapse; width: 100%; margin: 6pt 0 }"
    " td, th { border: 0.75pt solid black; padding: 2pt 4pt; vertical-align: top;"
    " font-size: 12pt; font-weight: normal; text-align: left }"
    " td p, th p { margin: 0; text-indent: 0 }"
)


def table_html(
    rows: list[list[tuple[str, int, int]]], widths: list[float], repeat_header: bool
) -> str:
    """A bordered table as Word exports it: `rows` hold (text, rowspan, colspan) for each
    cell that starts on the row (merged cells once, at their top-left); the first row is a
    header that is repeated on every page when `repeat_header` (Word's "Repeat as header
    row"), else an ordinary first row. A cell's paragraphs ("\\n") are paragraphs."""
    total = sum(widths) or 1.0
    cols = "".join(f"<col style='width:{100 * w / total:.2f}%'>" for w in widths)

    def row_html(row: list[tuple[str, int, int]], tag: str) -> str:
        cells = "".join(
            f"<{tag} rowspan='{rs}' colspan='{cs}'>"
            + "".join(f"<p>{escape(part)}</p>" for part in text.split("\n"))
            + f"</{tag}>"
            for text, rs, cs in row
        )
        return f"<tr>{cells}</tr>"

    head, body = (rows[:1], rows[1:]) if repeat_header else ([], rows)
    return (
        f"<table>{cols}"
        + (f"<thead>{''.join(row_html(r, 'th') for r in head)}</thead>" if head else "")
        + f"<tbody>{''.join(row_html(r, 'td') for r in body)}</tbody></table>"
    )


def docx_table_cells(table) -> tuple[list[list[tuple[str, int, int]]], list[float]]:  # type: ignore[no-untyped-def]
    """The cells of a python-docx table with their spans, and its column widths."""
    import unicodedata

    grid = [list(row.cells) for row in table.rows]
    seen: set[int] = set()
    rows: list[list[tuple[str, int, int]]] = []
    for r, cells in enumerate(grid):
        out: list[tuple[str, int, int]] = []
        for c, cell in enumerate(cells):
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            colspan = 1
            while c + colspan < len(cells) and cells[c + colspan]._tc is cell._tc:
                colspan += 1
            rowspan = 1
            while (
                r + rowspan < len(grid)
                and c < len(grid[r + rowspan])
                and grid[r + rowspan][c]._tc is cell._tc
            ):
                rowspan += 1
            text = "\n".join(
                unicodedata.normalize("NFC", p.text.strip()) for p in cell.paragraphs
            ).strip()
            out.append((text, rowspan, colspan))
        rows.append(out)
    widths = [float(col.width or 1) for col in table.columns]
    return rows, widths


def running_css(header: str) -> str:
    """A running header (the document's number and short title) at the top of every page
    and "Trang n/N" at the foot, as a drafter's template prints them."""
    quoted = header.replace("\\", "").replace('"', "")
    return (
        '@page { @top-center { content: "' + quoted + "\"; font-family: 'Liberation Serif';"
        " font-size: 10pt; vertical-align: bottom; padding-bottom: 6pt }"
        " @bottom-right { content: 'Trang ' counter(page) '/' counter(pages);"
        " font-family: 'Liberation Serif'; font-size: 10pt } }"
    )


# The same tables without rulings: columns of text aligned, as a drafter who removed
# the borders (or a printer's template without them) prints them.
_BORDERLESS = " td, th { border: none }"


def docx_html(
    source: Path, repeat_header: bool = True, running: str | None = None, borders: bool = True
) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(source))
    parts: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text.strip():
                parts.append(f"<p>{escape(item.text.strip())}</p>")
        elif isinstance(item, Table):
            rows, widths = docx_table_cells(item)
            parts.append(table_html(rows, widths, repeat_header))
    extra = running_css(running) if running else ""
    return (
        f"<html><head><style>{_PAGE} {extra} {_BODY} p {{ margin: 0 0 6pt; text-indent: 1cm }}"
        f" {_TABLE}{'' if borders else _BORDERLESS}</style></head><body>"
        + "".join(parts)
        + "</body></html>"
    )


def render_docx_pdf(
    source: Path, repeat_header: bool = True, running: str | None = None, borders: bool = True
) -> bytes:
    """A Word document printed to PDF as Word exports it: paragraphs justified, tables
    with every cell ruled (no ruling at all when not `borders`), merged cells merged, long
    cells wrapping, rows breaking across pages, the header row repeated on each page when
    `repeat_header`."""
    from weasyprint import HTML

    return HTML(string=docx_html(source, repeat_header, running, borders)).write_pdf()


def render_table_pdf(
    rows: list[list[str]],
    borders: bool = True,
    after: str = "",
    widths: list[float] | None = None,
    padding: float = 4.0,
) -> bytes:
    """One ruled table of plain cells (no merges) on an A4 page, under a paragraph (and
    over the paragraph `after`); without any ruling when not `borders`. `padding` is the
    cells' left and right margin in points (Word's default is 5.4; a template may set it
    near 0, so two cells' texts stand a word space apart)."""
    from weasyprint import HTML

    width = max(len(r) for r in rows)
    cells = [[(text, 1, 1) for text in row] + [("", 1, 1)] * (width - len(row)) for row in rows]
    table = _TABLE.replace("padding: 2pt 4pt", f"padding: 2pt {padding:g}pt")
    html = (
        f"<html><head><style>{_PAGE} {_BODY} {table}{'' if borders else _BORDERLESS}"
        " p { margin: 0 0 6pt; text-indent: 1cm }</style></head><body>"
        + "<p>Phụ lục: danh mục nhiệm vụ kèm theo kế hoạch.</p>"
        + table_html(cells, widths or [1.0] * width, repeat_header=False)
        + (f"<p>{escape(after)}</p>" if after else "")
        + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def render_tables_pdf(
    tables: list[tuple[list[list[str]], list[float]]],
    borders: bool = True,
    captions: list[str] | None = None,
    repeat_header: bool = True,
) -> bytes:
    """Task tables one after another on A4 pages, each from the top of a new page (as an
    appendix follows another), under a paragraph; without any ruling when not `borders`.
    Each is (rows, widths); a cell's "\\n" is a paragraph of it (a header name set on two
    lines). A table's header row is its first row, repeated on each of its pages when
    `repeat_header`. `captions`: a paragraph over each table (its heading: "PHỤ LỤC II"),
    none where empty."""
    from weasyprint import HTML

    parts = []
    for index, (rows, widths) in enumerate(tables):
        cells = [[(text, 1, 1) for text in row] for row in rows]
        breaking = " style='break-before: page'" if index else ""
        caption = captions[index] if captions else ""
        heading = f"<p>{escape(caption)}</p>" if caption else ""
        table = table_html(cells, widths, repeat_header=repeat_header)
        parts.append(f"<div{breaking}>{heading}{table}</div>")
    html = (
        f"<html><head><style>{_PAGE} {_BODY} {_TABLE}{'' if borders else _BORDERLESS}"
        " p { margin: 0 0 6pt; text-indent: 1cm }</style></head><body>"
        + "<p>Phụ lục: danh mục nhiệm vụ kèm theo kế hoạch.</p>"
        + "".join(parts)
        + "</body></html>"
    )
    return HTML(string=html).write_pdf()


# The evaluation documents with task tables (tests/importer/eval/<name>.docx), rendered to
# PDF by the tests and by scripts/measure_pdf_docx.py.
WITH_TABLES = [
    "kh144-bacninh",
    "kh179-dongnai",
    "kh310-hanoi",
    "kh552-dongthap",
    "nq394-cp",
    "qd2597-ttg",
    "cv402-phu-luc-bang",
]

RUNNING = "Kế hoạch số 179/KH-UBND ngày 02/6/2025 của UBND tỉnh Đồng Nai"


def render_variant(source: Path, variant: str) -> bytes:
    """The renderings the measurements compare (scripts/measure_pdf_docx.py)."""
    if variant == "plain":
        return render_docx_pdf(source)
    if variant == "header":
        return render_docx_pdf(source, running=RUNNING)
    if variant == "borderless":
        return render_docx_pdf(source, borders=False)
    if variant == "borderless-once":
        return render_docx_pdf(source, repeat_header=False, borders=False)
    if variant == "borderless-header":
        return render_docx_pdf(source, repeat_header=False, running=RUNNING, borders=False)
    if variant in ("landscape", "rotate", "matrix", "rotate-flat"):
        return render_landscape_appendix(source, variant)
    raise ValueError(variant)


def render_paragraphs_pdf(texts: list[str], width: float, indent: str = "1cm") -> bytes:
    """Paragraphs justified in a column `width` points wide (first line indented `indent`), as
    a word processor prints them: the text layer wraps where this width wraps."""
    from weasyprint import HTML

    html = (
        f"<html><head><style>{_PAGE} {_BODY} body {{ width: {width:.1f}pt }}"
        f" p {{ margin: 0 0 6pt; text-indent: {indent} }}</style></head><body>"
        + "".join(f"<p>{escape(text)}</p>" for text in texts)
        + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def render_landscape_appendix(source: Path, turn: str) -> bytes:
    """The document with its tables on landscape pages at the end (a plan's "Phụ lục …
    (kèm theo Kế hoạch …)"), those pages printed as the drivers do: `turn` "landscape" (a
    wide page), "rotate" (a tall page with /Rotate 90, its content drawn turned so that it
    shows upright), "matrix" (the same without /Rotate: a landscape table printed sideways
    on a tall page) or "rotate-flat" (/Rotate 90 over content drawn unturned)."""
    import io

    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from pypdf import PdfWriter, Transformation
    from weasyprint import HTML

    document = Document(str(source))
    body: list[str] = []
    appendix: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text.strip():
                (appendix if appendix else body).append(f"<p>{escape(item.text.strip())}</p>")
        elif isinstance(item, Table):
            rows, widths = docx_table_cells(item)
            appendix.append(table_html(rows, widths, True))
    style = f"{_BODY} p {{ margin: 0 0 6pt; text-indent: 1cm }} {_TABLE}"
    html = (
        f"<html><head><style>{_PAGE} @page wide {{ size: A4 landscape; margin: 2cm }}"
        f" .wide {{ page: wide }} {style}</style></head><body>"
        + "".join(body)
        + "<div class='wide'>"
        + "".join(appendix)
        + "</div></body></html>"
    )
    pdf = HTML(string=html).write_pdf()
    if turn == "landscape":
        return pdf
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if width > height:
            if turn in ("rotate", "matrix"):
                # Drawn turned a quarter counter-clockwise on a tall page.
                page.add_transformation(Transformation((0, 1, -1, 0, height, 0)))
                page.mediabox.upper_right = (height, width)
            if turn in ("rotate", "rotate-flat"):
                page.rotate(90)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------ letterheads laid out as a table

_MOTTO_STARTS = ("CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "ĐẢNG CỘNG SẢN VIỆT NAM")
_LETTERHEAD = (
    ".letterhead { border-collapse: collapse; width: 100%; margin: 0 0 12pt }"
    " .letterhead td { border: none; padding: 0 2pt; vertical-align: top; text-align: center;"
    " font-size: 12pt }"
    " .letterhead p { margin: 0; text-indent: 0; text-align: center; font-weight: bold }"
    " .letterhead p.plain { font-weight: normal }"
    " .letterhead p.date { font-weight: normal; font-style: italic }"
)


def split_letterhead(lines: list[str]) -> tuple[list[list[str]], list[str]]:
    """The opening lines of a document in the Decree 30 layout (Hướng dẫn 36 for the
    Party's) as the two-column table they are typeset in: the issuer (and its parent body,
    its rule or star) over the number ("Số: …", "V/v …") on the left, the national motto
    (or "ĐẢNG CỘNG SẢN VIỆT NAM") and its rule over the place and date on the right.
    Returns the four cells (issuer, motto, number, place and date) and the lines after."""
    motto = next(i for i, line in enumerate(lines) if line.upper().startswith(_MOTTO_STARTS))
    issuer, right, number, date = lines[:motto], [lines[motto]], [], []
    issuer_after = False
    index = motto + 1
    while index < len(lines):
        line = lines[index]
        if line.startswith(("Độc lập", "CHỦ NGHĨA VIỆT NAM")) or not any(c.isalnum() for c in line):
            right.append(line)
        elif line.startswith("Số"):
            # The number (under the issuer) may come before or after the motto's lines.
            number.append(line)
        elif line.startswith("V/v") and number:
            number.append(line)
        elif ", ngày" in line and not date:
            date.append(line)
        elif not issuer or (issuer_after and not number):
            # A transcription that gives the Party's mark first: the issuer follows it.
            issuer.append(line)
            issuer_after = True
        else:
            break
        index += 1
    if not number and issuer and issuer[-1].startswith("Số"):
        number.append(issuer.pop())
    return [issuer, right, number, date], lines[index:]


LAYOUTS = ("rows", "one-row", "lines")


def letterhead_html(cells: list[list[str]], layout: str = "rows") -> str:
    """A borderless two-column table, 40 % and 60 % of the text width, each cell's lines
    centred. `layout`: "rows", the issuer and the motto on its first row, the number and
    the place and date on its second; "one-row", the issuer over the number in one cell
    and the motto over the place and date in the other; "lines", a row per line (the
    page's text then runs line by line across both columns)."""

    def line(text: str) -> str:
        # The issuer and the motto in bold, the number upright, the place and date italic.
        kind = "date" if ", ngày" in text else "plain" if text.startswith(("Số", "V/v")) else ""
        return f"<p class='{kind}'>{escape(text)}</p>"

    def cell(lines: list[str], kind: str) -> str:
        return f"<td class='{kind}'>" + "".join(line(x) for x in lines) + "</td>"

    issuer, motto, number, date = cells
    if layout == "rows":
        rows = [(issuer, motto), (number, date)]
    elif layout == "one-row":
        rows = [(issuer + number, motto + date)]
    else:
        left, right = issuer + number, motto + date
        height = max(len(left), len(right))
        left, right = left + [""] * (height - len(left)), right + [""] * (height - len(right))
        rows = [([a] if a else [], [b] if b else []) for a, b in zip(left, right, strict=True)]
    return (
        "<table class='letterhead'><col style='width:40%'><col style='width:60%'>"
        + "".join(f"<tr>{cell(a, 'issuer')}{cell(b, 'motto')}</tr>" for a, b in rows)
        + "</table>"
    )


def render_letterhead_docx_pdf(source: Path, layout: str = "rows") -> bytes:
    """A Word document whose letterhead is the genre's borderless two-column table
    (`split_letterhead`), printed to PDF as `render_docx_pdf` prints the rest."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from weasyprint import HTML

    document = Document(str(source))
    items: list[str | Table] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph) and item.text.strip():
            items.append(item.text.strip())
        elif isinstance(item, Table):
            items.append(item)
    opening = 0
    while opening < len(items) and isinstance(items[opening], str):
        opening += 1
    cells, rest = split_letterhead([str(x) for x in items[:opening]])
    parts = [letterhead_html(cells, layout)] + [f"<p>{escape(x)}</p>" for x in rest]
    for item in items[opening:]:
        if isinstance(item, str):
            parts.append(f"<p>{escape(item)}</p>")
        else:
            rows, widths = docx_table_cells(item)
            parts.append(table_html(rows, widths, True))
    html = (
        f"<html><head><style>{_PAGE} {_BODY} p {{ margin: 0 0 6pt; text-indent: 1cm }}"
        f" {_TABLE} {_LETTERHEAD}</style></head><body>" + "".join(parts) + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def render_letterhead_text_pdf(source: Path, layout: str = "rows") -> bytes:
    """A transcription (`render_pdf`'s paragraphs, markdown marks dropped) whose opening
    lines are typeset as the genre's two-column letterhead table."""
    from weasyprint import HTML

    # The web copy's cell marks ("|" on a line of its own) are no text of the page.
    lines = [
        p.strip("#* ").replace("**", "")
        for p in source.read_text(encoding="utf-8").splitlines()
        if p.strip() and not set(p.strip()) <= set("|") and not p.startswith(("Source:", "Note:"))
    ]
    cells, rest = split_letterhead(lines)
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs("\n\n".join(rest)))
    html = (
        f"<html><head><style>{_PAGE} {_BODY} p {{ margin: 0 0 6pt; text-indent: 1cm }}"
        f" {_LETTERHEAD}</style></head><body>"
        + letterhead_html(cells, layout)
        + body
        + "</body></html>"
    )
    return HTML(string=html).write_pdf()
