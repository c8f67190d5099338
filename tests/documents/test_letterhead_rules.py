"""Decree 30/2020/NĐ-CP (Phụ lục I): under the issuing body's name a solid line "có độ
dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ", centred; under the motto a solid line as
long as the motto. A Party body's document (Hướng dẫn 36-HD/VPTW) has a star under its
name and the line under "ĐẢNG CỘNG SẢN VIỆT NAM". Measured here independently of the
code: in the PDF from the glyphs and the drawn lines, in the DOCX from the rule
paragraphs' indents against the text measured with PIL in the font the PDF embeds."""

import io
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from matplotlib import font_manager
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTTextContainer
from PIL import ImageFont

from lotrinh.documents import assemble, render
from lotrinh.reporting.models import ReportingPeriod
from tests.documents.test_documents import CUTOFF, programme, submitted  # noqa: F401
from tests.documents.test_party_draft import accepted  # noqa: F401
from tests.documents.test_period_documents import (
    commission,  # noqa: F401
    today,
)

pytestmark = pytest.mark.django_db


def width_pt(text: str, size: float, bold: bool = True) -> float:
    """`text`'s width in points, set in Liberation Serif (Times New Roman's metrics) as
    the PDF embeds it: the version with Vietnamese glyphs (liberation2), not the older
    one matplotlib may also list."""
    weight = 700 if bold else 400
    files = [
        f.fname
        for f in font_manager.fontManager.ttflist
        if f.name == "Liberation Serif" and f.style == "normal" and f.weight == weight
    ]
    path = next((f for f in files if "liberation2" in f), files[0])
    return ImageFont.truetype(path, 1000).getlength(text) * size / 1000


# ------------------------------------------------------------------------------ PDF


def pdf_head(
    blob: bytes,
) -> tuple[list[tuple[str, float, float, float]], list[tuple[float, float, float]]]:
    """The first page's letterhead: text lines (text, x0, x1, bottom y) and horizontal
    rules (x0, x1, y), in the top quarter of the page."""
    page = next(iter(extract_pages(io.BytesIO(blob))))
    top = page.height * 0.75
    lines, rules = [], []

    def walk(item: Any) -> None:
        if isinstance(item, LTCurve) and item.y0 > top and item.height < 2 and item.width > 5:
            rules.append((item.x0, item.x1, (item.y0 + item.y1) / 2))
        elif isinstance(item, LTTextContainer) and item.y0 > top:
            for line in item:
                chars = [c for c in getattr(line, "_objs", []) if isinstance(c, LTChar)]
                if chars:
                    text = "".join(c.get_text() for c in chars).strip()
                    lines.append((text, chars[0].x0, chars[-1].x1, min(c.y0 for c in chars)))
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child)

    walk(page)
    # A box's border may be drawn as the space between two rectangles of one width (the
    # outer and the inner edge): its bottom edge is a rule too.
    boxes = [b for b in page if isinstance(b, LTCurve) and b.y0 > top and b.height >= 2]
    for a in boxes:
        for b in boxes:
            if (
                a is not b
                and abs(a.x0 - b.x0) < 0.5
                and abs(a.x1 - b.x1) < 0.5
                and 0 < a.y0 - b.y0 < 2
            ):
                rules.append((a.x0, a.x1, (a.y0 + b.y0) / 2))
    return lines, rules


def rule_under(
    lines: Any, rules: Any, text: str
) -> tuple[tuple[str, float, float, float], tuple[float, float, float]]:
    line = next(line for line in lines if " ".join(line[0].split()) == text)
    below = [r for r in rules if r[2] < line[3] and r[0] < line[2] and r[1] > line[1]]
    assert below, f"no line under {text!r}: {rules}"
    return line, max(below, key=lambda r: r[2])


def test_the_pdf_issuer_rule_is_a_third_to_a_half_of_its_name_and_centred(programme, submitted):  # noqa: F811
    for kind, data, name in (
        ("agency", assemble.agency_report(submitted, CUTOFF), "BỘ Y TẾ"),
        ("consolidated", assemble.consolidated(programme, 2024, CUTOFF), "VÀ CÔNG NGHỆ"),
    ):
        lines, rules = pdf_head(render.render(kind, "pdf", data))
        line, rule = rule_under(lines, rules, name)
        text, rule_len = line[2] - line[1], rule[1] - rule[0]
        assert text / 3 - 1 <= rule_len <= text / 2 + 1, (name, text, rule_len)
        assert abs((rule[0] + rule[1]) / 2 - (line[1] + line[2]) / 2) < 2  # centred


