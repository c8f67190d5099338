"""The roll-up page lists every unit's accepted results: it is the agency staff's tool
(and read by those who follow compliance). A unit's officer reads her agency's report,
but never another unit's report (docs/cascade.md, "Who reads a unit's report"): the
roll-up must not show it to her either (walk of 2026-12-06: Công an Thành phố's reporter
read Sở KH&CN's results on /phan-cap/bao-cao/<report>/)."""

from django.urls import reverse

from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for


def _khcn_accepted(p) -> None:
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Kết quả riêng của Sở Khoa học")
    services.accept_report(_send(report, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])


def test_another_units_officer_does_not_read_the_rollup(province) -> None:
    p = province
    _khcn_accepted(p)
    national = p["national"]
    police = client_for(p["police_reporter"])
    # She reads her agency's report (own agency), without the link to the units' results.
    page = police.get(reverse("reporting:report", args=[national.pk]))
    assert page.status_code == 200
    assert reverse("cascade:rollup", args=[national.pk]) not in page.content.decode()
    rolled = police.get(reverse("cascade:rollup", args=[national.pk]))
    assert rolled.status_code == 404
    assert "Kết quả riêng của Sở Khoa học" not in rolled.content.decode()


def test_the_agency_staff_still_read_the_rollup(province) -> None:
    p = province
    _khcn_accepted(p)
    national = p["national"]
    for who in ("reporter", "monitor", "leader"):
        client = client_for(p[who])
        page = client.get(reverse("reporting:report", args=[national.pk]))
        assert reverse("cascade:rollup", args=[national.pk]) in page.content.decode(), who
        rolled = client.get(reverse("cascade:rollup", args=[national.pk]))
        assert rolled.status_code == 200, who
        assert "Kết quả riêng của Sở Khoa học" in rolled.content.decode(), who
