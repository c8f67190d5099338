"""The notifications page's items written directly (`reporting.notifications_html`) are
the HTML of the template loop they replaced (`reporting/_notification_items.html`):
read and unread, with and without a link, text to escape, no notification at all, in
both languages; and the page reads the person's latest hundred as the ORM did."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lotrinh.reporting import services
from lotrinh.reporting.models import Notification
from lotrinh.reporting.notifications_html import notification_items
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _notifications(user) -> None:
    start = timezone.make_aware(datetime.datetime(2025, 11, 30, 23, 45))
    for i, (link, read) in enumerate(
        [("/bao-cao/1/", False), ("", False), ("/bao-cao/2/", True), ("", True)] * 2
    ):
        Notification.objects.create(
            user=user,
            message=f'Báo cáo <b>"{i}"</b> & chờ duyệt',
            link=link,
            created_at=start + datetime.timedelta(minutes=7 * i),
            read_at=start if read else None,
        )


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("token", ["aB3xYz", "NOTPROVIDED", ""])
def test_notification_items_are_the_templates_html(language, token, officer_a, officer_b):
    _notifications(officer_a)
    items = services.latest_notifications(officer_a)
    assert len(items) == 8
    with translation.override(language):
        for shown in (items, items[:1], items[2:3], []):
            expected = render_to_string(
                "reporting/_notification_items.html", {"items": shown, "csrf_token": token}
            )
            assert str(notification_items(shown, token)) == expected


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_page_shows_the_written_items(language, officer_a):
    _notifications(officer_a)
    page = client_for(officer_a).get(
        reverse("reporting:notifications"), HTTP_ACCEPT_LANGUAGE=language
    )
    body = page.content.decode()
    with translation.override(language):
        expected = render_to_string(
            "reporting/_notification_items.html",
            {"items": page.context["items"], "csrf_token": "TOKEN"},
        )
    # The masked CSRF token differs from one rendering to the next: compare around it.
    import re

    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert token.sub("T", expected) in token.sub("T", body)
    assert body.count('class="card unread"') == 4


def test_the_latest_hundred_are_read_as_the_orm_reads_them(officer_a, officer_b):
    start = timezone.now()
    for i in range(105):
        Notification.objects.create(
            user=officer_a, message=f"m{i}", created_at=start - datetime.timedelta(hours=i % 7)
        )
    Notification.objects.create(user=officer_b, message="other")
    found = services.latest_notifications(officer_a)
    expected = list(officer_a.notifications.all()[:100])
    assert [(n.pk, n.message, n.created_at, n.read_at) for n in found] == [
        (n.pk, n.message, n.created_at, n.read_at) for n in expected
    ]
    assert [n.message for n in services.latest_notifications(officer_b)] == ["other"]
