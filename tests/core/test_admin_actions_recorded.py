"""Every admin action leaves a record, a third-party app's own action included:
django-axes' "Clean up expired attempts" deletes lockout counters by itself, outside
Django's delete (lotrinh/core/admin.py, `recorded_action`)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotrinh.core.history import describe
from lotrinh.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def attempt(username: str, minutes_ago: int) -> AccessAttempt:
    made = AccessAttempt.objects.create(
        username=username,
        ip_address="203.0.113.7",
        user_agent="thử",
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/tai-khoan/dang-nhap/",
        failures_since_start=3,
    )
    # The moment is set on creation; an older attempt is written back.
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    AccessAttempt.objects.filter(pk=made.pk).update(attempt_time=moment)
    return made


def test_the_axes_cleanup_is_recorded_with_who_and_what_it_removed(admin_user):
    old, recent = attempt("cu", 120), attempt("moi", 1)
    staff = Client()
    staff.force_login(admin_user)
    url = reverse("admin:axes_accessattempt_changelist")
    response = staff.post(
        url, {"action": "cleanup_expired_attempts", "_selected_action": [str(recent.pk)]}
    )
    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent.pk]
    event = AuditEvent.objects.get(action="admin.accessattempt.action")
    assert event.actor == admin_user
    # (django-axes may already have removed the expired attempt when the request came in)
    assert event.before["rows"] in (1, 2)
    assert event.after == {
        "action": "cleanup_expired_attempts",
        "selected": [str(recent.pk)],
        "rows": 1,
    }
    sentence = describe(event, "vi").text
    assert (
        sentence.startswith("Chạy thao tác “Xoá các lần đăng nhập sai") and "quản trị" in sentence
    ), sentence
    assert old.pk not in AccessAttempt.objects.values_list("pk", flat=True)


def test_delete_selected_is_still_djangos_versioned_delete(admin_user):
    """The wrapping leaves "delete selected" to its own confirmation (no action record)."""
    recent = attempt("moi", 1)
    staff = Client()
    staff.force_login(admin_user)
    url = reverse("admin:axes_accessattempt_changelist")
    response = staff.post(url, {"action": "delete_selected", "_selected_action": [str(recent.pk)]})
    assert response.status_code == 200  # the confirmation, nothing deleted yet
    assert AccessAttempt.objects.filter(pk=recent.pk).exists()
    assert not AuditEvent.objects.filter(action="admin.accessattempt.action").exists()
