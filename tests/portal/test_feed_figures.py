"""The portal's Atom feed lists the indicator figures MOST approved for publication, beside
publications and withdrawals: dated when approved, with an id that does not move, and
naming the agency that gave the figure, never the person who typed it."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.indicators import services
from lotrinh.indicators.models import Indicator
from tests.conftest import MOST, make_user

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
DIGITAL = "DIGITAL_ECONOMY_SHARE_GDP"


def entries(language: str = "vi") -> list[dict[str, str]]:
    client = Client()
    client.cookies["django_language"] = language
    root = ET.fromstring(client.get("/cong-khai/cap-nhat.atom").content.decode())
    return [
        {
            "id": e.findtext(f"{ATOM}id") or "",
            "title": e.findtext(f"{ATOM}title") or "",
            "summary": e.findtext(f"{ATOM}summary") or "",
            "updated": e.findtext(f"{ATOM}updated") or "",
            "link": e.find(f"{ATOM}link").get("href"),  # type: ignore[union-attr]
        }
        for e in root.iter(f"{ATOM}entry")
    ]


def test_an_approved_figure_is_in_the_feed_dated_when_approved_and_named_by_its_agency(
    officer_b, most_monitor
):
    officer_b.full_name = "Nguyễn Văn Nhập"
    officer_b.save()
    indicator = Indicator.objects.get(code=DIGITAL)
    with time_machine.travel(datetime.datetime(2025, 3, 2, 2, 0, tzinfo=datetime.UTC)):
        pending = services.record_observation(
            indicator, year=2019, value=14.25, citation="Cục Thống kê", user=officer_b
        )
    assert not [e for e in entries() if "observation" in e["id"]]  # pending: not news
    with time_machine.travel(datetime.datetime(2025, 3, 5, 3, 0, tzinfo=datetime.UTC)):
        approved = services.approve_observation(pending, most_monitor)
    [entry] = [e for e in entries() if "observation" in e["id"]]
    assert entry["id"] == f"tag:lotrinh,2025:observation/{approved.pk}"
    assert entry["updated"].startswith("2025-03-05T03:00:00")
    assert entry["title"] == f"Số liệu {indicator.name_vi} năm 2019: 14,25 {indicator.unit}"
    assert entry["summary"] == (
        f"Số liệu do {officer_b.agency.name_vi} cung cấp, "
        "Bộ Khoa học và Công nghệ duyệt công bố ngày 05/03/2025."
    )
    assert "Nguyễn Văn Nhập" not in str(entries()) and officer_b.username not in str(entries())
    assert entry["link"] == f"http://testserver{reverse('indicators:indicator', args=[DIGITAL])}"
    # The same entry the next time it is read; English numbers on English pages.
    assert [e for e in entries() if "observation" in e["id"]] == [entry]
    [english] = [e for e in entries("en") if "observation" in e["id"]]
    assert english["id"] == entry["id"] and ": 14.25 " in english["title"]


def test_a_correction_says_so_and_a_rejected_figure_never_appears(officer_b, most_monitor):
    indicator = Indicator.objects.get(code=DIGITAL)
    revision = services.record_observation(
        indicator, year=2024, value=13.5, citation="Cục Thống kê, sửa đổi", user=officer_b
    )
    services.approve_observation(revision, most_monitor)
    rejected = services.record_observation(
        indicator, year=2020, value=99, citation="Không rõ", user=officer_b
    )
    services.reject_observation(rejected, most_monitor, "Sai nguồn")
    figures = [e for e in entries() if "observation" in e["id"]]
    assert [e["title"] for e in figures] == [
        f"Sửa đổi số liệu {indicator.name_vi} năm 2024: 13,5 {indicator.unit}"
    ]


def test_a_figure_typed_by_mosts_monitor_is_given_by_most_and_approved_by_another(
    most_monitor,
):
    second = make_user("most_monitor_2", MOST, Role.MOST_MONITOR)
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    typed = services.record_observation(
        indicator, year=2019, value=4, citation="Bộ Xây dựng", user=most_monitor
    )
    services.approve_observation(typed, second)
    [entry] = [e for e in entries() if "observation" in e["id"]]
    assert "Số liệu do Bộ Khoa học và Công nghệ cung cấp" in entry["summary"]
    assert entry["title"].endswith(": 4" + (" " + indicator.unit if indicator.unit else ""))
