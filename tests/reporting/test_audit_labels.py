"""The evidence link's label starts with a capital like its neighbours, in both renderers
of the entry form (entry_html.py and _entry_form.html)."""

import pytest

from tests.conftest import client_for
from tests.reporting.test_versions import entry_post

pytestmark = pytest.mark.django_db


def test_the_evidence_link_label_starts_with_a_capital(report_a, officer_a):
    client = client_for(officer_a)
    html = client.get(f"/bao-cao/{report_a.pk}/").content.decode()
    assert ">Đường dẫn:</label>" in html and ">đường dẫn:</label>" not in html
    entry = report_a.entries.first()
    refused = client.post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/",
        entry_post(entry, evidence_date="2999-01-01"),
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert ">Đường dẫn:</label>" in refused
