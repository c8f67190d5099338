"""The symbol after a State body's number (Decree 30: the kind, a hyphen, the body's
abbreviation, "Số: 7/BC-BYT"), found reviewing `papers3` (2026-12-06): a body the
registry has no abbreviation for was numbered "BC-UBND" in the register, a People's
Committee's symbol, whatever it was (the 2025 ministries, Bộ Nông nghiệp và Môi trường and
Bộ Dân tộc và Tôn giáo, come from the succession file without one), and its draft said
"BC-……"."""

import datetime

import pytest

from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from lotrinh.signing.models import RegisterCounter, RegisterEntry
from lotrinh.signing.services import SigningError, issue_number, symbol

pytestmark = pytest.mark.django_db


def test_every_ministrys_abbreviation_is_the_initials_of_its_name(seeded_db: None) -> None:
    """The rule the fallback follows, checked on the registry's own ministries."""
    ministries = list(Agency.objects.filter(kind="ministry").exclude(abbreviation=""))
    assert len(ministries) >= 15
    for ministry in ministries:
        known = ministry.abbreviation
        ministry.abbreviation = ""
        assert assemble.state_abbreviation(ministry) == known, ministry.name_vi


@pytest.mark.parametrize(
    "name, expected",
    [("Bộ Nông nghiệp và Môi trường", "BNNMT"), ("Bộ Dân tộc và Tôn giáo", "BDTTG")],
)
def test_a_2025_ministry_is_numbered_with_its_initials(
    seeded_db: None, name: str, expected: str
) -> None:
    agency = Agency.objects.get(name_vi=name)
    assert agency.abbreviation == ""
    assert symbol(agency) == f"BC-{expected}"
    entry = issue_number(agency, title="Báo cáo", signer=None, recipients=[])
    assert entry.label.endswith(f"/BC-{expected}")
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2025) if p.year == 2025)
    report = reporting.ensure_report(agency, period)
    data = assemble.agency_report(report, datetime.date(2025, 12, 31), live=True)
    assert data["header"]["number"].endswith(f"/BC-{expected}")


def test_a_province_keeps_ubnd_and_a_body_without_an_abbreviation_is_refused_a_number(
    seeded_db: None,
) -> None:
    assert symbol(Agency.objects.get(name_vi="Tỉnh Bắc Ninh")) == "BC-UBND"
    body = Agency.objects.get(name_vi="Ban Quản lý Lăng Chủ tịch Hồ Chí Minh")
    assert body.abbreviation == ""
    with pytest.raises(SigningError, match="chưa có chữ viết tắt"):
        issue_number(body, title="Báo cáo", signer=None, recipients=[])
    assert not RegisterEntry.objects.exists() and not RegisterCounter.objects.exists()
