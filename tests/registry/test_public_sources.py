"""An agency's page shows the public the sources its reference row cites (documents by
number and date, web pages by link), never the working notes they are written in (English,
file names, "VERIFY"); MOST's monitors and system administrators still read the notes."""

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.agencies.sources import public_sources
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db

PARTY = "thanh-uy-ha-noi"  # "Derived from the provincial merger (provinces_2025.csv …): VERIFY"


def _sources_line(client, code: str) -> str:
    html = client.get(reverse("agencies:detail", args=[code])).content.decode()
    return html.split("Nguồn dữ liệu", 1)[1].split("</p>", 1)[0] if "Nguồn dữ liệu" in html else ""


def test_a_visitor_reads_the_document_a_party_committee_row_cites_not_the_note(client) -> None:
    assert "VERIFY" in Agency.objects.get(code=PARTY).source
    line = _sources_line(client, PARTY)
    assert "Nghị quyết 202/2025/QH15" in line
    for internal in ("VERIFY", ".csv", "Derived from", "not from a Party document"):
        assert internal not in line
    html = client.get(reverse("agencies:detail", args=[PARTY])).content.decode()
    assert "VERIFY" not in html and "provinces_2025.csv" not in html


def test_a_ministrys_officer_reads_the_sources_not_the_notes(officer_a) -> None:
    line = _sources_line(client_for(officer_a), PARTY)
    assert "Nghị quyết 202/2025/QH15" in line and "VERIFY" not in line


def test_links_and_dated_documents_are_kept_for_the_public(client) -> None:
    agency = Agency.objects.filter(source__contains="176/2025/QH15 (18/2/2025)").first()
    assert agency is not None
    line = _sources_line(client, agency.code)
    assert "Nghị quyết 176/2025/QH15 ngày 18/02/2025" in line
    assert '<a href="https://thuvienphapluat.vn/' in line and 'rel="noreferrer"' in line


@pytest.mark.parametrize("who", ["most", "admin"])
def test_most_and_system_administrators_still_read_the_working_notes(who, most_monitor) -> None:
    user = most_monitor if who == "most" else make_user("sysadmin", AGENCY_A, Role.ADMIN)
    line = _sources_line(client_for(user), PARTY)
    assert "VERIFY" in line and "provinces_2025.csv" in line


def test_a_note_with_nothing_cited_shows_no_sources_line(client) -> None:
    agency = Agency.objects.filter(source__startswith="Politburo decisions").first()
    assert agency is not None and public_sources(agency.source) == []
    assert _sources_line(client, agency.code) == ""


def test_a_day_is_never_read_as_a_document_number() -> None:
    found = public_sources("NQ on Government structure, NA XIV, 26/7/2016: 18 bộ; 52-NQ/TW")
    assert [s.text for s in found] == ["52-NQ/TW"]
