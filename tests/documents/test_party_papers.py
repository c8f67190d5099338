"""A Party body's papers follow Hướng dẫn 36-HD/VPTW where it differs from Decree 30
(read back from the DOCX and the PDF as a clerk reads them):

- "Nơi nhận": each recipient "- …," and the last "- Lưu Văn phòng …." (no colon after
  "Lưu"); a State document keeps "- …;" and "- Lưu: VT.";
- the number: "Số 7-BC/TU" (number, hyphen, kind, slash, body), in the register, in the
  signed document's header and in its file name; a State body's "Số: 7/BC-BYT";
- the signature block, State and Party alike: the authority, room for the signature and
  seal, the name; never "(Ký, ghi rõ họ tên, đóng dấu)", a line of forms."""

import datetime
import io
import subprocess

import pypdfium2
import pytest
from docx import Document

from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble, render
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from lotrinh.reporting.models import AgencyReport
from lotrinh.signing.services import issue_number, numbered
from tests.documents.test_period_documents import commission  # noqa: F401
from tests.party.test_party_reports import _period

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2024, 12, 31)
TODAY = datetime.date(2025, 7, 10)


def _pdf_lines(blob: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=blob, capture_output=True, check=True
    )
    return text.stdout.decode().splitlines()


def _pdf_text(blob: bytes) -> str:
    return " ".join(" ".join(_pdf_lines(blob)).split())


def _docx_recipients(blob: bytes) -> list[str]:
    cell = Document(io.BytesIO(blob)).tables[-1].rows[0].cells[0]
    return [p.text.strip() for p in cell.paragraphs if p.text.strip().startswith("- ")]


def _pdf_recipients(blob: bytes, count: int) -> list[str]:
    """The "Nơi nhận" lines of the PDF (the left column of the signature table)."""
    lines = _pdf_lines(blob)
    start = next(i for i, line in enumerate(lines) if "Nơi nhận:" in line)
    found: list[str] = []
    for line in lines[start + 1 :]:
        left = line.strip().split("   ")[0].strip()
        if left.startswith("- "):
            found.append(left)
        elif found and left and not found[-1].endswith((",", ";", ".")):
            found[-1] += f" {left}"  # a long recipient goes on on the next line
        if len(found) == count and found[-1].endswith("."):
            break
    return found


def _party_report() -> dict:  # type: ignore[type-arg]
    report = AgencyReport.objects.get(agency__name_vi="Tỉnh ủy Bắc Ninh", period=_period())
    return assemble.agency_report(report, TODAY, live=True)


def _state_report() -> dict:  # type: ignore[type-arg]
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    report = reporting.ensure_report(Agency.objects.get(name_vi="Bộ Y tế"), period)
    return assemble.agency_report(report, CUTOFF, live=True)


# ---------------------------------------------------------------- "Nơi nhận"


def test_a_party_committees_recipients_end_with_commas_and_lưu_văn_phòng(
    seeded_db: None,
) -> None:
    data = _party_report()
    assert data["recipients"] == [
        "Ban Chính sách, chiến lược Trung ương (để tổng hợp)",
        "Lưu Văn phòng Tỉnh ủy",
    ]
    expected = [
        "- Ban Chính sách, chiến lược Trung ương (để tổng hợp),",
        "- Lưu Văn phòng Tỉnh ủy.",
    ]
    assert _docx_recipients(render.render("agency", "docx", data)) == expected
    assert _pdf_recipients(render.render("agency", "pdf", data), 2) == expected


def test_the_commissions_draft_is_filed_with_its_office(seeded_db: None, commission) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    data = assemble.consolidated_of_period(_period(), TODAY)
    assert data["recipients"][-1] == "Lưu Văn phòng Ban"
    lines = _docx_recipients(render.render("consolidated", "docx", data))
    assert lines[-1] == "- Lưu Văn phòng Ban."
    assert all(line.endswith(",") for line in lines[:-1]) and len(lines) >= 2, lines


def test_a_state_report_keeps_decree_30s_semicolons_and_lưu_vt(seeded_db: None) -> None:
    data = _state_report()
    expected = [
        "- Bộ Khoa học và Công nghệ (để tổng hợp);",
        "- Văn phòng Chính phủ;",
        "- Lưu: VT.",
    ]
    assert _docx_recipients(render.render("agency", "docx", data, when=CUTOFF)) == expected
    assert _pdf_recipients(render.render("agency", "pdf", data), 3) == expected


