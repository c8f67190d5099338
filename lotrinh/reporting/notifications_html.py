"""The items of the notifications page, written directly as HTML.

A person may have up to a hundred notifications on the page, each with its badge, date,
and one or two forms: through the template that was a URL reversal, a date filter and
up to four translations an item. This writes the same markup with the URLs reversed
once and the words translated once.

`reporting/_notification_items.html` is the template loop it replaced;
`tests/reporting/test_notifications_html.py` checks that both give the same HTML in
Vietnamese and English: change them together.
"""

from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lotrinh.core.direct_html import value_html as _e
from lotrinh.core.frame import _csrf_field
from lotrinh.core.locale import format_datetime

_OPEN_SAMPLE = 987_654_321


def notification_items(items: list[Any], csrf_token: Any) -> SafeString:
    """The `<li>` of every notification of `items`, or the "none" item."""
    if not items:
        return mark_safe(f'<li class="muted">{_("Không có thông báo.")}</li>')
    w = {
        # As `{% translate %}` of a literal writes them: not escaped.
        "unread": _("Chưa đọc"),
        "read": _("Đã đọc"),
        "open": _("Mở"),
        "mark": _("Đánh dấu đã đọc"),
    }
    csrf = _csrf_field(csrf_token)
    read_url = _e(reverse("reporting:notifications_read"))
    open_url = reverse("reporting:notification_open", args=[_OPEN_SAMPLE])
    head, _sample, tail = open_url.partition(str(_OPEN_SAMPLE))
    out = []
    for n in items:
        pk = _e(n.pk)
        unread = not n.read_at
        badge = f'<span class="badge badge-info">{w["unread"]}</span> ' if unread else ""
        when = _e(format_datetime(n.created_at))
        seen = "" if unread else f" · {w['read']}"
        opener = (
            f'<form method="post" action="{_e(head + str(n.pk) + tail)}">{csrf}'
            f'<button class="btn btn-primary notification-open">{w["open"]}</button></form>'
            if n.link
            else ""
        )
        marker = (
            f'<form method="post" action="{read_url}">{csrf}<input type="hidden"'
            f' name="notification" value="{pk}"><button class="btn">{w["mark"]}</button></form>'
            if unread
            else ""
        )
        out.append(
            f'<li id="notification-{pk}" class="card {"unread" if unread else "is-read"}">\n'
            f'  <p class="flush">{badge}{n.shown_html}</p>\n'
            f'  <p class="small muted flush-small"><span class="nowrap">{when}</span>{seen}</p>\n'
            f'  <div class="toolbar">{opener}\n'
            f"  {marker}</div>\n"
            "</li>"
        )
    return mark_safe("".join(out))  # noqa: S308 (every value escaped above)
