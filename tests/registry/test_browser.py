import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_overview_search_without_diacritics_and_agency_page(page, seeded_live_server):
    base = seeded_live_server.url
    page.goto(f"{base}/chuong-trinh/50-nq-cp/")
    assert "50/NQ-CP" in page.locator("h1").inner_text()
    assert page.locator("table").first.locator("tbody tr").count() == 8
    page.get_by_role("link", name="Danh sách nhiệm vụ").click()
    page.fill("#q", "chuyen doi so")
    page.wait_for_url("**q=chuyen*")
    page.wait_for_load_state("networkidle")
    first = page.locator("a.task-link").first
    assert first.locator("mark").first.inner_text().lower() == "chuyển đổi số"
    page.goto(f"{base}/co-quan/bo-khoa-hoc-va-cong-nghe/?ngay=2021-01-01")
    lead_rows = page.locator("h2#lead + table tbody tr")
    assert lead_rows.count() > 5
    assert "II.4.a.1" in page.locator("h2#lead + table").inner_text()
    page.goto(f"{base}/co-quan/tinh-cao-bang/?ngay=2021-01-01")
    assert "II.1.a" in page.locator("h2#generic ~ table").last.inner_text()
