"""A province's whole cycle in a browser (issue 14, Done-when): a department fills its
report on the province's plan, the province's monitor accepts it, the province's
reporter opens the national report pre-filled from it and edits it, the leader approves
and sends it, MOST accepts it, and the national task page shows the province's progress."""

import pytest
from django.urls import reverse

from tests.cascade.conftest import YEAR
from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_province_reports_from_its_departments_up_to_most(
    browser, seeded_live_server, province
) -> None:
    from lotrinh.programmes.services import current_programme
    from lotrinh.reporting.models import AgencyReport

    p = province
    base = seeded_live_server.url

    def session(user):
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        patient(page)
        login_page(page, seeded_live_server, user)
        return page

    def act(page, button: str) -> None:
        page.click(button)
        page.click("#confirm-action")

    # 1. The department (Sở Khoa học và Công nghệ) opens and fills its report.
    department = session(p["khcn_reporter"])
    department.goto(f"{base}{reverse('cascade:plan', args=[p['child'].pk])}")
    department.fill("#start-year", str(YEAR))
    department.get_by_role("button", name="Mở báo cáo của đơn vị").click()
    department.wait_for_selector("fieldset.entry-form")
    unit_url = department.url
    assert "Sở Khoa học và Công nghệ" in department.content()
    forms = department.locator("fieldset.entry-form")
    assert forms.count() == 2  # the two tasks of the plan it leads
    for index in range(2):
        form = forms.nth(index)
        form.locator("select[name$='-status']").select_option("in_progress")
        form.locator("textarea[name$='-result']").fill(f"Sở đã triển khai phần việc {index + 1}")
        form.locator("button.entry-save").click()
        form.locator(".saved").wait_for()
    department_leader = session(p["khcn_leader"])
    department_leader.goto(unit_url)
    act(department_leader, "#approve")
    department.goto(unit_url)
    act(department, "#submit")  # the department's reporter sends it to the province
    assert "Đã gửi" in department.locator("#report-status").inner_text()

    # 2. The province's monitor accepts it (level by level).
    monitor = session(p["monitor"])
    monitor.goto(unit_url)
    act(monitor, "#accept")
    assert "Đã tiếp nhận" in monitor.locator("#report-status").inner_text()

    # 3. The province's reporter opens its report to MOST pre-filled from the units'.
    national_url = f"{base}{reverse('reporting:report', args=[p['national'].pk])}"
    reporter = session(p["reporter"])
    reporter.goto(national_url)
    reporter.get_by_role("link", name="Tổng hợp từ các đơn vị").click()
    reporter.wait_for_url(f"{base}{reverse('cascade:rollup', args=[p['national'].pk])}")
    assert "Sở đã triển khai phần việc 1" in reporter.content()
    reporter.get_by_role("button", name="Điền sẵn báo cáo từ các đơn vị").click()
    reporter.wait_for_selector("fieldset.entry-form")
    filled = reporter.locator("fieldset.entry-form").filter(
        has=reporter.locator("textarea", has_text="Sở Khoa học và Công nghệ")
    )
    assert filled.count() >= 1
    first = filled.first
    assert first.locator("select[name$='-status']").input_value() == "in_progress"
    result = first.locator("textarea[name$='-result']")
    result.fill(result.input_value() + "\nThành phố đã tổng hợp và đôn đốc các sở.")
    first.locator("button.entry-save").click()
    first.locator(".saved").wait_for()

    # 4. The leader approves and sends it; MOST accepts it.
    leader = session(p["leader"])
    leader.goto(national_url)
    act(leader, "#approve")
    act(leader, "#submit")
    assert "Đã gửi" in leader.locator("#report-status").inner_text()
    most = session(p["most"])
    most.goto(national_url)
    act(most, "#accept")
    assert "Đã tiếp nhận" in most.locator("#report-status").inner_text()
    national = AgencyReport.objects.get(pk=p["national"].pk)
    assert national.status == "accepted"
    assert "Thành phố đã tổng hợp" in "".join(national.entries.values_list("result", flat=True))

    # 5. The national task page shows the province's progress.
    programme = current_programme("50/NQ-CP")
    task = programme.tasks.get(ref=p["lead_tasks"][0])
    most.goto(f"{base}{reverse('programmes:task', args=[programme.slug, task.clause.anchor])}")
    section = most.locator("#cascade")
    assert "Thành phố Hà Nội" in section.inner_text()
    assert "Đang thực hiện" in section.inner_text()
