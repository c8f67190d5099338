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
