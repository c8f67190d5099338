"""A MOST monitor's reason for rejecting a value, and an agency's answer to a data
request, typed while another person's session decided the same thing: nothing typed is
lost; it comes back read-only, to copy (docs/security.md, "Nothing typed is lost")."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.indicators import requests, services
from lotrinh.indicators.models import Approval, Indicator
from tests.conftest import AGENCY_B, MOST, client_for, make_user

pytestmark = pytest.mark.django_db

DIGITAL = "DIGITAL_ECONOMY_SHARE_GDP"


def _kept(html: str) -> list[str]:
    boxes = re.findall(r"<textarea id=\"typed-\d+\"[^>]*readonly>\n?(.*?)</textarea>", html, re.S)
    return [unescape(b) for b in boxes]


def test_a_rejection_reason_typed_while_another_monitor_approved_comes_back() -> None:
    officer = make_user("officer_b", AGENCY_B, Role.REPORTER)
    observation = services.record_observation(
        Indicator.objects.get(code=DIGITAL),
        year=2019,
        value=14.2,
        citation="Cục Thống kê, thông cáo",
        user=officer,
    )
    one = client_for(make_user("monitor_one", MOST, Role.MOST_MONITOR))
    two = client_for(make_user("monitor_two", MOST, Role.MOST_MONITOR))
    page = two.get(reverse("indicators:indicator", args=[DIGITAL]))
    assert 'name="reason"' in page.content.decode()  # her tab, with the box
    approve = reverse("indicators:approve", args=[DIGITAL, observation.pk])
    assert one.post(approve).status_code == 302  # the other monitor, meanwhile
    reason = "Nguồn chưa khớp thông cáo\nngày 30/6"
    response = two.post(
        reverse("indicators:reject", args=[DIGITAL, observation.pk]), {"reason": reason}
    )
    assert response.status_code == 400
    observation.refresh_from_db()
    assert observation.approval == Approval.APPROVED and observation.rejection_reason == ""
    html = response.content.decode()
    assert "Số liệu này đã được xem xét trước đó." in html
    assert _kept(html) == [reason]


def test_an_answer_typed_while_a_colleague_answered_comes_back(most_monitor) -> None:
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    ministry = requests.producing_agency(indicator)
    first = make_user("moc_reporter", ministry.code, Role.REPORTER)
    second = make_user("moc_reporter_2", ministry.code, Role.REPORTER)
    today = services.today()
    request = requests.send_request(
        indicator,
        agency=ministry,
        year=today.year - 1,
        what="Số đô thị thông minh",
        definition=indicator.definition,
        deadline=today + datetime.timedelta(days=7),
        user=most_monitor,
    )
    url = reverse("indicators:request", args=[request.pk])
    late = client_for(second)
    assert 'id="answer-form"' in late.get(url).content.decode()  # her tab, with the form
    body = {"value": "3", "citation": "Bộ Xây dựng, công văn 12/BXD", "version": request.version}
    assert client_for(first).post(url, body).status_code == 302  # the colleague, meanwhile
    mine = {
        "value": "4",
        "citation": "Bộ Xây dựng, báo cáo tổng kết",
        "note": "Tính cả đô thị loại II",
        "version": request.version,
    }
    response = late.post(url, mine)
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.observation.value == 3
    html = response.content.decode()
    assert "Yêu cầu này đã được trả lời hoặc đã được rút." in html or "người khác" in html
    assert _kept(html) == ["4", "Bộ Xây dựng, báo cáo tổng kết", "Tính cả đô thị loại II"]
