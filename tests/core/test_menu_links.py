"""Every link of the site menu opens for the person it is shown to: one person per role
(as the demonstration's accounts), a province's monitoring staff whose agency receives
no report under any regime, a receiving body's monitoring staff, and a unit's person.
The menu asks the pages' own permission functions (the documents page was linked for
every reader of reports, and refused a province's monitor)."""

import datetime
import re

import pytest
from django.test import Client

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency, Unit
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.models import Frequency, ReportingRegime
from lotrinh.reporting.schedules import set_regime_schedule
from tests.conftest import AGENCY_A, MOST, OVERSIGHT, client_for, make_user

pytestmark = pytest.mark.django_db

_MENU = re.compile(
    r'<nav class="mainnav"[^>]*>(.*?)</nav>.*?<div class="usernav">(.*?)</div>', re.S
)
_HREF = re.compile(r'<a href="([^"]+)"')
DOCUMENTS = "/van-ban-bao-cao/"
HANOI = "thanh-pho-ha-noi"
# The Commission's successor receives the Party committees' reports (52-NQ/TW).
RECEIVING_BODY = "ban-chinh-sach-chien-luoc-trung-uong"


def _people() -> dict[str, User | None]:
    admin = make_user("quantri", MOST, Role.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    hanoi = Agency.objects.get(code=HANOI)
    department = Unit.objects.create(agency=hanoi, code="so-tc", name_vi="Sở Tài chính")
    unit_reporter = make_user("hn-dv1-baocao", HANOI, Role.REPORTER)
    unit_reporter.unit = department
    unit_reporter.save()
    receiver = make_user("bcscl-theodoi", RECEIVING_BODY, Role.AGENCY_MONITOR)
    set_regime_schedule(
        admin,
        ReportingRegime.objects.get(
            programme=current_programme("52-NQ/TW"), code="party-committee-report"
        ),
        frequency=Frequency.SEMIANNUAL,
        deadline_day=20,
        first_year=2025,
        recipient=Agency.objects.get(code=RECEIVING_BODY),
        today=datetime.date(2025, 7, 10),
    )
    return {
        "anonymous": None,
        "most": make_user("most", MOST, Role.MOST_MONITOR),
        "byt-baocao": make_user("byt-baocao", AGENCY_A, Role.REPORTER),
        "byt-lanhdao": make_user("byt-lanhdao", AGENCY_A, Role.APPROVER),
        "byt-quantri": make_user("byt-quantri", AGENCY_A, Role.AGENCY_ADMIN),
        "giamsat": make_user("giamsat", OVERSIGHT, Role.OVERSIGHT),
        "quantri": admin,
        "hn-theodoi": make_user("hn-theodoi", HANOI, Role.AGENCY_MONITOR),
        "hn-dv1-baocao": unit_reporter,
        "bcscl-theodoi": receiver,
    }


def _menu(client: Client) -> list[str]:
    page = client.get("/")
    assert page.status_code == 200
    found = _MENU.search(page.content.decode())
    assert found, "no menu on the home page"
    return _HREF.findall(found.group(1) + found.group(2))


def test_it_opens_every_link_of_the_menu_for_every_role(seeded_db: None) -> None:
    refused = []
    shown_documents = set()
    for name, user in _people().items():
        client = Client() if user is None else client_for(user)
        links = _menu(client)
        assert links, name
        if DOCUMENTS in links:
            shown_documents.add(name)
        for link in links:
            status = client.get(link).status_code
            if status != 200:
                refused.append((name, link, status))
    assert refused == []
    # The page is there for those who may open it: not an empty check.
    assert {"most", "byt-baocao", "giamsat", "bcscl-theodoi"} <= shown_documents
    assert "hn-theodoi" not in shown_documents and "anonymous" not in shown_documents


@pytest.mark.parametrize(
    ("language", "words"),
    [("vi", ["Chương trình", "Cơ quan"]), ("en", ["Programmes", "Agencies"])],
)
def test_the_menu_names_the_agencies_list_as_a_list(language, words):
    # The English menu read "Programmes · Agency · Targets" (walkwatch, 2026-12-06): the
    # link opens the list of agencies, and its page's title and trail say "Agencies".
    client = Client()
    client.cookies["django_language"] = language
    menu = _MENU.search(client.get("/").content.decode())
    assert menu is not None
    names = re.findall(r"<a [^>]*>([^<]+)</a>", menu.group(1))
    assert names[:2] == words
    detail = client.get(f"/co-quan/{HANOI}/").content.decode()
    trail = re.search(r'<div class="crumbs"><a [^>]*>([^<]+)</a>', detail)
    assert trail is not None and trail.group(1) == words[1]
