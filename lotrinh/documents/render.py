"""Rendering the official reports: DOCX from an editable docxtpl template, PDF with
WeasyPrint from the same content, XLSX for the appendix tables.

Administrative format of Decree 30/2020/NĐ-CP: A4; margins top and bottom 20 mm, left
30 mm, right 15 mm; issuing body top left, national title and motto top right, number
and symbol, place and date, the document type and title centred, body, "Nơi nhận" and
the signature block. The DOCX names Times New Roman (the font offices have; on Linux,
Liberation Serif is its metric-compatible substitute); the PDF embeds Liberation Serif,
installed by `make install` (fonts-liberation2), so every Vietnamese diacritic renders.
"""

import base64
import datetime
import io
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate

from lotrinh.core.exports import append_row, day_or_text, fit_columns
from lotrinh.core.text import xml_safe
from lotrinh.documents.charts import targets_chart
from lotrinh.documents.letterhead import (
    PARTY_COLUMNS_CM,
    PARTY_LEFT_SHARE,
    column_pt,
    is_party,
    letterhead_lines,
    letterhead_rules,
    text_width,
)
from lotrinh.documents.templating import (  # noqa: F401 (the template checks live there)
    TemplateProblem,
    check_template,
    sandboxed_environment,
    template_context,
)

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates_docx"
DEFAULT_TEMPLATE = TEMPLATE_DIR / "bao-cao.docx"
FONT = "Times New Roman"


# ---------------------------------------------------------------- the editable template


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _centred(
    cell: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 13,
    underline: bool = False,
) -> None:
    paragraph = cell.add_paragraph() if cell.paragraphs[0].text else cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if underline:
        run.font.underline = WD_UNDERLINE.SINGLE


