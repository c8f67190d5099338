"""The Commission's monitor in a browser (issue 14, item 6): from 52-NQ/TW's programme page
she sets the six-monthly schedule the resolution does not state (previewing the periods
first), then opens who reported for the first half of 2025."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import login_page, make_user, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_commissions_monitor_sets_a_six_monthly_schedule_and_follows_a_period(
    browser, seeded_live_server
) -> None:
    from lotrinh.accounts.models import Role
    from lotrinh.agencies.models import Agency
    from lotrinh.programmes.services import current_programme
    from lotrinh.reporting.models import ReportingRegime

    programme = current_programme("52-NQ/TW")
    regime = ReportingRegime.objects.get(programme=programme, code="party-committee-report")
    regime.recipient = Agency.objects.get(code="ban-kinh-te-trung-uong")
    regime.save(update_fields=["recipient"])
    monitor = make_user(
        "bcscl_browser", "ban-chinh-sach-chien-luoc-trung-uong", Role.AGENCY_MONITOR
    )
    base = seeded_live_server.url
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, monitor)

    page.goto(base + reverse("programmes:overview", args=[programme.slug]))
    page.get_by_role("link", name="Quy định lịch báo cáo").click()
    page.wait_for_selector("#schedule-preview")  # the schedule page, not the programme's
    assert "nay là Ban Chính sách, chiến lược Trung ương" in page.content()
    page.select_option("#id_frequency", "semiannual")
    page.fill("#id_deadline_day", "20")
    page.fill("#id_first_year", "2025")
    page.click("#schedule-preview")
    preview = page.locator("#preview-table")
    # The preview's answer (the half-years on the 20th), before the database is read.
    expect(preview).to_contain_text("6 tháng đầu năm 2025")
    assert "20/06/2025" in preview.inner_text()
    regime.refresh_from_db()
    assert not regime.periods.exists()  # a preview saves nothing
    page.click("#schedule-save")
    page.wait_for_selector("#periods-table")
    assert "Đã lưu lịch báo cáo" in page.content()
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "semiannual"
    assert regime.periods.filter(year=2025, part=1).exists()

    page.click("#to-compliance")
    page.select_option("#ky", "2025-1")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**ky=2025-1**")
    assert "6 tháng đầu năm 2025" in page.locator("#summary-title").inner_text()
    table = page.locator("#period-table").inner_text()
    assert "Thành ủy Hà Nội" in table and "Chưa nộp" in table
    assert page.locator("#period-xlsx").get_attribute("href").endswith("?ky=2025-1")
    context.close()


def test_the_commissions_monitor_reminds_a_committee_and_its_reporter_sees_it(
    browser,
    seeded_live_server,
) -> None:
    import datetime

    from lotrinh.accounts.models import Role
    from lotrinh.agencies.models import Agency
    from lotrinh.programmes.services import current_programme
    from lotrinh.reporting.models import ReminderSent, ReportingRegime
    from lotrinh.reporting.schedules import set_regime_schedule
    from lotrinh.reporting.services import open_reporting_cycle

    today = datetime.date.today()
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    admin = make_user("admin_browser", "bo-khoa-hoc-va-cong-nghe", Role.ADMIN)
    set_regime_schedule(
        admin,
        regime,
        frequency="semiannual",
        deadline_day=20,
        first_year=today.year - 1,
        recipient=Agency.objects.get(code="ban-kinh-te-trung-uong"),
    )
    open_reporting_cycle(today)
    monitor = make_user(
        "bcscl_browser2", "ban-chinh-sach-chien-luoc-trung-uong", Role.AGENCY_MONITOR
    )
    hanoi = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    reporter = make_user("tu_hn_browser", hanoi.code, Role.REPORTER)
    base = seeded_live_server.url
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, monitor)
    page.goto(base + reverse("reporting:regime_compliance", args=[regime.pk]))
    assert (
        "Ban Chính sách, chiến lược Trung ương đề nghị"
        in page.locator("#reminder-message").inner_text()
    )
    page.get_by_role("button", name="Nhắc Thành ủy Hà Nội").click()
    page.wait_for_selector("#remind-" + hanoi.code + " .reminded")
    assert "Đã nhắc" in page.content()
    assert page.get_by_role("button", name="Nhắc Thành ủy Hà Nội").count() == 0
    assert ReminderSent.objects.filter(agency=hanoi, sent_by=monitor).count() == 1
    context.close()

    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, reporter)
    page.goto(base + reverse("reporting:notifications"))
    # Her page is in English: so is the notice, the Commission by its English name.
    successor = Agency.objects.get(code="ban-chinh-sach-chien-luoc-trung-uong")
    assert successor.name_en
    notice = page.locator('.notification-list span[lang="en"]').inner_text()
    assert notice.startswith(
        f"The {successor.name_en} asks your Party committee or organisation to complete and send"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
