"""A unit's report is approved by the unit's leaders and returned to the unit: the
confirm page says so, not "the agency's leaders" and "returned to the agency" (walk42:
hn-dv1-baocao's request for approval named the agency's leaders, who never see it)."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from lotrinh.reporting.views_report import ACTION_EXPLAINED, action_text
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.conftest import client_for
from tests.core.pending_english import add_pending_english


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_units_request_and_return_name_the_unit(province, monkeypatch, language) -> None:
    add_pending_english(monkeypatch, "walk42")
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    unit_word, agency_word = ("đơn vị", "cơ quan") if language == "vi" else ("unit", "agency")
    page = client_for(p["khcn_reporter"]).get(
        reverse("reporting:confirm", args=[report.pk, "request-approval"]),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert page.status_code == 200
    with translation.override(language):
        asked = action_text(ACTION_EXPLAINED, "request-approval", report)
    assert escape(asked) in page.content.decode()
    assert unit_word in asked and agency_word not in asked
    report = services.submit_report(
        services.approve_report(report, p["khcn_leader"]), p["khcn_reporter"]
    )
    with translation.override(language):
        returned = action_text(ACTION_EXPLAINED, "return", report)
    assert unit_word in returned and agency_word not in returned


def test_an_agencys_own_report_still_names_the_agency(province) -> None:
    with translation.override("vi"):
        assert "Lãnh đạo của cơ quan" in action_text(
            ACTION_EXPLAINED, "request-approval", province["national"]
        )
        assert "trả lại cơ quan" in action_text(ACTION_EXPLAINED, "return", province["national"])
