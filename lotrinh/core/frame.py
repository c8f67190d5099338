"""The site's frame (base.html: the head, the header with brand, language form, menu and
the person's line, messages, footer), written directly.

Every page pays for its frame, and a template of it (a dozen translations, URL reversals,
three CSRF fields, an include with capability tags) cost more than the data of the small
pages. What does not depend on the request (the words and links, by language, signed in
or not, and capabilities) is written once per process; what does (the CSRF token, the
page's path, the person's name and agency, the unread count: live, one query) is put in
on every request. `tests/core/test_frame.py` checks the result against the template it
replaces, for each persona and language.
"""

from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, pgettext

from lotrinh.accounts.permissions import (
    capabilities_of,
    may_open_documents,
    may_read_activity_log,
)
from lotrinh.portal.nav import menu_links, notifications_link

# makemessages reads no expression inside an f-string: the texts written below are
# marked here so that they stay in the catalogue.
_TEXTS = (
    gettext_noop("Bỏ qua, tới nội dung chính"),
    gettext_noop("Chương trình"),
    gettext_noop("Cơ quan"),
    gettext_noop("Lộ trình"),
    gettext_noop("Lộ trình — dữ liệu từ văn bản gốc; mỗi số liệu kèm nguồn trích dẫn."),
    gettext_noop("Theo dõi thực hiện chương trình hành động"),
    gettext_noop("Trình đơn"),
    gettext_noop("Điều hướng chính"),
    gettext_noop("Đăng nhập"),
    gettext_noop("Đăng xuất"),
    gettext_noop("Đổi mật khẩu"),
)


@lru_cache(maxsize=8)
def _parts(language: str) -> dict[str, str]:
    """The words and links of the frame in `language` (the active one)."""
    switch = (
        '<button name="language" value="en" class="linkish" lang="en">English</button>'
        if language == "vi"
        else '<button name="language" value="vi" class="linkish" lang="vi">Tiếng Việt</button>'
    )
    return {
        "top": (
            '  <header class="topbar">\n'
            '    <div class="wrap topbar-inner">\n'
            f'      <a class="brand" href="{reverse("portal:home")}">{escape(gettext("Lộ trình"))}'
            f'<span class="brand-sub">'
            f"{escape(gettext('Theo dõi thực hiện chương trình hành động'))}</span></a>\n"
            f'      <form action="{reverse("set_language")}" method="post" class="langform">'
        ),
        "switch": (
            f"\n        {switch}\n"
            "      </form>\n"
            '      <button type="button" class="menu-toggle" aria-expanded="false"'
            f' aria-controls="site-menu">{escape(gettext("Trình đơn"))}</button>\n'
            '      <div class="site-menu" id="site-menu">\n'
            f'        <nav class="mainnav" aria-label="{escape(gettext("Điều hướng chính"))}">\n'
            f'          <a href="{reverse("portal:home")}">{escape(gettext("Chương trình"))}</a>\n'
            f'          <a href="{reverse("agencies:list")}">{escape(pgettext("danh sách", "Cơ quan"))}</a>\n'
        ),
        "user": '        </nav>\n        <div class="usernav">\n',
        "password": (
            f'\n            <a href="{reverse("accounts:password_change")}">'
            f"{escape(gettext('Đổi mật khẩu'))}</a>\n"
            f'            <form action="{reverse("accounts:logout")}" method="post" class="inline">'
        ),
        "logout": f'<button class="linkish">{escape(gettext("Đăng xuất"))}</button></form>\n',
        "login": (
            f'            <a href="{reverse("accounts:login")}?next={{next}}">'
            f"{escape(gettext('Đăng nhập'))}</a>\n"
        ),
        "end": "        </div>\n      </div>\n    </div>\n  </header>\n",
    }


def _csrf_field(token: Any) -> str:
    """`{% csrf_token %}`: the hidden field, or nothing when the page has no token."""
    if token and token != "NOTPROVIDED":
        return (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{conditional_escape(token)}">'
        )
    return ""


