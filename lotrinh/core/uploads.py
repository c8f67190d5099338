"""Upload limits, in one place, checked before any parser sees a byte.

Every upload path goes through here:

- `UploadLimitMiddleware` refuses a request body larger than `LOTRINH_MAX_UPLOAD_BYTES`
  from its Content-Length, before Django reads it (413, a page in the interface language).
  Django never reads more than Content-Length, so this bounds every body.
- `read_upload(upload, kind)` checks one uploaded file: present, not empty, within the
  kind's size (from `upload.size`, before reading), extension allowed and matching the
  content (a ".docx" that is a PDF is refused), then the content caps of its type.
- `check_zip` inspects an Office file's directory (members, uncompressed size, ratio,
  nested archives, encrypted entries) without decompressing anything; Python's zipfile
  never inflates a member beyond its declared size, so the declared sizes bound the work.
- `check_xlsx`/`open_xlsx`, `check_docx`, `check_pdf`, `check_text` bound rows and
  columns, paragraphs and tables, pages, lines.

Each limit is a setting (`LOTRINH_*`, see `DEFAULTS`); `limit(name)` reads it.
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from lxml.etree import LxmlError

from lotrinh.core.i18n import Deferred
from lotrinh.core.i18n import gettext as _

MB = 1024 * 1024

# The default of each limit; settings.py may override any of them (from the environment).
DEFAULTS: dict[str, int] = {
    # The whole request body (every form, every upload), refused before reading.
    "LOTRINH_MAX_UPLOAD_BYTES": 20 * MB,
    # One file, by kind.
    "LOTRINH_DOCUMENT_MAX_BYTES": 20 * MB,  # action programme to import (.docx/.pdf/.txt)
    "LOTRINH_XLSX_MAX_BYTES": 5 * MB,  # report form filled in Excel
    "LOTRINH_TEMPLATE_MAX_BYTES": 5 * MB,  # Word template of generated documents
    "LOTRINH_CSV_MAX_BYTES": 2 * MB,  # indicator values (Open SDG CSV)
    # Office files (zip): the directory, before anything is decompressed.
    "LOTRINH_ZIP_MAX_MEMBERS": 2000,
    "LOTRINH_ZIP_MAX_UNCOMPRESSED_BYTES": 100 * MB,  # all members, pictures included
    "LOTRINH_ZIP_MAX_XML_BYTES": 10 * MB,  # the XML the parsers read (~500 pages of Word)
    "LOTRINH_ZIP_MAX_RATIO": 100,  # uncompressed / compressed, for members over 1 MB
    # Spreadsheets read on the web worker: small enough to be read in well under a second.
    # (a report has one row per task: 68 in 50/NQ-CP; 1 MB of XML is ~700,000 characters).
    "LOTRINH_XLSX_MAX_XML_BYTES": 1 * MB,
    "LOTRINH_XLSX_MAX_ROWS": 500,
    "LOTRINH_XLSX_MAX_COLUMNS": 30,
    # Word files.
    "LOTRINH_TEMPLATE_MAX_XML_BYTES": 2 * MB,
    "LOTRINH_DOCX_MAX_PARAGRAPHS": 10000,  # a 100-page programme has about 2,000
    "LOTRINH_DOCX_MAX_TABLES": 300,
    "LOTRINH_DOCX_MAX_TABLE_ROWS": 5000,
    # The text of a programme to import, whatever its format: the parse on the worker takes
    # about 4 s per million characters (a 100-page programme has 250,000).
    "LOTRINH_DOCUMENT_MAX_CHARS": 2_000_000,
    # PDF and text.
    "LOTRINH_PDF_MAX_PAGES": 1000,
    "LOTRINH_TEXT_MAX_LINES": 100000,
    "LOTRINH_CSV_MAX_ROWS": 5000,
    # Seconds after which an import still "running" counts as failed and may be retried.
    "LOTRINH_IMPORT_JOB_TIMEOUT": 600,
}

# Members larger than this are checked for their compression ratio (small XML parts
# compress very well without being a danger).
_RATIO_FLOOR = 1 * MB

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ARCHIVE_SUFFIXES = (".zip", ".docx", ".xlsx", ".pptx", ".jar", ".gz", ".7z", ".rar", ".tar")


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


class UploadRefused(Exception):
    """An upload that is not accepted; `message` says why and what to do.

    `status` is 413 for a file that is too large, 400 for everything else.
    """

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def size_text(size: int, language: str | None = None) -> str:
    """A size as the page's language writes it: "1,5 MB" in Vietnamese, "1.5 MB" in
    English, "20 MB" in both (one decimal at most; kilobytes and bytes whole)."""
    from lotrinh.core.locale import format_number

    if size >= MB:
        return f"{format_number(size / MB, 1, language)} MB"
    if size >= 1024:
        return f"{format_number(size // 1024, 0, language)} KB"
    return f"{format_number(size, 0, language)} B"


def sizes_text(size: int, maximum: int) -> dict[str, str]:
    """A size and its limit, precise enough that the two never read the same."""
    if size_text(size) != size_text(maximum):
        return {
            "size": Deferred(lambda: size_text(size)),
            "limit": Deferred(lambda: size_text(maximum)),
        }
    from lotrinh.core.locale import format_number

    return {
        "size": Deferred(lambda: f"{format_number(size, 0)} B"),
        "limit": Deferred(lambda: f"{format_number(maximum, 0)} B"),
    }


def _too_large(size: int, maximum: int) -> UploadRefused:
    return UploadRefused(
        "too_large",
        _("Tệp quá lớn (%(size)s; tối đa %(limit)s): chưa ghi gì.") % sizes_text(size, maximum),
        status=413,
    )


def _text_too_large(size: int, maximum: int) -> UploadRefused:
    """A form of typed text only (no file can be in a urlencoded body): its words speak
    of the text, not of a file the person never chose."""
    return UploadRefused(
        "too_large",
        _("Nội dung gửi quá lớn (%(size)s; tối đa %(limit)s): chưa ghi gì.")
        % sizes_text(size, maximum),
        status=413,
    )


# ------------------------------------------------------------------ request bodies
class UploadLimitMiddleware:
    """Refuse a body larger than LOTRINH_MAX_UPLOAD_BYTES before anything reads it."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        maximum = limit("LOTRINH_MAX_UPLOAD_BYTES")
        if length > maximum:
            content_type = request.META.get("CONTENT_TYPE", "")
            if content_type.startswith("application/x-www-form-urlencoded"):
                return refused_response(request, _text_too_large(length, maximum), typed=True)
            return refused_response(request, _too_large(length, maximum))
        response: HttpResponse = self.get_response(request)
        return response


