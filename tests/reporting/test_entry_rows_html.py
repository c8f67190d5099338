"""The read-only entries table of the report page, written directly
(`reporting.entry_html.entry_rows_html`), is the HTML of the template loop it replaced
(`reporting/_entry_rows.html` with `_evidence_link.html`): evidence number, date, link and
file (named or not, typed or not), results typed in Vietnamese or not, in both languages."""

import datetime
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lotrinh.reporting import services
from lotrinh.reporting.entry_html import entry_rows_html
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["vi", "en"])
def test_entry_rows_are_the_templates_html(language, report_a, officer_a, approver_a, most_monitor):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    client = client_for(most_monitor)
    response = client.get(
        reverse("reporting:report", args=[report_a.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    entries = list(response.context["view"].entries)
    assert len(entries) >= 3
    first, second, third = entries[:3]
    first.result = 'Kết quả <b>"đạt"</b> & hơn'
    first.evidence_number, first.evidence_date = "12/QĐ-<BYT>", datetime.date(2024, 3, 5)
    first.evidence_link = "https://example.vn/?a=1&b=<2>"
    first.evidence_file, first.evidence_name = "evidence/a.pdf", "Quyết định <1>.pdf"
    first.evidence_type, first.evidence_size = "pdf", 123456
    second.evidence_file, second.evidence_name, second.evidence_type = "evidence/b", "", ""
    second.evidence_size = 999
    third.result, third.difficulties, third.proposals = "Done & dusted", "", "Xin thêm kinh phí"
    with translation.override(language):
        expected = render_to_string(
            "reporting/_entry_rows.html",
            {"view": SimpleNamespace(entries=entries), "report": report_a},
        )
        assert str(entry_rows_html(entries, report_a.pk)) == expected
    # The page shows the rows written directly (the stored entries, unchanged above).
    stored = list(report_a.entries.select_related("task__programme", "task__clause"))
    stored.sort(key=lambda e: [x.pk for x in response.context["view"].entries].index(e.pk))
    with translation.override(language):
        assert str(entry_rows_html(stored, report_a.pk)) in response.content.decode()
