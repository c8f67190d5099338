"""A confirmation page names the agency and the period in the page's language, like the
report page ("Ministry of Health · Year 2024" on an English page)."""

from django.urls import reverse

from tests.conftest import client_for


def test_the_confirm_page_names_the_agency_and_year_in_english(report_a, officer_a) -> None:
    client = client_for(officer_a)
    client.cookies["django_language"] = "en"
    url = reverse("reporting:confirm", args=[report_a.pk, "request-approval"])
    page = client.get(url).content.decode()
    agency = report_a.agency
    assert agency.name_en
    crumbs = page.split('<div class="crumbs">')[1].split("</div>")[0]
    assert f"{agency.name_en} — Year 2024" in crumbs
    lede = page.split('id="confirm-report">')[1].split("</p>")[0]
    assert lede.startswith(f"{agency.name_en} · Year 2024 · Status")
    assert agency.name_vi not in page and "Năm 2024" not in page

    client.cookies["django_language"] = "vi"
    page = client.get(url).content.decode()
    assert f"{agency.name_vi} — Năm 2024" in page


def _heading(client, report, action: str) -> str:
    page = client.get(reverse("reporting:confirm", args=[report.pk, action])).content.decode()
    return page.split('id="summary-title">')[1].split("</h2>")[0]


def test_the_receivers_confirm_pages_say_what_happens_to_the_report(
    report_a, officer_a, approver_a, most_monitor
) -> None:
    """The monitor sends nothing: accepting and returning are headed by what they do to
    the report; the sender's pages keep "what will be sent"."""
    from lotrinh.reporting import services
    from tests.reporting.conftest import fill

    fill(report_a, officer_a)
    approved = services.approve_report(report_a, approver_a)
    assert _heading(client_for(approver_a), approved, "submit") == "Nội dung sẽ được gửi"
    submitted = services.submit_report(approved, approver_a)
    monitor = client_for(most_monitor)
    assert _heading(monitor, submitted, "accept") == "Báo cáo sẽ được tiếp nhận"
    assert _heading(monitor, submitted, "return") == "Báo cáo sẽ được trả lại"
