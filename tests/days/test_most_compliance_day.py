"""MOST's compliance day, in Vietnamese and in English: opens the compliance page on a
desk screen (no horizontal scroll), sorts the đôn đốc league, previews the bulk reminder
(agencies, recipients, message), sends it, sees the result; invites the first person of an
agency that has no account; and the same pages on a phone."""

import pytest
from playwright.sync_api import expect

from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"
# Visible text outside elements marked lang="vi" (agency names without an English name).
TEXT_OUTSIDE_VI = """() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('[lang="vi"], script, style').forEach((e) => e.remove());
  return clone.innerText;
}"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_most_chases_late_agencies_from_the_compliance_page(
    language, browser, seeded_live_server, officer_a, approver_a, officer_b, most_monitor
):
    from django.utils import timezone, translation

    from lotrinh.accounts.models import Role, User
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import compliance, services
    from lotrinh.reporting.models import AgencyReport, ReminderSent

    base = seeded_live_server.url
    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    today = timezone.localdate()
    periods = services.generate_periods(regime, today.year)  # the daily cycle opened them
    year = compliance.default_year(periods, today)
    period = next(p for p in periods if p.year == year)
    # Agency B sent its report on time; agency A (an officer and an approver) has not.
    report_b = services.ensure_report(officer_b.agency, period)
    sent_at = timezone.make_aware(
        timezone.datetime.combine(period.due_date, timezone.datetime.min.time())
    )
    AgencyReport.objects.filter(pk=report_b.pk).update(
        status="submitted", first_submitted_at=sent_at, submitted_at=sent_at
    )

    context = browser.new_context(
        locale="en-US" if language == "en" else "vi-VN", viewport={"width": 1366, "height": 900}
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page = context.new_page()
    patient(page)
    login_page(page, seeded_live_server, most_monitor)

    # The page opens on the period being chased and fits the desk screen.
    page.goto(f"{base}/bao-cao/tinh-hinh/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("#year").input_value() == str(year)
    assert page.evaluate(NO_OVERFLOW)
    # The current cycle by default; every year on demand.
    cycle, _chase = compliance.cycle_of(periods, today)
    assert page.locator("#rates-table tbody tr").count() == len(cycle | {year})
    page.click("#years-scope")
    page.wait_for_url("**years=all**")
    assert page.locator("#rates-table tbody tr").count() == len(periods)
    assert page.locator("#year").input_value() == str(year)
    page.wait_for_selector("#compliance-chart[data-ready='1']")
    row_a = page.locator(f"#compliance-table tr[data-agency='{officer_a.agency.code}']")
    assert row_a.locator("button.remind").count() == 1
    row_b = page.locator(f"#compliance-table tr[data-agency='{officer_b.agency.code}']")
    assert row_b.locator("button.remind").count() == 0
    # Agencies with no account say so, and offer no reminder.
    lonely = page.locator(
        "#compliance-table tr:has(.invite-slot), #compliance-table tr:has(a.invite)"
    )
    assert lonely.count() > 0 and lonely.first.locator("button.remind").count() == 0
    if language == "en":
        # Status words come from the catalogue: once it translates them, no Vietnamese
        # status word is left on the English page (agency names are marked lang="vi").
        labels = compliance.STATE_LABELS.values()
        with translation.override("vi"):
            vietnamese = [str(w) for w in labels]
        with translation.override("en"):
            english = [str(w) for w in labels]
        text = page.evaluate(TEXT_OUTSIDE_VI)
        for vi_word, en_word in zip(vietnamese, english, strict=True):
            if vi_word != en_word:
                assert vi_word not in text

    # Sort the league by "missing", largest first, on the server.
    page.click("#compliance-table th a[data-sort='missing']")
    page.wait_for_url("**sort=-missing**")
    header = page.locator("#compliance-table th[aria-sort]")
    assert header.get_attribute("aria-sort") == "descending"
    missing = [
        int(text)
        for text in page.locator("#compliance-table tbody tr td:nth-child(5)").all_inner_texts()
    ]
    assert missing == sorted(missing, reverse=True) and missing[0] >= 1

    # Preview the bulk reminder: agency A with its people and the message; not agency B.
    page.click("#remind-all")
    page.wait_for_selector("#bulk-preview")
    page.wait_for_load_state()  # the preview read whole: the lists below it are counted
    preview = page.locator(f"#bulk-preview tr[data-agency='{officer_a.agency.code}']")
    assert officer_a.email in preview.inner_text() and approver_a.email in preview.inner_text()
    assert page.locator(f"#bulk-preview tr[data-agency='{officer_b.agency.code}']").count() == 0
    assert page.locator("#bulk-no-account tbody tr").count() > 0
    assert "50/NQ-CP" in page.locator("#reminder-message").inner_text()
    assert page.evaluate(NO_OVERFLOW)
    assert not ReminderSent.objects.filter(kind="manual").exists()  # nothing sent yet

    # Send, and see the result: A reminded today, nobody without an account.
    page.click("#confirm-remind-all")
    page.wait_for_selector(".msg-success")
    page.wait_for_load_state()  # the message heads the answer; the league is read below it
    records = list(ReminderSent.objects.filter(kind="manual"))
    assert [r.agency_id for r in records] == [officer_a.agency.pk]
    first = page.locator("#compliance-table tbody tr").first
    assert first.get_attribute("data-agency") == officer_a.agency.code
    # Reminded on the day of the test, or the next one if the sending crossed midnight.
    reminded = first.locator("td:nth-child(8)").inner_text()
    assert any(f"{day:%d/%m/%Y}" in reminded for day in (today, timezone.localdate())), reminded

    # Back to the preview the same day: nothing left to send, A marked as reminded today.
    page.goto(f"{base}/bao-cao/nhac-tat-ca/")
    expect(preview.locator(".badge-info")).to_have_count(1)  # the preview as it is now
    assert page.locator("#confirm-remind-all").count() == 0
    assert ReminderSent.objects.filter(kind="manual").count() == 1

    # An agency nobody uses yet: MOST invites its first person, an agency administrator.
    page.goto(f"{base}/bao-cao/tinh-hinh/")
    invite = page.locator("#compliance-table a.invite").first
    code = invite.get_attribute("href").rsplit("agency=", 1)[1]
    invite.click()
    page.wait_for_selector("#invite-form")
    assert page.locator("#id_role option").all_inner_texts() == [
        page.locator("#id_role option").first.inner_text()
    ]  # the one role a MOST monitor may give: agency administrator
    page.fill("#id_email", "dau-moi@example.gov.vn")
    page.fill("#id_full_name", "Trần Văn Đầu Mối")
    page.click("#invite-form button.btn-primary")
    page.wait_for_selector(".msg-success")
    page.wait_for_load_state()
    invited = User.objects.get(email="dau-moi@example.gov.vn")
    assert (invited.agency.code, invited.role) == (code, Role.AGENCY_ADMIN)
    row = page.locator(f"#compliance-table tr[data-agency='{code}']")
    assert row.count() == 0 or row.locator("a.invite").count() == 0

    # On a phone: the compliance page and the preview have no horizontal scroll.
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/bao-cao/tinh-hinh/", "/bao-cao/nhac-tat-ca/"):
        page.goto(base + path)
        assert page.evaluate(NO_OVERFLOW), path
    context.close()
