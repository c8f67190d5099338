"""The notifications page lists the 100 newest; a person with more (MOST, after a
reporting deadline, has hundreds) reaches every older one, page by page, so the unread
count at the top always counts notifications the person can open."""

import pytest
from django.urls import reverse

from lotrinh.reporting.models import Notification
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_every_notification_is_reachable_past_the_first_hundred(officer_a):
    Notification.objects.bulk_create(
        Notification(user=officer_a, message=f"Thông báo số {i:03d}.", link="/bao-cao/")
        for i in range(105)
    )
    client = client_for(officer_a)
    first = client.get(reverse("reporting:notifications")).content.decode()
    assert "Thông báo số 104." in first and "Thông báo số 004." not in first
    assert "?trang=2" in first
    second = client.get(reverse("reporting:notifications") + "?trang=2").content.decode()
    assert all(f"Thông báo số {i:03d}." in second for i in range(5))
    assert "Thông báo số 104." not in second and "?trang=3" not in second
    for bad in ("abc", "-1", "0", "9" * 30):  # the first page, never an error
        response = client.get(reverse("reporting:notifications") + f"?trang={bad}")
        assert response.status_code == 200 and "Thông báo số 104." in response.content.decode()
