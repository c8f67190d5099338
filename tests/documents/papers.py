"""The text of a document a clerk takes away, as one line of words: a PDF's (pdftotext)
and a DOCX's paragraphs then its table cells. Shared by the tests that read them."""

import io
import subprocess

from docx import Document


def pdf_text(blob: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=blob, capture_output=True, check=True)
    return " ".join(text.stdout.decode().split())


def docx_text(blob: bytes) -> str:
    document = Document(io.BytesIO(blob))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join([*(p.text for p in document.paragraphs), *cells]).split())
