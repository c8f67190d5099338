"""Correcting a recorded plan's number, date or note (reporting:plan_save) honours the
one concurrency model (lotrinh/core/concurrency.py): a form opened before a colleague's
correction writes nothing, names who and when, and keeps what was typed."""

import datetime
import re

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import Programme
from lotrinh.reporting import plans
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(officer_a):
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    return plans.record_plan(
        officer_a, officer_a.agency, programme, number="15/KH-BYT", date=datetime.date(2020, 5, 20)
    )


def seen(client, plan) -> str:
    html = client.get(reverse("reporting:plan")).content.decode()
    found = re.search(
        rf'name="plan" value="{plan.pk}"><input type="hidden" name="seen_event" value="(\d+)"', html
    )
    assert found, html[:3000]
    return found.group(1)


def test_a_correction_opened_before_a_colleagues_writes_nothing_and_names_her(officer_a, plan):
    colleague = make_user("dong_nghiep", AGENCY_A, Role.REPORTER)
    colleague.full_name = "Lê Văn Đồng"
    colleague.save()
    mine, theirs = client_for(officer_a), client_for(colleague)
    my_seen, their_seen = seen(mine, plan), seen(theirs, plan)
    body = {"plan": plan.pk, "number": "15/KH-BYT", "date": "21/05/2020", "note": "Đồng sửa"}
    assert (
        theirs.post(reverse("reporting:plan_save"), {**body, "seen_event": their_seen}).status_code
        == 302
    )
    typed = {**body, "date": "20/05/2020", "note": "Ghi chú của tôi", "seen_event": my_seen}
    response = mine.post(reverse("reporting:plan_save"), typed)
    assert response.status_code == 409
    plan.refresh_from_db()
    assert (plan.issue_date, plan.note) == (datetime.date(2020, 5, 21), "Đồng sửa")
    html = response.content.decode()
    assert "Lê Văn Đồng" in html and "Chưa lưu gì" in html, html[:3000]
    assert 'value="Ghi chú của tôi"' in html  # what was typed, in that plan's form
    # Sent again from the page shown now, the correction is her decision: saved.
    again = re.search(r'name="seen_event" value="(\d+)"', html).group(1)
    assert (
        mine.post(reverse("reporting:plan_save"), {**typed, "seen_event": again}).status_code == 302
    )
    plan.refresh_from_db()
    assert plan.note == "Ghi chú của tôi"


def test_the_same_correction_sent_twice_is_written_once(officer_a, plan):
    client = client_for(officer_a)
    body = {"plan": plan.pk, "number": "15/KH-BYT", "date": "22/05/2020", "note": "Hai lần"}
    body["seen_event"] = seen(client, plan)
    before = AuditEvent.objects.filter(action="plan.saved").count()
    assert client.post(reverse("reporting:plan_save"), body).status_code == 302
    assert client.post(reverse("reporting:plan_save"), body).status_code == 302
    assert AuditEvent.objects.filter(action="plan.saved").count() == before + 1


def test_a_correction_without_the_version_is_refused(officer_a, plan):
    body = {"plan": plan.pk, "number": "15/KH-BYT", "date": "23/05/2020", "note": "Không phiên bản"}
    assert client_for(officer_a).post(reverse("reporting:plan_save"), body).status_code == 409
    plan.refresh_from_db()
    assert plan.note != "Không phiên bản"
