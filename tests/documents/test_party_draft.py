"""The Commission's consolidated draft of the Party committees' reports reads as a Party
report: it quotes what the committees wrote they did (their results and general
assessment), names its reporters as 52-NQ/TW section 4 does ("cấp ủy, tổ chức đảng",
never "cơ quan"), and the command line never dates a draft after today (Hà Nội's day)."""

import datetime
import io
import subprocess

import pytest
import time_machine
from django.core.management import call_command
from docx import Document

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble, render
from lotrinh.reporting import services as reporting
from lotrinh.reporting.models import AgencyReport, ReportingPeriod
from tests.conftest import make_user
from tests.documents.test_period_documents import (
    commission,  # noqa: F401
    today,
)
from tests.party.test_party_reports import _period, _send


@pytest.fixture
def accepted(seeded_db: None, commission: User) -> ReportingPeriod:  # noqa: F811
    """Bắc Ninh's report of the first half of 2025, with a general assessment, accepted."""
    period = _period()
    agency = Agency.objects.get(name_vi="Tỉnh ủy Bắc Ninh")
    report = AgencyReport.objects.get(agency=agency, period=period)
    reporting.save_sections(
        report,
        make_user("bn-r", agency.code, Role.REPORTER),
        general_assessment="Tỉnh ủy đã quán triệt Nghị quyết tới 100% chi bộ.",
        proposals_to_government="",
        expected_version=report.sections_version,
    )
    report = _send(period, "Tỉnh ủy Bắc Ninh", "Đã ban hành Chương trình hành động số 101-CTr/TU")
    reporting.accept_report(report, commission)
    return period


def _docx(blob: bytes) -> str:
    document = Document(io.BytesIO(blob))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def _pdf(blob: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=blob, capture_output=True, check=True)
    return " ".join(text.stdout.decode().split())


def test_the_commissions_draft_quotes_the_committees_results(accepted: ReportingPeriod) -> None:
    data = assemble.consolidated_of_period(accepted, today())
    for text in (
        _docx(render.render("consolidated", "docx", data)),
        _pdf(render.render("consolidated", "pdf", data)),
    ):
        flat = " ".join(text.split())
        assert "Kết quả do các cấp ủy, tổ chức đảng báo cáo:" in flat
        assert "- Tỉnh ủy Bắc Ninh (nhiệm vụ" in flat
        assert "Đã ban hành Chương trình hành động số 101-CTr/TU" in flat
        assert "Đánh giá chung của các cấp ủy, tổ chức đảng:" in flat
        assert "- Tỉnh ủy Bắc Ninh: Tỉnh ủy đã quán triệt Nghị quyết tới 100% chi bộ." in flat


def test_the_commissions_draft_names_party_committees_not_agencies(
    accepted: ReportingPeriod,
) -> None:
    data = assemble.consolidated_of_period(accepted, today())
    for text in (
        _docx(render.render("consolidated", "docx", data)),
        _pdf(render.render("consolidated", "pdf", data)),
    ):
        flat = " ".join(text.split())
        assert "Các cơ quan" not in flat and "CỦA CÁC CƠ QUAN" not in flat
        # Nobody proposed anything: said of the Party committees.
        assert "Các cấp ủy, tổ chức đảng không có kiến nghị, đề xuất." in flat
        assert "CỦA CÁC CẤP ỦY, TỔ CHỨC ĐẢNG" in flat
        assert "Số cấp ủy, tổ chức đảng báo cáo" in flat


def test_mosts_report_still_speaks_of_agencies(accepted: ReportingPeriod) -> None:
    words = assemble.consolidated_wording(party=False)
    assert words["no_proposals"] == "Các cơ quan không có kiến nghị."
    assert words["annex_header"][0] == "Cơ quan"


@pytest.mark.django_db
def test_the_command_dates_a_year_not_over_today_in_hanoi(seeded_db: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "tong-hop.docx"
    # 17:30 UTC on 20 June is already 21 June in Hà Nội (UTC+7).
    with time_machine.travel(
        datetime.datetime(2025, 6, 20, 17, 30, tzinfo=datetime.UTC), tick=False
    ):
        call_command(
            "report",
            "consolidated",
            "--programme",
            "50/NQ-CP",
            "--year",
            "2025",
            "--format",
            "docx",
            "-o",
            str(out),
        )
    text = _docx(out.read_bytes())
    assert "Hà Nội, ngày 21 tháng 6 năm 2025" in text
    assert "31 tháng 12 năm 2025" not in text


@pytest.mark.django_db
def test_the_command_refuses_a_cutoff_after_today(seeded_db: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.management.base import CommandError

    out = tmp_path / "tong-hop.docx"
    with time_machine.travel(datetime.datetime(2025, 6, 20, 3, 0, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(CommandError, match="sau hôm nay"):
            call_command(
                "report",
                "consolidated",
                "--year",
                "2025",
                "--cutoff",
                "2025-12-31",
                "--format",
                "docx",
                "-o",
                str(out),
            )
    assert not out.exists()
