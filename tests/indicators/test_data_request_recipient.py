"""A data request goes to the agency that produces the figure (docs/progress-method.md):
sent to another agency, its reporter saw the answer form and got "forbidden" on sending
it, and the request stayed open, reminded and counted overdue against that agency."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.indicators import requests, services
from lotrinh.indicators.models import DataRequest, Indicator
from lotrinh.indicators.validation import ObservationError
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db


def request_data(agency_pk: int) -> dict[str, object]:
    return {
        "agency": agency_pk,
        "year": 2024,
        "what": "Số đô thị thông minh",
        "definition": "Định nghĩa",
        "deadline": services.today() + datetime.timedelta(days=10),
    }


def test_a_request_to_an_agency_that_does_not_produce_the_figure_is_refused(most_monitor):
    from lotrinh.agencies.models import Agency

    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    other = Agency.objects.get(code=AGENCY_A, valid_to__isnull=True)
    with pytest.raises(ObservationError) as error:
        requests.send_request(
            indicator,
            **{**request_data(other.pk), "agency": other},
            user=most_monitor,
        )
    assert "Bộ Xây dựng" in error.value.problems[0]
    response = client_for(most_monitor).post(
        reverse("indicators:request_new", args=[indicator.code]), request_data(other.pk)
    )
    assert response.status_code == 400
    assert not DataRequest.objects.exists()


def test_an_indicator_without_a_producing_agency_offers_no_request(most_monitor):
    indicator = Indicator.objects.get(code="GII_RANK_WORLD")  # WIPO's
    client = client_for(most_monitor)
    url = reverse("indicators:request_new", args=[indicator.code])
    page = client.get(reverse("indicators:indicator", args=[indicator.code])).content.decode()
    assert url not in page
    response = client.post(url, request_data(make_user("x", AGENCY_A, Role.REPORTER).agency_id))
    assert response.status_code == 400
    assert "không có cơ quan sản xuất số liệu" in response.content.decode()
    assert not DataRequest.objects.exists()


def test_the_producing_agency_still_gets_and_answers_its_request(most_monitor):
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    producer = requests.producing_agency(indicator)
    reporter = make_user("bxd", producer.code, Role.REPORTER)
    response = client_for(most_monitor).post(
        reverse("indicators:request_new", args=[indicator.code]), request_data(producer.pk)
    )
    assert response.status_code == 302
    item = DataRequest.objects.get()
    answer = client_for(reporter).post(
        reverse("indicators:request", args=[item.pk]),
        {"value": 3, "citation": "Công văn", "version": item.version},
    )
    assert answer.status_code == 302
    item.refresh_from_db()
    assert item.status == "answered"


def test_a_request_already_sent_to_another_agency_offers_no_form_it_cannot_send(most_monitor):
    """Requests sent before the rule: the agency asked reads it, without an answer form."""
    officer = make_user("byt", AGENCY_A, Role.REPORTER)
    item = DataRequest.objects.create(
        indicator=Indicator.objects.get(code="SMART_CITIES_COUNT"),
        agency=officer.agency,
        year=2024,
        what="Số đô thị thông minh",
        definition="x",
        deadline=services.today() + datetime.timedelta(days=10),
        requested_by=most_monitor,
        requested_on=services.today(),
    )
    page = client_for(officer).get(reverse("indicators:request", args=[item.pk]))
    assert page.status_code == 200 and 'name="value"' not in page.content.decode()


def test_the_status_offers_a_data_request_only_where_one_can_be_sent():
    """ITU's ICT index has no producing agency in Viet Nam: its "insufficient data" note
    said a data request could be sent, though none can be answered."""
    from lotrinh.indicators.models import Target

    def note(code: str) -> str:
        target = Target.objects.filter(is_current=True, indicator__code=code).first()
        assert target is not None
        row = services.target_status(target).milestones[0]
        assert row.progress.status == "insufficient_data"
        return row.progress.note_vi

    assert "yêu cầu số liệu" not in note("DIGITAL_INFRA_ASEAN_POSITION")
    assert "yêu cầu số liệu" in note("BROADBAND_COMMUNE_COVERAGE")


def test_the_request_form_offers_the_producing_agency_only(most_monitor):
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    page = client_for(most_monitor).get(reverse("indicators:request_new", args=[indicator.code]))
    import re

    options = re.findall(r'<option value="\d+"', page.content.decode())
    assert (
        len(options) == 1 and requests.producing_agency(indicator).name_vi in page.content.decode()
    )
