"""The site menu's links after "Programme" and "Agencies" (the frame, `core/frame.py`).

Written directly, not by a template: every page shows it. The links depend only on the
page's language, whether someone is signed in and the person's capabilities, so each
combination is written once per process (`menu_links`); the unread count, which is live
data, is put in on every request by `core/frame.py`. `tests/core/test_frame.py` checks the
result against the template this replaces.
"""

from functools import lru_cache

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, gettext_noop

from lotrinh.accounts import permissions as perms

# makemessages reads no expression inside an f-string: the texts written below are
# marked here so that they stay in the catalogue.
_TEXTS = (
    gettext_noop("Báo cáo"),
    gettext_noop("Công bố"),
    gettext_noop("Công khai"),
    gettext_noop("Kiểm tra chữ ký số"),
    gettext_noop("Mục tiêu"),
    gettext_noop("Người dùng"),
    gettext_noop("Nhập văn bản"),
    gettext_noop("Thông báo"),
    gettext_noop("Tình hình báo cáo"),
    gettext_noop("Tổng quan"),
    gettext_noop("Văn bản báo cáo"),
    gettext_noop("chưa đọc"),
)


@lru_cache(maxsize=256)
def menu_links(
    language: str,
    signed_in: bool,
    capabilities: frozenset[str],
    documents: bool = False,
    activity: bool = False,
) -> tuple[str, str]:
    """The menu's links in `language` (the active one), in two parts: before the
    notifications link (which carries the unread count) and after it. The
    notifications link itself is `notifications_link`. `documents`: may the person open
    the documents page (`perms.may_open_documents`, which the page itself asks: it
    depends on data, not on the capabilities alone). `activity`: may the person read the
    activity log (`perms.may_read_activity_log`: an approver of an agency reads the
    agency's, one of a unit her unit's; a reporter, with the same menu otherwise, none)."""
    may_report = perms.VIEW_REPORT in capabilities
    before = []
    if signed_in:
        before.append(
            f'<a href="{reverse("dashboard:home")}" id="nav-overview">'
            f"{escape(gettext('Tổng quan'))}</a>"
        )
    before.append(f'<a href="/chi-tieu/">{escape(gettext("Mục tiêu"))}</a>')
    before.append(f'<a href="{reverse("portal:overview")}">{escape(gettext("Công khai"))}</a>')
    if perms.MANAGE_PUBLICATION in capabilities:
        before.append(f'<a href="{reverse("portal:manage")}">{escape(gettext("Công bố"))}</a>')
    if may_report:
        before.append(f'<a href="/bao-cao/">{escape(gettext("Báo cáo"))}</a>')
    if perms.VIEW_COMPLIANCE in capabilities:
        before.append(f'<a href="/bao-cao/tinh-hinh/">{escape(gettext("Tình hình báo cáo"))}</a>')
    if perms.IMPORT_PROGRAMME in capabilities:
        before.append(f'<a href="/nhap-van-ban/">{escape(gettext("Nhập văn bản"))}</a>')
    if documents:
        before.append(f'<a href="/van-ban-bao-cao/">{escape(gettext("Văn bản báo cáo"))}</a>')
    if perms.VERIFY_SIGNATURE in capabilities:
        before.append(
            f'<a href="{reverse("signing:verify")}">{escape(gettext("Kiểm tra chữ ký số"))}</a>'
        )
    after = []
    if perms.MANAGE_USERS in capabilities:
        after.append(f'<a href="{reverse("accounts:users")}">{escape(gettext("Người dùng"))}</a>')
    if activity:
        label = escape(gettext("Nhật ký"))  # outside the f-string: makemessages reads it
        after.append(f'<a href="{reverse("core:activity")}" id="nav-activity">{label}</a>')
    return "\n".join(before), "\n".join(after)


@lru_cache(maxsize=8)
def _notifications_parts(language: str) -> tuple[str, str, str]:
    return (
        f'<a href="{reverse("reporting:notifications")}" id="nav-notifications">'
        f"{escape(gettext('Thông báo'))}",
        ' <span class="nav-badge" id="nav-unread">',
        f'<span class="visually-hidden"> {escape(gettext("chưa đọc"))}</span></span>',
    )


def notifications_link(language: str, unread: int) -> str:
    """The link to the person's notifications, with the unread count when there is one."""
    start, badge, badge_end = _notifications_parts(language)
    if unread:
        return f"{start}{badge}{int(unread)}{badge_end}</a>"
    return f"{start}</a>"
