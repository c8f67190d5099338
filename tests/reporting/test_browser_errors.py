"""In the browser, an invalid entry and a conflict appear in place (htmx swaps 400/409)."""

import datetime

import pytest

from tests.conftest import login_page, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_invalid_entry_and_a_conflict_appear_in_place(page, seeded_live_server, regime):
    from lotrinh.reporting import services

    officer = make_user("officer_ui", "bo-y-te", "reporter")
    colleague = make_user("colleague_ui", "bo-y-te", "reporter")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer.agency, period)
    login_page(page, seeded_live_server, officer)
    page.goto(f"{seeded_live_server.url}/bao-cao/{report.pk}/")
    form = page.locator("fieldset.entry-form").first
    tomorrow = datetime.date.today() + datetime.timedelta(days=3)
    form.locator("input[name$='-evidence_date']").fill(tomorrow.isoformat())
    form.locator("button.entry-save").click()
    page.wait_for_selector("fieldset.entry-form .msg-error")
    assert "tương lai" in page.locator("fieldset.entry-form").first.inner_text()

    entry = report.entries.order_by("task__position").first()
    services.save_entry(
        entry,
        colleague,
        {"status": "in_progress", "result": "Bản của đồng nghiệp"},
        expected_version=entry.version,
    )
    form = page.locator("fieldset.entry-form").first
    form.locator("input[name$='-evidence_date']").fill("")
    form.locator("textarea[name$='-result']").fill("Bản của tôi")
    form.locator("button.entry-save").click()
    page.wait_for_selector("fieldset.entry-form .conflict")
    text = page.locator("fieldset.entry-form").first.inner_text()
    assert "Bản của đồng nghiệp" in text and "Colleague Ui" in text
    assert page.locator("fieldset.entry-form").first.locator(
        "textarea[name$='-result']"
    ).input_value() == ("Bản của tôi")
    # Saving again after the merge goes through (the form now carries the current version).
    form = page.locator("fieldset.entry-form").first
    form.locator("textarea[name$='-result']").fill("Bản hợp nhất")
    form.locator("button.entry-save").click()
    page.wait_for_selector("fieldset.entry-form .saved")
    entry.refresh_from_db()
    assert entry.result == "Bản hợp nhất"
