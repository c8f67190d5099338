"""Files built to hurt a parser, by structure rather than by size (size is in corpus.py):
XML entities, broken or doubled zip parts, odd member names, PDFs with loops, locks and
giant pages. Shared by tests/uploads/test_fuzz_files.py and bench/fuzz_uploads.py.

Each builder returns bytes; `DOCX`, `XLSX`, `PDF` name them all for a parametrised test.
"""

import io
import zipfile
from collections.abc import Callable

from tests.uploads.corpus import (
    DOCX_RELS,
    DOCX_TYPES,
    XLSX_RELS,
    XLSX_TYPES,
    XLSX_WORKBOOK,
    XLSX_WORKBOOK_RELS,
    S,
    W,
    docx,
    pdf,
    xlsx,
)

# A paragraph the importer reads as a task, so a file that survives is really parsed.
TASK = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
BODY = "".join(
    TASK.format(t) for t in ("II. NHIỆM VỤ", "1. Nhóm nhiệm vụ", "a) Bộ Y tế nghiên cứu &xx;.")
)

LAUGHS = (
    '<!DOCTYPE d [<!ENTITY a "hahahahahahahahahaha">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)  # &j; expands to 10⁹ × 20 characters
EXTERNAL = '<!DOCTYPE d [<!ENTITY xx SYSTEM "file:///etc/passwd">]>'
PARAMETER = (
    '<!DOCTYPE d [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;'
    ' <!ENTITY xx "x">]>'
)


def _document(doctype: str, entity: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + doctype
        + f'<w:document xmlns:w="{W}"><w:body>'
        + BODY.replace("&xx;", entity)
        + "</w:body></w:document>"
    ).encode()


def _docx_members(document: bytes) -> dict[str, bytes | str]:
    return {
        "[Content_Types].xml": DOCX_TYPES,
        "_rels/.rels": DOCX_RELS,
        "word/document.xml": document,
    }


def _zip_raw(members: list[tuple[str, bytes | str]]) -> bytes:
    """A zip written member by member: names may repeat or climb out of the folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def docx_billion_laughs() -> bytes:
    return _zip_raw(list(_docx_members(_document(LAUGHS, "&j;")).items()))


def docx_external_entity() -> bytes:
    return _zip_raw(list(_docx_members(_document(EXTERNAL, "&xx;")).items()))


def docx_parameter_entity() -> bytes:
    return _zip_raw(list(_docx_members(_document(PARAMETER, "&xx;")).items()))


def docx_not_xml() -> bytes:
    return _zip_raw(list(_docx_members(b"\x89PNG not xml at all <<<").items()))


def docx_duplicated_part() -> bytes:
    members = list(_docx_members(_document("", "")).items())
    return _zip_raw([*members, ("word/document.xml", b"<broken")])


def docx_without_content_types() -> bytes:
    members = _docx_members(_document("", ""))
    del members["[Content_Types].xml"]
    return _zip_raw(list(members.items()))


def docx_path_traversal() -> bytes:
    members = list(_docx_members(_document("", "")).items())
    return _zip_raw([*members, ("../../../tmp/lotrinh-evil.xml", b"<x/>"), ("/etc/evil", b"x")])


def docx_thousands_of_entries(count: int = 1900) -> bytes:
    """Just within LOTRINH_ZIP_MAX_MEMBERS (2000): the parsers see them all."""
    members = list(_docx_members(_document("", "")).items())
    return _zip_raw(members + [(f"word/media/p{n}.xml", b"<x/>") for n in range(count)])


def docx_truncated() -> bytes:
    data = docx(BODY.replace("&xx;", ""))
    return data[: len(data) * 2 // 3]


DOCX: dict[str, Callable[[], bytes]] = {
    "billion-laughs": docx_billion_laughs,
    "external-entity": docx_external_entity,
    "parameter-entity": docx_parameter_entity,
    "part-not-xml": docx_not_xml,
    "duplicated-part": docx_duplicated_part,
    "no-content-types": docx_without_content_types,
    "path-traversal-names": docx_path_traversal,
    "thousands-of-entries": docx_thousands_of_entries,
    "truncated": docx_truncated,
}


# ---------------------------------------------------------------- spreadsheets
def _sheet(doctype: str, cell: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + doctype
        + f'<worksheet xmlns="{S}"><dimension ref="A1:B2"/><sheetData>'
        + '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row>'
        + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{cell}</t></is></c></row>'
        + "</sheetData></worksheet>"
    ).encode()


def xlsx_billion_laughs() -> bytes:
    return xlsx(_sheet(LAUGHS, "&j;"))


def xlsx_external_entity() -> bytes:
    return xlsx(_sheet(EXTERNAL, "&xx;"))


def xlsx_shared_strings_laughs() -> bytes:
    strings = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + LAUGHS
        + f'<sst xmlns="{S}" count="1" uniqueCount="1"><si><t>&j;</t></si></sst>'
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{S}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    )
    types = XLSX_TYPES.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = XLSX_WORKBOOK_RELS.replace(
        "</Relationships>",
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    return _zip_raw(
        [
            ("[Content_Types].xml", types),
            ("_rels/.rels", XLSX_RELS),
            ("xl/workbook.xml", XLSX_WORKBOOK),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings),
        ]
    )


def xlsx_sheet_not_xml() -> bytes:
    return xlsx(b"\x00\x01 not a sheet <<<")


def xlsx_without_workbook() -> bytes:
    return _zip_raw(
        [
            ("[Content_Types].xml", XLSX_TYPES),
            ("_rels/.rels", XLSX_RELS),
            ("xl/worksheets/sheet1.xml", _sheet("", "x")),
        ]
    )


def xlsx_duplicated_sheet() -> bytes:
    data = xlsx(_sheet("", "x"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(i.filename, archive.read(i)) for i in archive.infolist()]
    return _zip_raw([*members, ("xl/worksheets/sheet1.xml", b"<broken")])


def xlsx_huge_dimension() -> bytes:
    return xlsx(_sheet("", "x").replace(b'ref="A1:B2"', b'ref="A1:XFD1048576"'))


XLSX: dict[str, Callable[[], bytes]] = {
    "billion-laughs": xlsx_billion_laughs,
    "external-entity": xlsx_external_entity,
    "shared-strings-laughs": xlsx_shared_strings_laughs,
    "sheet-not-xml": xlsx_sheet_not_xml,
    "no-workbook": xlsx_without_workbook,
    "duplicated-sheet": xlsx_duplicated_sheet,
    "huge-dimension": xlsx_huge_dimension,
}


# ---------------------------------------------------------------- PDF
def _text_stream(text: bytes) -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_page_tree_loop() -> bytes:
    """The page tree's kid is the tree itself (and the count lies)."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _text_stream(b"II. NHIEM VU"),
            FONT,
        ]
    )


