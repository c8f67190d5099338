"""Without JavaScript the report page still saves: one form posted to "save all", the
page answered again with the errors next to the fields and nothing typed lost."""

import datetime

import pytest

from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_page_works_without_javascript(browser, seeded_live_server, officer_a, regime):
    from lotrinh.reporting import services

    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)
    first, second = list(report.entries.order_by("task__position"))[:2]
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, officer_a)
    page.goto(f"{seeded_live_server.url}/bao-cao/{report.pk}/")

    future = datetime.date.today() + datetime.timedelta(days=2)
    page.fill(f"#entry-{first.pk} input[name$='-evidence_date']", future.isoformat())
    page.fill(f"#entry-{first.pk} textarea[name$='-result']", "Kết quả một")
    page.fill(f"#entry-{second.pk} textarea[name$='-result']", "Kết quả hai")
    page.click(f"#entry-{first.pk} button.entry-save")
    page.wait_for_selector(f"#entry-{first.pk} .field-error")
    assert "tương lai" in page.locator(f"#entry-{first.pk} .field-error").inner_text()
    # Both typed values are still on the page; nothing was saved.
    assert page.input_value(f"#entry-{second.pk} textarea[name$='-result']") == "Kết quả hai"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.version == second.version == 1

    page.fill(f"#entry-{first.pk} input[name$='-evidence_date']", "")
    page.click("#save-all")
    page.wait_for_selector(".messages .msg-success")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.result, second.result) == ("Kết quả một", "Kết quả hai")
    context.close()
