"""Level by level at every step that sends the agency's report up (issue 14): a unit's
report sent after the leader's approval and before the submission holds the submission
and the signing with the approval's own sentence, which names the real receiver."""

import pytest
from django.urls import reverse
from django.utils import translation

from lotrinh.agencies.models import Agency
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import AgencyReport, ReportStatus, TaskStatus
from lotrinh.signing.services import sign_and_submit
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for


def _unit_report_sent(p) -> AgencyReport:
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    return _send(report, p["khcn_reporter"], p["khcn_leader"])


def test_a_unit_report_sent_after_approval_holds_the_submission(province) -> None:
    p = province
    national = services.approve_report(p["national"], p["leader"])  # nothing waits yet
    waiting = _unit_report_sent(p)
    reason = rollup.units_unsettled(national)
    assert "Sở Khoa học và Công nghệ" in reason
    with pytest.raises(services.WorkflowError) as refused:
        services.submit_report(national, p["leader"])
    assert str(refused.value) == reason
    # Signing (which sends) refuses with the same sentence before numbering anything.
    with pytest.raises(services.WorkflowError) as refused:
        sign_and_submit(national, p["leader"], national.version)
    assert str(refused.value) == reason
    assert AgencyReport.objects.get(pk=national.pk).status == ReportStatus.APPROVED
    # The confirmation pages say it before the click.
    for action in ("submit", "sign"):
        page = client_for(p["leader"]).get(reverse("reporting:confirm", args=[national.pk, action]))
        assert 'id="confirm-action" disabled' in page.content.decode()
    services.return_report(waiting, p["monitor"], "Bổ sung minh chứng")
    sent = services.submit_report(national, p["leader"])
    assert sent.status == ReportStatus.SUBMITTED


def test_the_sentence_names_the_receiver_the_regime_names(province) -> None:
    p = province
    _unit_report_sent(p)
    national = p["national"]
    with translation.override("vi"):
        assert "Bộ Khoa học và Công nghệ" in rollup.units_unsettled(national)
    # A regime whose reports go to another body (a Party commission).
    commission = Agency.objects.get(name_vi="Ban Chính sách, chiến lược Trung ương")
    regime = national.period.regime
    regime.recipient = commission
    regime.save(update_fields=["recipient"])
    national = AgencyReport.objects.get(pk=national.pk)
    with translation.override("vi"):
        reason = rollup.units_unsettled(national)
    assert "Ban Chính sách, chiến lược Trung ương" in reason
    after_units = reason.split("Sở Khoa học và Công nghệ")[-1]
    assert "KH&CN" not in after_units and "Bộ Khoa học và Công nghệ" not in after_units
    with pytest.raises(services.WorkflowError, match="Ban Chính sách, chiến lược Trung ương"):
        services.approve_report(national, p["leader"])
