"""Shared steps of the reporting days (reporter, approver, MOST review)."""

from typing import Any

from lotrinh.accounts.models import User
from tests.conftest import login_page, patient

# Texts of existing catalogue entries, by language (new texts are checked by structure).
TEXT = {
    "vi": {
        "future": "tương lai",
        "draft": "Đang soạn",
        "approved": "Lãnh đạo đã duyệt",
        "submitted": "Đã gửi",
        "returned": "Bị trả lại",
        "accepted": "Đã tiếp nhận",
    },
    "en": {
        "future": "future",
        "draft": "Draft",
        "approved": "Approved by the leader",
        "submitted": "Submitted",
        "returned": "Returned",
        "accepted": "Accepted",
    },
}


def session(browser: Any, server: Any, user: User, lang: str) -> Any:
    """A browser page signed in as `user`, with the interface in `lang`."""
    context = browser.new_context(locale="vi-VN" if lang == "vi" else "en-GB")
    context.add_cookies([{"name": "django_language", "value": lang, "url": server.url}])
    page = context.new_page()
    patient(page)
    login_page(page, server, user)
    return page


def confirm(page: Any, action: str, text: str = "") -> None:
    """Open the confirmation of a step from the report page and confirm it."""
    page.click(f"a#{action}")
    page.wait_for_selector("#confirm-action")
    if text:
        page.fill("#confirm-text", text)
    page.click("#confirm-action")
    page.wait_for_selector("#report-status")
    page.wait_for_load_state()  # the report page, read whole (the status shows first)


def leaves_with_warning(page: Any) -> bool:
    """Would leaving the page now ask first? (the page's beforeunload handler)"""
    return bool(
        page.evaluate(
            "() => { const e = new Event('beforeunload', {cancelable: true});"
            " window.dispatchEvent(e); return e.defaultPrevented; }"
        )
    )


def period_2024() -> Any:
    """The 2024 period of the annual report of resolution 50/NQ-CP."""
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    return next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
