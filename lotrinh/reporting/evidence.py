"""Evidence files attached to report entries: which files are accepted, and how they are kept.

Only the document types officers exchange are accepted: PDF, Word (.doc, .docx),
Excel (.xls, .xlsx), OpenDocument (.odt, .ods) and scanned images (.jpg, .jpeg, .png).
Archives (.zip) are refused: their content cannot be checked and a reader cannot open
them in the browser. A file is accepted only when its extension AND its first bytes
(its signature) agree, and it is no larger than `LOTRINH_EVIDENCE_MAX_BYTES`. It is
stored under a generated name (the officer's file name is kept for display only) and
served as an attachment to those who may read the report.
"""

import uuid
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from lotrinh.core.uploads import sizes_text

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word/Excel (Compound File)
ZIP = b"PK\x03\x04"

# extension → (signature, zip member that must exist, or ODF mimetype)
TYPES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF-", ""),
    "doc": (OLE, ""),
    "xls": (OLE, ""),
    "docx": (ZIP, "word/document.xml"),
    "xlsx": (ZIP, "xl/workbook.xml"),
    "odt": (ZIP, "application/vnd.oasis.opendocument.text"),
    "ods": (ZIP, "application/vnd.oasis.opendocument.spreadsheet"),
    "jpg": (b"\xff\xd8\xff", ""),
    "jpeg": (b"\xff\xd8\xff", ""),
    "png": (b"\x89PNG\r\n\x1a\n", ""),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}


class EvidenceRefused(Exception):
    """The file is not an accepted evidence file (message for the officer)."""


@dataclass(frozen=True)
class Accepted:
    original_name: str
    extension: str
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "LOTRINH_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def _allowed_list() -> str:
    return ", ".join(sorted({f".{ext}" for ext in TYPES}))


def _zip_has(upload: Any, member: str) -> bool:
    """Whether the zip container holds `member` (OOXML) or declares the ODF mimetype.

    Only the central directory and the tiny `mimetype` entry are read, never the
    rest, so a compressed bomb is not expanded here.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if member.startswith("application/"):
                if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
                    return False
                return archive.read("mimetype").decode("ascii", "replace").strip() == member
            return member in names
    # NotImplementedError: a zip version none implements; zlib.error: a broken stream.
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, OSError, ValueError, KeyError):
        return False
    finally:
        upload.seek(0)


def inspect(upload: Any) -> Accepted:
    """Check an uploaded evidence file; raise EvidenceRefused with a clear reason."""
    original = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if extension not in TYPES:
        raise EvidenceRefused(
            _("Loại tệp “%(name)s” không được nhận làm minh chứng. Chỉ nhận: %(allowed)s.")
            % {"name": original[:80], "allowed": _allowed_list()}
        )
    size = int(getattr(upload, "size", 0) or 0)
    limit = max_bytes()
    if size > limit:
        raise EvidenceRefused(
            _("Tệp minh chứng quá lớn (%(size)s; tối đa %(limit)s).") % sizes_text(size, limit)
        )
    if size == 0:
        raise EvidenceRefused(_("Tệp minh chứng rỗng."))
    signature, member = TYPES[extension]
    upload.seek(0)
    head = upload.read(len(signature))
    upload.seek(0)
    if head != signature or (member and not _zip_has(upload, member)):
        raise EvidenceRefused(
            _("Nội dung tệp “%(name)s” không đúng định dạng .%(ext)s.")
            % {"name": original[:80], "ext": extension}
        )
    return Accepted(original[:255], extension, size)


def stored_name(accepted: Accepted) -> str:
    """A generated name for storage: nothing of the officer's file name reaches the disk."""
    return f"{uuid.uuid4().hex}.{accepted.extension}"
