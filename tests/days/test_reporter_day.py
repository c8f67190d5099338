"""The reporter's day: fill an entry, see a field error, meet a colleague's conflict and
merge it, save all, and ask the leader to approve — in Vietnamese and in English."""

import datetime

import pytest

from lotrinh.core.audit import events_for
from tests.conftest import make_user
from tests.core.pending_english import add_pending_english
from tests.days.report_days import TEXT, leaves_with_warning, period_2024, session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_reporters_day(lang, browser, seeded_live_server, monkeypatch):
    from lotrinh.reporting import services

    # The date's refusal (core.dates.document_day_problem) until the lead applies it.
    add_pending_english(monkeypatch, "conform")

    officer = make_user("reporter_day", "bo-y-te", "reporter")
    colleague = make_user("colleague_day", "bo-y-te", "reporter")
    period = period_2024()
    report = services.ensure_report(officer.agency, period)
    entries = list(report.entries.order_by("task__position"))
    first, second, third = entries[:3]
    url = f"{seeded_live_server.url}/bao-cao/{report.pk}/"
    page = session(browser, seeded_live_server, officer, lang)
    page.goto(url)
    assert page.locator("#next-step").is_visible()

    # Fill an entry and save it: "saved at hh:mm" appears in place.
    form = page.locator(f"#entry-{first.pk}")
    form.locator("select[name$='-status']").select_option("in_progress")
    form.locator("textarea[name$='-result']").fill("Đã xây dựng dự thảo kế hoạch")
    assert leaves_with_warning(page)
    before = datetime.datetime.now()
    form.locator("button.entry-save").click()
    page.wait_for_selector(f"#entry-{first.pk} .saved")
    # The hour of the save, read before and after it (it may fall on either side of hh:00).
    hours = {f"{moment:%H}:" for moment in (before, datetime.datetime.now())}
    saved = page.locator(f"#entry-{first.pk} .saved").inner_text()
    assert any(hour in saved for hour in hours), (hours, saved)
    assert not leaves_with_warning(page)
    first.refresh_from_db()
    assert first.result == "Đã xây dựng dự thảo kế hoạch"

    # A future document date: the message stands next to the date field, nothing saved.
    form = page.locator(f"#entry-{second.pk}")
    future = datetime.date.today() + datetime.timedelta(days=5)
    form.locator("input[name$='-evidence_date']").fill(future.isoformat())
    form.locator("button.entry-save").click()
    page.wait_for_selector(f"#entry-{second.pk} .field-error")
    error = page.locator(f"#entry-{second.pk} .field-error").first
    assert TEXT[lang]["future"] in error.inner_text()
    assert error.locator("input[name$='-evidence_date']").count() == 1
    second.refresh_from_db()
    assert second.version == 1 and second.evidence_date is None

    # A colleague, in her own session, saves the same task first.
    other = session(browser, seeded_live_server, colleague, lang)
    other.goto(url)
    theirs = other.locator(f"#entry-{second.pk}")
    theirs.locator("select[name$='-status']").select_option("overdue")
    theirs.locator("textarea[name$='-result']").fill("Bản của đồng nghiệp")
    theirs.locator("button.entry-save").click()
    other.wait_for_selector(f"#entry-{second.pk} .saved")

    form = page.locator(f"#entry-{second.pk}")
    form.locator("input[name$='-evidence_date']").fill("")
    form.locator("textarea[name$='-result']").fill("Bản của tôi")
    form.locator("button.entry-save").click()
    page.wait_for_selector(f"#entry-{second.pk} .conflict")
    conflict = page.locator(f"#entry-{second.pk} .conflict").inner_text()
    assert "Bản của đồng nghiệp" in conflict and "Bản của tôi" in conflict
    assert "Colleague Day" in conflict
    # Merge: take their status, keep my result; then save against the new version.
    page.locator(f"input[name='e{second.pk}-take-status'][value='theirs']").check()
    assert form.locator("select[name$='-status']").input_value() == "overdue"
    assert form.locator("textarea[name$='-result']").input_value() == "Bản của tôi"
    form.locator("button.entry-save").click()
    page.wait_for_selector(f"#entry-{second.pk} .saved")
    second.refresh_from_db()
    assert (second.status, second.result) == ("overdue", "Bản của tôi")

    # Save all: two changed units are saved, the untouched ones keep their version.
    page.locator(f"#entry-{third.pk} textarea[name$='-result']").fill("Kết quả thứ ba")
    page.fill("textarea[name='general_assessment']", "Năm 2024 Bộ đã triển khai đúng kế hoạch.")
    assert leaves_with_warning(page)
    page.click("#save-all")
    page.wait_for_selector(".messages .msg-success")
    assert third.task.ref in page.locator(".messages").inner_text()
    third.refresh_from_db()
    report.refresh_from_db()
    assert third.result == "Kết quả thứ ba"
    assert report.general_assessment == "Năm 2024 Bộ đã triển khai đúng kế hoạch."
    untouched = report.entries.exclude(pk__in=[first.pk, second.pk, third.pk])
    assert set(untouched.values_list("version", flat=True)) <= {1}

    # Save all with a conflict on one task: the other is saved, the conflict is shown.
    fourth = entries[3] if len(entries) > 3 else entries[0]
    page.locator(f"#entry-{third.pk} textarea[name$='-result']").fill("Thứ ba, sửa lần hai")
    page.locator(f"#entry-{fourth.pk} textarea[name$='-difficulties']").fill("Thiếu kinh phí")
    other.goto(url)
    other.locator(f"#entry-{third.pk} textarea[name$='-result']").fill("Đồng nghiệp sửa thứ ba")
    other.locator(f"#entry-{third.pk} button.entry-save").click()
    other.wait_for_selector(f"#entry-{third.pk} .saved")
    # The answer is a whole page: wait until it has loaded (its script counts the refused
    # change as unsaved, and the conflict stands below the summary); the summary alone
    # shows while the page is still being read.
    with page.expect_navigation():
        page.click("#save-all")
    page.wait_for_selector("#save-summary")
    summary = page.locator("#save-summary")
    assert summary.locator(".summary-saved").count() == 1
    assert summary.locator(".summary-conflict").inner_text().startswith(third.task.ref)
    assert page.locator(f"#entry-{third.pk} .conflict").is_visible()
    assert leaves_with_warning(page)  # the refused change is still only on the page
    fourth.refresh_from_db()
    assert fourth.difficulties == "Thiếu kinh phí"
    page.locator(f"#entry-{third.pk} button.entry-save").click()  # keep mine
    page.wait_for_selector(f"#entry-{third.pk} .saved")
    third.refresh_from_db()
    assert third.result == "Thứ ba, sửa lần hai"

    # Ask the leader to approve, after a confirmation that summarises the report.
    page.goto(url)
    asked_on = datetime.date.today()
    page.click("a#request-approval")
    page.wait_for_selector("#confirm-summary")
    assert str(len(entries)) in page.locator("#confirm-summary li").first.inner_text()
    page.click("#confirm-action")
    page.wait_for_selector("#report-status")
    assert TEXT[lang]["draft"] in page.locator("#report-status").inner_text()
    assert events_for(report).filter(action="report.approval_requested", actor=officer).count() == 1
    # The day of the request, read before and after it (it may fall on either side of 0:00).
    days = {f"{day:%d/%m/%Y}" for day in (asked_on, datetime.date.today())}
    next_step = page.locator("#next-step").inner_text()
    assert any(day in next_step for day in days), (days, next_step)
    other.context.close()
    page.context.close()
