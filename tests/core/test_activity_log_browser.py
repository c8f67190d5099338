"""An agency's administrator reads her agency's activity log in Chromium, on a phone and
on a desk, in Vietnamese and English: she types a day that does not exist and is told
so beside the field, filters by period and kind, pages, and downloads the spreadsheet
of what she filtered."""

import datetime
import io
from unittest import mock

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts.models import Role
from lotrinh.core.audit import record_event
from tests.conftest import AGENCY_A, AGENCY_B, login_page, make_user, patient
from tests.core.pending_english import add_pending_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log(admin, other_admin, subject, other_subject) -> None:
    moment = timezone.make_aware(datetime.datetime(2025, 3, 5, 9, 15))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        for i in range(60):
            record_event(admin, "account.role_changed", subject, note=f"đổi lần {i}")
        record_event(other_admin, "account.invited", other_subject)
    with mock.patch("django.utils.timezone.now", return_value=moment - datetime.timedelta(days=40)):
        record_event(admin, "account.invited", subject)


@pytest.mark.parametrize(("language", "width"), [("vi", 390), ("en", 1366)])
def test_an_agency_administrator_reads_and_exports_her_agencys_log(
    browser, seeded_live_server, monkeypatch, language, width
) -> None:
    add_pending_english(monkeypatch, "auditpage")
    admin = make_user("quantri_a", AGENCY_A, Role.AGENCY_ADMIN)
    reporter = make_user("baocao_a", AGENCY_A, Role.REPORTER)
    other = make_user("quantri_b", AGENCY_B, Role.AGENCY_ADMIN)
    stranger = make_user("nguoi_b", AGENCY_B, Role.REPORTER)
    stranger.full_name = "Người Của Bộ Khác"
    stranger.save()
    _log(admin, other, reporter, stranger)

    context = browser.new_context(
        locale="vi-VN", viewport={"width": width, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, admin)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": seeded_live_server.url}]
    )
    page.goto(f"{seeded_live_server.url}/")
    if width < 700:
        page.locator(".menu-toggle").click()
    page.locator("#nav-activity").click()
    page.wait_for_url(f"**{reverse('core:activity')}")
    english = language == "en"
    assert page.locator("h1").inner_text() == ("Activity log" if english else "Nhật ký hoạt động")
    count = page.locator("#activity-count")
    assert count.inner_text().startswith("61 ")
    assert "Người Của Bộ Khác" not in page.content()
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # A day that does not exist: said beside the field, the list is not filtered by it.
    page.locator("#activity-from").fill("31/02/2025")
    page.locator("#activity-apply").click()
    page.locator("#activity-from_error").wait_for()
    assert "2/2025" in page.locator("#activity-from_error").inner_text()
    assert count.inner_text().startswith("61 ")

    # The period of the 60 changes, and accounts only: two pages of them.
    page.locator("#activity-from").fill("05/03/2025")
    page.locator("#activity-to").fill("05/03/2025")
    page.locator("#activity-kind").select_option("tai-khoan")
    page.locator("#activity-apply").click()
    page.wait_for_url("**loai=tai-khoan**")
    assert count.inner_text().startswith("60 ")
    first_time = page.locator("#activity-list time").first.inner_text()
    assert first_time == "05/03/2025 09:15"  # dd/mm/yyyy in both languages
    page.locator("#activity-pages a").last.click()
    page.wait_for_url("**page=2**")
    assert page.locator("#activity-list tbody tr").count() == 10

    with page.expect_download() as download:
        page.locator("#activity-xlsx").click()
    path = download.value.path()
    sheet = openpyxl.load_workbook(io.BytesIO(open(path, "rb").read())).active
    rows = list(sheet.values)
    assert rows[0][0] == "Thời điểm (giờ Việt Nam)"
    # A date cell in Vietnam's time, shown as before (dd/mm/yyyy hh:mm:ss).
    assert len(rows) == 61 and rows[1][0] == datetime.datetime(2025, 3, 5, 9, 15)
    assert sheet["A2"].number_format == "dd/mm/yyyy hh:mm:ss"
    context.close()
