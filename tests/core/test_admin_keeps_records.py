"""What the Django admin may never delete (permissions.may_delete_in_django_admin): a
programme once published and its tasks, groups and goals, and the login logs; a draft
programme may go. And its History page writes moments as every page does."""

import datetime
import re

import pytest
from axes.models import AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.core.locale import format_datetime
from lotrinh.programmes.models import Goal, Programme, ProgrammeStatus, Task
from tests.ops.test_audit import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def _published() -> Programme:
    return Programme.objects.filter(status=ProgrammeStatus.PUBLISHED).order_by("pk").first()


def test_a_published_programme_offers_no_delete_and_refuses_one(staff):
    programme = _published()
    change = staff.get(reverse("admin:programmes_programme_change", args=[programme.pk]))
    assert reverse("admin:programmes_programme_delete", args=[programme.pk]) not in (
        change.content.decode()
    )
    url = reverse("admin:programmes_programme_delete", args=[programme.pk])
    assert staff.get(url).status_code == 403
    assert staff.post(url, {"post": "yes", "seen_event": "0"}).status_code == 403
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_delete_selected_leaves_a_published_programme_and_its_tasks(staff):
    programme = _published()
    task = Task.objects.filter(programme=programme).order_by("pk").first()
    for model, obj in (("programme", programme), ("task", task)):
        staff.post(
            reverse(f"admin:programmes_{model}_changelist"),
            {
                "action": "delete_selected",
                "post": "yes",
                "_selected_action": [str(obj.pk)],
                f"seen_event_{obj.pk}": "0",
            },
        )
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert Task.objects.filter(pk=task.pk).exists()
    url = reverse("admin:programmes_task_delete", args=[task.pk])
    assert staff.get(url).status_code == 403


def test_a_superseded_programmes_goals_stay(staff):
    programme = _published()
    programme.status = ProgrammeStatus.SUPERSEDED
    programme.save(update_fields=["status"])
    goal = Goal.objects.create(programme=programme, ref="MT-thử", text="Mục tiêu thử")
    assert staff.get(reverse("admin:programmes_goal_delete", args=[goal.pk])).status_code == 403


def test_a_draft_programme_may_be_deleted_with_its_goals(staff):
    published = _published()
    draft = Programme.objects.create(
        code=published.code,
        slug=published.slug + "-nhap",
        version=published.version + 50,
        kind=published.kind,
        lineage=published.lineage,
        title="Bản nháp thử",
        issue_date=published.issue_date,
        status=ProgrammeStatus.DRAFT,
    )
    Goal.objects.create(programme=draft, ref="MT-1", text="Mục tiêu của bản nháp")
    url = reverse("admin:programmes_programme_delete", args=[draft.pk])
    page = staff.get(url).content.decode()
    seen = re.search(r'name="seen_event" value="(\d+)"', page).group(1)
    assert staff.post(url, {"post": "yes", "seen_event": seen}).status_code == 302
    assert not Programme.objects.filter(pk=draft.pk).exists()
    assert not Goal.objects.filter(programme_id=draft.pk).exists()


def test_the_login_log_cannot_be_deleted_in_the_admin(staff):
    entry = AccessLog.objects.create(
        username="ai-do", ip_address="10.0.0.1", user_agent="thử", path_info="/dang-nhap/"
    )
    assert staff.get(reverse("admin:axes_accesslog_delete", args=[entry.pk])).status_code == 403
    changelist = staff.get(reverse("admin:axes_accesslog_changelist")).content.decode()
    assert 'value="delete_selected"' not in changelist
    staff.post(
        reverse("admin:axes_accesslog_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [str(entry.pk)]},
    )
    assert AccessLog.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_history_page_writes_day_first_in_vietnam_time(staff, language):
    agency = Agency.objects.get(code="bo-y-te")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    data = form_data(staff.get(url))
    data["name_en"] = "Ministry of Health (edited)"
    assert staff.post(url, data).status_code == 302
    entry = LogEntry.objects.latest("pk")
    # Late in the UTC day: already the next day in Vietnam (UTC+7).
    moment = datetime.datetime(2026, 12, 7, 17, 54, tzinfo=datetime.UTC)
    LogEntry.objects.filter(pk=entry.pk).update(action_time=moment)
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    text = staff.get(reverse("admin:agencies_agency_history", args=[agency.pk])).content.decode()
    assert format_datetime(moment) == "08/12/2026 00:54"
    assert '<th scope="row">08/12/2026 00:54</th>' in text, text[-4000:]
    assert "tháng 12 năm" not in text and "Dec. 8" not in text  # Django's own formats
