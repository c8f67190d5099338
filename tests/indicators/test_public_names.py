"""The public reads which agency published a value typed in Lộ trình, never the officials
who entered and approved it (their logins were on the indicator page and in the
"lần công bố" of the workbook and open data); the people of the cycle still see them."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.indicators import services
from lotrinh.indicators.models import Indicator, Observation
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db
MOST = "bo-khoa-hoc-va-cong-nghe"


def _approved(most_monitor) -> Observation:  # type: ignore[no-untyped-def]
    indicator = Indicator.objects.get(code="DIGITAL_ECONOMY_SHARE_GDP")
    proposed = services.record_observation(
        indicator, year=2025, value=19.5, citation="Tổng cục Thống kê", user=most_monitor
    )
    return services.approve_observation(proposed, make_user("most_duyet", MOST, Role.MOST_MONITOR))


def test_the_public_page_names_no_official(most_monitor) -> None:
    observation = _approved(most_monitor)
    url = reverse("indicators:indicator", args=["DIGITAL_ECONOMY_SHARE_GDP"])
    public = Client().get(url).content.decode()
    for person in (most_monitor, observation.reviewed_by):
        assert person.username not in public and str(person) not in public
    assert "đã được Bộ KH&CN duyệt" in public
    assert observation.release == f"nhập bởi {most_monitor.agency.name_vi}"
    staff = client_for(most_monitor).get(url).content.decode()
    assert f"duyệt: {observation.reviewed_by}" in staff


def test_values_stored_with_a_login_are_rewritten_to_the_agency(most_monitor) -> None:
    observation = _approved(most_monitor)
    Observation.objects.filter(pk=observation.pk).update(release=f"nhập bởi {most_monitor}")
    migration = importlib.import_module("lotrinh.indicators.migrations.0006_release_names_agency")
    migration.name_the_agency(django_apps, None)
    observation.refresh_from_db()
    assert observation.release == f"nhập bởi {most_monitor.agency.name_vi}"
