"""Benchmark: import a long PDF (issue 11: a 350-page PDF parsed at ≥ 50 pages/s).

Renders the benchmark programme of bench/parse_bench.py (the seed's section II repeated,
plus a 300-row appendix) to PDF with WeasyPrint, repeated until it has at least
`--pages` pages, then times what the worker does with an uploaded PDF: read the text
layer (PDFium) and parse it. Rendering is not timed.

Run: .venv/bin/python bench/pdf_bench.py [--pages 350] [--runs 3] [--pdf FILE]
(`--pdf FILE`: read the rendering from FILE, rendering it there first when missing, so
that runs before and after a change time the same document.)
Last line: pdf_pages=N read_ms=N parse_ms=N pages_per_s=N
"""

import argparse
import os
import statistics
import sys
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
os.environ.setdefault("LOTRINH_LOCAL", "1")

import django  # noqa: E402

django.setup()

from bench.parse_bench import build  # noqa: E402
from lotrinh.importer.parser import parse_blocks  # noqa: E402
from lotrinh.importer.reader import read_document  # noqa: E402


def render(pages_wanted: int) -> tuple[bytes, int]:
    import pypdfium2 as pdfium
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in build().splitlines() if line.strip())
    copies = 1
    while True:
        html = (
            "<html><body style='font-family: Liberation Serif; font-size: 11pt'>"
            + paragraphs * copies
            + "</body></html>"
        )
        data = HTML(string=html).write_pdf()
        count = len(pdfium.PdfDocument(data))
        if count >= pages_wanted:
            return data, count
        copies = max(copies + 1, int(copies * pages_wanted / count + 0.999))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=350)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", type=Path)
    args = parser.parse_args()
    if args.pdf is not None and args.pdf.exists():
        import pypdfium2 as pdfium

        data = args.pdf.read_bytes()
        pages = len(pdfium.PdfDocument(data))
    else:
        data, pages = render(args.pages)
        if args.pdf is not None:
            args.pdf.write_bytes(data)
    reads, parses = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        blocks = read_document(data, "bench.pdf")
        read_done = time.perf_counter()
        result = parse_blocks(blocks)
        reads.append(read_done - started)
        parses.append(time.perf_counter() - read_done)
    read_s, parse_s = statistics.median(reads), statistics.median(parses)
    print(f"document: {pages} pages, {len(data) / 1e6:.1f} MB, {len(result['tasks'])} tasks")
    print(
        f"pdf_pages={pages} read_ms={read_s * 1000:.0f} parse_ms={parse_s * 1000:.0f} "
        f"pages_per_s={pages / (read_s + parse_s):.0f}"
    )


if __name__ == "__main__":
    main()
