"""The bad-input corpus, generated (small, deterministic; large files cost nothing in git).

Zip bombs and the 10⁶-row sheet are written with `zipfile` directly: a member of
repeated text deflates ~1000:1, so a file of a few hundred KB expands past 100 MB.
"""

import io
import random
import zipfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from openpyxl import load_workbook

BOMB_BYTES = 101 * 1024 * 1024  # expands to more than 100 MB
MILLION = 1_000_000


def random_bytes(size: int = 64 * 1024, seed: int = 9) -> bytes:
    return random.Random(seed).randbytes(size)


def _rezip(original: bytes, replace: dict[str, Iterable[bytes]]) -> bytes:
    """`original` with some members replaced by streamed content (written chunk by chunk)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            if item.filename in replace:
                with target.open(item.filename, "w", force_zip64=True) as member:
                    for chunk in replace[item.filename]:
                        member.write(chunk)
            else:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def _repeat(head: bytes, unit: bytes, count: int, tail: bytes) -> Iterable[bytes]:
    yield head
    block = unit * 4096
    full, rest = divmod(count, 4096)
    for _ in range(full):
        yield block
    yield unit * rest
    yield tail


def small_docx(text: str = "Nội dung") -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@lru_cache(maxsize=1)
def docx_bomb() -> bytes:
    """A valid .docx whose body expands past 100 MB (short paragraphs, repeated)."""
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 200 + b"</w:t></w:r></w:p>"
    count = BOMB_BYTES // len(paragraph) + 1
    body = _repeat(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        + W_NS
        + b"><w:body>",
        paragraph,
        count,
        b"</w:body></w:document>",
    )
    return _rezip(small_docx(), {"word/document.xml": body})


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def _first_sheet(xlsx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        return sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))[0]


def _inline_row(values: list[str], number: int | None = None) -> bytes:
    cells = "".join(
        f'<c t="inlineStr"><is><t>{escape(v)}</t></is></c>' if v else "<c/>" for v in values
    )
    start = f'<row r="{number}">' if number else "<row>"
    return (start + cells + "</row>").encode()


def xlsx_bomb(form: bytes, header: list[str], ref: str, status: str) -> bytes:
    """The report form whose first task row has a result of more than 100 MB."""
    head = SHEET_HEAD + _inline_row(header, 1)
    cells = _inline_row([ref, "", status]).removesuffix(b"</row>")
    body = _repeat(
        head + cells + b'<c t="inlineStr"><is><t>', b"A" * 1024, BOMB_BYTES // 1024 + 1, b""
    )
    tail = b"</t></is></c></row>" + SHEET_TAIL
    return _rezip(form, {_first_sheet(form): [*body, tail]})


def xlsx_million_rows(form: bytes, header: list[str], ref: str, status: str) -> bytes:
    """The report form with its header and 10⁶ task rows (identical rows deflate to little)."""
    row = _inline_row([ref, "", status, "Kết quả"])
    head = SHEET_HEAD + _inline_row(header, 1)
    return _rezip(form, {_first_sheet(form): _repeat(head, row, MILLION, SHEET_TAIL)})


def edit_form(form: bytes, edit: Callable[[Any], None]) -> bytes:
    """The report form after `edit(book)` (a workbook opened with openpyxl)."""
    book = load_workbook(io.BytesIO(form))
    edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def forge_versions(book: Any, by: int = 1000) -> None:
    """Move every version the form carries into the future (hidden sheet and columns)."""
    for sheet in book.worksheets:
        header = None
        for row in sheet.iter_rows():
            if header is None:
                header = [str(c.value or "").lower() for c in row]
            key = str(row[0].value or "").lower()
            if "version" in key and len(row) > 1 and isinstance(row[1].value, int):
                row[1].value += by
            for cell, title in zip(row, header, strict=False):
                if ("version" in title or "phiên bản" in title) and isinstance(cell.value, int):
                    cell.value += by


def csv_rows(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(rows) + "\n").encode(encoding)
