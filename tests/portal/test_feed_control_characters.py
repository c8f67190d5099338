"""The Atom feed stays well-formed XML whatever MOST typed in a note or a reason.

A text pasted from a word processor carries control characters (a manual line break is
U+000B); XML 1.0 allows none but tab, line feed and carriage return, so one such
character in a publication's note made the whole public feed unreadable by feed readers.
"""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from lotrinh.portal import services
from tests.conftest import AGENCY_A

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_control_characters_in_a_note_and_a_reason_leave_the_feed_well_formed(cycle):
    report = cycle.accepted(AGENCY_A, 2023, "one")
    publication = services.publish_report(
        cycle.most, report, None, "Công bố đợt 1\x0bdòng hai\x01\x1f & <b>"
    )
    services.withdraw_publication(
        cycle.most, publication, "Sai\x0csố liệu\x7f\tcột 2", publication.version
    )
    body = Client().get("/cong-khai/cap-nhat.atom").content.decode()
    root = ET.fromstring(body)  # raises on a character XML does not allow
    summaries = [e.findtext(f"{ATOM}summary") for e in root.iter(f"{ATOM}entry")]
    assert any("Công bố đợt 1" in s and "dòng hai" in s and "& <b>" in s for s in summaries)
    assert any("Sai" in s and "số liệu" in s and "\tcột 2" in s for s in summaries)
