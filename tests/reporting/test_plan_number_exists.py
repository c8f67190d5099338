"""Recording a new plan (reporting:plan_save, the "record an issued plan" form) with a
number the agency has recorded already used to correct that plan silently: a colleague's
date and note overwritten from a form that was not about her plan. Refused now, naming
who recorded it and when, with a link to that plan's own correction form; what was typed
is kept; nothing written. The same plan sent twice (a double click) is no refusal."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import Programme
from lotrinh.reporting import plans
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(officer_a):
    colleague = make_user("dong_nghiep", AGENCY_A, Role.REPORTER)
    colleague.full_name = "Lê Văn Đồng"
    colleague.save()
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    return plans.record_plan(
        colleague, colleague.agency, programme, number="15/KH-BYT", date=datetime.date(2020, 5, 20)
    )


def test_a_new_plan_with_a_recorded_number_is_refused_naming_who(officer_a, theirs):
    before = AuditEvent.objects.filter(action="plan.saved").count()
    body = {"plan": "", "number": "15/KH-BYT", "date": "25/06/2020", "note": "Của tôi"}
    response = client_for(officer_a).post(reverse("reporting:plan_save"), body)
    assert response.status_code == 409
    theirs.refresh_from_db()
    assert (theirs.issue_date, theirs.note) == (datetime.date(2020, 5, 20), "")
    assert AuditEvent.objects.filter(action="plan.saved").count() == before
    html = response.content.decode()
    assert "Kế hoạch số 15/KH-BYT đã được ghi ngày" in html, html[:3000]
    assert "Lê Văn Đồng" in html and "muốn sửa, mở kế hoạch đó" in html
    assert f'href="#ke-hoach-{theirs.pk}"' in html
    # What was typed, in the new plan's form.
    assert 'id="number" name="number" value="15/KH-BYT"' in html
    assert 'value="Của tôi"' in html and 'value="25/06/2020"' in html


def test_the_same_plan_recorded_twice_is_no_refusal(officer_a, theirs):
    before = AuditEvent.objects.filter(action="plan.saved").count()
    body = {"plan": "", "number": "15/KH-BYT", "date": "20/05/2020", "note": ""}
    assert client_for(officer_a).post(reverse("reporting:plan_save"), body).status_code == 302
    assert AuditEvent.objects.filter(action="plan.saved").count() == before
    assert Programme.objects.filter(code="15/KH-BYT").count() == 1
