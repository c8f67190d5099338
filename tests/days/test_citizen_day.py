"""A citizen's day (issue 10): an anonymous visitor reads the public pages, in Vietnamese
and in English, on a desk screen and on a 390 px phone — and sees accepted content only.

The visitor opens the portal, a programme (its progress), the task list (filters by
status), a task, the timeline (the list form on a phone, no sideways scroll) and the
target pages. Bộ Y tế's 2024 report is accepted and published; Bộ Tài chính's is submitted but not yet
accepted: nothing of the latter may show.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCEPTED_RESULT = "Đã ban hành kế hoạch truyền thông chuyển đổi số y tế"
SUBMITTED_RESULT = "Kết quả chưa được tiếp nhận của Bộ Tài chính"
PLAN_ACTION = "Hành động nội bộ trong kế hoạch của Bộ Y tế"


def _report(agency_code: str, role_suffix: str, status: str, result: str, accept: bool) -> int:
    from lotrinh.accounts.models import Role

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    reporter = make_user(f"rep_{role_suffix}", agency_code, Role.REPORTER)
    approver = make_user(f"app_{role_suffix}", agency_code, Role.APPROVER)
    report = services.ensure_report(Agency.objects.get(code=agency_code), period)
    data = {"status": status, "result": result}
    if status.startswith("done"):
        data.update(evidence_number="12/QĐ-BTC", evidence_date=datetime.date(2024, 6, 1))
    for entry in report.entries.all():
        services.save_entry(entry, reporter, data, expected_version=entry.version)
    services.approve_report(report, approver)
    services.submit_report(report, approver)
    if agency_code == "bo-y-te":
        from tests.plan_helpers import plan_task

        plan_task(
            report.agency,
            programme,
            [report.entries.first().task],
            PLAN_ACTION,
            deadline=datetime.date(2025, 6, 30),
        )
    if accept:
        monitor = make_user(f"most_{role_suffix}", "bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR)
        # Accepted and published by MOST: what the public reads (docs/portal.md).
        from lotrinh.portal.services import publish_report

        publish_report(monitor, services.accept_report(report, monitor))
    return report.entries.count()


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _no_hidden_content(page) -> None:
    assert SUBMITTED_RESULT not in page.content()
    # The submitted report's status ("done on time") is counted or shown nowhere.
    assert page.locator("[data-status=done_on_time]").count() == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_citizen_reads_the_public_pages(lang, page, seeded_live_server):
    accepted = _report("bo-y-te", "a", "overdue", ACCEPTED_RESULT, accept=True)
    _report("bo-tai-chinh", "b", "done_on_time", SUBMITTED_RESULT, accept=False)
    base = seeded_live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})

    # The portal, in the visitor's language (a button in the header switches it). Each
    # click below is followed by a wait for the page it leads to: wait_for_load_state
    # returns at once on the page already loaded, and the reads then saw the old page.
    page.goto(f"{base}/")
    if lang == "en":
        page.locator("form.langform button[value=en]").click()
        # The switch answers with this same address: wait for the page in English.
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.locator("a[href='/chuong-trinh/50-nq-cp/']").first.click()
    page.wait_for_url(f"{base}/chuong-trinh/50-nq-cp/")

    # The programme shows its progress: tasks by status, targets, this cycle's reports.
    assert "50/NQ-CP" in page.locator("h1").inner_text()
    tasks_card = page.locator("#progress-tasks")
    overdue = tasks_card.locator("li[data-status=overdue]")
    assert re.search(rf"\b{accepted}\b", overdue.inner_text())
    assert tasks_card.locator("li[data-status=done_on_time]").count() == 0
    assert page.locator("#progress-targets li").count() >= 1
    assert page.locator("#progress-cycle .stat").inner_text().startswith("1/")
    assert page.locator("#progress-tasks svg.stackbar rect").count() >= 2
    _no_hidden_content(page)
    assert _fits(page)

    # The task list, filtered by status (htmx swaps the rows in place).
    page.locator("a[href='/chuong-trinh/50-nq-cp/nhiem-vu/']").first.click()
    page.wait_for_url(f"{base}/chuong-trinh/50-nq-cp/nhiem-vu/")
    page.select_option("#status", "overdue")
    page.wait_for_url("**status=overdue*")
    # The swapped rows, not the unfiltered list that was there before.
    rows = page.locator("table.tasks tbody tr")
    expect(rows).to_have_count(accepted)
    assert {rows.nth(i).get_attribute("data-status") for i in range(rows.count())} == {"overdue"}
    assert rows.first.locator("td[data-label]").count() == 6
    page.select_option("#status", "done_on_time")
    page.wait_for_url("**status=done_on_time*")
    expect(page.locator("table.tasks tbody tr[data-status]")).to_have_count(0)
    _no_hidden_content(page)

    # A task reported on: its accepted result, never the submitted one.
    page.select_option("#status", "overdue")
    page.wait_for_url("**status=overdue*")
    expect(rows).to_have_count(accepted)
    page.locator("table.tasks tbody tr a.task-link").first.click()
    page.wait_for_url(re.compile(r"/chuong-trinh/50-nq-cp/nhiem-vu/[^/?]+/$"))
    assert ACCEPTED_RESULT in page.locator("main").inner_text()
    _no_hidden_content(page)

    # The timeline: the chart on a desk screen, with today's line and every group.
    page.goto(f"{base}/chuong-trinh/50-nq-cp/")
    page.locator("a[href='/chuong-trinh/50-nq-cp/lo-trinh/']").first.click()
    page.wait_for_url(f"{base}/chuong-trinh/50-nq-cp/lo-trinh/")
    assert page.locator(".tl-chart").is_visible()
    assert page.locator(".tl-chart line.tl-today").count() > 10
    assert page.locator(".tl-chart h3.tl-section").count() >= 8
    # Agencies' plans are not public: no plan action on the public timeline.
    assert page.locator(".tl-row-action, .tl-item-action").count() == 0
    assert PLAN_ACTION not in page.content()
    _no_hidden_content(page)
    assert _fits(page)
    if lang == "en":
        # Task text exists only in Vietnamese: it is marked so.
        assert page.locator(".tl-chart .tl-row-task .tl-label a[lang=vi]").count() > 10
    # Filter by agency and group: only that group's sections stay.
    page.select_option("#tl-group", "II.2")
    page.locator("form.filters button").click()
    page.wait_for_url("**group=II.2**")
    refs = page.locator(".tl-chart h3.tl-section .ref").all_inner_texts()
    assert refs[0] == "II.2" and all(not r.startswith("II.1") for r in refs)

    # On a phone the timeline reads as a dated list, without sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/chuong-trinh/50-nq-cp/lo-trinh/")
    # The phone's list first (the page is there), then the chart it replaces is hidden.
    expect(page.locator(".tl-list")).to_be_visible()
    assert not page.locator(".tl-chart").is_visible()
    assert page.locator(".tl-list h3").count() >= 2  # years (periods), and the undated tasks
    assert page.locator(".tl-list .tl-item-period .tl-when").count() >= 1
    assert _fits(page)
    page.goto(f"{base}/chuong-trinh/50-nq-cp/nhiem-vu/")
    assert _fits(page)
    page.set_viewport_size({"width": 1366, "height": 900})

    # The targets: the overview of all targets and one target's page.
    page.goto(f"{base}/chuong-trinh/52-nq-tw/")
    page.locator("a[href='/chi-tieu/']").last.click()
    page.wait_for_url(f"{base}/chi-tieu/")
    page.locator("main a[href^='/chi-tieu/muc-tieu/']").first.click()
    page.wait_for_url("**/chi-tieu/muc-tieu/**")
    assert page.locator("h1").count() == 1
    _no_hidden_content(page)
    assert page.locator("html").get_attribute("lang") == lang
