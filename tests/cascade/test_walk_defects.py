"""Defects found using the cascade as its users do (helper walkcascade, 2026-12-04): each
test failed before its fix."""

import datetime

from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import plans

from .conftest import person, unit


def test_reminding_a_unit_on_a_plan_recorded_by_number_says_why_not(hanoi: Agency) -> None:
    """A plan recorded by its number and date has no units' regime: "Nhắc" (a POST by
    hand, or a stale tab) answered 500."""
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    monitor = person("hn_monitor", hanoi, Role.AGENCY_MONITOR)
    department = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    plan = plans.record_plan(
        reporter,
        hanoi,
        current_programme("50/NQ-CP"),
        number="12/KH-UBND",
        date=datetime.date(2020, 9, 1),
    )
    client = Client()
    client.force_login(monitor)
    url = reverse("cascade:remind_unit", args=[plan.pk, department.pk])
    response = client.post(url, {"year": "2025"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Không nhắc" in response.content.decode()
