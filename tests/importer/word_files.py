"""Word files as offices save them, built for the tests: a body written in WordprocessingML
with its own numbering and styles, and a corpus file rewritten so that its typed numbers
("I. ", "1. ", "a) ", "- ") become Word's automatic numbering."""

import io
import re
import zipfile

from docx import Document
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'mc:Ignorable="wps"'
)


def _replace(data: bytes, parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, parts.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def _blank() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def docx_bytes(body: str, numbering: str = "", styles: str = "") -> bytes:
    """A .docx whose body is `body` (paragraphs and tables in WordprocessingML), with the
    `w:abstractNum`/`w:num` of `numbering` and the extra `w:style` of `styles`."""
    data = _blank()
    document = f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>"
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        style_xml = source.read("word/styles.xml").decode("utf-8")
    style_xml = style_xml.replace("</w:styles>", styles + "</w:styles>")
    numbering_xml = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
    return _replace(
        data,
        {
            "word/document.xml": document.encode("utf-8"),
            "word/numbering.xml": numbering_xml.encode("utf-8"),
            "word/styles.xml": style_xml.encode("utf-8"),
        },
    )


def docx_with_headers(
    body: str, headers: dict[str, str], footers: dict[str, str] | None = None
) -> bytes:
    """A .docx whose body is `body` and whose only section has the page headers `headers`
    and footers `footers` (XML content by Word's kind: "first", the first page's, which
    Word shows only with "Different first page" — set when given —; "default", every other
    page's; "even"), each in a part of its own as Word saves them."""
    data = docx_bytes("")
    footers = footers or {}
    parts: dict[str, bytes] = {}
    references = ""
    relationships = ""
    types = ""
    for index, (tag, kind, content) in enumerate(
        [("hdr", kind, xml) for kind, xml in headers.items()]
        + [("ftr", kind, xml) for kind, xml in footers.items()]
    ):
        name = ("header" if tag == "hdr" else "footer") + f"{index + 1}.xml"
        parts[f"word/{name}"] = f"<w:{tag} {NAMESPACES}>{content}</w:{tag}>".encode()
        rid = f"rIdPage{index + 1}"
        element = "headerReference" if tag == "hdr" else "footerReference"
        references += f'<w:{element} w:type="{kind}" r:id="{rid}"/>'
        relation = "header" if tag == "hdr" else "footer"
        relationships += (
            f'<Relationship Id="{rid}" Target="{name}" Type="http://schemas.openxmlformats.org'
            f'/officeDocument/2006/relationships/{relation}"/>'
        )
        types += (
            f'<Override PartName="/word/{name}" ContentType="application/'
            f'vnd.openxmlformats-officedocument.wordprocessingml.{relation}+xml"/>'
        )
    first = "<w:titlePg/>" if "first" in headers or "first" in footers else ""
    document = (
        f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr>{references}{first}</w:sectPr>"
        "</w:body></w:document>"
    )
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        rels = source.read("word/_rels/document.xml.rels").decode("utf-8")
        content_types = source.read("[Content_Types].xml").decode("utf-8")
    parts["word/document.xml"] = document.encode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", relationships + "</Relationships>"
    ).encode("utf-8")
    parts["[Content_Types].xml"] = content_types.replace("</Types>", types + "</Types>").encode(
        "utf-8"
    )
    return _replace_adding(data, parts)


def _replace_adding(data: bytes, parts: dict[str, bytes]) -> bytes:
    """`_replace`, the parts that the file does not have yet added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = set(source.namelist())
        for info in source.infolist():
            target.writestr(info, parts.get(info.filename, source.read(info.filename)))
        for name, content in parts.items():
            if name not in names:
                target.writestr(name, content)
    return out.getvalue()


def page_field(kind: str = "PAGE", shown: str = "1") -> str:
    """A field run as Word writes a page number: its instruction, then its result."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {kind} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def p(text: str = "", num: tuple[int, int] | None = None, style: str = "", extra: str = "") -> str:
    """A paragraph of one run; `num` is (numId, ilvl)."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{run}{extra}</w:p>"


def text_box(inner: str) -> str:
    """A text box as Word writes it: the DrawingML Choice and the VML Fallback, each holding
    the same content `inner` (XML)."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def abstract(abstract_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, starts: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
        for k, v in (starts or {}).items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


