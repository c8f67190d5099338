import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_targets_overview_and_indicator_chart_with_table(page, seeded_live_server):
    base = seeded_live_server.url
    page.goto(f"{base}/chi-tieu/")
    cards = page.locator("article.target-card")
    assert cards.count() == 18
    assert page.locator("article.target-card .badge").count() >= 10
    # Cards name the indicator in words; its page is linked as "data and sources".
    card = page.locator("article.target-card", has_text="Tỷ trọng kinh tế số trong GDP").first
    card.locator('a[href*="/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/"]').first.click()
    page.wait_for_selector("#indicator-chart[data-ready='1']")
    assert page.locator("#indicator-chart svg").count() >= 1
    rows = page.locator("#observations tbody tr")
    assert rows.count() == 6
    assert "12,66" in rows.first.inner_text()  # Vietnamese decimal comma


def test_a_monitor_approves_a_pending_value_from_the_indicator_page(page, seeded_live_server):
    from lotrinh.accounts.models import Role
    from lotrinh.indicators import services
    from lotrinh.indicators.models import Indicator
    from tests.conftest import AGENCY_B, MOST, login_page, make_user

    officer = make_user("officer_b", AGENCY_B, Role.REPORTER)
    services.record_observation(
        Indicator.objects.get(code="DIGITAL_ECONOMY_SHARE_GDP"),
        year=2025,
        value=14.2,
        citation="Cục Thống kê, thông cáo",
        user=officer,
    )
    login_page(page, seeded_live_server, make_user("monitor", MOST, Role.MOST_MONITOR))
    page.goto(f"{seeded_live_server.url}/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/")
    pending = page.locator("#pending")
    assert "14,2" in pending.inner_text() and "Bộ Tài chính" in pending.inner_text()
    assert page.locator("#observations tbody tr").count() == 6
    pending.get_by_role("button", name="Duyệt").click()
    page.wait_for_selector(".msg-success")
    # The message heads the answer; the table below it is counted once the page is read.
    page.wait_for_load_state()
    assert page.locator("#pending").count() == 0
    rows = page.locator("#observations tbody tr")
    assert rows.count() == 6 and "14,2" in rows.last.inner_text()


def test_a_table_caption_spans_its_cards_on_a_phone(page, seeded_live_server):
    """At 390 px a target's linked-tasks table turns into cards; its caption stayed a
    table caption and wrapped word by word in a column a few letters wide."""
    from lotrinh.indicators.models import Target

    target = Target.objects.get(is_current=True, indicator__code="PARTY_STATE_DX_TASKS")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{seeded_live_server.url}/chi-tieu/muc-tieu/{target.pk}/")
    caption = page.locator("table.data-table caption").first
    table = page.locator("table.data-table").first
    assert "Nhiệm vụ liên kết làm bằng chứng" in caption.inner_text()
    caption_box, table_box = caption.bounding_box(), table.bounding_box()
    assert caption_box is not None and table_box is not None
    assert caption_box["width"] >= 0.9 * table_box["width"]
    assert caption_box["height"] < 40  # one line, not one word per line
