"""An admin change page with inline rows (an agency's other spellings, a task's
assignments) honours the one concurrency model as a whole: a colleague's change of a row
moves the parent's version, and a page opened before it writes nothing, rows included,
and says who changed it and when (lotrinh/core/admin.py)."""

import pytest
from django.urls import reverse

from lotrinh.agencies.models import Agency, AgencyAlias
from lotrinh.core.models import AuditEvent
from tests.ops.test_audit import form_data

pytestmark = pytest.mark.django_db

PREFIX = "aliases"


@pytest.fixture
def agency():
    agency = Agency.objects.get(code="bo-y-te")
    AgencyAlias.objects.filter(agency=agency).delete()
    AgencyAlias.objects.create(agency=agency, alias="Bộ YT", source="thử")
    return agency


def alias_key(data: dict) -> str:
    """The posted field of the first alias row (the formset's prefix as the page has it)."""
    keys = [key for key in data if key.endswith("-0-alias")]
    assert len(keys) == 1, keys
    return keys[0]


def test_a_colleagues_row_change_refuses_my_stale_change_of_the_agency(two_admins, agency):
    first, second = two_admins
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    theirs[alias_key(theirs)] = "Bộ Y-tế"
    assert second.post(url, theirs).status_code == 302
    mine["name_en"] = "Ministry of Health (mine)"
    response = first.post(url, mine)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Trần Thị Hai" in text and "Chưa lưu gì" in text, text[:3000]
    agency.refresh_from_db()
    assert agency.name_en != "Ministry of Health (mine)"
    assert list(agency.aliases.values_list("alias", flat=True)) == ["Bộ Y-tế"]


def test_my_stale_row_change_does_not_overwrite_a_colleagues(two_admins, agency):
    first, second = two_admins
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    theirs[alias_key(theirs)] = "Bộ Y-tế"
    assert second.post(url, theirs).status_code == 302
    mine[alias_key(mine)] = "BYT (mine)"
    response = first.post(url, mine)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Trần Thị Hai" in text and "Chưa lưu gì" in text, text[:3000]
    assert "BYT (mine)" in text  # what was typed is kept
    assert list(agency.aliases.values_list("alias", flat=True)) == ["Bộ Y-tế"]
    # Sent again from the page as it now is, the save is the person's decision.
    again = form_data(response)
    assert again["seen_event"] == str(AuditEvent.objects.latest("pk").pk)
    assert first.post(url, again).status_code == 302
    assert list(agency.aliases.values_list("alias", flat=True)) == ["BYT (mine)"]


def test_a_stale_row_deleted_or_added_is_refused_too(two_admins, agency):
    first, second = two_admins
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    theirs["name_en"] = "Ministry of Health (colleague)"
    assert second.post(url, theirs).status_code == 302
    mine[alias_key(mine).replace("-alias", "-DELETE")] = "on"
    assert first.post(url, mine).status_code == 200
    assert agency.aliases.count() == 1


def test_a_row_change_moves_the_agencys_version_and_records_what_changed(two_admins, agency):
    first, _second = two_admins
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    data = form_data(first.get(url))
    before = data["seen_event"]
    data[alias_key(data)] = "Bộ Y-tế"
    assert first.post(url, data).status_code == 302
    event = AuditEvent.objects.filter(object_id=str(agency.pk)).latest("pk")
    assert event.action == "admin.agency.rows_changed"
    assert str(event.pk) != before
    assert "Bộ YT" in str(event.before) and "Bộ Y-tế" in str(event.after)
    # The agency's history says what changed, in words.
    from lotrinh.core.history import describe

    assert describe(event, "vi").text.startswith("Sửa cách viết khác của cơ quan"), describe(
        event, "vi"
    ).text


def test_the_same_row_change_sent_twice_is_saved_once_and_not_refused(two_admins, agency):
    first, _second = two_admins
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    data = form_data(first.get(url))
    data[alias_key(data)] = "Bộ Y-tế"
    assert first.post(url, data).status_code == 302
    assert first.post(url, data).status_code == 302  # nothing left to overwrite
    assert list(agency.aliases.values_list("alias", flat=True)) == ["Bộ Y-tế"]
    changes = AuditEvent.objects.filter(
        action="admin.agency.rows_changed", object_id=str(agency.pk)
    )
    assert changes.count() == 1


def test_a_stale_page_changing_the_agency_and_its_rows_says_so_once(two_admins, agency):
    first, second = two_admins
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    theirs["name_en"] = "Ministry of Health (colleague)"
    assert second.post(url, theirs).status_code == 302
    mine["name_en"] = "Ministry of Health (mine)"
    mine[alias_key(mine)] = "BYT (mine)"
    text = first.post(url, mine).content.decode()
    assert text.count("Chưa lưu gì") == 1, text[:3000]
    assert list(agency.aliases.values_list("alias", flat=True)) == ["Bộ YT"]


def test_a_tasks_assignment_changed_by_a_colleague_is_not_overwritten(two_admins):
    """The rows that decide who must report on a task: a stale page changes none."""
    from lotrinh.programmes.models import Task

    first, second = two_admins
    task = Task.objects.filter(assignments__isnull=False).order_by("pk").first()
    url = reverse("admin:programmes_task_change", args=[task.pk])
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    name_key = next(key for key in theirs if key.endswith("-0-name_as_written"))
    theirs[name_key] = "Tên do đồng nghiệp sửa"
    assert second.post(url, theirs).status_code == 302
    mine["deadline_text"] = "Năm 2027"
    response = first.post(url, mine)
    assert response.status_code == 200
    assert "Trần Thị Hai" in response.content.decode()
    task.refresh_from_db()
    assert task.deadline_text != "Năm 2027"
    assert task.assignments.filter(name_as_written="Tên do đồng nghiệp sửa").exists()