# ---------------------------------------------------------------- rewriting the corpus

# A typed number as the genre writes it, and what Word's numbering shows for it.
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_TYPED = re.compile(
    r"^(?:(?P<roman>[IVXL]{1,6})(?P<rp>\.)|(?P<dec>\d{1,2})(?P<dp>[.)])"
    r"|(?P<letter>[a-z])(?P<lp>\))|(?P<bullet>[-–+•]))[ \t]+(?=\S)"
)
_CELL = re.compile(r"^(?:(?P<roman>[IVXL]{1,6})|(?P<dec>\d{1,3}))(?P<p>\.?)$")


def _roman_value(text: str) -> int:
    total = 0
    for index, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def _kind(match: re.Match[str]) -> tuple[str, str, int]:
    """(numFmt, lvlText with "%" for the level, value) of a typed number."""
    if match.group("roman"):
        return (
            "upperRoman",
            "%" + (match.groupdict().get("rp") or match.group("p") or ""),
            (_roman_value(match.group("roman"))),
        )
    if match.group("dec"):
        punct = match.groupdict().get("dp") or match.groupdict().get("p") or ""
        return "decimal", "%" + punct, int(match.group("dec"))
    if match.groupdict().get("letter"):
        return "lowerLetter", "%)", ord(match.group("letter")) - ord("a") + 1
    return "bullet", match.group("bullet"), 0


class _Lists:
    """The lists the rewriter creates: one abstract list per story (body, table cells),
    one level per kind of typed number in order of first use; where Word's counter would
    not show the typed value, a new `w:num` restarts the level there (`w:startOverride`)."""

    def __init__(self, first_abstract: int, first_num: int) -> None:
        self.next_abstract = first_abstract
        self.next_num = first_num
        self.abstracts: list[str] = []
        self.nums: list[str] = []
        self.stories: dict[str, dict] = {}

    def _story(self, story: str) -> dict:
        if story not in self.stories:
            self.stories[story] = {
                "abstract": self.next_abstract,
                "levels": {},  # (fmt, text) → ilvl
                "num": self._new_num(self.next_abstract, {}),
                "counters": {},  # as Word keeps them for the current num
                "starts": {},
            }
            self.stories[story]["first_num"] = self.stories[story]["num"]
            self.next_abstract += 1
        return self.stories[story]

    def _new_num(self, abstract_id: int, starts: dict[int, int]) -> int:
        num_id = self.next_num
        self.next_num += 1
        self.nums.append(num(num_id, abstract_id, starts))
        return num_id

    def assign(self, story: str, fmt: str, text: str, value: int) -> tuple[int, int] | None:
        """(numId, ilvl) that shows `value` in this list, or None if no level is left."""
        state = self._story(story)
        key = (fmt, text)
        if key not in state["levels"]:
            if len(state["levels"]) >= 9:
                return None
            state["levels"][key] = len(state["levels"])
        ilvl = state["levels"][key]
        counters = state["counters"]
        if fmt == "bullet":
            counters[ilvl] = counters.get(ilvl, 0) + 1
        else:
            starts = state["starts"]
            shown = counters[ilvl] + 1 if ilvl in counters else starts.get(ilvl, 1)
            if shown != value:
                # Word would show another number: a new list that starts this level at
                # the typed value (each time the level restarts, as Word does).
                state["num"] = self._new_num(state["abstract"], {ilvl: value})
                counters.clear()
                state["starts"] = {ilvl: value}
            counters[ilvl] = value
        for lower in [k for k in counters if k > ilvl]:
            del counters[lower]
        return state["num"], ilvl

    def numbering_xml(self) -> str:
        out = []
        for state in self.stories.values():
            levels = [
                lvl(ilvl, fmt, text.replace("%", f"%{ilvl + 1}"), extra='<w:suff w:val="tab"/>')
                for (fmt, text), ilvl in state["levels"].items()
            ]
            out.append(abstract(state["abstract"], *levels))
        return "".join(out) + "".join(self.nums)


