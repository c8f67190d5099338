"""A national figure's forms sent twice (a double click, or the browser sending the form
again on Back/Reload): the second changes nothing and is not a refusal. Before, the value
entered twice answered 400 "a value is pending for that year" (the first click's), and
an approval or rejection sent twice answered 400 "already reviewed" though it was the
monitor's own decision, just stored."""

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.core.models import AuditEvent
from lotrinh.indicators import services
from lotrinh.indicators.models import Approval, Indicator, Observation
from tests.conftest import MOST, client_for, make_user

pytestmark = pytest.mark.django_db

DIGITAL = "DIGITAL_ECONOMY_SHARE_GDP"
FORM = {
    "year": 2019,
    "value": 14.2,
    "status": "provisional",
    "citation": "Cục Thống kê, thông cáo báo chí",
}


@pytest.fixture
def proposed(officer_b: User) -> Observation:
    return services.record_observation(
        Indicator.objects.get(code=DIGITAL),
        year=2019,
        value=14.2,
        citation="Cục Thống kê, thông cáo báo chí",
        user=officer_b,
    )


def test_a_value_entered_twice_is_recorded_once_and_the_second_is_no_refusal(officer_b):
    client = client_for(officer_b)
    url = reverse("indicators:enter", args=[DIGITAL])
    assert client.post(url, FORM).status_code == 302
    again = client.post(url, FORM)
    assert again.status_code == 302, again.content.decode()[:3000]
    assert Observation.objects.filter(indicator__code=DIGITAL, year=2019).count() == 1
    assert AuditEvent.objects.filter(action="observation.recorded").count() == 1


def test_another_value_for_a_year_pending_is_still_refused(officer_b):
    """Guard (passes before too): a different value while one waits stays a refusal."""
    client = client_for(officer_b)
    url = reverse("indicators:enter", args=[DIGITAL])
    client.post(url, FORM)
    again = client.post(url, {**FORM, "value": 15.0})
    assert again.status_code == 400
    assert "đang chờ Bộ KH&amp;CN duyệt" in again.content.decode()
    assert Observation.objects.filter(indicator__code=DIGITAL, year=2019).count() == 1


@pytest.mark.parametrize(
    ("name", "form", "approval"),
    [
        ("indicators:approve", {}, Approval.APPROVED),
        ("indicators:reject", {"reason": "Nguồn chưa rõ"}, Approval.REJECTED),
    ],
    ids=["approve", "reject"],
)
def test_a_decision_sent_twice_by_its_monitor_is_recorded_once(proposed, name, form, approval):
    monitor = make_user("most_monitor_1", MOST, Role.MOST_MONITOR)
    client = client_for(monitor)
    url = reverse(name, args=[DIGITAL, proposed.pk])
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert again.status_code == 302, again.content.decode()[:3000]
    proposed.refresh_from_db()
    assert proposed.approval == approval
    assert (
        AuditEvent.objects.filter(action__startswith="observation.")
        .exclude(action="observation.recorded")
        .count()
        == 1
    )


def test_another_monitors_decision_meanwhile_is_still_refused(proposed):
    """Guard (passes before too): the decision of another monitor is not taken for hers."""
    first = make_user("most_monitor_1", MOST, Role.MOST_MONITOR)
    second = make_user("most_monitor_2", MOST, Role.MOST_MONITOR)
    services.approve_observation(proposed, first)
    answer = client_for(second).post(reverse("indicators:approve", args=[DIGITAL, proposed.pk]))
    assert answer.status_code == 400
    proposed.refresh_from_db()
    assert proposed.reviewed_by == first
