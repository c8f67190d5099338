"""A form refused with a message comes back with what was typed in it, the message beside
its field: nothing saved, nothing to type again (the officer's number, date and note of a
plan; the document's period, format and cutoff)."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.documents.models import GeneratedDocument
from lotrinh.programmes.models import Programme
from lotrinh.reporting import plans
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_plan_with_a_day_that_does_not_exist_comes_back_as_typed(officer_a) -> None:
    client = client_for(officer_a)
    body = {"number": "21/KH-BYT", "date": "31/02/2021", "note": "Kế hoạch chuyển đổi số"}
    response = client.post(reverse("reporting:plan_save"), body)
    assert response.status_code == 400
    assert not Programme.objects.filter(code="21/KH-BYT").exists()
    html = response.content.decode()
    assert 'value="21/KH-BYT"' in html and 'value="Kế hoạch chuyển đổi số"' in html
    assert 'value="31/02/2021"' in html
    assert 'id="date_error" role="alert">“31/02/2021” không phải một ngày' in html


def test_a_plan_dated_in_the_future_keeps_its_number_and_note(officer_a) -> None:
    client = client_for(officer_a)
    future = (datetime.date.today() + datetime.timedelta(days=400)).strftime("%d/%m/%Y")
    body = {"number": "22/KH-BYT", "date": future, "note": "Ghi chú dài"}
    response = client.post(reverse("reporting:plan_save"), body)
    assert response.status_code == 400
    assert not Programme.objects.filter(code="22/KH-BYT").exists()
    html = response.content.decode()
    # Beside the date, with the bounds (core.dates.document_day_problem).
    assert 'id="date_error" role="alert">Ngày ban hành kế hoạch không thể ở tương lai:' in html
    assert "hãy nhập ngày từ 02/09/1945 đến hôm nay" in html
    assert 'value="22/KH-BYT"' in html and f'value="{future}"' in html
    assert 'value="Ghi chú dài"' in html


def test_a_plans_correction_refused_comes_back_in_its_own_form(officer_a) -> None:
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    child = plans.record_plan(
        officer_a, officer_a.agency, programme, number="15/KH-BYT", date=datetime.date(2020, 5, 20)
    )
    body = {"plan": child.pk, "number": "15a/KH-BYT", "date": "32/05/2020", "note": "Sửa số"}
    response = client_for(officer_a).post(reverse("reporting:plan_save"), body)
    assert response.status_code == 400
    child.refresh_from_db()
    assert (child.code, child.issue_date) == ("15/KH-BYT", datetime.date(2020, 5, 20))
    html = response.content.decode()
    assert f'id="date-{child.pk}_error" role="alert"' in html
    assert 'value="15a/KH-BYT"' in html and 'value="32/05/2020"' in html
    # The new plan's form stays empty.
    assert '<input id="number" name="number" value=""' in html


def test_a_document_request_with_a_wrong_cutoff_keeps_the_period_and_format(
    officer_a,
) -> None:
    client = client_for(officer_a)
    body = {"kind": "agency", "year": "2024", "cutoff": "12/31/2024", "fmt": "pdf"}
    response = client.post(reverse("documents:request"), body)
    assert response.status_code == 400 and not GeneratedDocument.objects.exists()
    html = response.content.decode()
    form = html.split('id="agency-form"', 1)[1].split("</form>", 1)[0]
    assert 'value="12/31/2024"' in form
    assert 'id="agency-cutoff_error" role="alert"' in form and "có phải 31/12/2024?" in form
    assert '<option value="pdf" selected>' in form


def test_a_document_request_without_a_cutoff_says_so_beside_it(most_monitor) -> None:
    client = client_for(most_monitor)
    body = {"kind": "consolidated", "period": "nam-2024", "cutoff": "", "fmt": "xlsx"}
    response = client.post(reverse("documents:request"), body)
    assert response.status_code == 400 and not GeneratedDocument.objects.exists()
    form = response.content.decode().split('id="consolidated-form"', 1)[1].split("</form>")[0]
    assert 'id="cutoff_error" role="alert">Hãy nhập ngày chốt số liệu.' in form
    assert '<option value="nam-2024" selected>' in form
    assert '<option value="xlsx" selected>' in form


def test_a_unit_refused_by_its_name_keeps_what_was_typed() -> None:
    from lotrinh.accounts.models import Role
    from lotrinh.agencies.models import Unit
    from tests.conftest import AGENCY_A, make_user

    agency_admin_a = make_user("agency_admin_a", AGENCY_A, Role.AGENCY_ADMIN)
    body = {
        "what": "create",
        "name": "Phòng " + "x" * 260,
        "name_en": "Digital Office",
        "valid_from": "01/07/2025",
    }
    url = reverse("agencies:units_save", args=[AGENCY_A])
    response = client_for(agency_admin_a).post(url, body)
    assert response.status_code == 400 and not Unit.objects.filter(name_en="Digital Office")
    html = response.content.decode()
    assert "Tên đơn vị dài quá 255 ký tự." in html
    assert 'value="Digital Office"' in html and 'value="01/07/2025"' in html
