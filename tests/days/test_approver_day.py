"""The approver's day: open the report, see the confirmation summary with the missing
results, return the draft to the drafter with a comment, then approve and send it —
in Vietnamese and in English."""

import pytest

from lotrinh.core.audit import events_for
from tests.conftest import make_user
from tests.days.report_days import TEXT, confirm, period_2024, session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_approvers_day(lang, browser, seeded_live_server):
    from lotrinh.reporting import services
    from lotrinh.reporting.models import Notification

    officer = make_user("drafter_day", "bo-y-te", "reporter")
    leader = make_user("leader_day", "bo-y-te", "approver")
    report = services.ensure_report(officer.agency, period_2024())
    entries = list(report.entries.order_by("task__position"))
    done = entries[0]
    services.save_entry(
        done,
        officer,
        {"status": "in_progress", "result": "Đã ban hành kế hoạch", "evidence_number": "1/KH"},
        expected_version=done.version,
    )
    missing = [e.task.ref for e in entries[1:]]
    url = f"{seeded_live_server.url}/bao-cao/{report.pk}/"
    page = session(browser, seeded_live_server, leader, lang)
    page.goto(url)
    assert TEXT[lang]["draft"] in page.locator("#report-status").inner_text()
    assert page.locator("#next-step").is_visible()
    assert page.locator("#report-form").count() == 0  # the leader reads, she does not edit

    # The confirmation shows what is missing before anything is approved.
    page.click("a#approve")
    page.wait_for_selector("#confirm-summary")
    without_result = page.locator("#summary-without-result")
    assert "gap" in (without_result.get_attribute("class") or "")
    assert str(len(missing)) in without_result.inner_text()
    for ref in missing[:3]:
        assert ref in without_result.inner_text()
    assert str(len(missing)) in page.locator("#summary-not-started").inner_text()
    assert "gap" in (page.locator("#summary-assessment").get_attribute("class") or "")
    # Keyboard: the confirmation button is reachable and the way back is a link.
    page.focus("#confirm-action")
    assert page.evaluate("document.activeElement.id") == "confirm-action"
    page.go_back()
    report.refresh_from_db()
    assert report.status == "draft"

    # Return to the drafter with a comment.
    confirm(page, "send-back", "Đề nghị bổ sung kết quả các nhiệm vụ còn trống")
    assert TEXT[lang]["draft"] in page.locator("#report-status").inner_text()
    assert "Đề nghị bổ sung kết quả" in page.locator("#leader-comment").inner_text()
    assert Notification.objects.filter(user=officer, message__contains="Đề nghị bổ sung").exists()

    # The drafter completes the report; the leader approves, then sends it.
    for entry in entries[1:]:
        entry.refresh_from_db()
        services.save_entry(
            entry,
            officer,
            {"status": "in_progress", "result": "Đang triển khai", "evidence_number": "2/KH"},
            expected_version=entry.version,
        )
    services.save_sections(
        report,
        officer,
        general_assessment="Triển khai đúng tiến độ.",
        proposals_to_government="",
        expected_version=report.sections_version,
    )
    page.goto(url)
    page.click("a#approve")
    page.wait_for_selector("#confirm-summary")
    assert page.locator("#confirm-summary .gap").count() == 0
    page.click("#confirm-action")
    page.wait_for_selector("#report-status")
    assert TEXT[lang]["approved"] in page.locator("#report-status").inner_text()
    assert page.locator("#leader-comment").count() == 0

    # A second confirmation of the same step (a tab left open, a double click) acts no
    # more: it answers with a message, not an error.
    stale = page.context.new_page()
    stale.goto(page.url)
    stale.click("a#submit")
    stale.wait_for_selector("#confirm-action")
    confirm(page, "submit")
    assert TEXT[lang]["submitted"] in page.locator("#report-status").inner_text()
    stale.click("#confirm-action")
    stale.wait_for_selector("#report-status")
    assert stale.locator(".messages .msg-info").count() == 1
    assert stale.locator(".messages .msg-error").count() == 0
    # Back: signed-in pages are not kept (Cache-Control: no-store), so the confirmation
    # comes back as it is now, the step done, with no button to act again.
    page.go_back()
    page.wait_for_selector(".msg-warning")
    assert page.locator("#confirm-action").count() == 0
    assert events_for(report).filter(action="report.submitted").count() == 1
    report.refresh_from_db()
    assert report.status == "submitted" and report.snapshots.count() == 1
    page.context.close()
