"""What an officer typed on several lines stays on several lines (walk42): a list or a
table pasted from Word into "Kết quả" is read on the report page by the leader and the
monitor with its line breaks, and stored with one LF per break, as browsers count them,
so the DOCX does not print each break twice (browsers send CR LF)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.reporting import services
from lotrinh.reporting.models import ReportEntry
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

PASTED = "STT\tNội dung\tKết quả\r\n1\tRà soát hệ thống\t100%\r\n2\tĐào tạo cán bộ\t1.250 lượt"

lines = st.lists(
    st.text(alphabet="abcđêơ 1.,%\t", min_size=1, max_size=8).filter(lambda s: s.strip()),
    min_size=1,
    max_size=4,
)
breaks = st.sampled_from(["\r\n", "\n", "\r"])


@settings(
    max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(parts=lines, end=breaks)
def test_a_saved_text_keeps_one_lf_per_break(report_a, officer_a, parts, end) -> None:
    entry = ReportEntry.objects.get(pk=report_a.entries.first().pk)
    typed = end.join(parts)
    saved = services.save_entry(
        entry,
        officer_a,
        {"status": "in_progress", "result": typed, "difficulties": typed, "proposals": typed},
        expected_version=entry.version,
    )
    for field in ("result", "difficulties", "proposals"):
        stored = getattr(saved, field)
        assert "\r" not in stored
        assert stored.split("\n") == parts


def test_the_sections_keep_one_lf(report_a, officer_a) -> None:
    report = services.save_sections(
        report_a,
        officer_a,
        general_assessment="Một\r\nHai",
        proposals_to_government="Ba\rBốn",
        expected_version=report_a.sections_version,
    )
    assert (report.general_assessment, report.proposals_to_government) == ("Một\nHai", "Ba\nBốn")


def test_the_leader_and_the_monitor_read_the_lines(report_a, officer_a, approver_a, most_monitor):
    for entry in report_a.entries.all():
        services.save_entry(
            entry,
            officer_a,
            {"status": "in_progress", "result": PASTED, "difficulties": "A\r\nB"},
            expected_version=entry.version,
        )
    for reader in (approver_a, most_monitor):
        if reader is most_monitor:
            services.submit_report(services.approve_report(report_a, approver_a), approver_a)
        page = client_for(reader).get(reverse("reporting:report", args=[report_a.pk]))
        html = page.content.decode()
        assert "1\tRà soát hệ thống\t100%<br>2\tĐào tạo cán bộ" in html, reader
        assert "A<br>B" in html


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_text_stored_before_with_cr_lf_prints_each_break_once(report_a, officer_a, fmt) -> None:
    """Frozen copies and rows saved before the services kept one LF still hold CR LF: the
    document prints one break for it, and no CR reaches a workbook's cell."""
    import io

    import docx
    import openpyxl
    from django.utils import timezone

    from lotrinh.documents import assemble, render

    fill(report_a, officer_a)
    report_a.entries.update(result="Dòng một\r\nDòng hai\rDòng ba")
    data = assemble.agency_report(report_a, timezone.localdate(), live=True)
    blob = render.render("agency", fmt, data)
    if fmt == "docx":
        cells = [
            c._tc.xml
            for t in docx.Document(io.BytesIO(blob)).tables
            for row in t.rows
            for c in row.cells
            if "Dòng một" in c.text
        ]
        assert cells
        for xml in cells:
            between = xml[xml.index("Dòng một") : xml.index("Dòng hai")]
            assert between.count("<w:br/>") == 1, between
    else:
        book = openpyxl.load_workbook(io.BytesIO(blob))
        texts = [c.value for ws in book for row in ws.iter_rows() for c in row if c.value]
        shown = [t for t in texts if isinstance(t, str) and "Dòng một" in t]
        assert shown and all(t.count("\n") == 2 and "\r" not in t for t in shown), shown
