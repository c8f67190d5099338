"""A MOST monitor's day begins on the overview: she signs in, lands on MOST's front page,
reads the cycle's figures (charts with tables beside), and follows a "việc cần làm hôm
nay" item to the exact report waiting for her — in Vietnamese and in English."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"vi": "vi-VN", "en": "en-US"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_most_opens_the_dashboard_and_follows_an_item_to_the_exact_report(
    lang, browser, seeded_live_server, officer_a, approver_a, officer_b, most_monitor
):
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services
    from tests.reporting.conftest import fill

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    today = timezone.localdate()
    periods = services.generate_periods(regime, today.year)
    current = max((p for p in periods if p.start <= today), key=lambda p: p.year)
    waiting = services.ensure_report(officer_a.agency, current)
    fill(waiting, officer_a)
    services.approve_report(waiting, approver_a)
    services.submit_report(waiting, approver_a)
    services.ensure_report(officer_b.agency, current)  # a draft MOST must not be sent to

    context = browser.new_context(locale=LOCALES[lang], viewport={"width": 1366, "height": 900})
    page = context.new_page()
    patient(page)
    page.goto(f"{seeded_live_server.url}{reverse('accounts:login')}")
    page.fill("input[name=username]", "most_monitor")
    page.fill("input[name=password]", "pw-most_monitor")
    page.locator("main form button.btn-primary").click()
    page.wait_for_url(f"{seeded_live_server.url}{reverse('dashboard:home')}")
    assert page.evaluate("document.documentElement.lang") == lang
    if lang == "vi":
        assert page.locator("h1").inner_text() == "Tổng quan của Bộ Khoa học và Công nghệ"

    # The figures: a chart drawn beside each table, the running cycle counted.
    page.wait_for_selector(".dash-chart[data-ready='1']")
    # The five statuses and the tasks without a report: the rows add up to the tasks.
    assert page.locator("#task-status tbody tr").count() == 6
    assert page.locator("#cycle-0-submitted td").inner_text().strip() == "1"

    # Today's work: the report waiting for acceptance, one click away.
    item = page.locator(f"#todo-reports a[href='{reverse('reporting:report', args=[waiting.pk])}']")
    assert item.count() == 1
    assert (
        page.locator(
            f"#todo-reports a[href='{reverse('reporting:report', args=[services.ensure_report(officer_b.agency, current).pk])}']"
        ).count()
        == 0
    )
    item.click()
    page.wait_for_url(f"{seeded_live_server.url}{reverse('reporting:report', args=[waiting.pk])}")
    assert page.locator("#return").count() == 1  # the page where she accepts or returns

    # The overdue agencies link to each agency's "what we owe" page.
    page.goto(f"{seeded_live_server.url}{reverse('dashboard:home')}")
    overdue = page.locator("#todo-overdue a").first
    if overdue.count():
        href = overdue.get_attribute("href")
        overdue.click()
        page.wait_for_url(f"{seeded_live_server.url}{href}")
        assert page.locator("#deadlines").count() == 1

    # On a phone the page fits the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{seeded_live_server.url}{reverse('dashboard:home')}")
    page.wait_for_selector(".dash-chart[data-ready='1']")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
