"""The report page writes its entry forms directly (`reporting/entry_html.py`): the same
HTML as `reporting/_entry_form.html` renders through `EntryForm`, whatever the values."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lotrinh.reporting.entry_html import UrlPattern, entry_form_html
from lotrinh.reporting.forms import EntryForm
from lotrinh.reporting.models import ReportEntry, TaskStatus


def through_django(entry: ReportEntry, saved_at=None) -> str:
    form = EntryForm(instance=entry, prefix=f"e{entry.pk}")
    if saved_at is not None:
        form.saved_at = saved_at
    return render_to_string(
        "reporting/_entry_form.html", {"report": entry.report, "entry": entry, "form": form}
    )


def written(entry: ReportEntry, saved_at=None) -> str:
    return entry_form_html(
        entry,
        reverse("reporting:save_entry", args=[entry.report_id, entry.pk]),
        reverse("reporting:evidence", args=[entry.report_id, entry.pk]),
        saved_at=saved_at,
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_stored_entry_is_written_as_the_form_renders_it(report_a, language):
    entries = list(report_a.entries.select_related("task", "report"))
    empty, full, with_file = entries[0], entries[1], entries[2]
    full.status = TaskStatus.DONE_ON_TIME
    full.result = 'Đã ban hành "Quyết định" <số 12> & triển khai\r\nở 3 tỉnh.'
    full.evidence_number = "12/QĐ-BYT & 'x'"
    full.evidence_date = datetime.date(2024, 6, 1)
    full.evidence_link = "https://example.vn/van-ban?a=1&b=<2>"
    full.difficulties = "Thiếu kinh phí."
    full.proposals = "0"
    full.version = 7
    with_file.evidence_file = "evidence/2024/abc.pdf"
    with_file.evidence_name = "Quyết định <1>.pdf"
    with_file.evidence_size = 123456
    with_file.evidence_type = "pdf"
    saved_at = timezone.localtime().replace(hour=9, minute=5)
    with translation.override(language):
        for entry in (empty, full, with_file):
            assert written(entry) == through_django(entry)
            assert written(entry, saved_at) == through_django(entry, saved_at)
        with_file.evidence_name = ""
        with_file.evidence_type = ""
        assert written(with_file) == through_django(with_file)


def test_a_url_pattern_fills_in_each_entry(report_a):
    pattern = UrlPattern("reporting:save_entry", report_a.pk)
    for pk in (1, 42, 987654320, 987654321):
        assert pattern(pk) == reverse("reporting:save_entry", args=[report_a.pk, pk])


def test_a_stored_contribution_is_written_as_its_form_renders_it(report_a):
    from django.template import Context, Template

    from lotrinh.reporting.entry_html import contribution_fields_html
    from lotrinh.reporting.forms import ContributionForm
    from lotrinh.reporting.models import ContributionEntry

    loop = Template(
        "{{ f.contribution }}{{ f.contribution.errors }}{{ f.version }}{{ f.fingerprint }}"
    )
    for text in ("", 'Đã phối hợp "tốt" <b>& đủ</b>\r\ncả năm.'):
        c = ContributionEntry(pk=12, report=report_a, task_id=1, contribution=text, version=3)
        form = ContributionForm(instance=c, prefix="c12")
        assert contribution_fields_html(c) == loop.render(Context({"f": form}))


def test_task_urls_are_those_reverse_gives():
    from lotrinh.reporting.entry_html import TaskUrls

    urls = TaskUrls()
    for slug, anchor in (("50-nq-cp", "II-3-dd-2"), ("52-nq-tw", "III-ă-1 b&c"), ("x", "a?b#c%")):
        assert urls(slug, anchor) == reverse("programmes:task", args=[slug, anchor])
