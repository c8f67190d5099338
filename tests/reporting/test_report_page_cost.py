"""The editable report page at the cost of its data: the same queries however many tasks,
contributions, comments and history it has, and the forms it writes directly are the
page its Django forms render."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lotrinh.programmes.models import Task
from lotrinh.reporting import services
from lotrinh.reporting.forms import ContributionForm, EntryForm
from lotrinh.reporting.models import ContributionEntry, ReportEntry
from lotrinh.reporting.views_report import _render_report
from tests.conftest import client_for
from tests.reporting.conftest import fill


def grow(report, officer, other_report, other_officer, tasks: int) -> None:
    """More tasks on the report, each saved; contributions written and received; comments."""
    taken = set(report.entries.values_list("task_id", flat=True))
    extra = Task.objects.exclude(pk__in=taken).order_by("position")[:tasks]
    for task in extra:
        ReportEntry.objects.create(report=report, task=task, via="generic")
    fill(report, officer)
    for task in extra[:3]:
        own = ContributionEntry.objects.create(report=report, task=task)
        services.save_contribution(own, officer, "Phối hợp của Bộ A.", own.version)
        received = ContributionEntry.objects.create(report=other_report, task=task)
        services.save_contribution(received, other_officer, "Phối hợp của Bộ B.", 1)
    for n in range(3):
        services.add_report_comment(report, officer, f"Ý kiến {n}")


@pytest.mark.usefixtures("pages_rendered")
def test_the_report_page_runs_the_same_queries_whatever_its_size(
    report_a, officer_a, report_b, officer_b
):
    client = client_for(officer_a)
    url = reverse("reporting:report", args=[report_a.pk])
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries)

    small, entries = queries(), report_a.entries.count()
    grow(report_a, officer_a, report_b, officer_b, tasks=12)
    assert report_a.entries.count() >= entries + 12
    assert queries() == small


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_page_written_directly_is_the_page_its_forms_render(
    report_a, officer_a, report_b, officer_b, language
):
    grow(report_a, officer_a, report_b, officer_b, tasks=3)
    request = RequestFactory().get(reverse("reporting:report", args=[report_a.pk]))
    request.user = officer_a
    request.session = client_for(officer_a).session
    request.META["CSRF_COOKIE"] = "x" * 32
    view = services.report_view(report_a, officer_a)
    assert any(e.via == "generic" for e in view.entries) and view.contributions_received
    with translation.override(language):
        direct = _render_report(request, report_a).content.decode()
        through_forms = _render_report(
            request,
            report_a,
            entry_forms={e.pk: EntryForm(instance=e, prefix=f"e{e.pk}") for e in view.entries},
            contribution_forms={
                c.pk: ContributionForm(instance=c, prefix=f"c{c.pk}") for c in view.contributions
            },
        ).content.decode()
    assert "Phối hợp của Bộ B." in direct and 'name="c' in direct
    masked = re.compile(r"[A-Za-z0-9]{64}")  # CSRF tokens are masked anew on each render
    assert masked.sub("…", direct) == masked.sub("…", through_forms)
