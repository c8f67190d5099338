"""Lists of an agency's units are in the order of the names the page shows: on an English
page the English alphabet of their English names, on a Vietnamese page the Vietnamese
order (docs/architecture.md, "Names in Vietnamese alphabetical order"). They were in the
Vietnamese order in both: Hà Nội's "Công an Thành phố" before "Sở Khoa học và Công nghệ",
though an English page names them "Police of the City" and "Department of Science and
Technology". The roll-up page named the units in Vietnamese too, though they have
English names."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lotrinh.accounts.models import Role
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR, person
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ENGLISH = ["Department of Science and Technology", "Police of the City"]
VIETNAMESE = ["Công an Thành phố", "Sở Khoa học và Công nghệ"]
SHOWN = {"en": ENGLISH, "vi": VIETNAMESE}


@pytest.fixture
def named(province):  # type: ignore[no-untyped-def]
    """The province's two units with English names whose order is not the Vietnamese
    one, and a leader for the police's own report."""
    p = province
    khcn, police = p["khcn_reporter"].unit, p["police_reporter"].unit
    khcn.name_en = ENGLISH[0]
    khcn.save()
    police.name_en = ENGLISH[1]
    police.save()
    p["police_leader"] = person("police_leader", p["child"].issuer, Role.APPROVER, police)
    return p


def _sent(p, who: str) -> object:  # type: ignore[no-untyped-def]
    """The unit's report of the year, filled and sent to the agency."""
    report = rollup.start_unit_report(p[f"{who}_reporter"], p["child"], YEAR)
    _fill(report, p[f"{who}_reporter"], TaskStatus.DONE_ON_TIME, f"Kết quả của {who}")
    return _send(report, p[f"{who}_reporter"], p[f"{who}_leader"])


def _in(client: Client, language: str) -> Client:
    client.cookies["django_language"] = language
    return client


def _order(text: str, names: list[str]) -> list[str]:
    """The names in the order `text` gives them (each where it first appears)."""
    found = [name for name in names if name in text]
    return sorted(found, key=text.index)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_plan_pages_units_are_in_the_order_of_the_names_shown(named, language) -> None:
    p = named
    _sent(p, "khcn")  # the year's period opened
    page = (
        _in(client_for(p["monitor"]), language)
        .get(reverse("cascade:plan", args=[p["child"].pk]), {"year": YEAR})
        .content.decode()
    )
    rows = re.findall(
        r'<tr><td>(.*?)</td><td><span class="nowrap">\d\d/\d\d/\d{4}</span></td>', page
    )
    assert [re.sub(r"<[^>]+>", "", row) for row in rows] == SHOWN[language]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_rollup_lists_the_units_in_the_order_of_the_names_shown(named, language) -> None:
    p = named
    for who in ("khcn", "police"):
        services.accept_report(_sent(p, who), p["monitor"])
    page = (
        _in(client_for(p["reporter"]), language)
        .get(reverse("cascade:rollup", args=[p["national"].pk]))
        .content.decode()
    )
    table = page.split("<tbody>", 1)[1]
    # The national task both units worked on lists the two, each in its row's cell.
    cells = [re.findall(r"<strong>(.*?)</strong>", row) for row in table.split("<tr>")]
    both = next(cell for cell in cells if len(set(cell)) == 2)
    assert list(dict.fromkeys(both)) == SHOWN[language]
    if language == "en":  # English names are not marked Vietnamese
        assert f'<strong lang="vi">{VIETNAMESE[0]}</strong>' not in page


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_units_reports_waiting_are_named_in_the_order_shown(named, language) -> None:
    p = named
    for who in ("police", "khcn"):
        _sent(p, who)
    page = (
        _in(client_for(p["reporter"]), language)
        .get(reverse("cascade:rollup", args=[p["national"].pk]))
        .content.decode()
    )
    waiting = page.split('class="msg msg-warning"', 1)[1].split("</p>", 1)[0]
    assert _order(waiting, SHOWN[language]) == SHOWN[language]
    # The refusal to approve the agency's report names them so too.
    with translation.override(language):
        assert _order(rollup.units_unsettled(p["national"]), SHOWN[language]) == SHOWN[language]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_unit_documents_choices_are_in_the_order_of_the_names_shown(named, language) -> None:
    p = named
    for who in ("police", "khcn"):
        _sent(p, who)
    page = _in(client_for(p["reporter"]), language).get(reverse("documents:list")).content.decode()
    select = page.split('id="unit-report"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r"<option [^>]*>(.*?) — .*?</option>", select)
    assert [re.sub(r"<[^>]+>", "", option) for option in options] == SHOWN[language]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_activity_logs_unit_filter_is_in_the_order_of_the_names_shown(named, language) -> None:
    p = named
    for who in ("police", "khcn"):
        _sent(p, who)
    page = _in(client_for(p["leader"]), language).get(reverse("core:activity")).content.decode()
    select = page.split('id="activity-unit"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select)
    assert options == SHOWN[language]