def _strip_prefix(paragraph: etree._Element, length: int) -> None:
    """Remove the first `length` characters of the paragraph's text from its runs."""
    for t in paragraph.iter(W + "t"):
        text = t.text or ""
        cut = min(length, len(text))
        t.text = text[cut:]
        length -= cut
        if length == 0:
            return


def _number(paragraph: etree._Element, num_id: int, ilvl: int) -> None:
    ppr = paragraph.find(W + "pPr")
    if ppr is None:
        ppr = etree.SubElement(paragraph, W + "pPr")
        paragraph.remove(ppr)
        paragraph.insert(0, ppr)
    num_pr = etree.SubElement(ppr, W + "numPr")
    etree.SubElement(num_pr, W + "ilvl").set(W + "val", str(ilvl))
    etree.SubElement(num_pr, W + "numId").set(W + "val", str(num_id))
    # numPr comes after pStyle and keepNext… in the schema: put it right after pStyle.
    ppr.remove(num_pr)
    style = ppr.find(W + "pStyle")
    ppr.insert(1 if style is not None else 0, num_pr)


# The headings' numbers come through their style, as a drafter's "Heading" style with
# numbering does; the style that has the numbering is the base of the one used.
HEADING_STYLES = (
    '<w:style w:type="paragraph" w:styleId="LtMucGoc"><w:name w:val="Lt Muc Goc"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="LtMuc"><w:name w:val="Lt Muc"/>'
    '<w:basedOn w:val="LtMucGoc"/></w:style>'
)


def _styled(paragraph: etree._Element) -> None:
    ppr = paragraph.find(W + "pPr")
    for old in ppr.findall(W + "pStyle") + ppr.findall(W + "numPr"):
        ppr.remove(old)
    style = etree.Element(W + "pStyle")
    style.set(W + "val", "LtMuc")
    ppr.insert(0, style)


def auto_numbered(data: bytes) -> tuple[bytes, int]:
    """The .docx with its typed numbers turned into Word numbering that shows the same,
    and how many paragraphs were turned. A body paragraph of the first level on the
    first list takes its number from its style (`LtMuc`, based on `LtMucGoc`)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        document = etree.fromstring(source.read("word/document.xml"))
        numbering = etree.fromstring(source.read("word/numbering.xml"))
        styles = etree.fromstring(source.read("word/styles.xml"))
    lists = _Lists(first_abstract=900, first_num=900)
    turned = 0
    body = document.find(W + "body")
    for paragraph in body.iter(W + "p"):
        text = "".join(t.text or "" for t in paragraph.iter(W + "t"))
        in_cell = any(a.tag == W + "tc" for a in paragraph.iterancestors())
        if in_cell:
            match = _CELL.match(text.strip())
            if match is None or text != text.strip():
                continue
            fmt, lvl_text, value = _kind(match)
            length = len(text)
            story = "cells"
        else:
            match = _TYPED.match(text)
            if match is None:
                continue
            fmt, lvl_text, value = _kind(match)
            length = match.end()
            story = "body"
        assigned = lists.assign(story, fmt, lvl_text, value)
        if assigned is None:
            continue
        _strip_prefix(paragraph, length)
        _number(paragraph, *assigned)
        state = lists.stories[story]
        if story == "body" and assigned[1] == 0 and assigned[0] == state["first_num"]:
            _styled(paragraph)
        turned += 1
    # The abstract lists go before every w:num (the schema's order).
    first_num = numbering.find(W + "num")
    new = etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{lists.numbering_xml()}</w:numbering>')
    for element in list(new):
        if element.tag == W + "abstractNum" and first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    if "body" in lists.stories:
        extra = HEADING_STYLES.replace("{num}", str(lists.stories["body"]["first_num"]))
        for element in etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{extra}</w:styles>'):
            styles.append(element)
    rewritten = _replace(
        data,
        {
            "word/document.xml": etree.tostring(document, xml_declaration=True, encoding="UTF-8"),
            "word/numbering.xml": etree.tostring(numbering, xml_declaration=True, encoding="UTF-8"),
            "word/styles.xml": etree.tostring(styles, xml_declaration=True, encoding="UTF-8"),
        },
    )
    return rewritten, turned