@pytest.mark.parametrize(
    ("name", "copy"),
    [
        ("Tỉnh ủy Bắc Ninh", "Lưu Văn phòng Tỉnh ủy"),
        ("Thành ủy Hà Nội", "Lưu Văn phòng Thành ủy"),
        ("Đảng ủy Chính phủ", "Lưu Văn phòng Đảng ủy"),
        ("Ban Chính sách, chiến lược Trung ương", "Lưu Văn phòng Ban"),
        ("Ban cán sự đảng Bộ Y tế", "Lưu Văn phòng"),
        ("Đảng đoàn Quốc hội", "Lưu Văn phòng"),
        ("Bộ Y tế", "Lưu: VT"),
        ("Tỉnh Bắc Ninh", "Lưu: VT"),
    ],
)
def test_the_file_copy_line_follows_the_bodys_rule(seeded_db: None, name: str, copy: str) -> None:
    assert assemble.file_copy(Agency.objects.get(name_vi=name)) == copy


# ---------------------------------------------------------------- the number


def test_a_party_bodys_number_is_written_the_party_way(seeded_db: None) -> None:
    data = _party_report()
    agency = Agency.objects.get(name_vi="Tỉnh ủy Bắc Ninh")
    for _ in range(6):
        entry = issue_number(
            agency, title="x", signer=None, recipients=data["recipients"], issued_on=TODAY
        )
    assert entry.label == "Số 6-BC/TU"
    assert entry.file_name == "BC-TU-2025-0006.pdf"
    signed = numbered(data, entry)
    assert signed["header"]["number"] == "Số 6-BC/TU"
    text = _pdf_text(render.render("agency", "pdf", signed))
    assert "Số 6-BC/TU" in text and "Số: 6" not in text
    docx = Document(io.BytesIO(render.render("agency", "docx", signed)))
    left = docx.tables[0].rows[0].cells[0]
    assert "Số 6-BC/TU" in [p.text.strip() for p in left.paragraphs]
    # The draft's blank number has the same form, with room for the number.
    assert data["header"]["number"].replace(" ", "") == "Số-BC/TU"


def test_a_state_bodys_number_keeps_decree_30s_form(seeded_db: None) -> None:
    entry = issue_number(
        Agency.objects.get(name_vi="Bộ Y tế"), title="x", signer=None, recipients=[]
    )
    assert entry.label.startswith("Số: 1/BC-")
    assert entry.file_name.endswith("-0001.pdf") and "/" not in entry.file_name


# ---------------------------------------------------------------- the signature block


def _space_under_authority_mm(pdf: bytes, authority: str, name: str) -> float:
    """The distance between the authority's last line and the signer's name."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[len(document) - 1]
        layer = page.get_textpage()

        def box(text: str) -> tuple[float, float]:
            searcher = layer.search(text, match_case=True)
            hit = searcher.get_next()
            assert hit is not None, text
            first, count = hit
            boxes = [layer.get_charbox(i) for i in range(first, first + count)]
            return min(b[1] for b in boxes), max(b[3] for b in boxes)

        bottom_of_authority = box(authority)[0]
        top_of_name = box(name)[1]
    finally:
        document.close()
    return (bottom_of_authority - top_of_name) / 72 * 25.4


@pytest.mark.parametrize("which", ["state", "party"])
def test_the_signature_block_has_no_forms_hint_and_keeps_the_space(
    seeded_db: None, which: str
) -> None:
    data = _state_report() if which == "state" else _party_report()
    pdf = render.render("agency", "pdf", data)
    docx = render.render("agency", "docx", data)
    assert "Ký, ghi rõ" not in _pdf_text(pdf)
    signer = Document(io.BytesIO(docx)).tables[-1].rows[0].cells[1]
    assert "Ký, ghi rõ" not in signer.text
    # Room for the signature and the seal: empty lines under the authority (DOCX), the
    # same 30 mm as a signed copy keeps (PDF), measured to the name.
    texts = [p.text for p in signer.paragraphs]
    assert texts[-1] == "" or texts[-1] == data["signature"]["name"]
    assert texts[1 : 1 + render.SIGNATURE_LINES] == [""] * render.SIGNATURE_LINES
    named = {**data, "signature": {**data["signature"], "name": "Nguyễn Văn An"}}
    last_line = data["signature"]["authority"].split("\n")[-1]
    space = _space_under_authority_mm(
        render.render("agency", "pdf", named), last_line, "Nguyễn Văn An"
    )
    assert space >= 28, space
