"""An officer on an English page, her Chromium in American English, types 10/1/2026
meaning 1 October: the site reads dates day first, and says so beside the field as she
types ("= Saturday 10 Jan 2026"), so the swap is seen before the form is sent. The
calendar button still writes its day, and the reading follows it."""

import pytest
from django.urls import reverse

from tests.conftest import login_page, patient
from tests.core.pending_english import add_pending_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_month_first_date_on_an_english_page_is_read_back_in_words(
    browser, seeded_live_server, officer_a, monkeypatch
) -> None:
    add_pending_english(monkeypatch, "forms2")
    add_pending_english(monkeypatch, "conform")
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, officer_a)
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": seeded_live_server.url}]
    )
    page.goto(f"{seeded_live_server.url}{reverse('reporting:plan')}")
    assert page.evaluate("document.documentElement.lang") == "en"
    field = page.locator("#date")
    reading = page.locator("#date_reading")
    assert reading.get_attribute("aria-live") == "polite"
    assert reading.inner_text() == ""

    field.press_sequentially("10/1/2026")
    # Day first: 10 January (a Saturday), not 1 October.
    assert reading.inner_text() == "= Saturday 10 Jan 2026"
    field.fill("1 Oct 2026")  # what the English pages write, pasted
    assert reading.inner_text() == "= Thursday 1 Oct 2026"
    # No such day: said at once, as a day read is (it said nothing until the form was
    # sent), in the page's language, through the same polite status.
    field.fill("31/02/2026")
    assert reading.inner_text() == "This date cannot be read"
    assert reading.get_attribute("role") == "status"
    assert reading.get_attribute("aria-live") == "polite"
    field.fill("")
    assert reading.inner_text() == ""
    field.press_sequentially("1/12/26")  # a two-digit year is not guessed
    assert reading.inner_text() == "This date cannot be read"
    field.fill("")

    # The calendar writes the day back as dd/mm/yyyy, and the reading follows.
    page.evaluate(
        """() => {
            const picker = document.querySelector('#date').parentElement
                .querySelector('input[type=date]');
            picker.value = '2026-10-01';
            picker.dispatchEvent(new Event('change', {bubbles: true}));
        }"""
    )
    assert field.input_value() == "01/10/2026"
    assert reading.inner_text() == "= Thursday 1 Oct 2026"

    # The Vietnamese page reads it the Vietnamese way.
    page.context.add_cookies(
        [{"name": "django_language", "value": "vi", "url": seeded_live_server.url}]
    )
    page.reload()
    page.locator("#date").press_sequentially("10/1/2026")
    assert page.locator("#date_reading").inner_text() == "= thứ Bảy, ngày 10/01/2026"
    page.locator("#date").fill("32/1/2026")
    assert page.locator("#date_reading").inner_text() == "Không đọc được ngày này"
    context.close()
