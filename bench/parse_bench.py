"""Benchmark: parse a ~100-page action programme (target: under 1 s on this machine).

The document is the seed's section II repeated with renumbered sections, plus an
appendix table, about 250,000 characters. Prints the size and the median parse time.

Run: .venv/bin/python bench/parse_bench.py [--runs 5]
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The parser reads the upload limits from the settings (no database is used).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
os.environ.setdefault("LOTRINH_LOCAL", "1")

from lotrinh.importer.parser import parse_blocks  # noqa: E402
from lotrinh.importer.reader import read_document  # noqa: E402

ROMANS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
]


def build() -> str:
    seed = (ROOT / "lotrinh" / "programmes" / "data" / "sources" / "50-NQ-CP.txt").read_text(
        encoding="utf-8"
    )
    start, end = seed.index("II. NHIỆM VỤ"), seed.index("III. TỔ CHỨC THỰC HIỆN")
    section = seed[start:end]
    parts = [seed[:start]]
    for roman in ROMANS[1:9]:
        parts.append(re.sub(r"^II\. ", f"{roman}. ", section, count=1))
    rows = [
        "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành |",
        "|---|---|---|---|---|---|",
    ]
    for n in range(1, 301):
        rows.append(
            f"| {n} | Xây dựng Đề án số {n} về chuyển đổi số trong lĩnh vực được giao | Bộ Khoa học và Công nghệ | Bộ Tài chính, Bộ Nội vụ | Đề án | Quý IV/2026 |"
        )
    return "\n".join(parts) + "\n" + "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = build()
    data = text.encode("utf-8")
    parse_blocks(read_document(data, "bench.txt"))  # warm the name registry
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = parse_blocks(read_document(data, "bench.txt"))
        times.append(time.perf_counter() - started)
    pages = len(text) / 2500
    print(
        f"document: {len(text):,} characters (~{pages:.0f} pages of 2,500 characters), {len(result['tasks'])} tasks"
    )
    print(
        f"parse time: median {statistics.median(times) * 1000:.0f} ms over {args.runs} runs (target < 1000 ms)"
    )
    print(f"pages={pages:.0f} pages_per_s={pages / statistics.median(times):.0f} (target >= 100)")


if __name__ == "__main__":
    main()
