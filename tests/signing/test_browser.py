"""In a browser: the approver signs and sends; MOST sees "Chữ ký hợp lệ" with the
signer's name and time."""

import pytest

from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_approver_signs_and_sends_and_most_sees_a_valid_signature(
    browser, seeded_live_server, officer_a, approver_a, most_monitor, regime, trust, tmp_path,
    authority, leader_cert,
):  # fmt: skip
    from django.utils import timezone

    from lotrinh.reporting import services
    from tests.reporting.conftest import fill
    from tests.signing.conftest import give_key

    give_key(approver_a, leader_cert, [authority], tmp_path)
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)
    fill(report, officer_a)
    services.approve_report(report, approver_a)
    url = f"{seeded_live_server.url}/bao-cao/{report.pk}/"

    def session(user):
        context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        patient(page)
        login_page(page, seeded_live_server, user)
        return page

    approver = session(approver_a)
    approver.goto(url)
    signed_on = timezone.localdate()
    approver.click("#sign")
    approver.click("#confirm-action")
    assert "Đã gửi" in approver.locator("#report-status").inner_text()

    most = session(most_monitor)
    most.goto(url)
    verdict = most.locator("#signature-verdict").inner_text()
    assert "Chữ ký hợp lệ" in verdict and approver_a.full_name in verdict
    # The day it was signed, read before and after (the signing may cross midnight).
    assert any(f"{day:%d/%m/%Y}" in verdict for day in (signed_on, timezone.localdate()))
    assert "Số: 1/BC-BYT" in most.locator("#signed-report").inner_text()
