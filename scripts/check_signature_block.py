"""Render the page of a signed PDF that holds the signature block to PNG (pypdfium2,
which draws the signature's appearance) and fail when the block's region is empty.

Usage: python scripts/check_signature_block.py SIGNED.pdf [--png OUT.png]
Exit 0 when the block region has ink (text and border), 1 otherwise; prints the page,
the block's rectangle (PDF points) and its ink ratio.
"""

import argparse
import sys
from pathlib import Path
from typing import Any

MIN_INK = 0.01
SCALE = 2.0


def signature_widget(pdf: bytes) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, rectangle) of the first signature field's widget."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            widget: Any = annotation.get_object()
            if widget.get("/FT") == "/Sig" or (
                widget.get("/Parent") and widget["/Parent"].get_object().get("/FT") == "/Sig"
            ):
                x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
                return index, (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    raise LookupError("no signature block")


def block_ink(pdf: bytes, png: Path | None = None) -> tuple[int, tuple[float, ...], float]:
    import pypdfium2

    index, (x1, y1, x2, y2) = signature_widget(pdf)
    document = pypdfium2.PdfDocument(pdf)
    document.init_forms()  # draw the form widgets (the signature's appearance)
    try:
        page = document[index]
        _width, height = page.get_size()
        image = page.render(scale=SCALE, may_draw_forms=True).to_pil().convert("L")
    finally:
        document.close()
    if png is not None:
        image.save(png)
    box = (int(x1 * SCALE), int((height - y2) * SCALE), int(x2 * SCALE), int((height - y1) * SCALE))
    region = image.crop(box)
    dark = sum(region.histogram()[:200])
    return index, (x1, y1, x2, y2), dark / max(1, region.width * region.height)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf")
    parser.add_argument("--png", help="keep the rendered page here")
    args = parser.parse_args()
    try:
        index, rect, ink = block_ink(
            Path(args.pdf).read_bytes(), Path(args.png) if args.png else None
        )
    except Exception as exc:  # not a PDF, or no signature field
        print(f"no signature block in the file ({exc})")
        return 1
    print(f"page={index + 1} block={tuple(round(v) for v in rect)} ink={ink:.3f}")
    return 0 if ink >= MIN_INK else 1


if __name__ == "__main__":
    sys.exit(main())
