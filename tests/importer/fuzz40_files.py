"""Malformed files for the importer's changed reader paths (fuzz40): Word files with odd
page headers (`reader._page_letterhead`), PDFs whose ruled tables break over pages in odd
ways (`pdf_tables.join_pages`), spreadsheets and other files sent as a programme. Used by
tests/importer/test_reader_fuzz40.py and, against a running server, by
scripts/fuzz_importer_uploads.py."""

import io
import zipfile

from hypothesis import strategies as st

from tests.importer.word_files import docx_bytes, docx_with_headers, p, text_box
from tests.uploads import corpus, hostile

TASKS = "".join(
    p(line)
    for line in [
        "KẾ HOẠCH",
        "Phát triển kinh tế số năm 2026",
        "I. NHIỆM VỤ",
        "1. Sở Tài chính chủ trì xây dựng cơ sở dữ liệu dùng chung, hoàn thành năm 2026.",
        "2. Sở Khoa học và Công nghệ chủ trì phát triển hạ tầng số, hoàn thành năm 2027.",
    ]
)
LETTERHEAD = ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 45/KH-UBND"]
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def table(rows: list[list[str]]) -> str:
    return (
        "<w:tbl>"
        + "".join(
            "<w:tr>" + "".join(f"<w:tc>{cell or '<w:p/>'}</w:tc>" for cell in row) + "</w:tr>"
            for row in rows
        )
        + "</w:tbl>"
    )


IMAGE = (
    "<w:p><w:r><w:drawing><wp:inline><a:graphic><a:graphicData "
    'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>'
    '<a:blip r:embed="rIdMissingImage"/></pic:blipFill></pic:pic></a:graphicData>'
    "</a:graphic></wp:inline></w:drawing></w:r></w:p>"
)


@st.composite
def header_xml(draw: st.DrawFn, depth: int = 0) -> str:
    """The content of one page header: nothing, paragraphs of the letterhead or of noise,
    tables (nested), text boxes, a picture, many paragraphs."""
    words = st.sampled_from([*LETTERHEAD, *MOTTO, "", "Trang 1", "Số:", "Số: /", "&amp;"])
    kind = draw(
        st.sampled_from(
            ["empty", "text", "table", "nested", "box", "image", "huge", "sdt", "mixed"]
        )
    )
    if kind == "empty":
        return ""
    if kind == "text":
        return "".join(p(w) for w in draw(st.lists(words, max_size=6)))
    if kind == "table":
        cells = draw(st.lists(st.lists(words.map(p), min_size=0, max_size=3), max_size=3))
        return table(cells) if cells else "<w:tbl/>"
    if kind == "nested" and depth < 2:
        inner = draw(header_xml(depth + 1))
        return table([[inner + "<w:p/>", p(draw(words))]])
    if kind == "box":
        return p("", extra=text_box(draw(header_xml(depth + 1)) if depth < 2 else p("x")))
    if kind == "image":
        return IMAGE
    if kind == "huge":
        return p(draw(words)) * draw(st.integers(200, 3000))
    if kind == "sdt":
        return f"<w:sdt><w:sdtContent>{p(draw(words))}</w:sdtContent></w:sdt>"
    return "".join(draw(st.lists(header_xml(depth + 1), max_size=3))) if depth < 2 else ""


@st.composite
def odd_header_docx(draw: st.DrawFn) -> bytes:
    """A Word file whose page headers are odd in content or in wiring."""
    kinds = draw(st.lists(st.sampled_from(["first", "default", "even"]), unique=True))
    headers = {kind: draw(header_xml()) for kind in kinds}
    body_opening = "".join(p(w) for w in draw(st.lists(st.sampled_from(LETTERHEAD + MOTTO))))
    data = docx_with_headers(body_opening + TASKS, headers)
    wiring = draw(
        st.sampled_from(
            [
                "as-saved",
                "missing-part",  # a relationship whose part is not in the file
                "missing-relationship",  # a reference to an id the rels do not have
                "no-id",  # a reference without r:id
                "to-an-image",  # the header relationship points at a non-XML part
                "titlepg-off",  # "Different first page" explicitly off
                "second-section",  # the headers belong to a later section
                "no-section",  # no w:sectPr at all
            ]
        )
    )
    return rewire(data, wiring)


