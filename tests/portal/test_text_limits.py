"""A publication's note and a withdrawal's reason are refused when too long, never cut
(portal/manage.py, reporting/texts.py); nothing is published or withdrawn."""

import pytest
from django.urls import reverse

from lotrinh.portal import services
from lotrinh.portal.models import Publication
from tests.conftest import AGENCY_A, client_for

pytestmark = pytest.mark.django_db


def test_a_publication_note_or_withdrawal_reason_too_long_is_refused(cycle):
    report = cycle.accepted(AGENCY_A, 2023, "one")
    client = client_for(cycle.most)
    data = {"kind": "report", "report": report.pk, "cutoff": "", "note": "n" * 2001}
    response = client.post(reverse("portal:publish"), data, follow=True)
    assert "2.001 ký tự" in response.content.decode()
    assert not Publication.objects.exists()
    publication = services.publish_report(cycle.most, report, None, "Công bố")
    response = client.post(
        reverse("portal:withdraw", args=[publication.pk]),
        {"version": publication.version, "reason": "r" * 2001},
        follow=True,
    )
    assert "2.000 ký tự" in response.content.decode()
    publication.refresh_from_db()
    assert publication.withdrawn_at is None
