"""The confirmation pages say before the click what the service would refuse (units'
reports still waiting for the agency), and name the report's body in the page's language:
the unit for a unit's report."""

from html import escape

from django.urls import reverse

from lotrinh.agencies.models import Unit
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import AgencyReport, ReportStatus, TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for


def _confirm(user, report: AgencyReport, action: str, language: str = "vi") -> str:
    client = client_for(user)
    client.cookies["django_language"] = language
    response = client.get(reverse("reporting:confirm", args=[report.pk, action]))
    assert response.status_code == 200
    return response.content.decode()


def _waiting_unit_report(p) -> AgencyReport:
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    return _send(report, p["khcn_reporter"], p["khcn_leader"])


def test_the_leader_sees_why_approval_is_refused_before_confirming(province) -> None:
    p = province
    page = _confirm(p["leader"], p["national"], "approve")
    assert 'id="held-back"' not in page and "disabled" not in page  # nothing waits

    waiting = _waiting_unit_report(p)
    page = _confirm(p["leader"], p["national"], "approve")
    reason = escape(rollup.units_unsettled(p["national"]))
    assert "Sở Khoa học và Công nghệ" in reason
    assert reason in page  # the service's own sentence
    assert 'id="confirm-action" disabled' in page
    # Confirming anyway is refused with the same sentence, and nothing changes.
    response = client_for(p["leader"]).post(
        reverse("reporting:action", args=[p["national"].pk, "approve"]),
        {"confirm": p["national"].version},
        follow=True,
    )
    assert reason in response.content.decode()
    assert AgencyReport.objects.get(pk=p["national"].pk).status == ReportStatus.DRAFT

    # The drafter is warned too, but may still ask for approval.
    page = _confirm(p["reporter"], p["national"], "request-approval")
    assert reason in page and 'id="confirm-action" disabled' not in page

    services.accept_report(waiting, p["monitor"])
    page = _confirm(p["leader"], p["national"], "approve")
    assert 'id="held-back"' not in page and 'id="confirm-action" disabled' not in page


def test_the_refusal_names_units_in_english_on_english_pages(province) -> None:
    p = province
    Unit.objects.filter(code="so-khcn").update(name_en="Department of Science and Technology")
    _waiting_unit_report(p)
    page = _confirm(p["leader"], p["national"], "approve", "en")
    assert "Department of Science and Technology" in page
    assert "Sở Khoa học và Công nghệ" not in page


def test_a_units_confirm_page_names_the_unit_in_the_pages_language(province) -> None:
    p = province
    Unit.objects.filter(code="so-khcn").update(name_en="Department of Science and Technology")
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    page = _confirm(p["khcn_reporter"], report, "request-approval", "en")
    crumbs = page.split('<div class="crumbs">')[1].split("</div>")[0]
    assert "Department of Science and Technology — Year 2025" in crumbs
    lede = page.split('id="confirm-report">')[1].split("</p>")[0]
    hanoi = report.agency
    assert hanoi.name_en  # the registry has it
    assert lede.startswith(f"Department of Science and Technology ({hanoi.name_en})")
    assert "Năm" not in lede and hanoi.name_vi not in page
    page = _confirm(p["khcn_reporter"], report, "request-approval", "vi")
    assert "Sở Khoa học và Công nghệ — Năm 2025" in page
