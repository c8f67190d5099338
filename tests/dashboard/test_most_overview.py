"""MOST's front page: the running cycle's counts, tasks and targets by status, and what
needs attention today, each item a link to the exact page; bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotrinh.dashboard import queries
from lotrinh.reporting import services
from tests.conftest import client_for
from tests.dashboard.conftest import submitted

pytestmark = pytest.mark.django_db


def cycle_of(overview, period):
    return next(c for c in overview.cycles if c.period.pk == period.pk)


def test_the_running_cycle_counts_each_agency_once_by_its_state(
    current, officer_a, approver_a, officer_b, most_monitor
):
    today = timezone.localdate()
    before = cycle_of(queries.most_overview(most_monitor, today), current)
    report_a = submitted(
        services.ensure_report(officer_a.agency, current), officer_a, approver_a, on_time=True
    )
    services.accept_report(report_a, most_monitor)
    services.ensure_report(officer_b.agency, current)  # a draft: not sent

    after = cycle_of(queries.most_overview(most_monitor, today), current)
    assert after.expected == before.expected > 2
    assert after.counts["on_time"] == before.counts["on_time"] + 1
    assert after.counts["status:accepted"] == before.counts["status:accepted"] + 1
    overdue_codes = {a.code for a in after.overdue}
    late = current.due_date < today
    assert (officer_b.agency.code in overdue_codes) == late
    assert officer_a.agency.code not in overdue_codes
    rows = dict((key, number) for key, _label, number in after.rows)
    assert rows["due"] == after.expected
    assert (
        rows["on_time"] + rows["late"] + rows["missing"] + rows["not_due"] + rows["returned"]
        == after.expected
    )


def test_tasks_count_the_latest_sent_entry_of_each_agency_and_group(
    periods, officer_a, approver_a, most_monitor
):
    older = services.ensure_report(officer_a.agency, periods[2023])
    submitted(older, officer_a, approver_a)
    newer = services.ensure_report(officer_a.agency, periods[2024])
    from tests.reporting.conftest import fill

    fill(newer, officer_a, status="done_on_time")
    services.approve_report(newer, approver_a)
    services.submit_report(newer, approver_a)

    overview = queries.most_overview(most_monitor, timezone.localdate())
    by_status = {key: n for key, _label, n in overview.task_status}
    tasks = newer.entries.count()
    assert by_status["done_on_time"] == tasks  # 2024 replaces 2023's "in progress"
    assert by_status["in_progress"] == 0
    group_total = sum(row.reported for row in overview.groups)
    assert group_total == tasks
    refs = [row.group.ref for row in overview.groups if row.group.programme.code == "50/NQ-CP"]
    assert refs == sorted(
        refs, key=lambda r: [int(x) if x.isdigit() else x for x in r.replace(".", " ").split()]
    )


def test_a_draft_never_counts_in_the_task_statuses(periods, officer_a, most_monitor):
    from tests.reporting.conftest import fill

    fill(services.ensure_report(officer_a.agency, periods[2024]), officer_a, status="done_late")
    overview = queries.most_overview(most_monitor, timezone.localdate())
    assert dict((k, n) for k, _l, n in overview.task_status)["done_late"] == 0


def test_targets_are_counted_by_their_progress_status(most_monitor):
    from lotrinh.indicators.services import programme_statuses

    expected = sum(len(s.milestones) for s in programme_statuses())
    overview = queries.most_overview(most_monitor, timezone.localdate())
    assert expected > 0
    assert sum(n for _k, _l, n, _t in overview.targets) == expected


def test_every_item_to_do_links_to_the_exact_page(current, officer_a, approver_a, most_monitor):
    from lotrinh.importer import review
    from lotrinh.importer.service import parse_bytes
    from lotrinh.indicators import services as indicator_services
    from lotrinh.indicators.models import Indicator
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import amendments
    from tests.security.world import set_producer, small_programme_docx

    report = submitted(services.ensure_report(officer_a.agency, current), officer_a, approver_a)
    indicator = Indicator.objects.filter(limit__isnull=False).order_by("position").first()
    set_producer(indicator, officer_a.agency)
    observation = indicator_services.record_observation(
        indicator,
        year=2022,
        value=(indicator.limit or 100) / 2,
        citation="Niên giám",
        user=officer_a,  # the producer's reporter: MOST's monitor approves it
    )
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    task = report.entries.first().task
    proposal = amendments.propose_amendment(
        officer_a, programme, kind="text", task_ref=task.ref, reason="Cập nhật", text="Nội dung mới"
    )
    draft = review.create_draft(
        parse_bytes(small_programme_docx(), "ke-hoach.docx"), "ke-hoach.docx", most_monitor
    )

    response = client_for(most_monitor).get(reverse("dashboard:home"))
    assert response.status_code == 200
    html = response.content.decode()
    todo = {g.key: g for g in response.context["o"].todo}
    assert reverse("reporting:report", args=[report.pk]) in [i.url for i in todo["reports"].items]
    assert reverse(
        "indicators:indicator", args=[indicator.code]
    ) + f"#observation-{observation.pk}" in [i.url for i in todo["values"].items]
    assert reverse("reporting:amendments") + f"#amendment-{proposal.pk}" in [
        i.url for i in todo["amendments"].items
    ]
    assert reverse("importer:review", args=[draft.pk]) in [i.url for i in todo["imports"].items]
    for group in todo.values():
        for item in group.items:
            assert f'href="{item.url}"' in html
    # The anchors exist on the pages they point to.
    page = client_for(most_monitor).get(reverse("indicators:indicator", args=[indicator.code]))
    assert f'id="observation-{observation.pk}"' in page.content.decode()
    page = client_for(most_monitor).get(reverse("reporting:amendments"))
    assert f'id="amendment-{proposal.pk}"' in page.content.decode()


def test_only_most_and_administrators_get_the_front_page(
    officer_a, oversight_reader, most_monitor, admin_user
):
    assert "dashboard/most.html" in [
        t.name for t in client_for(most_monitor).get(reverse("dashboard:home")).templates
    ]
    assert "dashboard/most.html" in [
        t.name for t in client_for(admin_user).get(reverse("dashboard:home")).templates
    ]
    oversight = client_for(oversight_reader).get(reverse("dashboard:home"))
    assert "dashboard/reading.html" in [t.name for t in oversight.templates]
    officer = client_for(officer_a).get(reverse("dashboard:home"))
    assert "dashboard/agency.html" in [t.name for t in officer.templates]
    assert officer.context["agency"] == officer_a.agency


def test_signing_in_lands_on_the_overview(most_monitor):
    from django.test import Client

    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "most_monitor", "password": "pw-most_monitor"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:home")


@pytest.mark.usefixtures("pages_rendered")
def test_the_front_page_needs_as_many_queries_with_six_years_of_reports(periods, most_monitor):
    client = client_for(most_monitor)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("dashboard:home")).status_code == 200
    from lotrinh.reporting.demo import generate_demo_cycle

    generate_demo_cycle(seed=1, today=timezone.localdate())
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert sum(c.expected for c in response.context["o"].cycles) > 10
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(large.captured_queries) <= 30


def test_the_page_draws_charts_from_a_json_block_with_tables_beside(most_monitor, periods):
    html = client_for(most_monitor).get(reverse("dashboard:home")).content.decode()
    assert 'id="dashboard-data"' in html and "dashboard/charts.js" in html
    assert "<script>" not in html  # CSP: no inline script
    assert 'id="task-status"' in html and 'id="task-groups"' in html


_ = datetime


def test_an_account_without_agency_or_role_gets_a_plain_note():
    from lotrinh.accounts.models import User

    nobody = User.objects.create_user(username="nobody", password="pw-nobody")
    response = client_for(nobody).get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert "dashboard/none.html" in [t.name for t in response.templates]
    assert client_for(nobody).get(reverse("dashboard:reading")).status_code == 403


@pytest.mark.usefixtures("pages_rendered")
def test_the_front_page_needs_as_many_queries_before_and_after_the_cycle_opens_a_year(
    regime, officer_a, most_monitor
):
    """Periods up to last year only (this year's not opened by the daily cycle yet), then
    every year up to this one with a report in each: the same number of queries."""
    today = timezone.localdate()
    for period in services.generate_periods(regime, today.year - 1):
        services.ensure_report(officer_a.agency, period)
    client = client_for(most_monitor)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("dashboard:home")).status_code == 200
    for period in services.generate_periods(regime, today.year + 2):
        services.ensure_report(officer_a.agency, period)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("dashboard:home")).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_value_a_monitor_typed_is_in_the_other_monitors_to_do_not_hers(most_monitor):
    """Nobody approves a value they entered (four eyes): the front page of the monitor who
    typed it does not give it to her to do; the other monitor's does."""
    from lotrinh.accounts.models import Role
    from lotrinh.indicators import services as indicator_services
    from lotrinh.indicators.models import Indicator
    from tests.conftest import MOST, make_user

    second = make_user("most_monitor_2", MOST, Role.MOST_MONITOR)
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    typed = indicator_services.record_observation(
        indicator, year=2019, value=4, citation="Bộ Xây dựng", user=most_monitor
    )
    link = reverse("indicators:indicator", args=[indicator.code]) + f"#observation-{typed.pk}"

    def values(user):
        overview = queries.most_overview(user, timezone.localdate())
        return {g.key: g for g in overview.todo}["values"]

    assert values(most_monitor).total == 0 and link not in [
        i.url for i in values(most_monitor).items
    ]
    assert values(second).total == 1 and link in [i.url for i in values(second).items]
