"""Reading an action-programme document into blocks of text: paragraphs and tables.

`.docx` (paragraphs and tables in body order), `.pdf` with a text layer, `.txt`/`.md`
(UTF-8, or Windows-1258). Legacy 8-bit Vietnamese fonts (TCVN3/ABC, VNI) are refused
with a clear message. Text is normalised to NFC.
"""

import io
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from lotrinh.core.uploads import UploadRefused, check_bytes, limit, sniff


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


def read_document(data: bytes, filename: str, max_bytes: int | None = None) -> list[Block]:
    if not data:
        raise ReadError("empty", _("Tệp rỗng: hãy chọn tệp văn bản có nội dung."))
    if max_bytes is None:
        max_bytes = limit("LOTRINH_DOCUMENT_MAX_BYTES")
    if len(data) > max_bytes:
        raise ReadError(
            "too_large",
            _("Tệp quá lớn (%(size)s MB; tối đa %(limit)s MB).")
            % {"size": len(data) // 1024 // 1024, "limit": max_bytes // 1024 // 1024},
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
        return _docx(data)
    if suffix == ".pdf" or content == "pdf":
        return _pdf(data)
    if suffix in (".txt", ".md", "") or not suffix:
        return _text_blocks(decode_text(data))
    raise ReadError(
        "unsupported",
        _("Định dạng “%(suffix)s” chưa được hỗ trợ: hãy dùng .docx, .pdf (có lớp chữ) hoặc .txt.")
        % {"suffix": suffix},
    )


# Letters that Windows-1258 decodes from VNI-encoded text but that Vietnamese never uses.
_FOREIGN_LETTERS = set("äåæçëîïñöøüÿÄÅÆÇËÎÏÑÖØÜ")
# Signs that a TCVN3 (ABC) font text decodes to (µ for "à", ª for "ê"…), never Vietnamese.
_TCVN3_SIGNS = set("µªº")


def decode_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ReadError(
            "binary",
            _("Tệp không phải văn bản (có byte nhị phân): hãy tải lên .docx, .pdf hoặc .txt."),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            raise ReadError(
                "unknown_encoding",
                _("Không nhận ra bảng mã của tệp: hãy lưu văn bản ở dạng Unicode (UTF-8)."),
            ) from None
        high = [ch for ch in text if ord(ch) > 127]
        symbols = sum(
            1
            for ch in high
            if ch in _TCVN3_SIGNS or not unicodedata.category(ch).startswith(("L", "M"))
        )
        foreign = sum(1 for ch in high if ch in _FOREIGN_LETTERS)
        # A TCVN3 (ABC) font text decodes to symbols (µ, ×, ¸…); a VNI one to foreign letters.
        suspicious = (symbols + foreign) / len(high) if high else 0.0
        if suspicious > 0.2 and symbols >= foreign:
            raise ReadError(
                "legacy_encoding",
                _(
                    "Văn bản dùng bảng mã cũ TCVN3 (ABC): hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi tải lên lại."
                ),
            ) from None
        if suspicious > 0.2:
            raise ReadError(
                "legacy_encoding",
                _(
                    "Văn bản dùng bảng mã cũ VNI: hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi tải lên lại."
                ),
            ) from None
    text = unicodedata.normalize("NFC", text)
    sample = text[:4096]
    if sum(ch.isprintable() or ch in "\n\r\t" for ch in sample) < 0.9 * len(sample):
        raise ReadError(
            "binary", _("Tệp không phải văn bản đọc được: hãy tải lên .docx, .pdf hoặc .txt.")
        )
    return text


def _text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    table: list[list[str]] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
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


def _docx(data: bytes) -> list[Block]:
    try:
        from docx import Document
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = Document(io.BytesIO(data))
    except Exception:
        raise ReadError(
            "bad_docx",
            _(
                "Không mở được tệp .docx (tệp hỏng hoặc không phải Word): hãy lưu lại bằng Word rồi tải lên."
            ),
        ) from None
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = unicodedata.normalize("NFC", item.text.strip())
            if text:
                blocks.append(Block("p", text=text))
        elif isinstance(item, Table):
            rows = [
                [unicodedata.normalize("NFC", cell.text.strip()) for cell in row.cells]
                for row in item.rows
            ]
            blocks.append(Block("table", rows=rows))
    return blocks


# PDFium is not thread-safe: one extraction at a time per process.
_PDFIUM_LOCK = threading.Lock()


def _pdf(data: bytes) -> list[Block]:
    """The text layer of a PDF, page by page, through PDFium (Chrome's PDF engine): about
    ten times faster than pdfminer's layout analysis with the same parse results
    (tests/importer/test_parser.py compares them on a rendering of the seed)."""
    try:
        import pypdfium2 as pdfium

        with _PDFIUM_LOCK:
            document = pdfium.PdfDocument(data)
            try:
                # Never more pages than the cap, whatever the page tree claims.
                count = min(len(document), limit("LOTRINH_PDF_MAX_PAGES"))
                pages = []
                for index in range(count):
                    page = document[index]
                    textpage = page.get_textpage()
                    pages.append(textpage.get_text_bounded())
                    textpage.close()
                    page.close()
            finally:
                document.close()
        text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    except Exception:
        raise ReadError(
            "bad_pdf", _("Không đọc được tệp PDF (tệp hỏng hoặc được bảo vệ).")
        ) from None
    if len(text.strip()) < 20:
        raise ReadError(
            "scan",
            _(
                "PDF không có lớp chữ (bản quét): hãy dùng bản .docx hoặc PDF có chữ, hoặc nhận dạng chữ (OCR) trước."
            ),
        )
    return _text_blocks(unicodedata.normalize("NFC", text))
