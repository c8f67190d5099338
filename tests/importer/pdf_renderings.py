"""PDF renderings of evaluation documents, read back through the real PDF path (PDFium).

A document is laid out as a drafter's word processor would print it: each paragraph of
the text (lines between blank lines; a document with one paragraph a line keeps its
lines) is a justified paragraph of an A4 page in a serif font, so the PDF's text layer is
wrapped where the page width wraps it, not where the source was wrapped. The table cell
marks of the web transcription ("|") are dropped.
"""

from html import escape
from pathlib import Path


def paragraphs(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or set(line) <= set("|"):
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(line.strip("|").strip())
    if current:
        out.append(" ".join(current))
    return out


def render_pdf(source: Path) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs(source.read_text(encoding="utf-8")))
    html = (
        "<html><head><style>@page { size: A4; margin: 2cm 2cm 2cm 3cm }"
        " body { font-family: 'Liberation Serif'; font-size: 13pt; text-align: justify }"
        " p { margin: 0 0 6pt; text-indent: 1cm }</style></head><body>" + body + "</body></html>"
    )
    return HTML(string=html).write_pdf()
