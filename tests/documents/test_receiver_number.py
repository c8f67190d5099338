"""The number line of a consolidated draft written by a body other than MOST (issue 14,
"Not done": "Số -BC/" where the registry had no abbreviation). Whoever receives the
reports, the line is the genre's, the number left blank for the clerk: a Party body's
"Số      -BC/<abbreviation>" (Hướng dẫn 36-HD/VPTW), a state body's "Số:      /BC-<abbreviation>"
(Decree 30), dots where the abbreviation is unknown; never an empty symbol. Read on the
DOCX and on the PDF."""

import datetime
import io
import re
import subprocess

import pytest
from docx import Document

from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble, render
from tests.documents.test_period_documents import commission  # noqa: F401
from tests.party.test_party_reports import _period

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2025, 7, 10)
# The genre's two number lines, the number blank (at least three spaces), a symbol after.
PARTY_NUMBER = re.compile(r"^Số {3,}-BC/(?P<symbol>[^\s/]+)$")
STATE_NUMBER = re.compile(r"^Số: {3,}/BC-(?P<symbol>[^\s/]+)$")


def _number(receiver: Agency, regime) -> str:  # type: ignore[no-untyped-def]
    head, _addressees, _signature = assemble.party_head(receiver, regime, CUTOFF, "Tiêu đề")
    return head["number"]


def test_every_receiving_body_of_the_registry_gets_a_whole_number_line(seeded_db: None) -> None:
    """A property over the registry: every Party body and every ministry or province, as
    the receiving body of a regime."""
    regime = _period().regime
    bodies = Agency.objects.filter(kind__startswith="party") | Agency.objects.filter(
        kind__in=("ministry", "province", "city")
    )
    assert bodies.count() > 150
    for body in bodies:
        number = _number(body, regime)
        pattern = PARTY_NUMBER if body.kind.startswith("party") else STATE_NUMBER
        match = pattern.match(number)
        assert match, (body.name_vi, number)
        assert "None" not in number and match["symbol"].strip("-/"), (body.name_vi, number)


def test_a_ministry_without_an_abbreviation_is_numbered_as_its_own_reports(
    seeded_db: None,
) -> None:
    """A ministry of 2025 comes from the succession file without an abbreviation: its
    consolidated draft is numbered as its own reports are ("BC-BNNMT"), not dots."""
    ministry = Agency.objects.get(name_vi="Bộ Nông nghiệp và Môi trường")
    ministry.abbreviation = ""
    ministry.save(update_fields=["abbreviation"])
    number = _number(ministry, _period().regime)
    assert number == "Số:      /BC-BNNMT"


def _pdf_layout(blob: bytes) -> str:
    """The PDF's text as laid out (spaces kept), to see the blank left for the number."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=blob, capture_output=True)
    return out.stdout.decode()


@pytest.mark.parametrize(
    ("name", "line"),
    [
        # No abbreviation in the registry, none the genre gives: dots for the clerk.
        ("Đảng đoàn Mặt trận Tổ quốc Việt Nam", r"Số\s{3,}-BC/……"),
        ("Bộ Nông nghiệp và Môi trường", r"Số:\s{3,}/BC-BNNMT"),
    ],
)
def test_the_docx_and_the_pdf_print_the_blank_and_the_symbol(
    seeded_db: None,
    commission,  # type: ignore[no-untyped-def]  # noqa: F811
    name: str,
    line: str,
) -> None:
    period = _period()
    receiver = Agency.objects.get(name_vi=name)
    if receiver.kind == "ministry":
        receiver.abbreviation = ""
        receiver.save(update_fields=["abbreviation"])
    data = assemble.consolidated_of_period(period, CUTOFF)
    data["header"] = {**data["header"], **_head(receiver, period.regime)}
    docx = Document(io.BytesIO(render.render("consolidated", "docx", data)))
    cells = [p.text for t in docx.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert any(re.fullmatch(line, text) for text in cells), [c for c in cells if "BC" in c]
    pdf = _pdf_layout(render.render("consolidated", "pdf", data))
    assert re.search(line, pdf), pdf[:600]
    assert not re.search(r"Số:? ?[-/]BC[-/]\s", pdf)


def _head(receiver: Agency, regime) -> dict[str, str]:  # type: ignore[no-untyped-def]
    head, _addressees, _signature = assemble.party_head(receiver, regime, CUTOFF, "Tiêu đề")
    return {k: head[k] for k in ("parent", "issuer", "number", "national_title", "motto")}
