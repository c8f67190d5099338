"""The person's notifications: read/unread, each opening the exact item it is about.

Reading the list never writes; "Mở" (open) is a POST that marks the notification read
and then goes to its item; "Đã đọc" and "mark all read" are POSTs too."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts.models import User
from lotrinh.core import replay_cache
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.frame import unread_count
from lotrinh.core.params import whole_number
from lotrinh.portal import page_cache
from lotrinh.reporting import services
from lotrinh.reporting.models import Notification
from lotrinh.reporting.notifications_html import notification_items


def _bounded_pk(value: str) -> int | None:
    return whole_number(value) or None


@login_required
@replay_cache.replayed_page
@require_safe
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications, unread first marked (read-only; marking is a POST)."""
    user = cast(User, request.user)
    page = _bounded_pk(request.GET.get("trang", "")) or 1
    if page > 100_000:
        page = 1
    items, older = services.notifications_page(user, page)
    unread = unread_count(user)
    return render(
        request,
        "reporting/notifications.html",
        # The menu's badge shows the same count (core/frame.py): counted once.
        {
            "items": items,
            "items_html": notification_items(items, page_cache.csrf_token(request)),
            "unread": unread,
            "nav_unread": unread,
            "page": page,
            "older": older,
        },
    )


@login_required
@require_POST
@writes(Write.OWN)
def mark_notifications_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("notification", "")
    pk = _bounded_pk(raw) if raw else None
    if raw and pk is None:
        raise BadRequest(_("Thông báo không hợp lệ."))
    services.mark_notifications_read(request.user, pk)
    return redirect("reporting:notifications")


@login_required
@require_POST
@writes(Write.OWN)
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's notifications read and go to the item it links to."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_notifications_read(request.user, notification.pk)
    link = notification.link
    # Links are written by the services (paths of this site); anything else goes nowhere.
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None) and link.startswith("/"):
        return redirect(link)
    return redirect("reporting:notifications")
