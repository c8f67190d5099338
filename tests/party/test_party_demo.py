"""The Party chain's demonstration: committees' six-monthly reports for 2024 and 2025,
accepted by the Commission's successor, and the Commission's consolidated draft."""

import io
from pathlib import Path

from django.core.management import call_command
from docx import Document

from lotrinh.accounts.demo import create_demo_accounts
from lotrinh.accounts.models import Role, User
from lotrinh.reporting.demo_party import REGIME, generate_party_demo
from lotrinh.reporting.models import AgencyReport, ReportingPeriod


def test_the_demo_oversight_account_belongs_to_the_commissions_successor(seeded_db: None) -> None:
    create_demo_accounts()
    account = User.objects.get(username="giamsat")
    assert account.role == Role.OVERSIGHT
    assert account.agency is not None
    assert account.agency.name_vi == "Ban Chính sách, chiến lược Trung ương"


def test_the_party_demo_reports_and_drafts_the_commissions_report(
    seeded_db: None, tmp_path: Path
) -> None:
    summary = generate_party_demo()
    assert "bcscl-theodoi" in summary
    reports = AgencyReport.objects.filter(period__regime__code=REGIME, is_demo=True)
    # 2024: Hà Nội, Bắc Ninh, Bắc Giang, the Government's board (two halves); 2025 first
    # half: the same but the Government's committee; second half: Bắc Giang merged.
    assert reports.count() == 4 + 4 + 4 + 3
    by_half = {
        (p.year, p.part): set(p.reports.values_list("agency__name_vi", flat=True))
        for p in ReportingPeriod.objects.filter(regime__code=REGIME, year__gte=2024)
    }
    assert "Tỉnh ủy Bắc Giang" not in by_half[(2025, 2)]
    assert "Đảng ủy Chính phủ" in by_half[(2025, 1)]
    assert "Ban cán sự đảng Chính phủ" in by_half[(2024, 2)]
    assert reports.filter(status="submitted").count() == 1  # waits for the Commission
    assert reports.filter(status="accepted").count() == reports.count() - 1
    assert generate_party_demo() and reports.count() == 15  # idempotent

    output = tmp_path / "bao-cao.docx"
    call_command(
        "report",
        "consolidated",
        "--programme",
        "52-NQ/TW",
        "--regime",
        REGIME,
        "--year",
        "2025",
        "--part",
        "1",
        "-o",
        str(output),
    )
    document = Document(io.BytesIO(output.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    # The letterhead breaks the body's name between word groups (a line break).
    assert "BAN CHÍNH SÁCH, CHIẾN LƯỢC TRUNG ƯƠNG" in text.replace("\n", " ")
    assert "6 tháng đầu năm 2025" in text
    assert "Thành ủy Hà Nội" in text


def test_the_party_demo_people_have_names_not_login_names(seeded_db: None) -> None:
    """Seen on 6 December 2026 as tu-hn-baocao: the header read "tu-hn-baocao (demo) ·
    Thành ủy Hà Nội", and every report's history named people by their login."""
    generate_party_demo()
    person = User.objects.get(username="tu-hn-baocao")
    assert person.full_name == "Cán bộ báo cáo Thành ủy Hà Nội (demo)"
    assert User.objects.get(username="tu-hn-lanhdao").full_name.startswith("Lãnh đạo ")
    assert not User.objects.filter(full_name__endswith="baocao (demo)").exists()
