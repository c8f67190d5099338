"""Render a PDF page to PNG with pdftoppm and fail on an empty page.

Usage: python scripts/check_pdf_page.py FILE.pdf [PAGE] [--png OUT.png]
Exit 0 when the page has ink (at least 0.5% non-white pixels), 1 otherwise.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

MIN_INK = 0.005


def ink_ratio(png: Path) -> float:
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        dark = sum(grey.histogram()[:200])
        return dark / (grey.width * grey.height)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf")
    parser.add_argument("page", nargs="?", type=int, default=1)
    parser.add_argument("--png", help="keep the rendered page here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(args.page),
                "-l",
                str(args.page),
                args.pdf,
                str(prefix),
            ],
            check=True,
        )
        rendered = sorted(Path(tmp).glob("page*.png"))
        if not rendered:
            print(f"{args.pdf}: page {args.page} could not be rendered")
            return 1
        ratio = ink_ratio(rendered[0])
        if args.png:
            Path(args.png).write_bytes(rendered[0].read_bytes())
    print(f"{args.pdf}: page {args.page} ink {ratio:.3%}")
    return 0 if ratio >= MIN_INK else 1


if __name__ == "__main__":
    sys.exit(main())
