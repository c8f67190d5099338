"""Putting a PAdES signature with a visible block into a PDF (pyHanko).

The block sits where Decree 30/2020/NĐ-CP puts the signature: under the signer's
authority ("BỘ TRƯỞNG", "KT. BỘ TRƯỞNG…"), above the signer's name, in the right column
of the last page. The PDF is rendered with room for it (`signing` in the print
template); the block's place is found from the authority's text on the last page."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.conf import settings

from lotrinh.signing.certs import outside_event_loop

FIELD_NAME = "ChuKyNguoiKy"
BLOCK_WIDTH, BLOCK_HEIGHT = 210.0, 72.0


class SignatureSpotMissing(Exception):
    pass


def signature_box(pdf: bytes, authority: str) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, (x1, y1, x2, y2)) of the signature block: below the last
    `authority` text on the last page, centred on it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        index = len(document) - 1
        page = document[index]
        width, _height = page.get_size()
        text = page.get_textpage()
        # A block of several lines ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"): under its last.
        searcher = text.search(authority.splitlines()[-1], match_case=True)
        found = None
        while (hit := searcher.get_next()) is not None:
            found = hit
        if found is None:
            raise SignatureSpotMissing(authority)
        first, count = found
        left, bottom, _r, _t = text.get_charbox(first)
        _l, _b, right, _top = text.get_charbox(first + count - 1)
    finally:
        document.close()
    centre = (left + right) / 2
    x1 = max(10.0, min(centre - BLOCK_WIDTH / 2, width - BLOCK_WIDTH - 10))
    top = bottom - 4
    return index, (x1, top - BLOCK_HEIGHT, x1 + BLOCK_WIDTH, top)


def sign_pdf(
    pdf: bytes,
    signer: Any,
    *,
    signer_name: str,
    authority: str,
    reason: str,
    location: str = "Hà Nội",
    tsa_url: str | None = None,
    party: bool = False,
) -> bytes:
    """Sign `pdf` (PAdES baseline, signing time in the signed attributes; an RFC 3161
    timestamp when `tsa_url`, or LOTRINH_TSA_URL, is set). `party`: a Party body's
    document, whose visible block does not cite the State's decree."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps
    from pyhanko.stamp import StaticStampStyle

    page, box = signature_box(pdf, authority)
    url = tsa_url if tsa_url is not None else settings.SIGNING_TSA_URL
    appearance = _appearance(signer_name, _organisation(signer), box, party=party)
    style = StaticStampStyle.from_pdf_file(str(appearance), border_width=0)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=signer_name,
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer,
        timestamper=timestamps.HTTPTimeStamper(url) if url else None,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(
            FIELD_NAME,
            on_page=page,
            box=(round(box[0]), round(box[1]), round(box[2]), round(box[3])),
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    try:
        output = outside_event_loop(pdf_signer.sign_pdf, writer)
    finally:
        appearance.unlink(missing_ok=True)
    return bytes(output.getvalue())


def _appearance(
    signer_name: str, organisation: str, box: tuple[float, ...], *, party: bool = False
) -> Path:
    """The block's look: a one-page PDF drawn by WeasyPrint (every Vietnamese letter in
    the documents' font), stamped into the signature's widget. A State document's block
    names Decree 30, whose form it follows; a Party document follows Hướng dẫn
    36-HD/VPTW, and its block names no State decree."""
    import tempfile

    from django.utils import timezone
    from django.utils.html import escape
    from weasyprint import HTML

    from lotrinh.core.locale import format_datetime

    width, height = box[2] - box[0], box[3] - box[1]
    now = timezone.localtime()
    lines = [
        f"Ký số bởi: <b>{escape(signer_name)}</b>",
        f"Cơ quan: {escape(organisation)}" if organisation else "",
        f"Thời gian ký: {format_datetime(now)} (GMT+7)",
        "" if party else "Chữ ký số theo Nghị định 30/2020/NĐ-CP",
    ]
    html = (
        f"<style>@page {{ size: {width}pt {height}pt; margin: 0 }} body {{ margin: 0; "
        'font-family: "Liberation Serif", "Times New Roman", "DejaVu Serif", serif; '
        "font-size: 8.5pt; line-height: 1.25; color: #b00000 } div.box { border: 1pt solid "
        f"#b00000; height: {height - 2}pt; padding: 4pt 6pt; box-sizing: border-box }}</style>"
        '<div class="box">' + "<br>".join(line for line in lines if line) + "</div>"
    )
    handle = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
    with handle:
        HTML(string=html).write_pdf(handle)
    return Path(handle.name)


def _organisation(signer: Any) -> str:
    try:
        subject = signer.signing_cert.subject.native
    except Exception:
        return ""
    return str(subject.get("organization_name", "") or "")
