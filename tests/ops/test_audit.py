"""The record: admin edits are audit events with before/after values; events are read-only."""

import datetime

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency, AgencySuccession
from lotrinh.core.admin import AuditedAdminMixin, AuditEventAdmin
from lotrinh.core.audit import record_event
from lotrinh.core.models import AuditEvent, AuditEventIsReadOnly
from lotrinh.programmes.models import Task


def form_data(response) -> dict:
    """What the browser would send back from an admin change page, unchanged."""
    data: dict = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                continue
            if isinstance(field.widget, MultiWidget):  # date and time in two inputs
                value = field.widget.decompress(value) if not isinstance(value, list) else value
                for index, part in enumerate(value):
                    if part is not None:
                        data[f"{key}_{index}"] = (
                            part.strftime("%H:%M:%S")
                            if isinstance(part, datetime.time)
                            else str(part)
                        )
                continue
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, datetime.date):
                data[key] = value.isoformat()
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


@pytest.fixture
def staff(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_an_agency_edited_in_the_admin_is_recorded_with_before_and_after(staff, admin_user):
    agency = Agency.objects.get(code="bo-y-te")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    data = form_data(staff.get(url))
    data["name_en"] = "Ministry of Health (edited)"
    response = staff.post(url, data)
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.agency.changed", object_id=str(agency.pk))
    assert event.actor == admin_user
    assert event.before["name_en"] == agency.name_en
    assert event.after["name_en"] == "Ministry of Health (edited)"
    assert event.request_id


@pytest.mark.django_db
def test_saving_an_admin_page_unchanged_records_nothing(staff):
    agency = Agency.objects.get(code="bo-y-te")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    assert staff.post(url, form_data(staff.get(url))).status_code == 302
    assert not AuditEvent.objects.filter(action__startswith="admin.").exists()


@pytest.mark.django_db
def test_a_succession_added_and_deleted_in_the_admin_is_recorded(staff):
    a, b = Agency.objects.filter(kind="ministry")[:2]
    response = staff.post(
        reverse("admin:agencies_agencysuccession_add"),
        {
            "predecessor": a.pk,
            "successor": b.pk,
            "kind": AgencySuccession._meta.get_field("kind").choices[0][0],
            "effective_date": "2026-03-01",
            "source": "QĐ thử",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    succession = AgencySuccession.objects.get(source="QĐ thử")
    added = AuditEvent.objects.get(action="admin.agencysuccession.added")
    assert added.before is None and added.after["effective_date"] == "2026-03-01"
    delete_url = reverse("admin:agencies_agencysuccession_delete", args=[succession.pk])
    seen = staff.get(delete_url).context["seen_event"]  # the version the confirmation shows
    assert staff.post(delete_url, {"post": "yes", "seen_event": seen}).status_code == 302
    deleted = AuditEvent.objects.get(action="admin.agencysuccession.deleted")
    assert deleted.object_id == str(succession.pk)
    assert deleted.before["source"] == "QĐ thử" and deleted.after is None


@pytest.mark.django_db
def test_a_task_and_its_inline_assignment_edited_in_the_admin_are_recorded(staff):
    task = Task.objects.filter(assignments__isnull=False).order_by("pk").first()
    url = reverse("admin:programmes_task_change", args=[task.pk])
    data = form_data(staff.get(url))
    data["deadline_text"] = "Năm 2027"
    name_key = next(k for k in data if k.endswith("-name_as_written"))
    data[name_key] = "Cơ quan đã sửa tên"
    response = staff.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    task_event = AuditEvent.objects.get(action="admin.task.changed", object_id=str(task.pk))
    assert task_event.after["deadline_text"] == "Năm 2027"
    inline_event = AuditEvent.objects.get(action="admin.taskassignment.changed")
    assert inline_event.after["name_as_written"] == "Cơ quan đã sửa tên"
    assert inline_event.before["name_as_written"] != "Cơ quan đã sửa tên"


@pytest.mark.django_db
def test_a_user_edited_in_the_admin_is_recorded_without_the_password_hash(staff, officer_a):
    url = reverse("admin:accounts_user_change", args=[officer_a.pk])
    data = form_data(staff.get(url))
    data["position"] = "Chuyên viên chính"
    assert staff.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="admin.user.changed", object_id=str(officer_a.pk))
    assert event.after["position"] == "Chuyên viên chính"
    assert "password" not in event.after  # only the fields that changed
    assert officer_a.password not in str(event.before) + str(event.after)
    password_url = reverse("admin:auth_user_password_change", args=[officer_a.pk])
    response = staff.post(
        password_url,
        {"password1": "mây trắng bay qua đồi chè 7", "password2": "mây trắng bay qua đồi chè 7"},
    )
    assert response.status_code == 302
    changed = AuditEvent.objects.filter(action="admin.user.changed").order_by("-id").first()
    assert changed.after["password"] == "(đã thay đổi)"
    assert User.objects.get(pk=officer_a.pk).password not in str(changed.after)


def test_every_model_in_the_admin_is_audited_except_the_read_only_record():
    for model, model_admin in admin.site._registry.items():
        if model is AuditEvent:
            assert isinstance(model_admin, AuditEventAdmin)
        else:
            assert isinstance(model_admin, AuditedAdminMixin), model


@pytest.mark.django_db
def test_audit_events_cannot_be_added_changed_or_deleted_in_the_admin(staff, admin_user):
    event = record_event(admin_user, "test.recorded", admin_user)
    assert staff.get(reverse("admin:core_auditevent_add")).status_code == 403
    change_url = reverse("admin:core_auditevent_change", args=[event.pk])
    assert staff.get(change_url).status_code == 200  # readable
    staff.post(change_url, {"action": "forged"})
    assert staff.post(reverse("admin:core_auditevent_delete", args=[event.pk])).status_code == 403
    staff.post(
        reverse("admin:core_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    event.refresh_from_db()
    assert event.action == "test.recorded"


@pytest.mark.django_db
def test_the_model_refuses_to_change_or_delete_a_recorded_event(admin_user):
    event = record_event(admin_user, "test.recorded", admin_user)
    event.action = "forged"
    with pytest.raises(AuditEventIsReadOnly):
        event.save()
    with pytest.raises(AuditEventIsReadOnly):
        event.delete()
    with pytest.raises(AuditEventIsReadOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(AuditEventIsReadOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.recorded"


@pytest.mark.django_db
def test_a_user_with_recorded_events_cannot_be_deleted_away_from_the_record(officer_a):
    from django.db.models import ProtectedError

    record_event(officer_a, "test.recorded", officer_a)
    with pytest.raises(ProtectedError):
        officer_a.delete()


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_on_postgresql_the_database_refuses_update_and_delete_of_events(admin_user):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    event = record_event(admin_user, "test.recorded", admin_user)
    for sql in (
        "UPDATE core_auditevent SET action = 'forged' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="read-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.recorded"
