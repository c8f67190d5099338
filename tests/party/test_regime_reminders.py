"""Reminders from a regime's period page (issue 14, item 6): the Commission's monitor
reminds one Party committee that has not sent its six-monthly report, or all of them,
as MOST reminds agencies; MOST and oversight only read. And the daily job reminds the
six-monthly Party regime's reporters by itself."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.reporting import reminders
from lotrinh.reporting.models import (
    Notification,
    ReminderKind,
    ReminderSent,
    ReportingPeriod,
    ReportingRegime,
)
from lotrinh.reporting.schedules import set_regime_schedule
from tests.conftest import make_user
from tests.party.test_regime_pages import (
    TODAY,
    _client,
    _compliance_url,
    _scheduled,
    _send,
    frozen,  # noqa: F401 (the pages' July date, autouse)
)

pytestmark = pytest.mark.django_db

HANOI = "Thành ủy Hà Nội"


def _remind_url(regime: ReportingRegime) -> str:
    return reverse("reporting:regime_remind", args=[regime.pk])


def _remind_all_url(regime: ReportingRegime) -> str:
    return reverse("reporting:regime_remind_all", args=[regime.pk])


def _hanoi() -> Agency:
    return Agency.objects.get(name_vi=HANOI)


def _manual(period: ReportingPeriod) -> list[ReminderSent]:
    return list(ReminderSent.objects.filter(period=period, kind=ReminderKind.MANUAL))


def test_the_commission_reminds_one_committee_and_sees_it_on_the_page(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    first, _second = _scheduled(regime)
    client = _client(people["monitor"])
    page = client.get(_compliance_url(regime), {"ky": "2025-1"}).content.decode()
    assert 'id="remind-all"' in page and "Nhắc Thành ủy Hà Nội" in page
    response = client.post(
        _remind_url(regime), {"ky": "2025-1", "agency": str(_hanoi().pk)}, follow=True
    )
    assert response.redirect_chain[-1][0] == _compliance_url(regime) + "?ky=2025-1"
    text = response.content.decode()
    assert "Đã nhắc" in text and "số người nhận: 1." in text
    assert "đã nhắc ngày 10/07/2025" in text
    [record] = _manual(first)
    assert record.agency == _hanoi() and record.sent_by == people["monitor"]
    assert record.sent_on == TODAY.date() and "tu_hn_reporter" in record.recipients
    # The reporter's notification names the period and the body asking, not MOST.
    [notice] = Notification.objects.filter(user=people["reporter"])
    assert "6 tháng đầu năm 2025" in notice.message
    assert notice.message.startswith("Ban Chính sách, chiến lược Trung ương đề nghị")
    assert "Bộ Khoa học và Công nghệ" not in notice.message
    inbox = _client(people["reporter"]).get(reverse("reporting:notifications"))
    assert "6 tháng đầu năm 2025" in inbox.content.decode()


def test_a_double_click_sends_once(regime: ReportingRegime, people: dict[str, User]) -> None:
    first, _second = _scheduled(regime)
    client = _client(people["monitor"])
    body = {"ky": "2025-1", "agency": str(_hanoi().pk)}
    assert client.post(_remind_url(regime), body).status_code == 302
    again = client.post(_remind_url(regime), body, follow=True)
    assert "Hôm nay đã nhắc" in again.content.decode()
    assert len(_manual(first)) == 1
    assert Notification.objects.filter(user=people["reporter"]).count() == 1
    # Nor does "all" send it again the same day.
    client.post(_remind_all_url(regime), {"ky": "2025-1", "agency": str(_hanoi().pk)})
    assert len(_manual(first)) == 1


def test_remind_all_reaches_every_committee_that_has_not_sent_and_only_them(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    first, _second = _scheduled(regime)
    sent = _send(first, "Tỉnh ủy Bắc Ninh", accept=True)  # has sent: never reminded
    bac_giang = Agency.objects.get(name_vi="Tỉnh ủy Bắc Giang")
    make_user("tu_bg_reporter", bac_giang.code, Role.REPORTER)
    client = _client(people["monitor"])
    page = client.get(_compliance_url(regime), {"ky": "2025-1"})
    to_send = page.context["to_send"]
    assert set(to_send) == {_hanoi().pk, bac_giang.pk}  # those with an account
    assert sent.agency_id not in to_send
    # Most committees have nobody to receive a reminder: said, not recorded.
    assert page.context["no_account_count"] > 50
    # A forged id (Bắc Ninh has sent) is not reminded; the page's ones are.
    ids = [*map(str, to_send), str(sent.agency_id)]
    response = client.post(_remind_all_url(regime), {"ky": "2025-1", "agency": ids}, follow=True)
    assert "Số cấp ủy, tổ chức đảng đã được nhắc: 2." in response.content.decode()
    assert {r.agency_id for r in _manual(first)} == {_hanoi().pk, bac_giang.pk}
    assert 'id="all-reminded"' in response.content.decode()
    again = client.post(_remind_all_url(regime), {"ky": "2025-1", "agency": ids}, follow=True)
    assert "không gửi lại: 2." in again.content.decode()
    assert len(_manual(first)) == 2


@pytest.mark.parametrize("persona", ["most", "admin", "reporter", "other", "other_reporter"])
def test_only_the_receiving_bodys_monitor_reminds(
    regime: ReportingRegime, people: dict[str, User], persona: str
) -> None:
    first, _second = _scheduled(regime)
    client = _client(people[persona])
    body = {"ky": "2025-1", "agency": str(_hanoi().pk)}
    assert client.post(_remind_url(regime), body).status_code == 403
    assert client.post(_remind_all_url(regime), body).status_code == 403
    assert not ReminderSent.objects.filter(period=first).exists()
    if persona in ("most", "admin"):  # they follow the page read-only: no buttons
        page = client.get(_compliance_url(regime), {"ky": "2025-1"}).content.decode()
        assert _remind_url(regime) not in page and 'id="remind-all"' not in page


def test_anonymous_is_sent_to_log_in_and_a_get_changes_nothing(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    first, _second = _scheduled(regime)
    body = {"ky": "2025-1", "agency": str(_hanoi().pk)}
    response = Client().post(_remind_url(regime), body)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    monitor = _client(people["monitor"])
    assert monitor.get(_remind_url(regime), body).status_code == 405
    assert monitor.get(_remind_all_url(regime), body).status_code == 405
    assert not ReminderSent.objects.filter(period=first).exists()


def test_a_post_without_the_csrf_token_is_refused(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    first, _second = _scheduled(regime)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["monitor"])
    body = {"ky": "2025-1", "agency": str(_hanoi().pk)}
    assert client.post(_remind_url(regime), body).status_code == 403
    assert not ReminderSent.objects.filter(period=first).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"ky": "2025-9", "agency": "HANOI"},  # no such period
        {"ky": "x" * 500, "agency": "HANOI"},
        {"ky": "2025-1", "agency": "abc"},
        {"ky": "2025-1", "agency": "9" * 40},
        {"ky": "2025-1", "agency": "2000000"},
        {"ky": "2025-1"},
    ],
)
def test_wrong_input_is_explained_and_sends_nothing(
    regime: ReportingRegime, people: dict[str, User], body: dict[str, str]
) -> None:
    _scheduled(regime)
    body = {k: (str(_hanoi().pk) if v == "HANOI" else v) for k, v in body.items()}
    client = _client(people["monitor"])
    for url in (_remind_url(regime), _remind_all_url(regime)):
        response = client.post(url, body, follow=True)
        assert response.status_code == 200
        assert "chưa gửi gì." in response.content.decode()
    assert not ReminderSent.objects.exists()


def test_a_committee_that_has_sent_or_a_closed_period_is_not_reminded(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    monitor = people["monitor"]
    set_regime_schedule(monitor, regime, frequency="semiannual", deadline_day=20, first_year=2024)
    from lotrinh.reporting.services import open_reporting_cycle

    open_reporting_cycle(TODAY.date())
    periods = {(p.year, p.part): p for p in regime.periods.all()}
    sent = _send(periods[(2025, 1)], HANOI)
    client = _client(monitor)
    response = client.post(
        _remind_url(regime), {"ky": "2025-1", "agency": str(sent.agency_id)}, follow=True
    )
    assert "Không nhắc" in response.content.decode()
    # The second half of 2024 is closed (the first half of 2025 is the one chased).
    closed = client.get(_compliance_url(regime), {"ky": "2024-2"})
    assert 'id="no-reminders"' in closed.content.decode()
    assert not closed.context["to_send"]
    response = client.post(
        _remind_url(regime), {"ky": "2024-2", "agency": str(sent.agency_id)}, follow=True
    )
    assert "Không nhắc" in response.content.decode()
    assert not ReminderSent.objects.exists()
    # The second half of 2025 is open (due 20 December): its reporters may be reminded.
    assert reminders.plan_period_reminder(regime, periods[(2025, 2)], TODAY.date()).to_send


def test_the_daily_job_reminds_a_six_monthly_party_regime_by_itself(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    _first, second = _scheduled(regime)
    # Seven days before the second half's deadline, then the day after it.
    for day in (second.due_date - datetime.timedelta(days=7), second.due_date):
        with time_machine.travel(day, tick=False):
            reminders.run_reminders(day)
    records = ReminderSent.objects.filter(period=second, agency=_hanoi()).order_by("sent_on")
    assert [r.kind for r in records] == [ReminderKind.BEFORE, ReminderKind.DUE_TODAY]
    notices = [n.message for n in Notification.objects.filter(user=people["reporter"])]
    assert len(notices) == 2
    assert all("6 tháng cuối năm 2025" in m for m in notices)
    assert all("Ban Chính sách, chiến lược Trung ương" in m for m in notices)
    page = _client(people["monitor"]).get(_compliance_url(regime), {"ky": "2025-2"})
    assert "đã nhắc ngày 20/12/2025 (2 lần)" in page.content.decode()
