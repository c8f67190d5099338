"""The API follows the agency page's rule for the reference data's working notes: a
succession's `source` (English, file names, "VERIFY") is read as written by MOST's monitors
and system administrators only; everyone else, the public first, reads what it cites."""

import pytest

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import AgencySuccession
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db

INTERNAL = ("VERIFY", ".csv", "Derived from", "not from a Party document")


def _noted() -> AgencySuccession:
    row = AgencySuccession.objects.filter(source__contains="VERIFY").order_by("pk").first()
    assert row is not None and "202/2025/QH15" in row.source
    return row


def _sources(client, row: AgencySuccession) -> list[str]:
    one = client.get(f"/api/v1/successions/{row.pk}/").json()["source"]
    listed = client.get(f"/api/v1/agencies/{row.predecessor.code}/").json()
    within = [s["source"] for s in listed["successions"] if s["id"] == row.pk]
    return [one, *within]


def test_the_public_reads_the_documents_a_succession_cites_not_the_note(client) -> None:
    row = _noted()
    sources = _sources(client, row)
    assert len(sources) == 2
    for source in sources:
        assert "202/2025/QH15" in source
        for internal in INTERNAL:
            assert internal not in source
    listing = client.get("/api/v1/successions/?page_size=200").json()["results"]
    assert listing and not any("VERIFY" in found["source"] for found in listing)


@pytest.mark.parametrize("who", ["most", "admin"])
def test_most_and_system_administrators_read_the_working_note(who, most_monitor) -> None:
    user = most_monitor if who == "most" else make_user("sysadmin", AGENCY_A, Role.ADMIN)
    row = _noted()
    for source in _sources(client_for(user), row):
        assert source == row.source


# A succession's note is shown to everyone (agency pages, the API): it says what happened
# and, where the data are unsure, that a date or a receiving body is not yet confirmed, in
# words a reader can use; the researcher's marks ("VERIFY", "researcher believes", "CẦN
# KIỂM TRA") stay in the working notes and sources MOST reads.
WORKING_MARKS = ("VERIFY", "researcher", "người nghiên cứu", "CẦN KIỂM TRA", "->", "NAMES source")


def test_no_succession_note_carries_the_researchers_marks(client) -> None:
    notes = AgencySuccession.objects.values_list("note", "note_en")
    assert notes.count() > 50
    for vi, en in notes:
        for mark in WORKING_MARKS:
            assert mark not in vi and mark not in en, (mark, vi, en)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_unsure_date_reads_as_not_yet_confirmed_on_the_public_page(client, lang) -> None:
    row = AgencySuccession.objects.filter(note__contains="đầu năm 2025").order_by("pk").first()
    assert row is not None
    client.cookies["django_language"] = lang
    page = client.get(f"/co-quan/{row.predecessor.code}/").content.decode()
    expected = "ngày hiệu lực chưa được xác nhận" if lang == "vi" else "date not yet confirmed"
    assert expected in page
    assert "VERIFY" not in page
    api = client.get(f"/api/v1/successions/{row.pk}/").json()
    assert "VERIFY" not in api["note_en"] and "date not yet confirmed" in api["note_en"]