def refused_response(
    request: HttpRequest, refusal: UploadRefused, typed: bool = False
) -> HttpResponse:
    """The page that says why an upload was refused (the body is left unread); for the
    REST API, the API's one error shape (docs/api.md), which its clients read."""
    if request.path.startswith("/api/"):
        error = {"status": refusal.status, "code": refusal.code, "message": refusal.message}
        return JsonResponse({"error": error}, status=refusal.status)
    response = render(
        request,
        "core/upload_refused.html",
        {"message": refusal.message, "back": _safe_referer(request), "typed": typed},
        status=refusal.status,
    )
    # No "Connection: close" here: WSGI forbids hop-by-hop headers (runserver refuses
    # them); gunicorn's sync workers close every connection after the response anyway.
    return response


def _safe_referer(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


# ------------------------------------------------------------------ one file
@dataclass(frozen=True)
class Kind:
    """What an upload path accepts: its extensions and its size setting."""

    suffixes: tuple[str, ...]
    max_bytes_setting: str


KINDS: dict[str, Kind] = {
    "document": Kind((".docx", ".pdf", ".txt", ".md"), "LOTRINH_DOCUMENT_MAX_BYTES"),
    "xlsx": Kind((".xlsx",), "LOTRINH_XLSX_MAX_BYTES"),
    "template": Kind((".docx",), "LOTRINH_TEMPLATE_MAX_BYTES"),
    "csv": Kind((".csv", ".txt"), "LOTRINH_CSV_MAX_BYTES"),
}


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the file is called: zip, pdf, ole or text."""
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:8] == OLE_SIGNATURE:
        return "ole"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "text"  # UTF-16 with its byte-order mark
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


_CONTENT_OF_SUFFIX = {
    ".docx": "zip",
    ".xlsx": "zip",
    ".pdf": "pdf",
    ".txt": "text",
    ".md": "text",
    ".csv": "text",
}


def _content_name(content: str) -> str:
    return {
        "zip": _("tệp nén (Word/Excel)"),
        "pdf": _("PDF"),
        "ole": _("tệp Office cũ hoặc có mật khẩu"),
        "binary": _("dữ liệu nhị phân"),
        "text": _("văn bản thuần"),
    }[content]


def _old_office() -> UploadRefused:
    return UploadRefused(
        "ole",
        _(
            "Tệp có mật khẩu hoặc ở định dạng Office cũ (.doc/.xls): hãy bỏ mật khẩu và lưu lại dạng .docx/.xlsx."
        ),
    )


def read_upload(upload: UploadedFile | None, kind: str, *, deep: bool = True) -> bytes:
    """The bytes of an accepted upload of this kind; raises UploadRefused otherwise.

    `deep=False` checks what costs no decompression or parsing (size, type, the zip
    directory, lines): for uploads whose parse, with the deep checks, runs on the worker.
    """
    spec = KINDS[kind]
    if upload is None:
        raise UploadRefused("missing", _("Chưa chọn tệp."))
    name = upload.name or ""
    suffix = Path(name).suffix.lower()
    if suffix not in spec.suffixes:
        raise UploadRefused(
            "wrong_extension",
            _("Tệp “%(name)s” không đúng loại: chỉ nhận %(allowed)s.")
            % {"name": name, "allowed": ", ".join(spec.suffixes)},
        )
    maximum = limit(spec.max_bytes_setting)
    if (upload.size or 0) > maximum:
        raise _too_large(upload.size or 0, maximum)
    data = upload.read(maximum + 1)
    if len(data) > maximum:
        raise _too_large(len(data), maximum)
    check_bytes(data, name, kind, deep=deep)
    return data


def _empty() -> UploadRefused:
    return UploadRefused("empty", _("Tệp rỗng: hãy chọn tệp có nội dung."))


def check_bytes(data: bytes, name: str, kind: str, *, deep: bool = True) -> None:
    """The content checks of `read_upload`, for bytes that did not come from a form."""
    if not data:
        raise _empty()
    suffix = Path(name).suffix.lower()
    content = sniff(data)
    if content == "ole":
        raise _old_office()
    expected = _CONTENT_OF_SUFFIX.get(suffix)
    if expected == "text" and content == "binary":
        raise UploadRefused(
            "binary",
            _("Tệp “%(name)s” không phải văn bản (có byte nhị phân): hãy lưu lại dạng văn bản.")
            % {"name": name},
        )
    if expected is not None and content != expected:
        raise UploadRefused(
            "mismatch",
            _(
                "Tệp “%(name)s” có đuôi %(suffix)s nhưng nội dung là %(content)s: hãy mở bằng chương trình gốc và lưu lại đúng định dạng."
            )
            % {"name": name, "suffix": suffix, "content": _content_name(content)},
        )
    if kind == "xlsx":
        check_xlsx(data)
    elif kind == "template":
        check_docx(data, max_xml_bytes=limit("LOTRINH_TEMPLATE_MAX_XML_BYTES"))
    elif kind == "csv":
        check_text(data, max_lines=limit("LOTRINH_CSV_MAX_ROWS") + 1)
    elif content == "zip":
        check_docx(data) if deep else check_zip(data)
    elif content == "pdf":
        check_pdf_complete(data)
        if deep:
            check_pdf(data)
    else:
        check_text(data)


# Refusals of what the file is, not of its size or its rows: an API answers them 415.
TYPE_REFUSALS = frozenset({"wrong_extension", "mismatch", "ole", "binary"})


def check_csv_body(data: bytes) -> None:
    """An indicator CSV sent as the request's body, not a form's file (the SDMX API's
    `Content-Type: text/csv`): the checks `read_upload(upload, "csv")` makes, in words
    that speak of what was sent, since a body has no file name. A Word file, a PDF or a
    zip is named for what it is before any decoding (a PDF's bytes once read as "the old
    VNI encoding")."""
    if not data:
        raise _empty()  # a 0-byte file's words: an empty body is the same nothing
    maximum = limit("LOTRINH_CSV_MAX_BYTES")
    if len(data) > maximum:
        raise _too_large(len(data), maximum)
    content = sniff(data)
    if content == "ole":
        raise _old_office()  # the words of a form's file: they name no file
    if content != "text":
        raise UploadRefused(
            "mismatch",
            _(
                "Nội dung gửi là %(content)s, không phải văn bản CSV: hãy gửi tệp CSV (ví dụ "
                "từ Excel, Lưu thành → “CSV UTF-8”)."
            )
            % {"content": _content_name(content)},
        )
    check_text(data, max_lines=limit("LOTRINH_CSV_MAX_ROWS") + 1)


# ------------------------------------------------------------------ Office (zip) files
def check_zip(
    data: bytes, *, max_xml_bytes: int | None = None, allow_embeddings: bool = True
) -> zipfile.ZipFile:
    """The opened archive if its directory is within the caps; raises UploadRefused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # a directory entry asking for a zip version none implements
        OSError,
        ValueError,
        EOFError,
    ):
        raise UploadRefused(
            "bad_zip",
            _("Tệp hỏng hoặc không phải tệp Word/Excel (.docx/.xlsx): hãy lưu lại rồi tải lên."),
        ) from None
    if len(members) > limit("LOTRINH_ZIP_MAX_MEMBERS"):
        raise UploadRefused(
            "zip_members",
            _("Tệp có quá nhiều thành phần (%(count)s; tối đa %(limit)s).")
            % {"count": len(members), "limit": limit("LOTRINH_ZIP_MAX_MEMBERS")},
        )
    total = xml = 0
    ratio = limit("LOTRINH_ZIP_MAX_RATIO")
    for member in members:
        lower = member.filename.lower()
        if member.flag_bits & 0x1:
            raise UploadRefused(
                "zip_encrypted",
                _("Tệp có phần được mã hoá (đặt mật khẩu): hãy bỏ mật khẩu rồi tải lên."),
            )
        embedded = allow_embeddings and "/embeddings/" in lower
        if lower.endswith(ARCHIVE_SUFFIXES) and not embedded:
            raise UploadRefused(
                "zip_nested",
                _("Tệp chứa một tệp nén khác (%(member)s): không được nhận.")
                % {"member": member.filename[:80]},
            )
        if member.file_size > _RATIO_FLOOR and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            raise UploadRefused(
                "zip_ratio",
                _(
                    "Tệp nén bất thường (một phần giải nén ra %(size)s từ %(packed)s): không được nhận."
                )
                % {"size": size_text(member.file_size), "packed": size_text(member.compress_size)},
            )
        total += member.file_size
        if lower.endswith((".xml", ".rels", ".vml")):
            xml += member.file_size
    if total > limit("LOTRINH_ZIP_MAX_UNCOMPRESSED_BYTES"):
        raise UploadRefused(
            "zip_size",
            _("Nội dung giải nén quá lớn (%(size)s; tối đa %(limit)s).")
            % sizes_text(total, limit("LOTRINH_ZIP_MAX_UNCOMPRESSED_BYTES")),
        )
    maximum_xml = max_xml_bytes if max_xml_bytes is not None else limit("LOTRINH_ZIP_MAX_XML_BYTES")
    if xml > maximum_xml:
        raise UploadRefused(
            "zip_xml",
            _("Nội dung văn bản/bảng tính quá lớn (%(size)s khi giải nén; tối đa %(limit)s).")
            % sizes_text(xml, maximum_xml),
        )
    return archive


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        # zlib.error: a member whose compressed stream is broken (the directory is fine).
        raise UploadRefused(
            "bad_zip", _("Tệp hỏng (một phần không giải nén được): hãy lưu lại rồi tải lên.")
        ) from None


_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_ROW_INDEX = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\s[^>]*?\br=\"(\d+)\"")
_CELL_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br=\"([A-Z]{1,3})\d+\"")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?\bref=\"([^\"]+)\"")
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_xlsx(data: bytes, *, max_rows: int | None = None, max_columns: int | None = None) -> None:
    """Refuse a workbook whose sheets have (or declare, or address) too many rows or columns.

    openpyxl pads the gaps before a row or a cell it reads, so the highest row and column
    addressed count, not only the rows present.
    """
    rows_cap = max_rows if max_rows is not None else limit("LOTRINH_XLSX_MAX_ROWS")
    columns_cap = max_columns if max_columns is not None else limit("LOTRINH_XLSX_MAX_COLUMNS")
    archive = check_zip(data, max_xml_bytes=limit("LOTRINH_XLSX_MAX_XML_BYTES"))
    sheets = [
        name
        for name in archive.namelist()
        if name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml")
    ]
    if not sheets:
        raise UploadRefused(
            "not_xlsx", _("Tệp không phải bảng tính Excel (.xlsx): không có trang tính nào.")
        )
    for name in sheets:
        xml = _read_member(archive, name)
        rows = len(_ROW.findall(xml))
        highest_row = max((int(r) for r in _ROW_INDEX.findall(xml)), default=0)
        highest_column = max(
            (_column_number(c.decode()) for c in set(_CELL_REF.findall(xml))), default=0
        )
        dimension = _DIMENSION.search(xml)
        if dimension:
            last = dimension.group(1).decode("ascii", "replace").split(":")[-1]
            match = _REF.match(last)
            if match:
                highest_column = max(highest_column, _column_number(match.group(1)))
                highest_row = max(highest_row, int(match.group(2)))
        if max(rows, highest_row) > rows_cap:
            raise UploadRefused(
                "xlsx_rows",
                _("Bảng tính có quá nhiều dòng (%(count)s; tối đa %(limit)s).")
                % {"count": max(rows, highest_row), "limit": rows_cap},
            )
        if highest_column > columns_cap:
            raise UploadRefused(
                "xlsx_columns",
                _("Bảng tính có quá nhiều cột (%(count)s; tối đa %(limit)s).")
                % {"count": highest_column, "limit": columns_cap},
            )


def open_xlsx(data: bytes, name: str = "bieu-mau.xlsx") -> Any:
    """A read-only openpyxl workbook of an accepted spreadsheet, with formulas as written
    (a formula cell reads as its "=…" text, so a reader can refuse it; cached values of
    formulas are never taken as data)."""
    from openpyxl import load_workbook

    accept_xlsx(data, name)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        raise unreadable_xlsx() from None


# What reading a spreadsheet's rows may raise on a malformed file (openpyxl reads a
# read-only sheet with the standard library's expat, the rest with lxml).
XLSX_READ_ERRORS: tuple[type[BaseException], ...] = (
    ElementTree.ParseError,
    LxmlError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
)


def unreadable_xlsx() -> UploadRefused:
    return UploadRefused(
        "bad_xlsx",
        _("Không đọc được tệp: hãy tải lên đúng tệp Excel (.xlsx) đã tải về từ Lộ trình."),
    )


def accept_xlsx(data: bytes, name: str = "bieu-mau.xlsx") -> None:
    """The checks of `open_xlsx` that cost no parsing (size, type, the zip directory, rows
    and columns, read from the sheets' XML within its cap): what a web request may do
    before it hands the spreadsheet to the worker. Raises UploadRefused."""
    maximum = limit("LOTRINH_XLSX_MAX_BYTES")
    if len(data) > maximum:
        raise _too_large(len(data), maximum)
    try:
        check_bytes(data, name, "xlsx")
    except UploadRefused as exc:
        if exc.code in ("mismatch", "bad_zip", "not_xlsx"):
            raise unreadable_xlsx() from None
        raise


_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s>/]")
_TABLE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tbl[\s>/]")
_TABLE_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tr[\s>/]")


def check_docx(data: bytes, *, max_xml_bytes: int | None = None) -> None:
    """Refuse a Word file beyond the zip caps or with too many paragraphs or tables."""
    archive = check_zip(data, max_xml_bytes=max_xml_bytes)
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise UploadRefused(
            "not_docx", _("Tệp không phải văn bản Word (.docx): không có phần nội dung chính.")
        )
    body = _read_member(archive, "word/document.xml")
    caps = (
        (
            _PARAGRAPH,
            "LOTRINH_DOCX_MAX_PARAGRAPHS",
            _("Văn bản có quá nhiều đoạn (%(count)s; tối đa %(limit)s)."),
        ),
        (
            _TABLE,
            "LOTRINH_DOCX_MAX_TABLES",
            _("Văn bản có quá nhiều bảng (%(count)s; tối đa %(limit)s)."),
        ),
        (
            _TABLE_ROW,
            "LOTRINH_DOCX_MAX_TABLE_ROWS",
            _("Các bảng của văn bản có quá nhiều dòng (%(count)s; tối đa %(limit)s)."),
        ),
    )
    for pattern, setting, message in caps:
        count = len(pattern.findall(body))
        if count > limit(setting):
            raise UploadRefused("docx_size", message % {"count": count, "limit": limit(setting)})


# ------------------------------------------------------------------ PDF and text
def check_pdf_complete(data: bytes) -> None:
    """Refuse, at once, a file that starts like a PDF but lacks the end-of-file marker
    every complete PDF carries (a truncated download, random bytes): no need to queue a
    parse to learn that."""
    if b"%%EOF" not in data[-2048:]:
        raise UploadRefused(
            "bad_pdf",
            _(
                "Tệp PDF bị hỏng hoặc không đầy đủ (thiếu phần kết thúc tệp): hãy tải lại "
                "hoặc xuất lại tệp PDF rồi tải lên."
            ),
        )


def check_pdf(data: bytes) -> None:
    """Refuse a PDF with more pages than LOTRINH_PDF_MAX_PAGES (counted, not read)."""
    maximum = limit("LOTRINH_PDF_MAX_PAGES")
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import resolve1
        from pdfminer.pdfparser import PDFParser

        document = PDFDocument(PDFParser(io.BytesIO(data)))
        count = resolve1(document.catalog["Pages"]).get("Count", 0)
        pages = int(resolve1(count))
    except Exception:
        # Not countable here: the reader gives its own message for a broken PDF.
        return
    if pages > maximum:
        raise UploadRefused(
            "pdf_pages",
            _("Tệp PDF có quá nhiều trang (%(count)s; tối đa %(limit)s).")
            % {"count": pages, "limit": maximum},
        )


def check_text(data: bytes, *, max_lines: int | None = None) -> None:
    maximum = max_lines if max_lines is not None else limit("LOTRINH_TEXT_MAX_LINES")
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if lines > maximum:
        raise UploadRefused(
            "text_lines",
            _("Tệp có quá nhiều dòng (%(count)s; tối đa %(limit)s).")
            % {"count": lines, "limit": maximum},
        )