def pdf_giant_page() -> bytes:
    """One page of 200 x 200 inches (PDF's largest user unit) with a line of text."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /UserUnit 75000"
            b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            _text_stream(b"II. NHIEM VU"),
            FONT,
        ]
    )


def pdf_count_lies(count: int = 10_000_000) -> bytes:
    """A page tree that claims ten million pages and has one."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            _text_stream(b"II. NHIEM VU"),
            FONT,
        ]
    )


def pdf_encrypted() -> bytes:
    """A PDF that needs a password to open (AES-128), made by pypdf."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_count_lies(1))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_truncated_with_marker() -> bytes:
    """Cut in the middle, the end-of-file marker put back (it passes the quick check)."""
    data = pdf_count_lies(1)
    return data[: len(data) // 2] + b"\n%%EOF\n"


def pdf_xref_loop() -> bytes:
    """A cross-reference section whose /Prev points to itself."""
    data = pdf_count_lies(1)
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % start)


PDF: dict[str, Callable[[], bytes]] = {
    "page-tree-loop": pdf_page_tree_loop,
    "giant-page": pdf_giant_page,
    "count-lies": pdf_count_lies,
    "encrypted": pdf_encrypted,
    "truncated-with-marker": pdf_truncated_with_marker,
    "xref-loop": pdf_xref_loop,
}


def TEMPLATE_BYTES() -> bytes:  # noqa: N802 (a constant, read when needed)
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    return (root / "lotrinh/documents/templates_docx/bao-cao.docx").read_bytes()


# ---------------------------------------------------------------- a real report form, spoilt
def _rewrite_sheets(form: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(form)) as archive:
        members = [
            (
                info.filename,
                edit(archive.read(info))
                if info.filename.startswith("xl/worksheets/sheet")
                else archive.read(info),
            )
            for info in archive.infolist()
        ]
    return _zip_raw(members)


def _entity_in_sheets(doctype: str, entity: str) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        declaration, rest = xml.split(b"?>", 1) if xml.startswith(b"<?xml") else (b"", xml)
        head = declaration + b"?>" if declaration else b""
        cell = f'<c r="Z1" t="inlineStr"><is><t>{entity}</t></is></c></row>'.encode()
        return head + doctype.encode() + rest.replace(b"</row>", cell, 1)

    return edit


FORM: dict[str, Callable[[bytes], bytes]] = {
    "billion-laughs": lambda f: _rewrite_sheets(f, _entity_in_sheets(LAUGHS, "&j;")),
    "external-entity": lambda f: _rewrite_sheets(f, _entity_in_sheets(EXTERNAL, "&xx;")),
    "sheet-not-xml": lambda f: _rewrite_sheets(f, lambda xml: xml[: len(xml) // 2]),
}


def corrupt_deflate(data: bytes, member: str) -> bytes:
    """`data` with `member`'s compressed stream made invalid (a reserved block type):
    the zip directory is intact, inflating the member fails."""
    import struct

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(member).header_offset
    name_length, extra_length = struct.unpack("<HH", data[offset + 26 : offset + 30])
    start = offset + 30 + name_length + extra_length
    return data[:start] + b"\x07" + data[start + 1 :]


def future_zip_version(data: bytes) -> bytes:
    """`data` whose first directory entry asks for a zip version no reader implements
    (25.5): one flipped byte of a real file does it."""
    entry = data.index(b"PK\x01\x02")
    return data[: entry + 6] + b"\xff\x00" + data[entry + 8 :]


def odt_with_deflated_broken_mimetype() -> bytes:
    """An OpenDocument file whose `mimetype` entry is deflated, its stream broken."""
    data = _zip_raw(
        [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]
    )
    return corrupt_deflate(data, "mimetype")
