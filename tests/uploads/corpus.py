"""Hostile and borderline files, built cheaply with zipfile (no openpyxl row by row).

Shared by the upload tests and bench/upload_bench.py.
"""

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
XLSX_RELS = DOCX_RELS.replace("word/document.xml", "xl/workbook.xml")
XLSX_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{S}" xmlns:r="{R}">'
    '<sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
XLSX_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _zip(members: dict[str, bytes | str], level: int = 1) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx(body_xml: bytes | str, extra: dict[str, bytes | str] | None = None) -> bytes:
    """A minimal Word file whose body is `body_xml` (paragraphs and tables)."""
    if isinstance(body_xml, str):
        body_xml = body_xml.encode()
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'.encode()
        + body_xml
        + b"</w:body></w:document>"
    )
    return _zip(
        {
            "[Content_Types].xml": DOCX_TYPES,
            "_rels/.rels": DOCX_RELS,
            "word/document.xml": document,
            **(extra or {}),
        }
    )


def docx_bomb(expanded: int = 52 * 1024 * 1024) -> bytes:
    """About 50 KB that inflates to `expanded` bytes of whitespace inside the body."""
    return docx(b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" + b" " * expanded, {})


def docx_paragraphs(count: int, text: str = "Nhiệm vụ") -> bytes:
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    return docx(paragraph * count)


def xlsx(sheet_xml: bytes | str, extra: dict[str, bytes | str] | None = None) -> bytes:
    if isinstance(sheet_xml, str):
        sheet_xml = sheet_xml.encode()
    return _zip(
        {
            "[Content_Types].xml": XLSX_TYPES,
            "_rels/.rels": XLSX_RELS,
            "xl/workbook.xml": XLSX_WORKBOOK,
            "xl/_rels/workbook.xml.rels": XLSX_WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet_xml,
            **(extra or {}),
        }
    )


def _sheet(rows: bytes, dimension: str = "A1:I1") -> bytes:
    return (
        (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{S}">'
            f'<dimension ref="{dimension}"/><sheetData>'
        ).encode()
        + rows
        + b"</sheetData></worksheet>"
    )


def xlsx_million_rows(rows: int = 1_000_000) -> bytes:
    """A sheet that really contains a million (empty) rows: a few MB zipped."""
    body = b"".join(b'<row r="%d"/>' % n for n in range(1, rows + 1))
    return xlsx(_sheet(body, f"A1:A{rows}"))


def xlsx_far_row(row: int = 1_000_000) -> bytes:
    """A tiny sheet with one cell on row 10⁶ (openpyxl would pad every row before it)."""
    return xlsx(_sheet(b'<row r="%d"><c r="A%d" t="n"><v>1</v></c></row>' % (row, row)))


def xlsx_far_column() -> bytes:
    """One cell in column XFD (16384): every row would be padded to that width."""
    return xlsx(_sheet(b'<row r="1"><c r="XFD1" t="n"><v>1</v></c></row>'))


def xlsx_bomb(expanded: int = 52 * 1024 * 1024) -> bytes:
    return xlsx(_sheet(b'<row r="1"><c r="A1" t="n"><v>1</v></c></row>' + b" " * expanded))


def with_member(data: bytes, name: str, content: bytes, encrypted: bool = False) -> bytes:
    """The archive `data` with one more member (flagged as encrypted if asked)."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(name, content)
    result = buffer.getvalue()
    if encrypted:
        # zipfile cannot write encrypted members: set the flag in the central directory.
        header = result.rindex(b"PK\x01\x02", 0, result.rindex(name.encode()) + 1)
        flags = int.from_bytes(result[header + 8 : header + 10], "little") | 0x1
        result = result[: header + 8] + flags.to_bytes(2, "little") + result[header + 10 :]
    return result


RANDOM_BYTES = bytes((n * 7919 + 13) % 251 for n in range(4096))
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OLE_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF whose objects are numbered from 1 in order, with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer_extra, xref)
    )
    return out.getvalue()


def pdf_with_pages(count: int) -> bytes:
    """A valid PDF of `count` empty pages (with a correct cross-reference table)."""
    kids = " ".join(f"{3 + n} 0 R" for n in range(count))
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
            *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>" for _ in range(count)],
        ]
    )


# ---------------------------------------------------------------- text as offices save it
def to_cp1258(text: str) -> bytes:
    """Windows-1258 (Excel's "CSV" and Notepad's "ANSI" on a Vietnamese Windows) spells
    tone marks as combining characters after the letter."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        out.append(
            unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            + "".join(c for c in parts if c in tones)
        )
    return "".join(out).encode("cp1258")


def to_utf16_excel(text: str) -> bytes:
    """Excel's "Unicode text": UTF-16 LE with its byte-order mark, CRLF line ends."""
    return b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")


# "Sở Tài chính chủ trì và các sở, ngành liên quan đề xuất" in the legacy 8-bit fonts.
TCVN3_TEXT = "Së Tµi chÝnh chñ tr× vµ c¸c së, ngµnh liªn quan ®Ò xuÊt".encode("latin-1")
VNI_TEXT = "Sôû Taøi chính chuû trì vaø caùc sôû, ngaønh lieân quan".encode("latin-1")