def _edit(data: bytes, edit: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in edit and edit[info.filename] is None:
                continue
            content = edit.get(info.filename) or source.read(info.filename)
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def rewire(data: bytes, wiring: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        document = source.read("word/document.xml").decode()
        rels = source.read("word/_rels/document.xml.rels").decode()
        headers = [n for n in source.namelist() if n.startswith("word/header")]
    if wiring == "missing-part" and headers:
        return _edit(data, {headers[0]: None})
    if wiring == "missing-relationship":
        return _edit(data, {"word/document.xml": document.replace("rIdPage", "rIdGone").encode()})
    if wiring == "no-id":
        return _edit(
            data, {"word/document.xml": document.replace('r:id="rIdPage', 'r:x="').encode()}
        )
    if wiring == "to-an-image" and headers:
        rels = rels.replace(headers[0].removeprefix("word/"), "media/header.png")
        return _edit(
            data,
            {"word/_rels/document.xml.rels": rels.encode()},
            {"word/media/header.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64},
        )
    if wiring == "titlepg-off":
        return _edit(
            data,
            {
                "word/document.xml": document.replace("<w:titlePg/>", '<w:titlePg w:val="0"/>')
                .replace("<w:sectPr>", '<w:sectPr><w:titlePg w:val="false"/>', 1)
                .encode()
            },
        )
    if wiring == "second-section":
        start = document.index("<w:sectPr>")
        end = document.index("</w:sectPr>") + len("</w:sectPr>")
        moved = document[start:end]
        opening = document.index("<w:body>") + len("<w:body>")
        document = (
            document[:opening]
            + "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>"
            + document[opening:start]
            + moved
            + document[end:]
        )
        return _edit(data, {"word/document.xml": document.encode()})
    if wiring == "no-section":
        start = document.index("<w:sectPr>")
        end = document.index("</w:sectPr>") + len("</w:sectPr>")
        return _edit(data, {"word/document.xml": (document[:start] + document[end:]).encode()})
    return data


# ---------------------------------------------------------------- PDF with ruled tables
def _escape(text: str) -> bytes:
    return (
        text.encode("latin-1", "replace")
        .replace(b"\\", b"\\\\")
        .replace(b"(", b"\\(")
        .replace(b")", b"\\)")
    )


def _page_stream(rows: list[list[str]], widths: list[int], top: int = 760) -> bytes:
    """A ruled table: every cell a rectangle, its text inside."""
    ops = [b"0.5 w"]
    y = top
    for row in rows:
        x = 50
        for width, text in zip(widths, row, strict=False):
            ops.append(b"%d %d %d -24 re S" % (x, y, width))
            if text:
                ops.append(b"BT /F1 9 Tf %d %d Td (%s) Tj ET" % (x + 3, y - 16, _escape(text)))
            x += width
        y -= 24
    content = b"\n".join(ops)
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def pdf_of_pages(pages: list[tuple[list[list[str]], list[int]]]) -> bytes:
    """A PDF whose pages each hold one ruled table (rows, column widths); a page of no
    rows is blank."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        hostile.FONT,
    ]
    for index, (rows, widths) in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * index)
        )
        objects.append(_page_stream(rows, widths))
    return corpus.pdf(objects)


HEADER_ROWS = [["TT", "Nhiem vu", "Chu tri", "Thoi han"], ["(1)", "(2)", "(3)", "(4)"]]


@st.composite
def task_row(draw: st.DrawFn, number: int) -> list[str]:
    return [
        draw(st.sampled_from([str(number), "", "I", "a)"])),
        draw(st.sampled_from(["Xay dung co so du lieu", "", "Tong cong", "Phu luc II"])),
        draw(st.sampled_from(["So Tai chinh", "", "So KH&CN"])),
        draw(st.sampled_from(["2026", "", "Hang nam"])),
    ]


@st.composite
def odd_table_pdf(draw: st.DrawFn) -> bytes:
    """Pages of one table broken oddly: one row per page, a page of only the repeated
    header (one or two rows, or more than the first page's), a page whose table has
    other columns, a blank page, no page at all."""
    count = draw(st.integers(0, 5))
    pages = []
    number = 1
    for index in range(count):
        widths = draw(st.sampled_from([[30, 250, 120, 80], [30, 250, 120, 80], [200, 280]]))
        repeated = draw(st.integers(0, 3)) if index else 2
        rows = [HEADER_ROWS[i % 2] for i in range(repeated)]
        for _ in range(draw(st.integers(0, 3))):
            rows.append(draw(task_row(number)))
            number += 1
        pages.append((rows, widths))
    return pdf_of_pages(pages)


# ---------------------------------------------------------------- the named cases
def xlsx_merged_header_with_formulas() -> bytes:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
        '<row r="1"><c r="A1" t="inlineStr"><is><t>NHIỆM VỤ</t></is></c></row>'
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f>A2&amp;"x"</f></c>'
        '<c r="C2"><f>SUM(A1:A1048576)</f></c></row>'
        "</sheetData>"
        '<mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells></worksheet>'
    )
    return corpus.xlsx(sheet)


def zip_bomb_docx() -> bytes:
    """About 50 KB inflating to 52 MB inside the body (the cap's refusal, no inflating)."""
    return corpus.docx_bomb()


def nested_zip_docx() -> bytes:
    inner = corpus._zip({"a.txt": b"0" * 1_000_000}, level=9)
    return corpus.docx(TASKS, {"word/embeddings/inner.zip": inner})


def docx_header_only_tables() -> bytes:
    return docx_with_headers(TASKS, {"default": table([[p(LETTERHEAD[0])], [p(MOTTO[0])]])})


def docx_header_in_text_box_nested_table() -> bytes:
    inner = table([[table([[p(x) for x in LETTERHEAD]]) + "<w:p/>", p(MOTTO[0])]])
    return docx_with_headers(TASKS, {"first": p("", extra=text_box(inner + "<w:p/>"))})


def named_files() -> dict[str, tuple[str, bytes]]:
    """Every named malformed case: a label -> (file name, bytes)."""
    plain = docx_bytes(TASKS)
    files: dict[str, tuple[str, bytes]] = {
        "empty-0-bytes": ("ke-hoach.docx", b""),
        "docx-header-empty": ("ke-hoach.docx", docx_with_headers(TASKS, {"default": ""})),
        "docx-header-only-tables": ("ke-hoach.docx", docx_header_only_tables()),
        "docx-header-nested-box-table": ("ke-hoach.docx", docx_header_in_text_box_nested_table()),
        "docx-header-image-only": ("ke-hoach.docx", docx_with_headers(TASKS, {"first": IMAGE})),
        "docx-header-huge": (
            "ke-hoach.docx",
            docx_with_headers(TASKS, {"default": p(MOTTO[0]) * 20_000}),
        ),
    }
    base = docx_with_headers(TASKS, {"first": p(MOTTO[0]) + p(LETTERHEAD[2])})
    for wiring in [
        "missing-part",
        "missing-relationship",
        "no-id",
        "to-an-image",
        "titlepg-off",
        "second-section",
        "no-section",
    ]:
        files[f"docx-header-{wiring}"] = ("ke-hoach.docx", rewire(base, wiring))
    one_row = [(HEADER_ROWS[:1] + [["1", "Xay dung", "So Tai chinh", "2026"]], [30, 250, 120, 80])]
    files |= {
        "pdf-0-pages": ("ke-hoach.pdf", corpus.pdf_with_pages(0)),
        "pdf-encrypted": ("ke-hoach.pdf", hostile.pdf_encrypted()),
        "pdf-one-row-pages": (
            "ke-hoach.pdf",
            pdf_of_pages(
                one_row + [([["2", "Phat trien", "So KH&CN", "2027"]], one_row[0][1])] * 3
            ),
        ),
        "pdf-header-only-pages": (
            "ke-hoach.pdf",
            pdf_of_pages([(HEADER_ROWS, [30, 250, 120, 80])] * 4),
        ),
        "pdf-more-header-rows-than-first": (
            "ke-hoach.pdf",
            pdf_of_pages(
                [(HEADER_ROWS[:1], [30, 250, 120, 80]), (HEADER_ROWS * 2, [30, 250, 120, 80])]
            ),
        ),
        "xlsx-merged-formulas-as-xlsx": ("ke-hoach.xlsx", xlsx_merged_header_with_formulas()),
        "xlsx-merged-formulas-as-docx": ("ke-hoach.docx", xlsx_merged_header_with_formulas()),
        "docx-named-pdf": ("ke-hoach.pdf", plain),
        "pdf-named-docx": ("ke-hoach.docx", corpus.pdf_with_pages(1)),
        "docx-named-txt": ("ke-hoach.txt", plain),
        "png-named-docx": ("ke-hoach.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 200),
        "exe-extension": ("ke-hoach.exe", b"MZ" + b"\0" * 200),
        "zip-bomb-docx": ("ke-hoach.docx", zip_bomb_docx()),
        "nested-zip-docx": ("ke-hoach.docx", nested_zip_docx()),
        "docx-truncated": ("ke-hoach.docx", plain[: len(plain) // 2]),
    }
    return files


def huge_upload(size: int = 60 * 1024 * 1024) -> bytes:
    return b"%PDF-1.4\n" + b"0" * (size - 9)
