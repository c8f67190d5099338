"""An agency's planning officer imports her plan in a browser: the form queues the file, the
job's page follows it to the draft; a scanned PDF ends on the job's page with its reason,
no retry, and a link to upload another file."""

import pytest

from lotrinh.accounts.models import Role
from tests.cascade.test_plan_import_job import HANOI, PLAN
from tests.conftest import login_page, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_follows_her_import_to_the_draft_or_its_reason(
    page, seeded_live_server, tmp_path, monkeypatch
):
    from lotrinh.programmes import meaning
    from lotrinh.programmes.models import Programme

    # The test's task backend runs jobs in the request: not the meaning's (tens of seconds
    # embedding the programme), which the worker runs after (tests/cascade/test_refine_links).
    monkeypatch.setattr(meaning, "available", lambda: False)

    planner = make_user("hn_kehoach", HANOI, Role.REPORTER)
    login_page(page, seeded_live_server, planner)
    document = tmp_path / "ke-hoach.txt"
    document.write_text(PLAN, encoding="utf-8")
    page.goto(f"{seeded_live_server.url}/phan-cap/")
    page.set_input_files("#plan-file", str(document))
    page.get_by_role("button", name="Nhập", exact=True).click()
    page.wait_for_url("**/phan-cap/ke-hoach/**")
    plan = Programme.objects.get(code="41/KH-UBND")
    assert page.url.endswith(f"/phan-cap/ke-hoach/{plan.pk}/")
    assert "41/KH-UBND" in page.locator("h1").inner_text()

    scan = tmp_path / "quet.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF")
    page.goto(f"{seeded_live_server.url}/phan-cap/")
    page.set_input_files("#plan-file", str(scan))
    page.get_by_role("button", name="Nhập", exact=True).click()
    page.wait_for_selector("#import-job[data-status='failed']")
    assert "PDF" in page.locator("#job-error").inner_text()
    assert page.locator("#retry").count() == 0
    assert page.get_by_role("link", name="Tải lên tệp khác").count() == 1
