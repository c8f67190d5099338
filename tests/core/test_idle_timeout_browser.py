"""In the browser: a report entry saved after the session went idle is not saved, the
page says so with a sign-in link and keeps what was typed; after signing in again in
another tab, the same click saves it."""

import time

import pytest
from django.contrib.sessions.models import Session

from lotrinh.core.middleware import LAST_SEEN
from tests.conftest import login_page, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TYPED = "Đã trình dự thảo Quyết định — gõ trước khi phiên hết hạn"


def age_sessions(hours: float) -> None:
    """As if the person had done nothing for `hours` (the last-seen time moved back)."""
    for row in Session.objects.all():
        store = Session.get_session_store_class()(row.session_key)
        data = store.load()
        data[LAST_SEEN] = int(time.time() - hours * 3600)
        Session.objects.filter(pk=row.pk).update(session_data=store.encode(data))


def test_an_idle_save_keeps_the_text_and_goes_through_after_signing_in_again(
    page, seeded_live_server
):
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    officer = make_user("idle_officer", "bo-y-te", "reporter")
    officer.set_password("mot-mat-khau-that-dai-2026")
    officer.save()
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer.agency, period)
    entry = report.entries.order_by("task__position").first()
    login_page(page, seeded_live_server, officer)
    page.goto(f"{seeded_live_server.url}/bao-cao/{report.pk}/")
    form = page.locator("fieldset.entry-form").first
    form.locator("textarea[name$='-result']").fill(TYPED)
    age_sessions(9)
    form.locator("button.entry-save").click()
    page.wait_for_selector(".htmx-failure")
    failure = page.locator(".htmx-failure").first
    assert failure.locator("a").count() == 1  # sign in again (a new tab)
    assert form.locator("textarea[name$='-result']").input_value() == TYPED
    entry.refresh_from_db()
    assert entry.result != TYPED

    with page.context.expect_page() as opened:
        failure.locator("a").click()
    tab = opened.value
    tab.wait_for_load_state()
    tab.fill("input[name=username]", "idle_officer")
    tab.fill("input[name=password]", "mot-mat-khau-that-dai-2026")
    tab.click("form.card button.btn-primary")
    tab.wait_for_url(f"**/bao-cao/{report.pk}/")
    tab.close()

    page.locator("fieldset.entry-form").first.locator("button.entry-save").click()
    page.wait_for_selector("fieldset.entry-form .saved")
    entry.refresh_from_db()
    assert entry.result == TYPED
