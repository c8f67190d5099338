"""A data request's forms sent twice (a double click on "Gửi", the form sent again on
Back): one request and one answer, and no refusal for the second. Before, MOST's request
sent twice was two requests to the agency (two notifications, two reminders, two rows
on the compliance page), and the agency's answer sent twice was refused as "updated by
someone else", its typed figure shown back, though it was her own answer just stored."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.core.models import AuditEvent
from lotrinh.indicators import requests, services
from lotrinh.indicators.models import DataRequest, Indicator, Observation
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

CODE = "SMART_CITIES_COUNT"


def _form(agency_pk: int) -> dict[str, object]:
    return {
        "agency": agency_pk,
        "year": 2024,
        "what": "Số đô thị thông minh",
        "definition": "Định nghĩa",
        "deadline": services.today() + datetime.timedelta(days=10),
    }


def test_a_request_sent_twice_is_one_request(most_monitor):
    producer = requests.producing_agency(Indicator.objects.get(code=CODE))
    client = client_for(most_monitor)
    url = reverse("indicators:request_new", args=[CODE])
    first = client.post(url, _form(producer.pk))
    again = client.post(url, _form(producer.pk))
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert DataRequest.objects.count() == 1
    assert AuditEvent.objects.filter(action="data_request.sent").count() == 1


def test_a_second_request_for_another_year_is_sent(most_monitor):
    """Guard (passes before too): a request that differs is a new request."""
    producer = requests.producing_agency(Indicator.objects.get(code=CODE))
    client = client_for(most_monitor)
    url = reverse("indicators:request_new", args=[CODE])
    client.post(url, _form(producer.pk))
    client.post(url, {**_form(producer.pk), "year": 2023})
    assert DataRequest.objects.count() == 2


def test_an_answer_sent_twice_is_one_answer_and_no_refusal(most_monitor):
    indicator = Indicator.objects.get(code=CODE)
    producer = requests.producing_agency(indicator)
    item = requests.send_request(indicator, **{**_form(0), "agency": producer}, user=most_monitor)
    reporter = make_user("bxd", producer.code, Role.REPORTER)
    client = client_for(reporter)
    url = reverse("indicators:request", args=[item.pk])
    form = {"value": 3, "citation": "Công văn 12/BXD", "version": item.version}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert again.status_code == 302, again.content.decode()[:2000]
    assert Observation.objects.filter(indicator=indicator, year=2024).count() == 1
    assert AuditEvent.objects.filter(action="data_request.answered").count() == 1


def test_another_answer_after_the_first_is_still_refused(most_monitor):
    """Guard (passes before too): a different figure on an answered request is refused
    and changes nothing."""
    indicator = Indicator.objects.get(code=CODE)
    producer = requests.producing_agency(indicator)
    item = requests.send_request(indicator, **{**_form(0), "agency": producer}, user=most_monitor)
    reporter = make_user("bxd", producer.code, Role.REPORTER)
    client = client_for(reporter)
    url = reverse("indicators:request", args=[item.pk])
    client.post(url, {"value": 3, "citation": "Công văn 12/BXD", "version": item.version})
    again = client.post(url, {"value": 4, "citation": "Công văn 12/BXD", "version": item.version})
    assert again.status_code == 400
    assert Observation.objects.get(indicator=indicator, year=2024).value == 3
