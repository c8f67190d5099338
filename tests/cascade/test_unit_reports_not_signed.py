"""A unit's report goes to its own agency inside the system: it is approved and sent, not
signed (the digital signature is for the agency's document to MOST, with the agency's
key). Before, a unit's leader was shown "Ký số và gửi" on her approved report, and the
service then refused her; the button and the confirmation page now follow the service's
rule (`permissions.may_sign_report`)."""

from django.urls import reverse

from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import ReportStatus, TaskStatus
from lotrinh.reporting.views_report import available_actions
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.conftest import client_for


def test_a_units_leader_is_not_offered_to_sign_her_units_report(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    report = services.approve_report(report, p["khcn_leader"])
    assert report.status == ReportStatus.APPROVED
    actions = [action for action, _title in available_actions(report, p["khcn_leader"])]
    assert "submit" in actions and "sign" not in actions
    client = client_for(p["khcn_leader"])
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert reverse("reporting:confirm", args=[report.pk, "sign"]) not in page
    assert client.get(reverse("reporting:confirm", args=[report.pk, "sign"])).status_code == 403


def test_the_agencys_leader_is_offered_to_sign_its_report_to_most(province) -> None:
    """Guard: the agency's own report keeps its signing step."""
    p = province
    report = services.approve_report(p["national"], p["leader"])
    actions = [action for action, _title in available_actions(report, p["leader"])]
    assert "sign" in actions and "submit" in actions
