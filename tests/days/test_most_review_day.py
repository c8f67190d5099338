"""MOST's review day: accept one report after a confirmation, return another with a
comment — in Vietnamese and in English."""

import pytest

from tests.conftest import make_user
from tests.days.report_days import TEXT, period_2024, session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submitted_report(agency_code: str, name: str):
    from lotrinh.reporting import services

    officer = make_user(f"officer_{name}", agency_code, "reporter")
    leader = make_user(f"leader_{name}", agency_code, "approver")
    report = services.ensure_report(officer.agency, period_2024())
    for entry in report.entries.all():
        services.save_entry(
            entry,
            officer,
            {"status": "in_progress", "result": "Đang triển khai"},
            expected_version=entry.version,
        )
    services.approve_report(report, leader)
    return services.submit_report(report, leader), officer


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_most_accepts_one_report_and_returns_another(lang, browser, seeded_live_server):
    from lotrinh.reporting.models import Notification

    monitor = make_user("monitor_day", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    first, _officer_a = submitted_report("bo-y-te", "a")
    second, officer_b = submitted_report("bo-tai-chinh", "b")
    base = seeded_live_server.url
    page = session(browser, seeded_live_server, monitor, lang)

    page.goto(f"{base}/bao-cao/{first.pk}/")
    assert TEXT[lang]["submitted"] in page.locator("#report-status").inner_text()
    assert page.locator("#next-step").is_visible()
    page.click("a#accept")
    page.wait_for_selector("#confirm-summary")
    # Every task has a result but none has evidence: the summary says so.
    assert "gap" not in (page.locator("#summary-without-result").get_attribute("class") or "")
    assert "gap" in (page.locator("#summary-without-evidence").get_attribute("class") or "")
    page.click("#confirm-action")
    page.wait_for_selector("#report-status")
    assert TEXT[lang]["accepted"] in page.locator("#report-status").inner_text()
    first.refresh_from_db()
    assert first.status == "accepted" and first.snapshots.count() == 2

    page.goto(f"{base}/bao-cao/{second.pk}/")
    page.click("a#return")
    page.wait_for_selector("#confirm-text")
    # An empty comment is refused by the browser (required) — nothing is sent.
    page.click("#confirm-action")
    assert page.locator("#confirm-text").evaluate("el => el.validity.valueMissing")
    second.refresh_from_db()
    assert second.status == "submitted"
    page.fill("#confirm-text", "Đề nghị bổ sung minh chứng cho các nhiệm vụ")
    page.click("#confirm-action")
    page.wait_for_selector("#report-status")
    page.wait_for_load_state()  # the whole page, the comment below the status with it
    assert TEXT[lang]["returned"] in page.locator("#report-status").inner_text()
    assert "Đề nghị bổ sung minh chứng" in page.content()
    second.refresh_from_db()
    assert second.status == "returned"
    assert second.return_comment == "Đề nghị bổ sung minh chứng cho các nhiệm vụ"
    assert Notification.objects.filter(
        user=officer_b, message__contains="bổ sung minh chứng"
    ).exists()
    page.context.close()
