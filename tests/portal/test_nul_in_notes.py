"""A NUL byte in a publication's note or a withdrawal's reason is refused with a message,
nothing published or withdrawn (PostgreSQL refuses to store it: the page answered 500)."""

import pytest
from django.urls import reverse

from lotrinh.portal import services
from lotrinh.portal.models import Publication
from tests.conftest import AGENCY_A, client_for

pytestmark = pytest.mark.django_db


def test_a_nul_byte_in_a_publication_note_is_refused(cycle):
    report = cycle.accepted(AGENCY_A, 2023, "one")
    client = client_for(cycle.most)
    data = {"kind": "report", "report": report.pk, "cutoff": "", "note": "Công bố\x00"}
    response = client.post(reverse("portal:publish"), data, follow=True)
    assert response.status_code == 400  # the form again, as it was sent
    assert "ký tự NUL" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_nul_byte_in_a_withdrawal_reason_is_refused(cycle):
    report = cycle.accepted(AGENCY_A, 2023, "one")
    publication = services.publish_report(cycle.most, report, None, "Công bố")
    response = client_for(cycle.most).post(
        reverse("portal:withdraw", args=[publication.pk]),
        {"version": publication.version, "reason": "Sai số liệu\x00"},
        follow=True,
    )
    assert "ký tự NUL" in response.content.decode()
    publication.refresh_from_db()
    assert publication.withdrawn_at is None
