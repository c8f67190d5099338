"""In the browser, a file saved with one task's form (in place) appears at once in the
report's "Tệp minh chứng" list below; before (walk of 2026-12-06) the list kept saying
"Chưa có tệp minh chứng nào." until the page was reloaded."""

import pytest

from tests.conftest import login_page, make_user
from tests.reporting.test_evidence import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_file_saved_in_place_is_listed_at_once(
    page, seeded_live_server, regime, tmp_path, settings
):
    from lotrinh.reporting import services

    settings.MEDIA_ROOT = tmp_path
    officer = make_user("officer_ev", "bo-y-te", "reporter")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer.agency, period)
    pdf = tmp_path / "Quyết định 12.pdf"
    pdf.write_bytes(PDF)
    login_page(page, seeded_live_server, officer)
    page.goto(f"{seeded_live_server.url}/bao-cao/{report.pk}/")
    assert "Chưa có tệp minh chứng nào." in page.locator("main").inner_text()
    form = page.locator("fieldset.entry-form").first
    form.locator("input[type=file]").set_input_files(str(pdf))
    form.locator("button.entry-save").click()
    page.wait_for_selector("fieldset.entry-form .saved")
    assert "Quyết định 12.pdf" in page.locator("table#evidence-files").inner_text()
    assert "Chưa có tệp minh chứng nào." not in page.locator("main").inner_text()
