"""An officer whose Chromium speaks English, on a Vietnamese page: the unit's validity
date is typed day first as the page writes dates (an `<input type=date>` would have asked
her for mm/dd/yyyy), the calendar button writes the chosen day back as dd/mm/yyyy, and a
day typed month first is refused beside the field, with the focus on it."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_english_browser_types_a_vietnamese_date(browser, seeded_live_server) -> None:
    from lotrinh.accounts.models import Role
    from lotrinh.agencies.models import Agency
    from tests.cascade.conftest import person

    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, admin)
    # Her browser asks for English; she chose the Vietnamese pages.
    page.context.add_cookies(
        [{"name": "django_language", "value": "vi", "url": seeded_live_server.url}]
    )
    url = f"{seeded_live_server.url}{reverse('agencies:units', args=[hanoi.code])}"
    page.goto(url)
    assert page.evaluate("navigator.language") == "en-US"
    assert page.evaluate("document.documentElement.lang") == "vi"
    field = page.get_by_role("textbox", name="Hiệu lực từ")
    assert field.get_attribute("type") == "text"
    assert field.get_attribute("placeholder") == "dd/mm/yyyy"

    # Typed month first, as an English calendar asks: refused, nothing added.
    page.fill("#unit-name", "Sở Tư pháp")
    field.fill("12/31/2025")
    page.get_by_role("button", name="Thêm", exact=True).click()
    error = page.locator("#unit-from_error")
    error.wait_for()
    assert "có phải 31/12/2025?" in error.inner_text()
    # The field's autofocus is applied once the page's styles are in, which can be after
    # the message shows: wait for the focus rather than read it at once.
    expect(field).to_be_focused()
    assert "unit-from_error" in (field.get_attribute("aria-describedby") or "")
    assert field.input_value() == "12/31/2025"
    assert not hanoi.units.filter(name_vi="Sở Tư pháp").exists()

    # Typed day first, keyboard only: 1 December, not 12 January.
    field.fill("")
    field.press_sequentially("01/12/2025")
    field.press("Enter")
    page.wait_for_selector(".msg-success")
    assert hanoi.units.get(name_vi="Sở Tư pháp").valid_from == datetime.date(2025, 12, 1)

    # The calendar: a button beside the field, named for it; the day chosen in the
    # browser's picker comes back as dd/mm/yyyy.
    button = page.get_by_role("button", name="Chọn ngày trên lịch: Hiệu lực từ")
    assert button.is_visible()
    page.focus("#unit-from")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('day-button')")
    page.evaluate(
        """() => {
            const picker = document.querySelector('#unit-from').parentElement
                .querySelector('input[type=date]');
            picker.value = '2026-01-12';
            picker.dispatchEvent(new Event('change', {bubbles: true}));
        }"""
    )
    assert field.input_value() == "12/01/2026"
    context.close()
