"""A second MOST monitor acts on a value another has just decided, from a page shown
before: the refusal ("no longer pending") is where they clicked. The page came back at
its top, the message far below the metadata sheet, out of sight: the click seemed to do
nothing."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_stale_refusal_is_shown_where_the_monitor_looks(page, seeded_live_server):
    from lotrinh.accounts.models import Role
    from lotrinh.indicators import services
    from lotrinh.indicators.models import Indicator
    from tests.conftest import AGENCY_B, MOST, login_page, make_user

    officer = make_user("officer_b", AGENCY_B, Role.REPORTER)
    observation = services.record_observation(
        Indicator.objects.get(code="DIGITAL_ECONOMY_SHARE_GDP"),
        year=2025,
        value=14.2,
        citation="Cục Thống kê, thông cáo",
        user=officer,
    )
    first = make_user("monitor_one", MOST, Role.MOST_MONITOR)
    login_page(page, seeded_live_server, make_user("monitor_two", MOST, Role.MOST_MONITOR))
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(f"{seeded_live_server.url}/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/")
    # Meanwhile the first monitor approves it.
    services.approve_observation(observation, first)
    pending = page.locator("#pending")
    pending.locator("textarea[name=reason]").fill("Nguồn chưa rõ")
    pending.get_by_role("button", name="Từ chối").click()
    problem = page.locator("#review-problems")
    problem.wait_for()
    # Measured once the page has loaded: the browser scrolls to the anchor as it is read
    # and again at the end, when the styles above it have settled.
    page.wait_for_load_state()
    assert problem.inner_text().strip()
    box = problem.bounding_box()
    assert box is not None
    viewport = page.viewport_size
    assert viewport is not None
    # In sight: the anchored message at the top of the window (not 1,000 px below it).
    assert box["y"] + box["height"] > 0 and box["y"] < viewport["height"], box
