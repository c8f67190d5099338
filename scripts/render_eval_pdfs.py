"""Print evaluation documents to PDF for `lotrinh parse-eval` (the real PDF path).

Usage: LOTRINH_LOCAL=1 .venv/bin/python scripts/render_eval_pdfs.py OUT_DIR [NAME.txt …]
writes OUT_DIR/NAME.pdf and a copy of NAME.json for each document (default: every
hard-wrapped .txt of tests/importer/eval), then run
`LOTRINH_LOCAL=1 .venv/bin/lotrinh parse-eval OUT_DIR`.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.importer.pdf_renderings import render_pdf  # noqa: E402

EVAL = ROOT / "tests" / "importer" / "eval"


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    names = sys.argv[2:] or [
        "kh7360-laichau.txt",
        "kh308-hanoi.txt",
        "kh556-dongthap.txt",
        "qd4385-bvhttdl.txt",
    ]
    for name in names:
        source = EVAL / name
        (out / source.with_suffix(".pdf").name).write_bytes(render_pdf(source))
        shutil.copy(source.with_suffix(".json"), out / source.with_suffix(".json").name)
        print(out / source.with_suffix(".pdf").name)


if __name__ == "__main__":
    main()
