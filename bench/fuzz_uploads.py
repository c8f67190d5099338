"""Exploratory fuzz of the upload parsers, longer than the suite's (tests/uploads/test_fuzz_files.py).

1. The hostile corpus (tests/uploads/hostile.py, corpus.py): each file through the web
   request's checks and the worker's parse, timed, with the outcome.
2. Random mutations (byte flips, dropped slices, truncation) of real seeds: the programmes
   of /work/shared/corpus (DOCX and text), a PDF, the bundled Word template, a report
   form built by openpyxl, CSV text in the encodings an office saves. Every outcome is
   "read" or "refused" (the path's own message); anything else is printed as UNEXPECTED.

Needs no database (the paths are called below their views).

Run: .venv/bin/python bench/fuzz_uploads.py [--iterations N] [--seed S]
Last line: unexpected=N worst_web_s=X worst_worker_s=Y (worst time of one file).
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
os.environ.setdefault("LOTRINH_LOCAL", "1")

import django  # noqa: E402

django.setup()

from lotrinh.agencies.units import UnitError  # noqa: E402
from lotrinh.core.textfiles import TextEncodingError, csv_delimiter, decode_text_file  # noqa: E402
from lotrinh.core.uploads import XLSX_READ_ERRORS, UploadRefused, check_bytes, open_xlsx  # noqa: E402
from lotrinh.documents.templating import TemplateProblem, check_template  # noqa: E402
from lotrinh.importer.reader import ReadError  # noqa: E402
from lotrinh.importer.service import parse_bytes  # noqa: E402
from lotrinh.indicators.validation import ObservationError, decode_csv  # noqa: E402
from tests.uploads import corpus, hostile  # noqa: E402

CORPUS = Path("/work/shared/corpus")
TEMPLATE = ROOT / "lotrinh/documents/templates_docx/bao-cao.docx"
REFUSALS = (UploadRefused, ReadError, TemplateProblem, ObservationError, UnitError)


def web_document(data: bytes, name: str) -> None:
    check_bytes(data, name, "document", deep=False)


def worker_document(data: bytes, name: str) -> None:
    parse_bytes(data, name)


def template(data: bytes, name: str) -> None:
    check_bytes(data, name, "template")
    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(data)
        handle.flush()
        check_template(Path(handle.name))


def form(data: bytes, name: str) -> None:
    """What the worker's parse_form reads: every cell of every sheet."""
    try:
        book = open_xlsx(data, name)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                list(row)
    except XLSX_READ_ERRORS:
        raise UploadRefused("bad_xlsx", "unreadable") from None


def csv_file(data: bytes, name: str) -> None:
    import csv

    check_bytes(data, name, "csv")
    text = decode_csv(data)
    list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))


def units_file(data: bytes, name: str) -> None:
    import csv

    try:
        text = decode_text_file(data)
    except TextEncodingError as exc:
        raise UnitError(exc.message) from None
    try:
        list(csv.DictReader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))
    except csv.Error as exc:
        raise UnitError(str(exc)) from None


def run(path: Callable[[bytes, str], None], data: bytes, name: str) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        path(data, name)
        outcome = "read"
    except REFUSALS:
        outcome = "refused"
    except Exception as exc:  # what the property forbids
        outcome = f"UNEXPECTED {type(exc).__name__}: {str(exc)[:120]}"
    return outcome, time.perf_counter() - start