def _page_number(section: Any) -> None:
    """Decree 30 (Phụ lục I): pages numbered in Arabic numerals, upright, 13 pt, centred in
    the top margin, none on the first page (its header is left empty)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text  # shown until Word updates the field
    end = paragraph.add_run()
    end.font.size = Pt(13)
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "end")
    end._r.append(mark)


# The letterhead's rules are empty paragraphs of these styles, bordered at the bottom;
# `draw_rules` gives each its length from the text above it (a template without them,
# e.g. one drawing its own lines, is left as it is).
ISSUER_RULE_STYLE = "Letterhead issuer rule"
TITLE_RULE_STYLE = "Letterhead title rule"
CELL_MARGIN = 108  # twips (0.19 cm), left and right of each letterhead cell


def _rule_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    for name in (ISSUER_RULE_STYLE, TITLE_RULE_STYLE):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(2)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(3)
        fmt.line_spacing = Pt(2)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        style.element.get_or_add_pPr().append(borders)


def _fixed_letterhead(table: Any) -> None:
    """Fixed column widths and known cell margins: the rules are centred in them."""
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(CELL_MARGIN))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(layout)
    table._tbl.tblPr.append(margins)


def _twips(points: float) -> int:
    return round(points * 20)


def draw_rules(document: Any, head: dict[str, str]) -> None:
    """Decree 30's rules in a filled DOCX, from the measured text (`letterhead_rules`):
    the issuer's rule paragraph gets indents leaving 5/12 of the name's longest line,
    centred (a Party body's gets a star instead); the right column's gets the motto's
    length, or goes under "ĐẢNG CỘNG SẢN VIỆT NAM" when there is no motto."""
    rules = letterhead_rules(head)
    for table in document.tables[:1]:
        for cell in table._cells:
            for paragraph in list(cell.paragraphs):
                style = paragraph.style.name if paragraph.style is not None else ""
                if style == ISSUER_RULE_STYLE:
                    if rules["star"]:
                        _star(paragraph)
                    elif rules["issuer"]:
                        _indent_rule(paragraph, float(str(rules["issuer"])))
                    else:
                        _remove(paragraph)
                elif style == TITLE_RULE_STYLE:
                    previous = paragraph._p.getprevious()
                    if rules["under"] == "national_title" and previous is not None:
                        # No motto: its empty line goes, the rule follows the title.
                        if not "".join(previous.itertext()).strip():
                            previous.getparent().remove(previous)
                    if rules["right"]:
                        _indent_rule(paragraph, float(str(rules["right"])))
                    else:
                        _remove(paragraph)


def party_columns(document: Any) -> None:
    """A Party document's letterhead columns (`letterhead.PARTY_COLUMNS_CM`): the left
    one wide enough for "BAN CHẤP HÀNH TRUNG ƯƠNG" or "ĐẢNG BỘ …" on one line. Only a
    two-column letterhead whose widths are given in twips (the default template's) is
    changed; the widths before the rules are measured in them (`draw_rules`)."""
    for table in document.tables[:1]:
        grid = table._tbl.find(qn("w:tblGrid"))
        columns = grid.findall(qn("w:gridCol")) if grid is not None else []
        if len(columns) != 2:
            return
        widths = [str(round(cm / 2.54 * 1440)) for cm in PARTY_COLUMNS_CM]
        for column, width in zip(columns, widths, strict=True):
            column.set(qn("w:w"), width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                tc_width = cell._tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
                if tc_width is not None and tc_width.get(qn("w:type")) in (None, "dxa"):
                    tc_width.set(qn("w:w"), width)


def _text_area(paragraph: Any) -> int | None:
    """The width (twips) inside the margins of the cell holding `paragraph`."""
    cell = paragraph._p.getparent()
    width = cell.find(qn("w:tcPr") + "/" + qn("w:tcW"))
    if width is None or width.get(qn("w:type")) not in (None, "dxa"):
        return None
    return int(width.get(qn("w:w"))) - 2 * CELL_MARGIN


def _indent_rule(paragraph: Any, points: float) -> None:
    area = _text_area(paragraph)
    if area is None:
        return
    side = max(0, (area - _twips(points)) // 2)
    paragraph.paragraph_format.left_indent = Pt(side / 20)
    paragraph.paragraph_format.right_indent = Pt((area - _twips(points) - side) / 20)


def _star(paragraph: Any) -> None:
    """Hướng dẫn 36-HD/VPTW: a star under a Party body's name, no line."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "nil")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run("*")
    run.font.size = Pt(12)


def _remove(paragraph: Any) -> None:
    paragraph._p.getparent().remove(paragraph._p)


# "Nơi nhận", one recipient a line: Decree 30 ends each with ";", Hướng dẫn 36-HD/VPTW
# (`party`: a Party body's document) with ","; the last, the file copy, with ".".
RECIPIENT_LINE = "- {{ r }}{% if loop.last %}.{% elif party %},{% else %};{% endif %}"
# Empty lines (13 pt) between the authority and the name: room for the signature and seal.
SIGNATURE_LINES = 5


def build_default_template(target: Path = DEFAULT_TEMPLATE) -> Path:
    """The default report template (reproducible; MOST can upload a revised one)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    _page_number(section)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    _rule_styles(document)
    head = document.add_table(rows=1, cols=2)
    _no_borders(head)
    _fixed_letterhead(head)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    for column, width in zip(head.columns, (Cm(6.5), Cm(10)), strict=True):
        column.width = width
    # No parent body: the issuer stands on the first line, level with the national title.
    _centred(left, "{%p if header.parent %}", size=12)
    _centred(left, "{{ header.parent }}", size=12)
    _centred(left, "{%p endif %}", size=12)
    _centred(left, "{{ header.issuer }}", bold=True, size=12)
    # Decree 30: solid lines under the issuer (1/3 to 1/2 of its line) and under the
    # motto (as long as it), their lengths measured at render (`draw_rules`).
    left.add_paragraph(style=ISSUER_RULE_STYLE)
    _centred(left, "{{ header.number }}", size=13)
    _centred(right, "{{ header.national_title }}", bold=True, size=12)
    _centred(right, "{{ header.motto }}", bold=True, size=13)
    right.add_paragraph(style=TITLE_RULE_STYLE)
    _centred(right, "{{ header.place_date }}", italic=True, size=13)

    for text, size in (("{{ header.kind }}", 14), ("{{ header.title }}", 13)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(12)
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    document.add_paragraph("{{p body }}")

    sign = document.add_table(rows=1, cols=2)
    _no_borders(sign)
    receivers, signer = sign.rows[0].cells
    paragraph = receivers.paragraphs[0]
    run = paragraph.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    receivers.add_paragraph("{%p for r in recipients %}")
    # Decree 30: ";" after each recipient, "." after the last ("- Lưu: VT, …"); Hướng
    # dẫn 36-HD/VPTW (a Party document): "," after each, "." after "- Lưu Văn phòng …".
    item = receivers.add_paragraph(RECIPIENT_LINE)
    item.runs[0].font.size = Pt(11)
    receivers.add_paragraph("{%p endfor %}")
    _centred(signer, "{{ signature.authority }}", bold=True)
    # The signature block is the authority, the signer's position, room for the signature
    # and the seal, and the full name (Decree 30, Phụ lục I; Hướng dẫn 36): no
    # "(Ký, ghi rõ họ tên, đóng dấu)", a line of forms, not of an administrative document.
    for _line in range(SIGNATURE_LINES):
        _centred(signer, "")
    _centred(signer, "{{ signature.name }}", bold=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


# ---------------------------------------------------------------- DOCX body


# A table row taller than this many lines (its tallest cell, set in its column) may
# break across pages, with at least three lines on each; a shorter one is kept whole and
# moves to the next page when it does not fit. Kept whole, a row of ten lines under a
# group's heading left a third of MOST's page 1 blank; at most eight lines (about 40 mm)
# are left so. Measured in the documents' font (`letterhead.text_width`), DOCX and PDF.
KEEP_LINES = 8
# The body's width (A4 less the 30 and 15 mm margins), in points; a cell's padding.
BODY_PT = 165 / 25.4 * 72
PDF_CELL_PADDING_PT = 6.0
DOCX_CELL_PADDING_PT = 2 * CELL_MARGIN / 20
PDF_TABLE_PT, DOCX_TABLE_PT = 10.5, 11.0
# The PDF's columns (percent of the body, as print.html's <colgroup>).
PDF_GROUP_COLUMNS = (9, 37, 10, 9, 9, 8, 18)
PDF_AGENCY_COLUMNS = (12, 31, 15, 27, 15)


def cell_lines(text: str, width: float, size: float) -> int:
    """How many lines `text` takes in a cell `width` points wide at `size` points (each
    of its own lines wrapped at spaces, as Word and WeasyPrint wrap)."""
    space = text_width(" ", size, bold=False)
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            wide = text_width(word, size, bold=False)
            if used and used + space + wide > width:
                lines, used = lines + 1, wide
            else:
                used += (space if used else 0.0) + wide
        total += lines
    return total


def row_lines(values: list[Any], widths: list[float], size: float) -> int:
    """The lines of a row's tallest cell (`widths`: each column's text width, points)."""
    return max(
        (cell_lines(str(v), w, size) for v, w in zip(values, widths, strict=True)), default=1
    )


def may_split(values: list[Any], widths: list[float], size: float) -> bool:
    """Whether a table row may break across pages (taller than KEEP_LINES lines)."""
    return row_lines(values, widths, size) > KEEP_LINES


def pdf_widths(percents: tuple[int, ...]) -> list[float]:
    return [BODY_PT * p / 100 - PDF_CELL_PADDING_PT for p in percents]


def _table(
    doc: Any, header: list[str], rows: list[list[Any]], widths: list[float] | None = None
) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        run.bold, run.font.size = True, Pt(11)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(value)).font.size = Pt(11)
    if widths:
        # The grid too, not only each cell: LibreOffice (and what else reads the grid)
        # laid the task table out in equal columns, the task's text two centimetres
        # wide, a word a line over pages, where Word followed the cells.
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    # A row is not cut across two pages unless it is taller than KEEP_LINES lines (kept
    # whole it would leave much of a page blank); the table itself breaks between rows
    # (no "keep with next" in it); the header row repeats.
    text_widths = [
        Cm(w).pt - DOCX_CELL_PADDING_PT for w in (widths or [16.5 / len(header)] * len(header))
    ]
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        if index == 0 or not may_split(rows[index - 1], text_widths, DOCX_TABLE_PT):
            properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            properties.append(OxmlElement("w:tblHeader"))


def _heading(doc: Any, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(10)
    # Never alone at the foot of a page.
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True


def _para(doc: Any, text: str) -> None:
    """A paragraph of the body: first line indented, justified. A text of several lines
    (a reporter's result quoted under its name, a unit's lines in a pre-filled result, a
    list typed in the general assessment) keeps them, as the PDF does (`continued_lines`):
    each further line a paragraph of its own, set in under the first (left indent 1 cm)
    and close under the one before, so the lines read as the same reporter's. Not a line
    break inside one paragraph: Word stretches the words of a justified line that ends in
    a line break across the whole width. Until 2026-12-07 a quote was made one line."""
    previous = None
    for line in str(text).split("\n"):
        paragraph = doc.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if previous is None:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        else:
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.space_before = Pt(0)
            previous.paragraph_format.space_after = Pt(0)
        previous = paragraph


def plans_sentence(data: dict[str, Any]) -> str:
    """The sentence on the reporters' own plans: "… (N đúng hạn)" only where the programme
    sets a deadline for them (50/NQ-CP); the Party committees' own programmes have none."""
    o = data["overview"]
    planners = data.get("planners", "bộ, ngành, địa phương")
    if o.get("plans_deadline", True):
        return (
            f"Có {o['plans_issued']}/{o['expected']} {planners} đã ban hành kế hoạch thực hiện "
            f"({o['plans_on_time']} đúng hạn)."
        )
    return (
        f"Có {o['plans_issued']}/{o['expected']} {planners} có chương trình, kế hoạch thực "
        f"hiện Nghị quyết số {data['programme']['code']} đã ban hành và cập nhật vào hệ thống."
    )


def reports_sentence(data: dict[str, Any]) -> str:
    """The reports sent, in the compliance page's figures: a returned report was sent
    and is neither on time nor late; no rate where the page shows none."""
    o = data["overview"]
    reporters = data.get("reporters", "cơ quan")

    def rate(value: str | None) -> str:
        return f" (tỷ lệ {value})" if value else ""

    parts = [f"{o['reports_on_time']} đúng hạn{rate(o['timeliness_rate'])}"]
    parts.append(f"{o['reports_late']} gửi muộn")
    if o.get("reports_returned"):
        parts.append(f"{o['reports_returned']} bị trả lại, chưa gửi lại")
    sentence = (
        f"Có {o['reports_submitted']}/{o['expected']} {reporters} đã gửi báo cáo"
        f"{rate(o['reporting_rate'])}, trong đó {', '.join(parts)}"
    )
    if o["reports_missing"]:
        sentence += f"; {o['reports_missing']} {reporters} chưa gửi"
    return sentence + "."


def content_sentences(data: dict[str, Any]) -> list[str]:
    """Whose reports the document quotes and in what state: the reader of a draft must
    know which content the receiver has not accepted yet, and that a returned report's
    content is left out until it is sent again."""
    c = data.get("content")
    if not c:
        return []
    out = []
    if c["quoted"]:
        head = f"Nội dung tổng hợp dưới đây lấy từ báo cáo của {c['quoted']} {data.get('reporters', 'cơ quan')}"
        if c["not_accepted"]:
            out.append(
                f"{head}: {c['accepted']} báo cáo đã được tiếp nhận; {len(c['not_accepted'])} "
                f"báo cáo đã gửi, chưa được tiếp nhận ({', '.join(c['not_accepted'])}), nội "
                "dung có thể còn thay đổi."
            )
        else:
            out.append(f"{head}, đều đã được tiếp nhận.")
    else:
        out.append("Chưa có báo cáo nào để tổng hợp nội dung.")
    if c["returned"]:
        out.append(
            f"Không tổng hợp nội dung {len(c['returned'])} báo cáo bị trả lại, chưa gửi lại "
            f"({', '.join(c['returned'])})."
        )
    if c.get("unaccepted_left"):
        out.append(
            f"Không tổng hợp nội dung {len(c['unaccepted_left'])} báo cáo đã gửi nhưng chưa "
            f"được tiếp nhận ({', '.join(c['unaccepted_left'])})."
        )
    return out


def results_more(more: dict[str, Any], words: dict[str, Any]) -> str:
    """The line after a task's quoted results when more reporters wrote some."""
    return f"- Nhiệm vụ {more['task']}: {more['more']} {words['results_more']}."


def wording(data: dict[str, Any]) -> dict[str, Any]:
    """The words naming the reporters (`assemble.consolidated_wording`); a document's data
    kept from before they existed reads as MOST's."""
    from lotrinh.documents.assemble import consolidated_wording

    return {**consolidated_wording(party=False), **data.get("wording", {})}


NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def numerals(kind: str) -> list[str]:
    """The consolidated parts' numerals: a review (sơ kết/tổng kết) opens with its two
    parts over the span (I, II), and the year's parts go on from III, never "I" twice."""
    return list(NUMERALS[2:7] if kind == "review" else NUMERALS[:5])


def consolidated_body(
    doc: Any, data: dict[str, Any], chart: bytes | None, kind: str = "consolidated"
) -> None:
    words = wording(data)
    n = numerals(kind)
    _heading(doc, f"{n[0]}. TÌNH HÌNH TRIỂN KHAI VÀ THỰC HIỆN CHẾ ĐỘ BÁO CÁO")
    _para(
        doc,
        f"Kỳ báo cáo {data['period']['label'].lower()} (số liệu từ {data['period']['start']} đến {data['period']['end']}; hạn gửi {data['period']['due']}; số liệu chốt đến ngày {data['cutoff']}).",
    )
    _para(doc, plans_sentence(data))
    _para(doc, reports_sentence(data))
    for sentence in content_sentences(data):
        _para(doc, sentence)
    if data.get("assessments"):
        _para(doc, words["assessments_heading"])
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
        for item in data["assessments"]:
            _para(doc, f"- {item['agency']}: {item['text']}")
    _table(
        doc,
        ["Nhóm nhiệm vụ", *data["status_labels"]],
        [[g["ref"], *g["totals"]] for g in data["groups"]],
    )
    _heading(doc, f"{n[1]}. KẾT QUẢ THỰC HIỆN THEO NHÓM NHIỆM VỤ")
    for group in data["groups"]:
        _heading(doc, f"{group['ref']}. {group['title']}")
        _table(
            doc,
            [
                "Nhiệm vụ",
                "Nội dung",
                words["reported_column"],
                "Hoàn thành",
                "Đang thực hiện",
                "Quá hạn",
                "Minh chứng",
            ],
            [
                [
                    t["ref"],
                    t["text"],
                    t["reported"],
                    t["counts"][3] + t["counts"][4],
                    t["counts"][1],
                    t["counts"][2],
                    t["evidence"],
                ]
                for t in group["tasks"]
            ],
            [1.6, 6.5, 1.6, 1.6, 1.6, 1.4, 3.2],
        )
        if group.get("results"):
            _para(doc, words["results_heading"])
            doc.paragraphs[-1].paragraph_format.keep_with_next = True
            for item in group["results"]:
                if item.get("more"):
                    _para(doc, results_more(item, words))
                else:
                    _para(doc, f"- {item['agency']} (nhiệm vụ {item['task']}): {item['text']}")
    _heading(doc, f"{n[2]}. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN")
    if not data["difficulties"]:
        _para(doc, words["no_difficulties"])
    for item in data["difficulties"]:
        _para(doc, f"- {item['agency']} (nhiệm vụ {item['task']}): {item['text']}")
    _heading(doc, f"{n[3]}. {data.get('proposals_heading', 'KIẾN NGHỊ')}")
    if not data["proposals"]:
        _para(doc, words["no_proposals"])
    for item in data["proposals"]:
        _para(
            doc,
            f"- {item['agency']}{' (nhiệm vụ ' + item['task'] + ')' if item['task'] else ''}: {item['text']}",
        )
    _heading(doc, f"{n[4]}. TIẾN ĐỘ THỰC HIỆN CÁC MỤC TIÊU")
    _table(
        doc,
        ["Chỉ tiêu", "Mốc mục tiêu", "Số liệu mới nhất", "Đánh giá"],
        [[r["indicator"], r["milestone"], r["latest"], r["status"]] for r in data["targets"]],
        [4.5, 6, 2.5, 2.5],
    )
    if chart:
        doc.add_picture(io.BytesIO(chart), width=Cm(16))
    _heading(doc, words["annex_heading"])
    _table(
        doc,
        list(words["annex_header"]),
        [annex_row(r) for r in data["compliance"]],
        [5, 3.4, 2.4, 2.4, 3.3],
    )


# What a draft shows where a section the report must have is empty: a dotted line the
# clerk fills in before signing (its heading and numbering stay), never a note such as
# "(Chưa có nội dung.)" that would be signed as it stands. A line of the body's width
# (165 mm less the first-line indent, 13 pt "…" of 13 pt each); after a label
# ("- Nhiệm vụ 1.2: ") the rest of the line. The DOCX and the PDF write the same.
FILL = "…" * 33
FILL_AFTER_LABEL = "…" * 24


def agency_body(doc: Any, data: dict[str, Any], chart: bytes | None) -> None:
    _heading(doc, "I. ĐÁNH GIÁ CHUNG")
    _para(doc, data["general_assessment"] or FILL)
    _heading(doc, "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")
    _table(
        doc,
        ["Nhiệm vụ", "Nội dung", "Tình trạng", "Kết quả", "Minh chứng"],
        [[e["ref"], e["text"], e["status"], e["result"], e["evidence"]] for e in data["entries"]],
        [1.6, 5.5, 2.5, 4.5, 2.5],
    )
    # The coordination part is there only when the agency coordinates; the parts after
    # it are numbered without a gap.
    if data["contributions"]:
        _heading(doc, "III. NỘI DUNG PHỐI HỢP")
        for c in data["contributions"]:
            _para(doc, f"- Nhiệm vụ {c['task']}: {c['contribution'] or FILL_AFTER_LABEL}")
    numeral = "IV" if data["contributions"] else "III"
    _heading(doc, f"{numeral}. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ")
    for item in data["difficulties"]:
        _para(doc, f"- Nhiệm vụ {item['task']}: {item['text']}")
    _para(doc, data["proposals_to_government"] or "Không có kiến nghị khác.")


def review_body(doc: Any, data: dict[str, Any], chart: bytes | None) -> None:
    _heading(doc, f"I. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO GIAI ĐOẠN {data['span']}")
    _table(
        doc,
        ["Năm", "Cơ quan phải báo cáo", "Đã gửi", "Đúng hạn", "Tỷ lệ báo cáo", "Tỷ lệ đúng hạn"],
        [
            [
                y["year"],
                y["expected"],
                y["reports_submitted"],
                y["reports_on_time"],
                y["reporting_rate"] or "—",
                y["timeliness_rate"] or "—",
            ]
            for y in data["by_year"]
        ],
    )
    _heading(doc, "II. XU HƯỚNG HOÀN THÀNH NHIỆM VỤ THEO NHÓM (số lượt báo cáo hoàn thành)")
    _table(
        doc,
        ["Nhóm", *[str(y) for y in data["years"]]],
        [[g["ref"], *g["done"]] for g in data["group_trends"]],
    )
    consolidated_body(doc, data, chart, "review")


# The annex: one row per expected reporter, in the compliance page's order.


def annex_row(row: dict[str, Any]) -> list[str]:
    return [row["agency"], row["plan"], row["report"], row["submitted"], row.get("state", "")]


BODIES = {"consolidated": consolidated_body, "agency": agency_body, "review": review_body}


def render_docx(
    kind: str, data: dict[str, Any], template: Path | None = None, when: datetime.date | None = None
) -> bytes:
    path = template or DEFAULT_TEMPLATE
    if not path.exists():
        build_default_template(path)
    tpl = DocxTemplate(str(path))
    body = tpl.new_subdoc()
    chart = targets_chart(data.get("targets", [])) if kind in ("consolidated", "review") else None
    BODIES[kind](body, data, chart)
    # The signature block never stands alone on the last page: the body's last line
    # goes over with it.
    if body.paragraphs:
        body.paragraphs[-1].paragraph_format.keep_with_next = True
    # The letterhead's body names broken between word groups (a "\n" is a line break
    # in the rendered run); sandboxed, with only the documented placeholders.
    lettered = {
        **data,
        "header": {**data["header"], **letterhead(data["header"], "\n")},
        "party": is_party(data["header"]),
    }
    tpl.render(template_context(lettered, body), jinja_env=sandboxed_environment())
    if is_party(data["header"]):
        party_columns(tpl.docx)
    draw_rules(tpl.docx, data["header"])
    moment = datetime.datetime.combine(when or datetime.date(2000, 1, 1), datetime.time())
    properties = tpl.docx.core_properties
    properties.created = properties.modified = moment
    properties.last_modified_by = properties.author = "Lộ trình"
    properties.revision = 1
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def letterhead(head: dict[str, str], separator: str) -> dict[str, str]:
    """The issuing body (bold) and its parent body (regular) as the letterhead's lines,
    joined by `separator`: broken between word groups, not where the column ends."""
    width = column_pt(head)
    return {
        "issuer": separator.join(letterhead_lines(head.get("issuer", ""), width, bold=True)),
        "parent": separator.join(letterhead_lines(head.get("parent", ""), width, bold=False)),
    }


def splittable_rows(kind: str, data: dict[str, Any]) -> set[str]:
    """The task references of the PDF's rows that may break across pages (`may_split`,
    in print.html's columns)."""
    if kind == "agency":
        widths = pdf_widths(PDF_AGENCY_COLUMNS)
        return {
            e["ref"]
            for e in data["entries"]
            if may_split(
                [e["ref"], e["text"], e["status"], e["result"], e["evidence"]],
                widths,
                PDF_TABLE_PT,
            )
        }
    widths = pdf_widths(PDF_GROUP_COLUMNS)
    return {
        t["ref"]
        for g in data.get("groups", [])
        for t in g["tasks"]
        if may_split([t["ref"], t["text"], "", "", "", "", t["evidence"]], widths, PDF_TABLE_PT)
    }


def render_pdf(kind: str, data: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    chart = targets_chart(data.get("targets", [])) if kind in ("consolidated", "review") else None
    context = {
        "kind": kind,
        "d": data,
        "chart": base64.b64encode(chart).decode() if chart else "",
        "letterhead": {k: v.split("\n") for k, v in letterhead(data["header"], "\n").items()},
        "fill": FILL,
        "splittable": splittable_rows(kind, data),
        "group_columns": PDF_GROUP_COLUMNS,
        "agency_columns": PDF_AGENCY_COLUMNS,
        "left_share": PARTY_LEFT_SHARE if is_party(data["header"]) else 40,
        "party": is_party(data["header"]),
        "fill_after_label": FILL_AFTER_LABEL,
        # Widths in points as CSS reads them (a decimal point whatever the language).
        "rules": {
            k: f"{v:.1f}" if isinstance(v, float) else v
            for k, v in letterhead_rules(data["header"]).items()
        },
    }
    if kind in ("consolidated", "review"):
        context["words"] = wording(data)
        context["n"] = numerals(kind)
        context["reports_sentence"] = reports_sentence(data)
        context["content_sentences"] = content_sentences(data)
    html = render_to_string("documents/print.html", context)
    return HTML(string=html).write_pdf()


def render_xlsx(kind: str, data: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if kind in ("consolidated", "review"):
        sheet.title = "Tình hình báo cáo"
        append_row(sheet, list(wording(data)["annex_header"]))
        for r in data["compliance"]:
            # The day of submission as a date cell (the data holds it as dd/mm/yyyy).
            append_row(sheet, [day_or_text(value) for value in annex_row(r)])
        tasks = book.create_sheet("Nhiệm vụ")
        append_row(
            tasks,
            [
                "Nhóm",
                "Nhiệm vụ",
                "Nội dung",
                wording(data)["reported_column"],
                *data["status_labels"],
                "Minh chứng",
            ],
        )
        for group in data["groups"]:
            for t in group["tasks"]:
                append_row(
                    tasks,
                    [group["ref"], t["ref"], t["text"], t["reported"], *t["counts"], t["evidence"]],
                )
        targets = book.create_sheet("Chỉ tiêu")
        append_row(
            targets, ["Chỉ tiêu", "Mốc mục tiêu", "Số liệu mới nhất", "Đánh giá", "Giải thích"]
        )
        for r in data["targets"]:
            append_row(
                targets, [r["indicator"], r["milestone"], r["latest"], r["status"], r["note"]]
            )
    else:
        sheet.title = "Nhiệm vụ"
        append_row(sheet, ["Nhiệm vụ", "Nội dung", "Tình trạng", "Kết quả", "Minh chứng"])
        for e in data["entries"]:
            append_row(sheet, [e["ref"], e["text"], e["status"], e["result"], e["evidence"]])
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        fit_columns(ws)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xml_safe(value: Any) -> Any:
    """Every text of a document's data as DOCX and XLSX may hold it (`core.text.xml_safe`:
    a pasted line break stays a line break), each line break one LF: a text a browser sent
    with CR LF, kept so in rows and frozen copies saved before the services made it one LF,
    printed two breaks in the DOCX and left a CR in the workbook's cell."""
    if isinstance(value, str):
        return xml_safe(value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(v) for v in value)
    return value


def render(
    kind: str,
    fmt: str,
    data: dict[str, Any],
    template: Path | None = None,
    when: datetime.date | None = None,
) -> bytes:
    # What people wrote (an entry's result, a unit's name) may hold a control character
    # python-docx and openpyxl refuse: one agency's pasted text would stop the document.
    data = _xml_safe(data)
    if fmt == "docx":
        return render_docx(kind, data, template, when)
    if fmt == "pdf":
        return render_pdf(kind, data)
    if fmt == "xlsx":
        return render_xlsx(kind, data)
    raise ValueError(f"unknown format {fmt!r}")
