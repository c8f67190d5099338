"""An answer to a data request sent from a page read before the request moved on (a
colleague answered, MOST sent the figure back): nothing is written, the form stays filled
with what was typed, says what changed (who, when, the figure sent back and why) and
carries the current version, so sending again succeeds (docs/reporting-trust.md, "One
concurrency model"). A request answered meanwhile is closed: the form is gone and the page
says so, without the "changed by someone else" message."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.indicators import requests, services
from lotrinh.indicators.models import DataRequestStatus, Indicator
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def _request(most_monitor):
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    ministry = requests.producing_agency(indicator)
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
    return request, ministry


def _value(html: str, name: str) -> str:
    found = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html)
    assert found, name
    value = re.search(r'value="([^"]*)"', found.group(0))
    return unescape(value.group(1)) if value else ""


def test_an_answer_from_a_page_read_before_the_figure_was_sent_back_is_kept_and_sends_again(
    most_monitor,
) -> None:
    request, ministry = _request(most_monitor)
    colleague = make_user("moc_reporter", ministry.code, Role.REPORTER)
    colleague.full_name = "Nguyễn Thị Lan"
    colleague.save()
    most_monitor.full_name = "Trần Văn Duyệt"
    most_monitor.save()
    late = make_user("moc_reporter_2", ministry.code, Role.REPORTER)
    url = reverse("indicators:request", args=[request.pk])
    tab = client_for(late)
    read_at = request.version
    assert f'name="version" value="{read_at}"' in tab.get(url).content.decode()
    # Meanwhile the colleague answers and MOST sends the figure back.
    body = {"value": "3", "citation": "Bộ Xây dựng, công văn 12/BXD", "version": read_at}
    assert client_for(colleague).post(url, body).status_code == 302
    request.refresh_from_db()
    services.reject_observation(request.observation, most_monitor, "Thiếu đô thị loại II")
    request.refresh_from_db()
    assert request.status == DataRequestStatus.OPEN and request.version > read_at

    mine = {
        "value": "4",
        "citation": "Bộ Xây dựng, báo cáo tổng kết",
        "note": "Tính cả đô thị loại II",
        "version": read_at,
    }
    response = tab.post(url, mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "tải lại trang và nhập lại" not in html
    # What she typed stays in the form, which now carries the current version.
    assert _value(html, "value") == "4"
    assert _value(html, "citation") == "Bộ Xây dựng, báo cáo tổng kết"
    assert _value(html, "note") == "Tính cả đô thị loại II"
    assert _value(html, "version") == str(request.version)
    # What happened meanwhile: the figure sent back, by whom, and why.
    changes = unescape(re.sub(r"<[^>]+>", " ", html.split('id="request-moved"')[1]))
    assert "Nguyễn Thị Lan" in changes and "Trần Văn Duyệt" in changes
    assert "Thiếu đô thị loại II" in changes
    assert not re.search(r"\d{4}-\d{2}-\d{2}", changes), changes  # dates as pages write them
    request.refresh_from_db()
    assert request.observation is None  # nothing written

    # Sending the form as shown again succeeds.
    again = dict(mine, version=_value(html, "version"))
    assert tab.post(url, again).status_code == 302
    request.refresh_from_db()
    assert request.status == DataRequestStatus.ANSWERED
    assert request.observation.value == 4


def test_an_answer_to_a_request_answered_meanwhile_says_it_is_closed(most_monitor) -> None:
    request, ministry = _request(most_monitor)
    first = make_user("moc_reporter", ministry.code, Role.REPORTER)
    late = client_for(make_user("moc_reporter_2", ministry.code, Role.REPORTER))
    url = reverse("indicators:request", args=[request.pk])
    body = {"value": "3", "citation": "Bộ Xây dựng, công văn 12/BXD", "version": request.version}
    assert client_for(first).post(url, body).status_code == 302
    response = late.post(url, dict(body, value="4"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu này đã được trả lời hoặc đã được rút." in html
    assert "người khác" not in html
    assert 'id="answer-form"' not in html


def test_the_same_answer_sent_twice_is_answered_once(most_monitor) -> None:
    """A double click (or the form sent again after its answer went through) sends the
    answer once and is told so, not "answered or withdrawn"."""
    request, ministry = _request(most_monitor)
    reporter = client_for(make_user("moc_reporter", ministry.code, Role.REPORTER))
    url = reverse("indicators:request", args=[request.pk])
    body = {"value": "3", "citation": "Bộ Xây dựng, công văn 12/BXD", "version": request.version}
    assert reporter.post(url, body).status_code == 302
    again = reporter.post(url, body)
    assert again.status_code == 302
    request.refresh_from_db()
    assert request.status == DataRequestStatus.ANSWERED and request.observation.value == 3
    assert request.indicator.observations.filter(year=request.year, value=3).count() == 1
    # Another figure from the same stale form is refused: the request is answered.
    assert reporter.post(url, dict(body, value="4")).status_code == 400
