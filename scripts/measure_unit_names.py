"""Read every name of the evaluation set's and the corpus's documents twice, without and
with the names each document writes with a clear end (`names.written_units`), and print
the readings that differ.

Usage: LOTRINH_LOCAL=1 .venv/bin/python scripts/measure_unit_names.py [DIR ...]
(default: tests/importer/eval and the shared corpus).

To compare two commits' readings: `--dump FILE` writes the parse's readings (with the
document's names) as JSON; copy this script into a scratch clone of the old commit, dump
there, dump here, then `--diff OLD.json NEW.json` prints every text whose readings differ. `find_names` runs on every line of
`parser.document_lines` and every table cell, in the context the parse sets (the database's
names, the issuer's units); the first run is the reading before the rule (no document
names), the second the parse's.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()

from lotrinh.importer.names import (  # noqa: E402
    find_names,
    gazetteer,
    issued_by,
    written_units,
)
from lotrinh.importer.parser import document_lines, document_texts, read_header  # noqa: E402
from lotrinh.importer.reader import read_document  # noqa: E402

SUFFIXES = (".txt", ".docx", ".pdf", ".md")


def readings(texts: list[str]) -> list[list[tuple[int, int, str, bool]]]:
    return [[(m.start, m.end, m.written, m.unit) for m in find_names(t)] for t in texts]


def main(directories: list[Path], dump: Path | None = None) -> None:
    total = units = changed = 0
    dumped: list[list[object]] = []
    for directory in directories:
        for path in sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES):
            blocks = read_document(path.read_bytes(), path.name)
            lines = document_lines(blocks)
            texts = document_texts(blocks, lines)
            issuer = read_header(lines[:60]).get("issuer") or ""
            with gazetteer(), issued_by(issuer):
                before = readings(texts)
                with written_units(texts):
                    after = readings(texts)
            for text, old, new in zip(texts, before, after, strict=True):
                dumped.append([f"{directory.name}/{path.name}", text, [m[2] for m in new]])
                total += len(new)
                units += sum(1 for m in new if m[3])
                if old != new:
                    changed += 1
                    print(f"{directory.name}/{path.name}: {text[:110]!r}")
                    print(f"  before: {[m[2] for m in old]}")
                    print(f"  after:  {[m[2] for m in new]}")
    print(f"readings {total} (of units {units}); texts whose readings changed: {changed}")
    if dump is not None:
        dump.write_text(json.dumps(dumped, ensure_ascii=False), encoding="utf-8")


def diff(old_path: Path, new_path: Path) -> None:
    """Print the texts whose readings differ between two dumps (same files, same texts)."""
    old = json.loads(old_path.read_text(encoding="utf-8"))
    new = json.loads(new_path.read_text(encoding="utf-8"))
    changed = 0
    for (name, text, before), (_name, _text, after) in zip(old, new, strict=True):
        if before != after:
            changed += 1
            print(f"{name}: {text[:110]!r}")
            print(f"  old: {before}")
            print(f"  new: {after}")
    readings = sum(len(row[2]) for row in new)
    print(f"texts {len(new)}, readings {readings}; texts whose readings changed: {changed}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--diff"]:
        diff(Path(args[1]), Path(args[2]))
        sys.exit()
    dump_to = None
    if args[:1] == ["--dump"]:
        dump_to, args = Path(args[1]), args[2:]
    given = [Path(a) for a in args]
    main(
        given or [ROOT / "tests" / "importer" / "eval", Path(settings.LOTRINH_CORPUS_DIR)],
        dump_to,
    )