def test_the_pdf_motto_rule_is_as_long_as_the_motto(submitted):  # noqa: F811
    lines, rules = pdf_head(
        render.render("agency", "pdf", assemble.agency_report(submitted, CUTOFF))
    )
    line, rule = rule_under(lines, rules, "Độc lập - Tự do - Hạnh phúc")
    text, rule_len = line[2] - line[1], rule[1] - rule[0]
    assert abs(rule_len - text) < 0.03 * text, (text, rule_len)
    assert abs((rule[0] + rule[1]) / 2 - (line[1] + line[2]) / 2) < 2


def test_the_party_pdf_has_a_star_under_its_name_and_the_line_under_its_title(
    accepted: ReportingPeriod,  # noqa: F811
) -> None:
    data = assemble.consolidated_of_period(accepted, today())
    lines, rules = pdf_head(render.render("consolidated", "pdf", data))
    line, rule = rule_under(lines, rules, "ĐẢNG CỘNG SẢN VIỆT NAM")
    text, rule_len = line[2] - line[1], rule[1] - rule[0]
    assert abs(rule_len - text) < 0.03 * text, (text, rule_len)
    # No line in the left column: a star under the body's name.
    assert not [r for r in rules if r[1] < line[1]], rules
    assert any(text == "*" for text, *_ in lines)


# ------------------------------------------------------------------------------ DOCX


def docx_rule(cell: Any, after: str) -> float:
    """The length (points) of the bordered paragraph right after the paragraph `after`."""
    paragraphs = cell.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text.split("\n")[-1] == after)
    rule = paragraphs[index + 1]
    assert rule.text == ""
    borders = rule._p.xpath("./w:pPr/w:pBdr/w:bottom") or rule.style.element.xpath(
        "./w:pPr/w:pBdr/w:bottom"
    )
    assert borders and borders[0].get(qn("w:val")) == "single"
    tbl = cell._tc.getparent().getparent()
    margins = tbl.xpath("./w:tblPr/w:tblCellMar/w:left/@w:w")
    margin = int(margins[0]) if margins else 108
    area = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) - 2 * margin
    fmt = rule.paragraph_format
    left = fmt.left_indent.twips if fmt.left_indent else 0
    right = fmt.right_indent.twips if fmt.right_indent else 0
    assert abs(left - right) <= 1  # centred
    return (area - left - right) / 20


def test_the_docx_issuer_and_motto_rules_are_measured_from_their_text(programme, submitted):  # noqa: F811
    for kind, data, name in (
        ("agency", assemble.agency_report(submitted, CUTOFF), "BỘ Y TẾ"),
        ("consolidated", assemble.consolidated(programme, 2024, CUTOFF), "VÀ CÔNG NGHỆ"),
    ):
        blob = render.render(kind, "docx", data, when=CUTOFF)
        left, right = Document(io.BytesIO(blob)).tables[0].rows[0].cells
        lines = next(p for p in left.paragraphs if name in p.text).text.split("\n")
        widest = max(width_pt(line, 12) for line in lines)
        assert widest / 3 - 1 <= docx_rule(left, name) <= widest / 2 + 1
        motto = "Độc lập - Tự do - Hạnh phúc"
        assert abs(docx_rule(right, motto) - width_pt(motto, 13)) < 1
        # The motto is not underlined as well (one line, not two).
        paragraph = next(p for p in right.paragraphs if p.text == motto)
        assert not any(run.font.underline for run in paragraph.runs)


def test_the_party_docx_has_a_star_under_its_name_and_the_line_under_its_title(
    accepted: ReportingPeriod,  # noqa: F811
) -> None:
    data = assemble.consolidated_of_period(accepted, today())
    blob = render.render("consolidated", "docx", data)
    left, right = Document(io.BytesIO(blob)).tables[0].rows[0].cells
    title = "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert abs(docx_rule(right, title) - width_pt(title, 12)) < 1
    texts = [p.text for p in left.paragraphs]
    issuer = next(i for i, t in enumerate(texts) if "CHIẾN LƯỢC" in t)
    assert texts[issuer + 1] == "*"
    # No empty line left where a state document has its motto.
    assert [p.text for p in right.paragraphs][1] == ""
    assert "" not in [p.text for p in right.paragraphs][2:]


def test_a_docx_without_a_parent_body_starts_with_the_issuer(submitted):  # noqa: F811
    """Decree 30: with no parent body the issuer stands level with the national title (an
    empty first line pushed it one line down)."""
    blob = render.render("agency", "docx", assemble.agency_report(submitted, CUTOFF), when=CUTOFF)
    left = Document(io.BytesIO(blob)).tables[0].rows[0].cells[0]
    assert left.paragraphs[0].text == "BỘ Y TẾ"
