"""An oversight reader's day: from "Tổng quan" she browses the reports agencies sent,
filters them, opens a submitted report and writes a comment on it — in Vietnamese and in
English. Drafts never appear."""

import pytest
from django.urls import reverse

from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"vi": "vi-VN", "en": "en-US"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_oversight_browses_the_reading_list_opens_a_report_and_comments(
    lang,
    browser,
    seeded_live_server,
    officer_a,
    approver_a,
    officer_b,
    most_monitor,
    oversight_reader,
):
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services
    from lotrinh.reporting.models import Comment, Notification
    from tests.reporting.conftest import fill

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    periods = {p.year: p for p in services.generate_periods(regime, 2024)}
    accepted = services.ensure_report(officer_a.agency, periods[2023])
    sent = services.ensure_report(officer_a.agency, periods[2024])
    for report in (accepted, sent):
        fill(report, officer_a)
        services.approve_report(report, approver_a)
        services.submit_report(report, approver_a)
    services.accept_report(accepted, most_monitor)
    draft = services.ensure_report(officer_b.agency, periods[2024])

    context = browser.new_context(locale=LOCALES[lang], viewport={"width": 1366, "height": 900})
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, oversight_reader)
    page.goto(seeded_live_server.url + "/")
    page.locator("#nav-overview").click()
    page.wait_for_url(f"{seeded_live_server.url}{reverse('dashboard:home')}")
    assert page.evaluate("document.documentElement.lang") == lang

    rows = page.locator("#reading-list tbody tr")
    assert rows.count() == 2
    html = page.content()
    assert reverse("reporting:report", args=[draft.pk]) not in html

    # Only what was sent and not yet accepted.
    page.select_option("#f-state", "submitted")
    page.locator("form.filters button").click()
    page.wait_for_url("**state=submitted**")
    assert rows.count() == 1
    page.locator(f"#reading-list a[href='{reverse('reporting:report', args=[sent.pk])}']").click()
    page.wait_for_url(f"{seeded_live_server.url}{reverse('reporting:report', args=[sent.pk])}")

    text = (
        "Đề nghị làm rõ kết quả nhiệm vụ đã hoàn thành"
        if lang == "vi"
        else "Please clarify the results"
    )
    form = page.locator(f"form[action='{reverse('reporting:comment', args=[sent.pk])}']")
    form.locator("textarea[name=text]").fill(text)
    form.locator("button").click()
    # The answer is this page again: wait for the comment on it (wait_for_load_state
    # returned at once, the page already loaded, and the read below could come first).
    page.locator("li[id^='comment-']", has_text=text).wait_for()
    comment = Comment.objects.get(report=sent)
    assert comment.text == text and comment.author == oversight_reader
    assert page.locator(f"#comment-{comment.pk}").inner_text().count(text) == 1
    # The agency is told, and its notification opens this very comment.
    notice = Notification.objects.filter(user=officer_a).order_by("-pk").first()
    assert notice is not None and notice.link.endswith(f"#comment-{comment.pk}")

    # On a phone the list fits the screen (rows become cards).
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{seeded_live_server.url}{reverse('dashboard:reading')}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
