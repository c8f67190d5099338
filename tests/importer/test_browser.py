"""Upload → review → correct one task's coordinating agencies → publish, in a browser."""

import pytest
from playwright.sync_api import expect

from tests.conftest import login_page
from tests.importer.test_review import plan_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_review_correct_publish(page, seeded_live_server, most_monitor, tmp_path):
    from lotrinh.programmes.models import Task

    login_page(page, seeded_live_server, most_monitor)
    document = tmp_path / "ke-hoach.docx"
    document.write_bytes(plan_docx())
    page.goto(f"{seeded_live_server.url}/nhap-van-ban/")
    page.set_input_files("#document", str(document))
    page.get_by_role("button", name="Nhận dạng").click()
    page.wait_for_selector("section.task-review")
    # The first task shows while the page is still being read: wait for all three.
    expect(page.locator("section.task-review")).to_have_count(3)
    first = page.locator("section.task-review").first
    ref = first.locator(".ref").inner_text()
    first.locator("textarea[name='coordinating']").fill("Bộ Công an\nBộ Thông tin và Truyền thông")
    first.get_by_role("button", name="Lưu vai trò").click()
    page.wait_for_selector(".msg-success")
    page.click("#publish")
    page.wait_for_selector("#confirm-summary")
    assert "3" in page.locator("#summary-tasks").inner_text()
    page.click("#confirm-publish")
    page.wait_for_url("**/chuong-trinh/**")
    assert "12/KH-BYT" in page.locator("h1").inner_text()
    task = Task.objects.get(programme__code="12/KH-BYT", ref=ref)
    assert {a.agency.name_vi for a in task.assignments.filter(role="coordinating")} == {
        "Bộ Công an",
        "Bộ Thông tin và Truyền thông",
    }
