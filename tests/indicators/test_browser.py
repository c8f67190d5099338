import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_targets_overview_and_indicator_chart_with_table(page, seeded_live_server):
    base = seeded_live_server.url
    page.goto(f"{base}/chi-tieu/")
    cards = page.locator("article.target-card")
    assert cards.count() == 8
    assert page.locator("article.target-card .badge").count() >= 10
    page.locator("article.target-card a", has_text="DIGITAL_ECONOMY_SHARE_GDP").first.click()
    page.wait_for_selector("#indicator-chart[data-ready='1']")
    assert page.locator("#indicator-chart canvas").count() >= 1
    rows = page.locator("table.data-table tbody tr")
    assert rows.count() == 5
    assert "12,66" in rows.first.inner_text()  # Vietnamese decimal comma
