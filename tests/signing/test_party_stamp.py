"""A Party body's signed report follows Hướng dẫn 36-HD/VPTW, not the State's decree
(found reviewing `papers3`, 2026-12-06): the visible signature block said "Chữ ký số theo
Nghị định 30/2020/NĐ-CP" on every document, and the leader's "Ký số và gửi" step said the
PDF is made "theo thể thức Nghị định 30/2020/NĐ-CP" for a Tỉnh ủy's report too."""

import pypdfium2
import pytest
from django.utils import translation

from lotrinh.agencies.models import Agency
from lotrinh.reporting.models import AgencyReport
from lotrinh.reporting.views_report import ACTION_EXPLAINED, action_text
from lotrinh.signing.sign import _appearance
from tests.party.test_party_reports import _period

pytestmark = pytest.mark.django_db


def _stamp_text(party: bool) -> str:
    path = _appearance("Nguyễn Văn A", "Tỉnh ủy Bắc Ninh", (0, 0, 220, 80), party=party)
    try:
        pdf = pypdfium2.PdfDocument(str(path))
        text = pdf[0].get_textpage().get_text_range()
        pdf.close()
    finally:
        path.unlink(missing_ok=True)
    return " ".join(text.split())


def test_a_party_documents_signature_block_cites_no_state_decree() -> None:
    party = _stamp_text(party=True)
    assert "Ký số bởi: Nguyễn Văn A" in party and "Nghị định" not in party
    assert "Chữ ký số theo Nghị định 30/2020/NĐ-CP" in _stamp_text(party=False)


def test_the_sign_step_names_the_rule_the_report_follows(seeded_db: None) -> None:
    party = AgencyReport.objects.get(agency__name_vi="Tỉnh ủy Bắc Ninh", period=_period())
    with translation.override("vi"):
        said = action_text(ACTION_EXPLAINED, "sign", party)
        assert "Hướng dẫn 36-HD/VPTW" in said and "Nghị định 30" not in said
        state = AgencyReport(agency=Agency.objects.get(name_vi="Bộ Y tế"), period=party.period)
        assert "Nghị định 30/2020/NĐ-CP" in action_text(ACTION_EXPLAINED, "sign", state)