def mutate(rng: random.Random, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(rng.randint(0, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.5:
        start = rng.randrange(len(data))
        del data[start : start + rng.randint(1, 64)]
    if rng.random() < 0.5:
        data = data[: rng.randint(1, len(data))]
    return bytes(data)


def seeds() -> list[tuple[str, Callable[[bytes, str], None], str, bytes]]:
    """(label, path, file name, bytes) of each seed."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Mã", "Trạng thái", "Kết quả"])
    for n in range(1, 40):
        sheet.append([f"NV-{n}", "Đang thực hiện, trong hạn", f"Kết quả số {n} của Sở Y tế"])
    buffer = io.BytesIO()
    book.save(buffer)
    csv_text = "Year,Value,Source\n2023,12.5,Tổng cục Thống kê\n2024,13.1,Bộ Thông tin\n"
    units = "code,name_vi,parent\nso-khcn,Sở Khoa học và Công nghệ,\nphong-a,Phòng A,so-khcn\n"
    out = [
        ("template", template, "mau.docx", TEMPLATE.read_bytes()),
        ("form", form, "bao-cao.xlsx", buffer.getvalue()),
        ("pdf", worker_document, "a.pdf", hostile.pdf_count_lies(1)),
        ("csv-utf-8", csv_file, "a.csv", csv_text.encode()),
        ("csv-utf-16-tabs", csv_file, "a.csv", corpus.to_utf16_excel(csv_text.replace(",", "\t"))),
        ("csv-cp1258", csv_file, "a.csv", corpus.to_cp1258(csv_text.replace(",", ";"))),
        ("units-cp1258", units_file, "a.csv", corpus.to_cp1258(units)),
        ("units-utf-16", units_file, "a.csv", corpus.to_utf16_excel(units.replace(",", "\t"))),
    ]
    for path in sorted(CORPUS.glob("*.docx"))[:3]:
        out.append((f"docx {path.name[:24]}", worker_document, "a.docx", path.read_bytes()))
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        text = path.read_text()[:20000]
        out.append((f"txt {path.name[:24]}", worker_document, "a.txt", text.encode()))
        out.append((f"txt-1258 {path.name[:20]}", worker_document, "a.txt", corpus.to_cp1258(text)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=300, help="mutations per seed")
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()
    unexpected = 0
    worst_web = worst_worker = 0.0

    print("== hostile corpus")
    files: list[tuple[str, str, Callable[[], bytes]]] = []
    files += [(f"docx/{n}", "a.docx", f) for n, f in hostile.DOCX.items()]
    files += [(f"pdf/{n}", "a.pdf", f) for n, f in hostile.PDF.items()]
    files += [
        ("docx/zip-bomb", "a.docx", corpus.docx_bomb),
        ("docx/paragraphs-at-cap", "a.docx", lambda: corpus.docx_paragraphs(10_000)),
        ("pdf/1000-pages", "a.pdf", lambda: corpus.pdf_with_pages(1000)),
        (
            "txt/2M-characters",
            "a.txt",
            lambda: ("II. NHIỆM VỤ\n" + "a) Bộ Y tế nghiên cứu, đề xuất.\n" * 64_000).encode(),
        ),
    ]
    for label, name, build in files:
        data = build()
        web, web_s = run(web_document, data, name)
        worker, worker_s = run(worker_document, data, name)
        worst_web, worst_worker = max(worst_web, web_s), max(worst_worker, worker_s)
        unexpected += "UNEXPECTED" in web + worker
        print(f"{label:32} web {web:8} {web_s:6.2f}s  worker {worker:8} {worker_s:6.2f}s")
    for label, build in list(hostile.XLSX.items()) + [
        ("million-rows", corpus.xlsx_million_rows),
        ("zip-bomb", corpus.xlsx_bomb),
    ]:
        outcome, seconds = run(form, build(), "a.xlsx")
        worst_worker = max(worst_worker, seconds)
        unexpected += "UNEXPECTED" in outcome
        print(f"xlsx/{label:27} form {outcome:8} {seconds:6.2f}s")
    for label, build in hostile.DOCX.items():
        outcome, seconds = run(template, build(), "mau.docx")
        worst_web = max(worst_web, seconds)
        unexpected += "UNEXPECTED" in outcome
        print(f"template/{label:23} {outcome:8} {seconds:6.2f}s")

    print(f"== mutations: {args.iterations} per seed, seed {args.seed}")
    rng = random.Random(args.seed)
    for label, path, name, seed in seeds():
        outcomes: Counter[str] = Counter()
        slowest = 0.0
        for _ in range(args.iterations):
            outcome, seconds = run(path, mutate(rng, seed), name)
            slowest = max(slowest, seconds)
            if outcome.startswith("UNEXPECTED"):
                print(f"  {label}: {outcome}")
                unexpected += 1
                outcome = "UNEXPECTED"
            outcomes[outcome] += 1
        if path in (worker_document, form):
            worst_worker = max(worst_worker, slowest)
        else:
            worst_web = max(worst_web, slowest)
        print(f"{label:32} {dict(outcomes)} slowest {slowest:.2f}s")
    print(f"unexpected={unexpected} worst_web_s={worst_web:.2f} worst_worker_s={worst_worker:.2f}")


if __name__ == "__main__":
    main()
