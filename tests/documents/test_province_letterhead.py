"""A province's report as Decree 30 writes it: issued by its People's Committee ("ỦY BAN
NHÂN DÂN TỈNH BẮC NINH", not the territory's name), placed where it sits ("Bắc Ninh,
ngày …", not Hà Nội), signed "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"."""

import datetime
import io
import subprocess

import pytest
from docx import Document

from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble, render
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2024, 12, 31)


def report_of(name: str):  # type: ignore[no-untyped-def]
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    return reporting.ensure_report(Agency.objects.get(name_vi=name), period)


@pytest.mark.parametrize(
    ("name", "issuer", "place"),
    [
        ("Tỉnh Bắc Ninh", "ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "Bắc Ninh"),
        ("Thành phố Hồ Chí Minh", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"),
        ("Bộ Y tế", "BỘ Y TẾ", "Hà Nội"),
    ],
)
def test_a_reports_letterhead_names_its_issuing_body_and_place(
    seeded_db: None, name: str, issuer: str, place: str
) -> None:
    data = assemble.agency_report(report_of(name), CUTOFF, live=True)
    document = Document(io.BytesIO(render.render("agency", "docx", data, when=CUTOFF)))
    left, right = document.tables[0].rows[0].cells
    assert " ".join(left.paragraphs[0].text.split()) == issuer
    assert f"{place}, ngày 31 tháng 12 năm 2024" in [p.text for p in right.paragraphs]
    pdf = render.render("agency", "pdf", data)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    flat = " ".join(text.stdout.decode().split())
    assert issuer in flat and f"{place}, ngày 31 tháng 12 năm 2024" in flat


def test_a_provinces_report_is_signed_for_its_peoples_committee(seeded_db: None) -> None:
    data = assemble.agency_report(report_of("Tỉnh Bắc Ninh"), CUTOFF, live=True)
    document = Document(io.BytesIO(render.render("agency", "docx", data, when=CUTOFF)))
    signer = document.tables[-1].rows[0].cells[1].text
    assert signer.startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    pdf = render.render("agency", "pdf", data)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    assert "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" in text.stdout.decode()
    assert "THỦ TRƯỞNG CƠ QUAN" not in text.stdout.decode()
