"""A refused publication or withdrawal comes back with what was chosen and typed (the
report, the cutoff, the note; the reason), the date's message beside the date: nothing
published or withdrawn, nothing to type again."""

import pytest
from django.urls import reverse

from lotrinh.portal import services
from lotrinh.portal.models import Publication
from tests.conftest import AGENCY_A, client_for

pytestmark = pytest.mark.django_db


def test_a_report_publication_refused_keeps_the_report_and_note(cycle):
    report = cycle.accepted(AGENCY_A, 2023, "one")
    data = {"kind": "report", "report": report.pk, "cutoff": "31/02/2024", "note": "Ghi chú dài"}
    response = client_for(cycle.most).post(reverse("portal:publish"), data)
    assert response.status_code == 400 and not Publication.objects.exists()
    html = response.content.decode()
    assert "“31/02/2024” không phải một ngày" in html
    assert f'<option value="{report.pk}" selected>' in html
    assert ">Ghi chú dài</textarea>" in html


def test_a_period_publication_refused_keeps_the_date_beside_its_message(cycle):
    data = {"kind": "period", "period": "", "cutoff": "12/31/2024", "note": "Số liệu kỳ"}
    response = client_for(cycle.most).post(reverse("portal:publish"), data)
    assert response.status_code == 400 and not Publication.objects.exists()
    form = response.content.decode().split('value="period"', 1)[1].split("</form>")[0]
    assert 'id="pub-cutoff_error" role="alert"' in form and 'value="12/31/2024"' in form
    assert ">Số liệu kỳ</textarea>" in form


def test_a_withdrawal_with_a_reason_too_long_keeps_the_reason(cycle):
    report = cycle.accepted(AGENCY_A, 2023, "one")
    publication = services.publish_report(cycle.most, report, None, "Công bố")
    reason = "Số liệu cần rà soát lại " * 90  # over 2,000 characters
    response = client_for(cycle.most).post(
        reverse("portal:withdraw", args=[publication.pk]),
        {"version": publication.version, "reason": reason},
    )
    assert response.status_code == 400
    publication.refresh_from_db()
    assert publication.withdrawn_at is None
    assert (
        f'id="reason-{publication.pk}" name="reason" required maxlength="2000" value="{reason}"'
        in (response.content.decode())
    )
