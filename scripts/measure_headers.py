"""Read the header (kind, number, date, issuer, title, implemented document) and count the
tasks of every corpus document, as found (DOCX/TXT) and printed to PDF as the tests print
them (plain paragraphs; Word with its tables; the letterhead as the genre's borderless
two-column table in three layouts).

Usage: LOTRINH_LOCAL=1 .venv/bin/python scripts/measure_headers.py [CORPUS_DIR] [--json OUT]
prints one line per reading; with --json, writes the readings to compare two runs.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")

import django  # noqa: E402

django.setup()

from lotrinh.importer.parser import cited_documents, parse_blocks  # noqa: E402
from lotrinh.importer.reader import ReadError, read_document  # noqa: E402
from tests.importer import pdf_renderings as pr  # noqa: E402

CORPUS = ROOT.parent.parent / "shared" / "corpus"


def renderings(source: Path) -> list[tuple[str, bytes | None]]:
    out: list[tuple[str, bytes | None]] = [("as-found", None)]
    makers = (
        [("pdf-plain", pr.render_docx_pdf)]
        if source.suffix == ".docx"
        else [("pdf-plain", pr.render_pdf)]
    )
    letterhead = (
        pr.render_letterhead_docx_pdf if source.suffix == ".docx" else pr.render_letterhead_text_pdf
    )
    for name, maker in makers:
        out.append((name, maker(source)))
    for layout in pr.LAYOUTS:
        try:
            out.append((f"pdf-{layout}", letterhead(source, layout)))
        except (StopIteration, ValueError):
            pass  # no letterhead to lay out
    return out


def reading(data: bytes, name: str) -> dict:
    try:
        parsed = parse_blocks(read_document(data, name))
    except ReadError as error:
        return {"error": str(error)}
    head = parsed["programme"]
    return {
        "kind": head["kind"],
        "code": head["code"],
        "date": head["issue_date"],
        "issuer": head["issuer"],
        "title": " ".join((head["title"] or "").split()),
        "implements": head.get("implements"),
        "cited": cited_documents(parsed)[:3],
        "tasks": len(parsed["tasks"]),
    }


def main() -> None:
    argv = sys.argv[1:]
    if "--json" in argv:
        del argv[argv.index("--json") : argv.index("--json") + 2]
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else CORPUS
    out: dict[str, dict] = {}
    for source in sorted(corpus.glob("*")):
        if source.suffix not in (".txt", ".docx"):
            continue
        for variant, data in renderings(source):
            key = f"{source.stem}{source.suffix}:{variant}"
            payload = source.read_bytes() if data is None else data
            read = reading(payload, source.name if data is None else "rendering.pdf")
            out[key] = read
            print(key, json.dumps(read, ensure_ascii=False), flush=True)
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(
            json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
