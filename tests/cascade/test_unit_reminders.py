"""The agency's monitors remind a late unit by hand from the plan's page, as MOST reminds
an agency (docs/cascade.md): to the unit's people, once a day, never a unit that has sent
its report; the units' period page is the plan's page."""

import datetime

import time_machine
from django.urls import reverse

from lotrinh.agencies.models import Unit
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import Notification, ReminderKind, ReminderSent, TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for

AFTER_DUE = datetime.datetime(YEAR, 11, 20, 9)  # the units' reports were due on 15/11


def _periods(child) -> None:  # type: ignore[no-untyped-def]
    services.generate_periods(rollup.unit_regime(child), YEAR)


def test_the_monitor_reminds_a_late_unit_once_a_day(province) -> None:
    p = province
    _periods(p["child"])
    khcn = Unit.objects.get(code="so-khcn")
    url = reverse("cascade:remind_unit", args=[p["child"].pk, khcn.pk])
    page_url = reverse("cascade:plan", args=[p["child"].pk])
    with time_machine.travel(AFTER_DUE, tick=False):
        monitor = client_for(p["monitor"])
        page = monitor.get(page_url, {"year": YEAR}).content.decode()
        assert url in page  # a "Nhắc" button per unit that has not sent its report
        response = monitor.post(url, {"year": YEAR}, follow=True)
        assert "Đã nhắc" in response.content.decode()
        told = Notification.objects.get(user=p["khcn_reporter"])
        assert told.message.startswith(
            "Thành phố Hà Nội đề nghị Sở Khoa học và Công nghệ hoàn thành và gửi báo cáo"
        )
        assert told.message_en.startswith(
            "Ha Noi City asks Sở Khoa học và Công nghệ to complete and send the report"
        )
        assert Notification.objects.filter(user=p["khcn_leader"]).count() == 1
        assert not Notification.objects.filter(user=p["police_reporter"]).exists()
        again = monitor.post(url, {"year": YEAR}, follow=True).content.decode()
        assert "Hôm nay đã nhắc" in again
        sent = ReminderSent.objects.filter(unit=khcn, kind=ReminderKind.MANUAL)
        assert sent.count() == 1 and sent.get().sent_by == p["monitor"]
        assert Notification.objects.filter(user=p["khcn_reporter"]).count() == 1


def test_a_unit_that_sent_its_report_is_not_reminded(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Xong")
    _send(report, p["khcn_reporter"], p["khcn_leader"])
    khcn = report.unit
    url = reverse("cascade:remind_unit", args=[p["child"].pk, khcn.pk])
    with time_machine.travel(AFTER_DUE, tick=False):
        monitor = client_for(p["monitor"])
        page = monitor.get(reverse("cascade:plan", args=[p["child"].pk]), {"year": YEAR})
        assert url not in page.content.decode()
        response = monitor.post(url, {"year": YEAR}, follow=True).content.decode()
        assert "Không nhắc" in response
    assert not ReminderSent.objects.filter(unit=khcn, kind=ReminderKind.MANUAL).exists()


def test_only_the_agencys_monitors_remind_its_units(province) -> None:
    p = province
    _periods(p["child"])
    khcn = Unit.objects.get(code="so-khcn")
    url = reverse("cascade:remind_unit", args=[p["child"].pk, khcn.pk])
    with time_machine.travel(AFTER_DUE, tick=False):
        for who in ("other_monitor", "most", "khcn_reporter", "reporter", "leader"):
            status = client_for(p[who]).post(url, {"year": YEAR}).status_code
            assert status in (403, 404), (who, status)
        assert client_for(p["monitor"]).get(url).status_code == 405  # GET never writes
    assert not ReminderSent.objects.filter(unit=khcn).exists()
    assert not Notification.objects.filter(user=p["khcn_reporter"]).exists()


def test_the_units_period_page_is_the_plans_page(province) -> None:
    p = province
    _periods(p["child"])
    regime = rollup.unit_regime(p["child"])
    response = client_for(p["monitor"]).get(
        reverse("reporting:regime_compliance", args=[regime.pk])
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("cascade:plan", args=[p["child"].pk]))
    assert response["Location"].endswith("#don-vi")


def test_the_button_answers_in_place(province) -> None:
    """From the page (htmx), the outcome replaces the button; without script, the page
    comes back with the message."""
    p = province
    _periods(p["child"])
    khcn = Unit.objects.get(code="so-khcn")
    url = reverse("cascade:remind_unit", args=[p["child"].pk, khcn.pk])
    with time_machine.travel(AFTER_DUE, tick=False):
        monitor = client_for(p["monitor"])
        first = monitor.post(url, {"year": YEAR}, HTTP_HX_REQUEST="true")
        assert first.status_code == 200 and 'role="status"' in first.content.decode()
        assert "Đã nhắc" in first.content.decode()
        second = monitor.post(url, {"year": YEAR}, HTTP_HX_REQUEST="true").content.decode()
        assert "Hôm nay đã nhắc" in second


def test_a_crafted_year_reminds_no_one(province) -> None:
    """A year that is not one ("²⁰²⁵", "abc", "") used to fall back to this year and send
    a real reminder; it is refused and nothing is sent."""
    p = province
    _periods(p["child"])
    khcn = Unit.objects.get(code="so-khcn")
    url = reverse("cascade:remind_unit", args=[p["child"].pk, khcn.pk])
    with time_machine.travel(AFTER_DUE, tick=False):
        monitor = client_for(p["monitor"])
        for year in ("abc", "", "1989", f"{YEAR}x", "²⁰²⁵"):
            page = monitor.post(url, {"year": year}, follow=True).content.decode()
            assert "Yêu cầu không hợp lệ." in page
            badge = monitor.post(url, {"year": year}, HTTP_HX_REQUEST="true")
            assert badge.status_code == 400
        assert not Notification.objects.filter(user=p["khcn_reporter"]).exists()
        assert not ReminderSent.objects.exists()
