"""The demo has two MOST monitors with a password and a figure typed by the first one
waiting for the second's approval: the four-eyes rule can be shown, not only read."""

import pytest
from django.urls import reverse

from lotrinh.accounts.demo import DEMO_ACCOUNTS, create_demo_accounts
from lotrinh.accounts.models import Role, User
from lotrinh.indicators.demo import INDICATOR, propose_demo_figure
from lotrinh.indicators.models import Approval, Observation
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_second_most_monitor_and_a_figure_waiting_for_her() -> None:
    monitors = [a for a in DEMO_ACCOUNTS if a.role == Role.MOST_MONITOR]
    assert [a.username for a in monitors] == ["most", "most-duyet"]
    create_demo_accounts()  # their passwords follow the rules
    first, second = (User.objects.get(username=a.username) for a in monitors)
    assert second.check_password(monitors[1].password) and second.agency == first.agency
    said = propose_demo_figure()
    assert "most-duyet" in said
    [waiting] = Observation.objects.filter(indicator__code=INDICATOR, approval=Approval.PENDING)
    assert waiting.recorded_by == first
    propose_demo_figure()  # run again (demo run twice): still one
    assert Observation.objects.filter(approval=Approval.PENDING).count() == 1
    url = reverse("indicators:approve", args=[INDICATOR, waiting.pk])
    # The one who typed it may not approve it; the second monitor does.
    assert client_for(first).post(url).status_code == 403
    page = client_for(second).get(reverse("indicators:indicator", args=[INDICATOR]))
    assert url in page.content.decode()
    assert client_for(second).post(url).status_code == 302
    waiting.refresh_from_db()
    assert waiting.approval == Approval.APPROVED and waiting.reviewed_by == second
