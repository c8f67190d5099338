"""The whole cycle in a browser: fill, approve, return, correct, resubmit, accept."""

import pytest

from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_yearly_report_cycle(
    browser, seeded_live_server, officer_a, approver_a, most_monitor, regime
):
    from lotrinh.reporting import services

    base = seeded_live_server.url
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)
    url = f"{base}/bao-cao/{report.pk}/"

    def session(user):
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        patient(page)
        login_page(page, seeded_live_server, user)
        return page

    def compliance_cell(page):
        page.goto(f"{base}/bao-cao/tinh-hinh/?year=2024")
        return page.locator(f"tr[data-agency='{officer_a.agency.code}'] td").nth(2).inner_text()

    reporter, approver, most = session(officer_a), session(approver_a), session(most_monitor)
    assert "Chưa nộp" in compliance_cell(most)

    reporter.goto(url)
    first = reporter.locator("fieldset.entry-form").first
    first.locator("select[name$='-status']").select_option("in_progress")
    first.locator("textarea[name$='-result']").fill("Đã xây dựng dự thảo kế hoạch")
    first.locator("button.entry-save").click()
    reporter.wait_for_selector("fieldset.entry-form .saved")

    approver.goto(url)
    approver.click("#approve")
    approver.click("#confirm-action")
    approver.click("#submit")
    approver.click("#confirm-action")
    assert "Đã gửi" in approver.locator("#report-status").inner_text()
    assert compliance_cell(most).strip().startswith(("Muộn", "Đúng hạn"))

    most.goto(url)
    most.click("#return")
    most.fill("#confirm-text", "Đề nghị bổ sung kết quả cụ thể")
    most.click("#confirm-action")
    assert "Bị trả lại" in most.locator("#report-status").inner_text()
    assert "Bị trả lại" in compliance_cell(most)

    reporter.goto(url)
    assert "Đề nghị bổ sung kết quả cụ thể" in reporter.content()
    first = reporter.locator("fieldset.entry-form").first
    first.locator("textarea[name$='-result']").fill("Đã ban hành kế hoạch, đang triển khai")
    first.locator("button.entry-save").click()
    reporter.wait_for_selector("fieldset.entry-form .saved")

    approver.goto(url)
    approver.click("#approve")
    approver.click("#confirm-action")
    approver.click("#submit")
    approver.click("#confirm-action")
    most.goto(url)
    most.click("#accept")
    most.click("#confirm-action")
    assert "Đã tiếp nhận" in most.locator("#report-status").inner_text()
    cell = compliance_cell(most)
    assert cell.strip().startswith(("Muộn", "Đúng hạn"))
    report.refresh_from_db()
    assert report.status == "accepted" and report.snapshots.count() >= 3
