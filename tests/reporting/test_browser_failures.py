"""In the browser, a per-task save ("Lưu nhiệm vụ này", htmx) that fails says so, next
to the button, and leaves what was typed on the page: a file over the limit (refused
before it is sent), a 413 from the server, an expired session (403 from CSRF), a server
error, a whole page where a fragment was expected, a network error. After signing in
again in another tab, the same page saves (static/js/site.js, core/frame.py)."""

from urllib.parse import quote

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import login_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"


def _open(page, server, officer, regime):
    from lotrinh.reporting import services

    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer.agency, period)
    login_page(page, server, officer)
    page.goto(f"{server.url}/bao-cao/{report.pk}/")
    entry = report.entries.order_by("task__position").first()
    form = page.locator(f"#entry-{entry.pk}")
    form.locator("textarea[name$='-result']").fill("Kết quả chưa lưu của tôi")
    return report, entry, form


def _failure(form):
    notice = form.locator(".htmx-failure")
    notice.wait_for()
    return notice.inner_text()


def _kept(form, entry):
    assert form.locator("textarea[name$='-result']").input_value() == "Kết quả chưa lưu của tôi"
    entry.refresh_from_db()
    assert entry.result == ""


def test_a_file_over_the_limit_is_refused_before_it_is_sent(
    page, seeded_live_server, officer_a, regime, pages_rendered
):
    with override_settings(LOTRINH_EVIDENCE_MAX_BYTES=100_000):
        _report, entry, form = _open(page, seeded_live_server, officer_a, regime)
        file_input = form.locator("input[type=file]")
        assert file_input.get_attribute("data-max-bytes") == "100000"
        assert "tối đa 97 KB" in form.inner_text()
        sent = []
        page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
        file_input.set_input_files(
            {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        form.locator("button.entry-save").click()
        text = _failure(form)
    assert "bien-ban.pdf" in text and "quá lớn" in text and "chưa gửi" in text
    assert sent == []
    _kept(form, entry)
    # The file taken off, the next save fails for another reason (the session expired):
    # only that reason is shown, not the old refusal of a file no longer there.
    file_input.set_input_files([])
    page.context.clear_cookies()
    with page.expect_response(lambda r: r.request.method == "POST"):
        form.locator("button.entry-save").click()
    page.wait_for_function("document.querySelectorAll('.htmx-failure').length > 0")
    failures = form.locator(".htmx-failure").all_inner_texts()
    assert len(failures) == 1 and "quá lớn" not in failures[0], failures


def test_a_413_from_the_server_says_the_file_is_too_large(
    page, seeded_live_server, officer_a, regime, pages_rendered
):
    with override_settings(LOTRINH_MAX_UPLOAD_BYTES=50_000):
        _report, entry, form = _open(page, seeded_live_server, officer_a, regime)
        form.locator("input[type=file]").set_input_files(
            {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        with page.expect_response(lambda r: r.status == 413):
            form.locator("button.entry-save").click()
        text = _failure(form)
    assert "quá lớn" in text and "vẫn còn trên trang" in text
    _kept(form, entry)


def test_an_expired_session_says_so_and_saves_after_signing_in_again(
    page, seeded_live_server, officer_a, regime
):
    _report, entry, form = _open(page, seeded_live_server, officer_a, regime)
    page.context.clear_cookies()
    with page.expect_response(lambda r: r.status == 403):
        form.locator("button.entry-save").click()
    text = _failure(form)
    assert "Phiên làm việc đã hết hạn" in text and "vẫn còn trên trang" in text
    login = reverse("accounts:login") + "?next=" + quote(f"/bao-cao/{entry.report_id}/", safe="")
    assert form.locator(".htmx-failure a").get_attribute("href") == login
    _kept(form, entry)
    # Signed in again in another tab: this page's save goes through with what was typed.
    other = page.context.new_page()
    login_page(other, seeded_live_server, officer_a)
    other.goto(f"{seeded_live_server.url}/bao-cao/")
    form.locator("button.entry-save").click()
    page.wait_for_selector(f"#entry-{entry.pk} .saved")
    assert form.locator(".htmx-failure").count() == 0
    entry.refresh_from_db()
    assert entry.result == "Kết quả chưa lưu của tôi"


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (500, "<h1>Server Error</h1>", "Máy chủ gặp lỗi (500)"),
        (502, "<html><body>Bad gateway</body></html>", "Máy chủ gặp lỗi (502)"),
        (400, "<!DOCTYPE html><html><body><h1>Bad Request (400)</h1></body></html>", "lỗi 400"),
        (404, "<h1>Not found</h1>", "lỗi 404"),
    ],
)
def test_an_error_the_view_did_not_answer_leaves_the_form_and_says_so(
    page, seeded_live_server, officer_a, regime, status, body, expected
):
    _report, entry, form = _open(page, seeded_live_server, officer_a, regime)
    page.route(
        f"**/bao-cao/{entry.report_id}/**",
        lambda route: (
            route.fulfill(status=status, body=body, content_type="text/html")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    form.locator("button.entry-save").click()
    assert expected in _failure(form)
    assert page.locator(f"#entry-{entry.pk} textarea[name$='-result']").count() == 1
    _kept(form, entry)


def test_a_network_error_says_so(page, seeded_live_server, officer_a, regime):
    _report, entry, form = _open(page, seeded_live_server, officer_a, regime)
    page.route(
        f"**/bao-cao/{entry.report_id}/**",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    form.locator("button.entry-save").click()
    assert "Không kết nối được tới máy chủ" in _failure(form)
    _kept(form, entry)