def unread_count(user: Any) -> int:
    """How many unread notifications `user` has: live, one query on every signed-in page,
    written in SQL (`SELECT COUNT(*)`, the table and columns from the model) because the
    ORM took ten times the query's own time to build it.
    `tests/core/test_frame.py` compares it with the ORM's count."""
    from django.db import connection

    from lotrinh.reporting.models import Notification

    meta, quote = Notification._meta, connection.ops.quote_name
    sql = (
        f"SELECT COUNT(*) FROM {quote(meta.db_table)}"
        f" WHERE {quote(str(meta.get_field('user').column))} = %s"
        f" AND {quote(str(meta.get_field('read_at').column))} IS NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def header_html(context: Any) -> SafeString:
    """base.html's `<header>` for the page being rendered (`context`: its template
    context; a view that has counted the person's unread notifications already puts
    the number in `nav_unread`, one that has asked `may_open_documents` its answer in
    `nav_documents`)."""
    from lotrinh.core.locale import active_language
    from lotrinh.core.templatetags.lotrinh_tags import agency_name

    request = context.get("request")
    language = active_language()
    parts = _parts(language)
    csrf = _csrf_field(context.get("csrf_token"))
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    capabilities = capabilities_of(user) if signed_in else frozenset()
    # The documents page's own rule, so that the menu never links to a page that refuses
    # (the documents page, which has just asked it, puts the answer in `nav_documents`).
    documents = context.get("nav_documents")
    if documents is None:
        documents = signed_in and may_open_documents(user)
    activity = signed_in and may_read_activity_log(user)
    before, after = menu_links(language, signed_in, capabilities, documents, activity)
    out = [
        parts["top"],
        csrf,
        '\n        <input name="next" type="hidden" value="',
        escape(request.get_full_path()) if request is not None else "",
        '">',
        parts["switch"],
        "          ",
        before,
    ]
    if signed_in:
        unread = context.get("nav_unread")
        if unread is None:
            unread = unread_count(user)
        out += ["\n", notifications_link(language, unread)]
    if after:
        out += ["\n", after]
    out += ["\n", parts["user"]]
    if user is not None and signed_in:
        agency = user.agency
        out += [
            '            <span class="whoami"><span class="whoami-name" lang="vi">',
            escape(str(user)),
            "</span>",
            f' <span class="whoami-agency">{agency_name(agency)}</span>' if agency else "",
            "</span>",
            parts["password"],
            csrf,
            parts["logout"],
        ]
    else:
        path = quote(request.path) if request is not None else ""
        out.append(parts["login"].replace("{next}", escape(path)))
    out.append(parts["end"])
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


@lru_cache(maxsize=8)
def _page_parts(language: str) -> tuple[str, str, str]:
    """The parts of the page around the header and the blocks, in `language`."""
    opening = (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "  <title>"
    )
    # htmx settings, one JSON object: no injected style element (the CSP allows none);
    # errors (400, 409, 422) are swapped in place so a refused save shows its message.
    # Add keys here.
    head = (
        f" · {escape(gettext('Lộ trình'))}</title>\n"
        f'  <link rel="stylesheet" href="{escape(static("css/site.css"))}">\n'
        """  <meta name="htmx-config" content='{"includeIndicatorStyles": false, """
        """"responseHandling": [{"code": "204", "swap": false}, {"code": "[23]..", "swap": true}, """
        """{"code": "(400|409|422)", "swap": true, "error": false}, """
        """{"code": "[45]..", "swap": false, "error": true}]}'>\n"""
        f'  <script src="{escape(static("vendor/htmx.min.js"))}" defer></script>\n  '
    )
    end = (
        "\n  </main>\n"
        '  <footer class="footer wrap">\n'
        f"    <p>{escape(gettext('Lộ trình — dữ liệu từ văn bản gốc; mỗi số liệu kèm nguồn trích dẫn.'))}</p>\n"
        "  </footer>\n"
        f'  <script src="{escape(static("js/site.js"))}" defer></script>\n  '
    )
    return opening, head, end


def opening_html() -> SafeString:
    """From the doctype to `<title>` (the page's title block follows)."""
    from lotrinh.core.locale import active_language

    return mark_safe(_page_parts(active_language())[0])  # noqa: S308


def head_html() -> SafeString:
    """The rest of `<head>` after the page's title (its `extra_head` block follows)."""
    from lotrinh.core.locale import active_language

    return mark_safe(_page_parts(active_language())[1])  # noqa: S308


def _failure_words(language: str) -> str:
    """The body's data-fail-* attributes: what static/js/site.js says when an htmx request
    fails, in `language` ({status}, {name}, {size}, {limit} are filled in by the script).
    The limits are read from the settings on each call (the words are cached by them)."""
    from lotrinh.core.uploads import limit
    from lotrinh.reporting.evidence import max_bytes

    return _failure_words_for(language, limit("LOTRINH_MAX_UPLOAD_BYTES"), max_bytes())


@lru_cache(maxsize=8)
def _failure_words_for(language: str, request_limit: int, file_limit: int) -> str:
    from lotrinh.core.uploads import size_text

    words = {
        # A 413 comes from the request's limit (core/uploads.UploadLimitMiddleware): it
        # names that one, and the evidence file's own limit beside it.
        "fail-too-large": gettext(
            "Chưa lưu: dữ liệu gửi lên quá lớn nên máy chủ không nhận (mỗi lần gửi tối đa "
            "%(limit)s; tệp minh chứng tối đa %(file_limit)s). Hãy chọn tệp nhỏ hơn rồi lưu "
            "lại; nội dung bạn đã nhập vẫn còn trên trang này."
        )
        % {
            "limit": size_text(request_limit, language),
            "file_limit": size_text(file_limit, language),
        },
        "fail-session": gettext(
            "Phiên làm việc đã hết hạn nên chưa lưu được. Hãy đăng nhập lại ở thẻ mới rồi "
            "quay lại đây bấm lưu lần nữa; nội dung bạn đã nhập vẫn còn trên trang này."
        ),
        "fail-forbidden": gettext(
            "Chưa thực hiện được: bạn không còn quyền làm việc này (báo cáo có thể vừa được "
            "gửi đi) hoặc phiên làm việc đã hết hạn. Nội dung bạn đã nhập vẫn còn trên "
            "trang này; hãy mở lại trang ở thẻ mới để xem tình trạng hiện tại."
        ),
        "fail-server": gettext(
            "Máy chủ gặp lỗi (%(status)s) nên chưa thực hiện được. Nội dung bạn đã nhập vẫn "
            "còn trên trang này; hãy thử lại sau ít phút."
        )
        % {"status": "{status}"},
        "fail-other": gettext(
            "Chưa thực hiện được (lỗi %(status)s). Nội dung bạn đã nhập vẫn còn trên trang "
            "này; hãy mở lại trang ở thẻ mới rồi thử lại."
        )
        % {"status": "{status}"},
        "fail-network": gettext(
            "Không kết nối được tới máy chủ nên chưa thực hiện được. Nội dung bạn đã nhập "
            "vẫn còn trên trang này; hãy kiểm tra mạng rồi thử lại."
        ),
        "fail-file": gettext(
            "Tệp “%(name)s” quá lớn (%(size)s; tối đa %(limit)s): chưa gửi gì. Hãy chọn "
            "tệp nhỏ hơn."
        )
        % {"name": "{name}", "size": "{size}", "limit": "{limit}"},
        "login-url": reverse("accounts:login"),
        "login-text": gettext("Đăng nhập lại (mở thẻ mới)"),
    }
    return "".join(f' data-{key}="{escape(text)}"' for key, text in words.items())


def body_html(context: Any) -> SafeString:
    """From `</head>` to the start of the page's content: the skip link, the header and
    the messages."""
    from lotrinh.core.locale import active_language

    token = context.get("csrf_token")
    out = [
        "</head>\n",
        f"""<body hx-headers='{{"X-CSRFToken": "{conditional_escape(str(token or ""))}"}}'"""
        f"{_failure_words(active_language())}>\n",
        f'  <a class="skip" href="#main">{escape(gettext("Bỏ qua, tới nội dung chính"))}</a>\n',
        header_html(context),
        '  <main id="main" class="wrap">\n    ',
    ]
    messages = context.get("messages")
    if messages:
        out.append('<ul class="messages">')
        for message in messages:
            out.append(
                f'<li class="msg msg-{conditional_escape(str(message.tags))}">'
                f"{conditional_escape(str(message))}</li>"
            )
        out.append("</ul>")
    out.append("\n    ")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def end_html() -> SafeString:
    """From the end of the page's content to its `scripts` block."""
    from lotrinh.core.locale import active_language

    return mark_safe(_page_parts(active_language())[2])  # noqa: S308
