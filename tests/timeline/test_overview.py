"""The programme overview shows progress: tasks by latest status, targets by status,
reports accepted in the current cycle, and links to the timeline."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.programmes.models import Programme
from lotrinh.programmes.progress import programme_progress
from lotrinh.reporting import services
from tests.conftest import client_for
from tests.timeline.conftest import add_tasks, bring_to

pytestmark = pytest.mark.django_db


def test_tasks_by_status_count_every_task_once(
    client, action_programme, report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="overdue")
    response = client.get(reverse("programmes:overview", args=[action_programme.slug]))
    progress = response.context["progress"]
    shares = {s.key: s.count for s in progress.task_shares}
    assert progress.task_total == action_programme.tasks.count()
    assert sum(shares.values()) == progress.task_total
    assert shares["overdue"] == report_a.entries.count()
    body = response.content.decode()
    assert "Quá hạn, chưa hoàn thành" in body
    assert reverse("programmes:timeline", args=[action_programme.slug]) in body
    assert 'class="stackbar"' in body and "style=" not in body
    # Shares are written as every percentage of the site is: "100%", "12,5%" in Vietnamese.
    from lotrinh.core.locale import format_percent

    for share in progress.task_shares:
        assert f"({format_percent(share.percent, 1, 'vi')})" in body, share
    assert " %)" not in body


def test_the_public_counts_accepted_statuses_only(
    client, action_programme, report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, "submitted", officer_a, approver_a, most_monitor, status="overdue")
    today = datetime.date(2024, 12, 15)
    public = programme_progress(action_programme, None, today)
    assert {s.key for s in public.task_shares} == {"none"}
    monitor = programme_progress(action_programme, most_monitor, today)
    assert {s.key: s.count for s in monitor.task_shares}["overdue"] == report_a.entries.count()


def test_targets_of_the_implemented_resolution_by_status(client, action_programme):
    progress = client.get(reverse("programmes:overview", args=[action_programme.slug])).context[
        "progress"
    ]
    assert progress.target_programme.code == "52-NQ/TW"
    assert (
        progress.target_total
        == Programme.objects.get(code="52-NQ/TW", status="published")
        .targets.filter(is_current=True, milestones__isnull=False)
        .distinct()
        .count()
    )
    assert sum(s.count for s in progress.target_shares) == progress.target_total > 0


def test_reports_accepted_this_cycle(
    action_programme, regime, report_a, officer_a, approver_a, most_monitor
):
    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor)
    cycle = programme_progress(action_programme, None, datetime.date(2024, 12, 1)).cycle
    assert cycle.year == 2024 and cycle.accepted == 1 and cycle.expected > 1
    assert cycle.due_date == report_a.period.due_date


@pytest.mark.usefixtures("pages_rendered")
def test_overview_queries_stay_flat_as_reports_and_years_grow(
    action_programme, regime, officer_a, approver_a, most_monitor
):
    url = reverse("programmes:overview", args=[action_programme.slug])
    client = client_for(most_monitor)
    periods = {p.year: p for p in services.generate_periods(regime, 2025)}

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    bring_to(
        services.ensure_report(officer_a.agency, periods[2022]),
        "accepted",
        officer_a,
        approver_a,
        most_monitor,
    )
    before = count()
    for year in (2023, 2024):
        report = services.ensure_report(officer_a.agency, periods[year])
        bring_to(report, "submitted", officer_a, approver_a, most_monitor)
    services.generate_periods(regime, 2026)
    add_tasks(action_programme, 30)
    assert count() == before
    assert before <= 30


def test_shares_and_dates_follow_the_page_language(
    client, action_programme, report_a, officer_a, approver_a, most_monitor
):
    import re

    bring_to(report_a, "accepted", officer_a, approver_a, most_monitor, status="overdue")
    url = reverse("programmes:overview", args=[action_programme.slug])
    vi = client.get(url).content.decode()
    assert re.search(r"\(\d+,\d%\)", vi) and not re.search(r"\(\d+\.\d%\)", vi)
    client.cookies["django_language"] = "en"
    en = client.get(url).content.decode()
    assert re.search(r"\(\d+\.\d%\)", en) and not re.search(r"\(\d+,\d%\)", en)
    timeline = client.get(reverse("programmes:timeline", args=[action_programme.slug]))
    body = timeline.content.decode()
    assert "November 2024" in body or "30 Nov 2024" in body
    assert "Tháng 11/" not in body and 'lang="vi"' in body
