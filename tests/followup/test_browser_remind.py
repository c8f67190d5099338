"""MOST opens the compliance page, reads a known cell and sends a manual reminder by hand."""

import pytest

from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_most_reads_a_cell_and_sends_a_manual_reminder(
    browser, seeded_live_server, officer_a, most_monitor
):
    from django.utils import timezone

    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import compliance, services
    from lotrinh.reporting.models import ReminderSent

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    today = timezone.localdate()
    services.generate_periods(regime, today.year)
    # Only the current cycle may be reminded: the page opens on the period being chased.
    year = compliance.default_year(services.periods_of(regime, today.year), today)
    page = browser.new_context(locale="vi-VN").new_page()
    patient(page)
    login_page(page, seeded_live_server, most_monitor)
    page.goto(f"{seeded_live_server.url}/bao-cao/tinh-hinh/?year={year}")
    row = page.locator(f"tr[data-agency='{officer_a.agency.code}']")
    assert "Chưa nộp" in row.locator("td").nth(2).inner_text()
    assert not ReminderSent.objects.filter(kind="manual").exists()
    row.locator("button.remind").first.click()
    page.wait_for_selector(f"tr[data-agency='{officer_a.agency.code}'] >> text=Đã nhắc")
    record = ReminderSent.objects.get(kind="manual")
    assert record.agency == officer_a.agency and record.sent_by == most_monitor
