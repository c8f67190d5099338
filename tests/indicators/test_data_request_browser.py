"""A data request end to end, in the browser: MOST asks the producing ministry for the
commune broadband figure, its reporter answers with a figure and its source, MOST
approves, the target's status and chart change, and compliance shows it answered on time."""

import json

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_data_request_is_answered_reviewed_and_counted_on_time(page, seeded_live_server):
    from lotrinh.accounts.models import Role
    from lotrinh.indicators.models import DataRequest, Target
    from lotrinh.reporting.models import Notification
    from tests.conftest import MOST, login_page, make_user

    base = seeded_live_server.url
    monitor = make_user("monitor", MOST, Role.MOST_MONITOR)
    # MIC produced the figure; since the 2025 merger its successor is MOST.
    reporter = make_user("most_reporter", MOST, Role.REPORTER)
    target = Target.objects.get(code="BROADBAND_COMMUNE_COVERAGE", is_current=True)

    login_page(page, seeded_live_server, monitor)
    page.goto(f"{base}/chi-tieu/muc-tieu/{target.pk}/")
    assert "Chưa đủ dữ liệu" in page.locator("section.card").first.inner_text()
    page.goto(f"{base}/chi-tieu/BROADBAND_COMMUNE_COVERAGE/")
    # The indicator's page is there (its observations table), then: no figure, no chart.
    page.locator("#observations").wait_for()
    assert page.locator("#chart-data").count() == 0
    page.get_by_role("link", name="Gửi yêu cầu số liệu").click()
    form = page.locator("#request-form")
    assert (
        "Bộ Khoa học và Công nghệ"
        in form.locator("select[name=agency] option:checked").inner_text()
    )
    form.locator("input[name=year]").fill("2025")
    form.get_by_role("button", name="Gửi yêu cầu").click()
    page.wait_for_selector(".msg-success")
    request = DataRequest.objects.get(indicator__code="BROADBAND_COMMUNE_COVERAGE")
    assert request.agency.code == MOST and request.status == "open"
    assert Notification.objects.filter(user=reporter, link__contains=str(request.pk)).exists()

    # The ministry's reporter finds it among the agency's obligations and answers it.
    page.context.clear_cookies()
    login_page(page, seeded_live_server, reporter)
    page.goto(f"{base}/tong-quan/")
    page.locator("#data-requests").get_by_role("link").first.click()
    answer = page.locator("#answer-form")
    answer.locator("input[name=value]").fill("97.5")
    answer.locator("input[name=citation]").fill("Bộ KH&CN, báo cáo hạ tầng viễn thông 2025")
    answer.locator("input[name=source_url]").fill("https://mst.gov.vn/bao-cao-ha-tang-2025")
    answer.get_by_role("button", name="Gửi số liệu").click()
    page.wait_for_selector(".msg-success")
    assert "Chờ Bộ KH&CN duyệt" in page.locator("body").inner_text()

    # MOST approves the figure from the indicator page, like any other value.
    page.context.clear_cookies()
    login_page(page, seeded_live_server, monitor)
    page.goto(f"{base}/chi-tieu/BROADBAND_COMMUNE_COVERAGE/")
    page.locator("#pending").get_by_role("button", name="Duyệt").click()
    page.wait_for_selector(".msg-success")
    # The chart drawn: the page has been read whole, its data with it.
    page.wait_for_selector("#indicator-chart[data-ready='1']")
    chart = json.loads(page.locator("#chart-data").text_content())
    assert chart["observed"] == [[2025, 97.5]]
    assert chart["backing"] == {"2025": "confirmed_official"}
    page.goto(f"{base}/chi-tieu/muc-tieu/{target.pk}/")
    status = page.locator("section.card").first.inner_text()
    assert "Chưa đủ dữ liệu" not in status and "Không đạt" in status

    page.goto(f"{base}/bao-cao/tinh-hinh/")
    row = page.locator(f"#data-requests #request-{request.pk}")
    assert "Trả lời đúng hạn" in row.inner_text()
