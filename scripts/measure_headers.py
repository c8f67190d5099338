"""Read the header (kind, number, date, issuer, title, implemented document) and count the
tasks of every corpus document, as found (DOCX/TXT) and printed to PDF as the tests print
them (plain paragraphs; Word with its tables; the letterhead as the genre's borderless
two-column table in three layouts).

Usage: LOTRINH_LOCAL=1 .venv/bin/python scripts/measure_headers.py [CORPUS_DIR] [--json OUT]
prints one line per reading; with --json, writes the readings to compare two runs;
`--score OUT` counts the fields of a saved run that are what each document is (TRUTH).
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

from lotrinh.importer.parser import cited_documents, parse_blocks  # noqa: E402
from lotrinh.importer.reader import ReadError, read_document  # noqa: E402
from tests.importer import pdf_renderings as pr  # noqa: E402

# The corpus the demo and the tests read (settings.LOTRINH_CORPUS_DIR), wherever the
# checkout is.
CORPUS = Path(settings.LOTRINH_CORPUS_DIR)


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


# What each corpus document is, read by a person from the document (its letterhead, its
# title, its bases; 4385's Quy hoạch was approved by 991/QĐ-TTg): kind, number, date,
# issuer, a piece of the title (start "^…", end "…$" or inside), the document carried out.
TRUTH = {
    "cv402": ("other", "", None, "", "^Phụ lục 1: DANH MỤC NHIỆM VỤ", "71/NQ-CP"),
    "kh144": (
        "plan",
        "144/KH-UBND",
        "2025-11-24",
        "Tỉnh Bắc Ninh",
        "GIAI ĐOẠN 2026 - 2030$",
        "57-NQ/TW",
    ),
    "kh179": (
        "plan",
        "179/KH-UBND",
        "2025-11-18",
        "Tỉnh Đồng Nai",
        "GIAI ĐOẠN 2026 - 2030$",
        "57-NQ/TW",
    ),
    "kh308": (
        "plan",
        "308/KH-UBND",
        "2025-11-17",
        "Thành phố Hà Nội",
        "^TRIỂN KHAI THỰC HIỆN",
        "214/NQ-CP",
    ),
    "kh310": ("plan", "310/KH-UBND", "2025-11-24", "Thành phố Hà Nội", "ĐẾN NĂM 2030$", "57-NQ/TW"),
    "kh3260": (
        "plan",
        "3260-KH/ĐĐQH15",
        "2025-01-10",
        "Đảng đoàn Quốc hội",
        "chuyển đổi số quốc gia$",
        "57-NQ/TW",
    ),
    # 552's title names no document ("THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ …"); its grounds
    # are one chain from 57-NQ/TW down to the province's 283/KH-UBND "về thực hiện" 71/NQ-CP
    # and 10-CTr/TU: the plan carries out that lowest link (57-NQ/TW until helper header5).
    "kh552": ("plan", "552/KH-UBND", "2025-11-19", "Tỉnh Đồng Tháp", "MŨI NHỌN$", "283/KH-UBND"),
    "kh556": ("plan", "556/KH-UBND", "2025-11-19", "Tỉnh Đồng Tháp", "ĐẾN NĂM 2050$", "48/NQ-CP"),
    "kh7360": (
        "plan",
        "7360/KH-UBND",
        "2025-11-19",
        "Tỉnh Lai Châu",
        "TỈNH LAI CHÂU$",
        "2138/QĐ-TTg",
    ),
    "nq394": ("government_resolution", "394/NQ-CP", "2025-12-03", "Chính phủ", "SẠCH - ĐẸP$", None),
    "nq57": (
        "party_resolution",
        "57-NQ/TW",
        "2024-12-22",
        "Bộ Chính trị",
        "đột phá phát triển khoa học",
        None,
    ),
    "qd2597": (
        "pm_decision",
        "2597/QĐ-TTg",
        "2025-11-27",
        "Thủ tướng Chính phủ",
        "^PHÊ DUYỆT ĐỀ ÁN",
        "57-NQ/TW",
    ),
    # A ministry's decision adopting its plan (the plan annexed) is read as that plan (the
    # team's choice, docs/importer.md "Kind of document"; "other" until helper party2).
    "qd4385": (
        "plan",
        "4385/QĐ-BVHTTDL",
        "2025-11-18",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "QUY HOẠCH MẠNG LƯỚI",
        "991/QĐ-TTg",
    ),
}
FIELDS = ("kind", "code", "date", "issuer", "title", "implements")


def right(key: str, read: dict) -> list[str]:
    """The fields of a reading that are not what the document is."""
    truth = TRUTH[key.split("_")[0]]
    wrong = []
    for field, want in zip(FIELDS, truth, strict=True):
        got = read.get(field)
        if field == "title":
            got = got or ""
            ok = (
                got.startswith(want[1:])
                if want.startswith("^")
                else got.endswith(want[:-1])
                if want.endswith("$")
                else want in got
            )
        else:
            ok = got == want
        if not ok:
            wrong.append(field)
    return wrong


def score(readings: dict[str, dict]) -> None:
    whole = sum(not right(k, r) for k, r in readings.items())
    fields = sum(len(FIELDS) - len(right(k, r)) for k, r in readings.items())
    print(
        f"readings right in every field: {whole}/{len(readings)}; fields right: "
        f"{fields}/{len(readings) * len(FIELDS)}"
    )
    for field in FIELDS:
        bad = [k for k, r in readings.items() if field in right(k, r)]
        print(f"  {field}: {len(readings) - len(bad)}/{len(readings)}", " ".join(bad))


def main() -> None:
    if "--score" in sys.argv:
        score(json.loads(Path(sys.argv[sys.argv.index("--score") + 1]).read_text()))
        return
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
