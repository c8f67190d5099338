"""Measure the importer on the genre2 documents: tasks, leads and coordinators (as
`lotrinh parse-eval`), deadlines and recurrence of the matched tasks, and the header.

Usage: LOTRINH_LOCAL=1 .venv/bin/python scripts/measure_genre2.py [-v]
Each document is read as its .docx, printed to PDF (`render_docx_pdf`: every table ruled,
the letterhead and the signature block too) and printed without rulings (`borders=False`:
the letterhead and signature as the genre prints them, the task tables borderless).
`-v` lists what differs.
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

from rapidfuzz import fuzz  # noqa: E402

from lotrinh.core.text import fold  # noqa: E402
from lotrinh.importer.evaluate import role_set, score  # noqa: E402
from lotrinh.importer.service import parse_bytes  # noqa: E402
from tests.importer import pdf_renderings as pr  # noqa: E402

EVAL = ROOT / "tests" / "importer" / "eval"
NAMES = ("g2-qd-byt", "g2-kh-xa", "g2-ctr-tu", "g2-kh-tinh")


def key(text: str) -> str:
    return " ".join(fold(text).split())


def header_ok(field: str, want: str, got: str | None) -> bool:
    got = got or ""
    if field == "title":
        if want.startswith("^"):
            return key(got).startswith(key(want[1:]))
        if want.endswith("$"):
            return key(got).endswith(key(want[:-1]))
    if field == "issuer":
        return key(got) == key(want)
    return got == want


def measure(name: str, form: str, data: bytes, filename: str, verbose: bool) -> str:
    expected = json.loads((EVAL / f"{name}.json").read_text(encoding="utf-8"))
    parsed = parse_bytes(data, filename)
    scores = score(f"{name} {form}", parsed, expected)
    found = parsed["tasks"]
    dates = recur = 0
    lines = []
    for want in expected["tasks"]:
        best = max(found, key=lambda t: fuzz.ratio(key(t["text"]), key(want["text"])), default=None)
        if best is None or fuzz.ratio(key(best["text"]), key(want["text"])) < 90:
            lines.append(f"  MISSING {want['text'][:90]}")
            continue
        got_date = (best.get("deadline") or {}).get("date")
        want_date = (want.get("deadline") or {}).get("date")
        dates += got_date == want_date
        recur += best.get("recurrence") == want.get("recurrence")
        if got_date != want_date or best.get("recurrence") != want.get("recurrence"):
            lines.append(
                f"  DEADLINE {want['text'][:50]}… want {want_date}/{want.get('recurrence')}"
                f" got {got_date}/{best.get('recurrence')} ({(best.get('deadline') or {}).get('text')})"
            )
        for role in ("lead", "coordinating"):
            if role_set(best, role) != role_set(want, role):
                lines.append(
                    f"  {role.upper()} {want['text'][:50]}… want {sorted(role_set(want, role))}"
                    f" got {sorted(role_set(best, role))}"
                )
    wanted = {key(t["text"]) for t in expected["tasks"]}
    for task in found:
        if not any(fuzz.ratio(key(task["text"]), w) >= 90 for w in wanted):
            lines.append(f"  EXTRA {task['ref']} {task['text'][:90]}")
    head = parsed["programme"]
    fields = {
        "kind": head.get("kind"),
        "code": head.get("code"),
        "issue_date": head.get("issue_date"),
        "issuer": head.get("issuer"),
        "title": " ".join((head.get("title") or "").split()),
        "implements": head.get("implements"),
    }
    right = 0
    for field, want in expected["programme"].items():
        if header_ok(field, want, fields[field]):
            right += 1
        else:
            lines.append(f"  HEADER {field}: want {want!r} got {fields[field]!r}")
    n = len(expected["tasks"])
    out = (
        f"{scores.line()}; deadlines {dates}/{n}; recurrence {recur}/{n};"
        f" header {right}/{len(expected['programme'])}"
    )
    return out + ("\n" + "\n".join(lines) if verbose and lines else "")


def main() -> None:
    verbose = "-v" in sys.argv
    names = [a for a in sys.argv[1:] if not a.startswith("-")] or NAMES
    for name in names:
        source = EVAL / f"{name}.docx"
        print(measure(name, "docx", source.read_bytes(), source.name, verbose))
        print(measure(name, "pdf", pr.render_docx_pdf(source), f"{name}.pdf", verbose))
        borderless = pr.render_docx_pdf(source, borders=False)
        print(measure(name, "pdf-borderless", borderless, f"{name}.pdf", verbose))


if __name__ == "__main__":
    main()
