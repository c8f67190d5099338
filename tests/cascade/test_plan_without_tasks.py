"""A plan known by its number and date only (no tasks yet): its page says so and what to
do, instead of an empty table (the audit of 04/12/2026)."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.plans import create_recorded_plan
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db


def test_a_plan_without_tasks_says_how_its_tasks_come(seeded_db: None, most_monitor) -> None:
    plan = create_recorded_plan(
        Agency.objects.get(code=AGENCY_A),
        current_programme("50/NQ-CP"),
        number="12/KH-BYT",
        date=datetime.date(2024, 3, 1),
    )
    url = reverse("cascade:plan", args=[plan.pk])
    issuer = client_for(make_user("byt_kh", AGENCY_A, Role.REPORTER)).get(url).content.decode()
    said = issuer.split('id="no-tasks">', 1)[1].split("</p>", 1)[0]
    assert said.startswith("Kế hoạch này chưa có nhiệm vụ nào.")
    assert f'<a href="{reverse("cascade:plans")}">' in said and "12/KH-BYT" in said
    assert '<table class="cards"><thead><tr><th>Nhiệm vụ</th>' not in issuer
    # A reader who cannot import is told who will.
    page = client_for(most_monitor).get(url)
    assert page.status_code == 200
    said = page.content.decode().split('id="no-tasks">', 1)[1].split("</p>", 1)[0]
    assert "cơ quan ban hành nhập văn bản kế hoạch" in said and "<a " not in said
