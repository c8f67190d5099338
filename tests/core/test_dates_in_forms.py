"""The site's date fields read dd/mm/yyyy (and ISO, from old tabs and scripts), show
dd/mm/yyyy, and refuse a day that does not exist, changing nothing, with the message
beside the field (lotrinh/core/dates.py)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from lotrinh.agencies.models import Agency, AgencySuccession
from lotrinh.documents.models import GeneratedDocument
from lotrinh.indicators import requests, services
from lotrinh.indicators.models import DataRequest, Indicator
from lotrinh.reporting.models import AmendmentProposal
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _proposal(deadline: str) -> dict[str, str]:
    return {
        "kind": "deadline",
        "task_ref": "II.6.c",
        "deadline": deadline,
        "reason": "Lùi thời hạn",
        "text": "",
    }


def test_a_proposed_deadline_typed_day_first_is_that_day(officer_a) -> None:
    client = client_for(officer_a)
    response = client.post(reverse("reporting:amendment_propose"), _proposal("01/12/2027"))
    assert response.status_code == 302
    assert AmendmentProposal.objects.get().proposed_deadline == datetime.date(2027, 12, 1)


def test_a_proposed_deadline_typed_month_first_is_refused_beside_the_field(officer_a) -> None:
    client = client_for(officer_a)
    response = client.post(reverse("reporting:amendment_propose"), _proposal("12/31/2027"))
    assert response.status_code == 400
    assert not AmendmentProposal.objects.exists()
    html = response.content.decode()
    assert 'id="amendment-deadline_error" role="alert"' in html
    assert "có phải 31/12/2027?" in html
    assert 'aria-describedby="amendment-deadline_error amendment-deadline_format"' in html
    # What was typed is still there, and the rest of the proposal too.
    assert 'value="12/31/2027"' in html and "Lùi thời hạn" in html


def test_an_iso_deadline_from_an_old_tab_still_reads(officer_a) -> None:
    client = client_for(officer_a)
    assert (
        client.post(reverse("reporting:amendment_propose"), _proposal("2027-12-01")).status_code
        == 302
    )
    assert AmendmentProposal.objects.get().proposed_deadline == datetime.date(2027, 12, 1)


def test_the_agency_list_on_a_day_typed_day_first(seeded_db) -> None:
    client = Client()
    html = client.get(reverse("agencies:list"), {"ngay": "01/07/2025"}).content.decode()
    assert 'value="01/07/2025"' in html and "01/07/2025" in html.split("</form>", 1)[1]
    wrong = client.get(reverse("agencies:list"), {"ngay": "31/06/2025"}).content.decode()
    assert 'id="ngay_error" role="alert"' in wrong
    assert "tháng 6/2025 có 30 ngày" in wrong
    assert 'value="31/06/2025"' in wrong


def test_a_data_request_deadline_typed_day_first(most_monitor) -> None:
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    producer = requests.producing_agency(indicator)
    deadline = services.today() + datetime.timedelta(days=40)
    body = {
        "agency": producer.pk,
        "year": 2024,
        "what": "Số đô thị thông minh",
        "definition": "Định nghĩa",
        "deadline": deadline.strftime("%d/%m/%Y"),
    }
    client = client_for(most_monitor)
    url = reverse("indicators:request_new", args=[indicator.code])
    refused = client.post(url, {**body, "deadline": "30/02/2027"})
    assert refused.status_code == 400 and not DataRequest.objects.exists()
    assert 'id="id_deadline_error"' in refused.content.decode()
    assert client.post(url, body).status_code == 302
    assert DataRequest.objects.get().deadline == deadline


def test_a_cutoff_that_does_not_exist_queues_no_document(most_monitor) -> None:
    client = client_for(most_monitor)
    body = {"kind": "consolidated", "year": 2024, "cutoff": "31/04/2024", "fmt": "docx"}
    response = client.post(reverse("documents:request"), body)
    assert response.status_code == 400 and not GeneratedDocument.objects.exists()
    page = response.content.decode()
    # Beside the date of the form that was sent, what was typed still in it.
    assert 'id="cutoff_error" role="alert">“31/04/2024” không phải một ngày' in page
    assert 'value="31/04/2024"' in page


def test_the_admin_shows_and_reads_dates_day_first(admin_user) -> None:
    staff = Client()
    staff.force_login(admin_user)
    a, b = Agency.objects.filter(kind="ministry").order_by("pk")[:2]
    add = reverse("admin:agencies_agencysuccession_add")
    form = {
        "predecessor": a.pk,
        "successor": b.pk,
        "kind": AgencySuccession._meta.get_field("kind").choices[0][0],
        "source": "QĐ thử",
        "note": "",
    }
    refused = staff.post(add, {**form, "effective_date": "03/13/2026"})
    assert refused.status_code == 200
    assert not AgencySuccession.objects.filter(source="QĐ thử").exists()
    assert "không có tháng 13" in refused.content.decode()
    assert staff.post(add, {**form, "effective_date": "03/01/2026"}).status_code == 302
    succession = AgencySuccession.objects.get(source="QĐ thử")
    assert succession.effective_date == datetime.date(2026, 1, 3)
    page = staff.get(reverse("admin:agencies_agencysuccession_change", args=[succession.pk]))
    assert 'value="03/01/2026"' in page.content.decode()
