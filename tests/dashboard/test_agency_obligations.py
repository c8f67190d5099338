"""Each agency's "what we owe": reports, plan, plan actions, tasks and every deadline,
as the viewer may see them (permissions.may_read_report); bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotrinh.agencies.models import Unit
from lotrinh.dashboard import queries
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, ReportEntry, ReportStatus, TaskStatus
from tests.conftest import client_for
from tests.dashboard.conftest import submitted
from tests.plan_helpers import plan_task

pytestmark = pytest.mark.django_db


def row_of(ob, period):
    return next(r for r in ob.reports if r.period.year == period.year)


def test_the_agency_sees_its_own_draft_with_its_state_and_a_link(periods, officer_a):
    draft = services.ensure_report(officer_a.agency, periods[2024])
    ob = queries.agency_obligations(officer_a, officer_a.agency, timezone.localdate())
    row = row_of(ob, periods[2024])
    assert row.report_id == draft.pk and row.label == "Đang soạn"
    assert row.overdue  # its deadline passed and it was not sent
    response = client_for(officer_a).get(reverse("dashboard:agency", args=[officer_a.agency.code]))
    assert reverse("reporting:report", args=[draft.pk]) in response.content.decode()


def test_others_see_a_draft_only_as_a_deadline_not_sent(
    periods, officer_a, approver_a, oversight_reader, most_monitor
):
    draft = services.ensure_report(officer_a.agency, periods[2024])
    sent = submitted(services.ensure_report(officer_a.agency, periods[2023]), officer_a, approver_a)
    for viewer in (oversight_reader, most_monitor):
        ob = queries.agency_obligations(viewer, officer_a.agency, timezone.localdate())
        hidden = row_of(ob, periods[2024])
        assert hidden.report_id is None and hidden.label == "Quá hạn, chưa nộp"
        assert row_of(ob, periods[2023]).report_id == sent.pk
        html = (
            client_for(viewer)
            .get(reverse("dashboard:agency", args=[officer_a.agency.code]))
            .content.decode()
        )
        assert reverse("reporting:report", args=[draft.pk]) not in html
        assert "Đang soạn" not in html
        assert reverse("reporting:report", args=[sent.pk]) in html


def test_a_returned_report_is_a_detail_oversight_does_not_read(
    periods, officer_a, approver_a, oversight_reader, most_monitor
):
    report = submitted(
        services.ensure_report(officer_a.agency, periods[2024]), officer_a, approver_a
    )
    services.return_report(report, most_monitor, "Bổ sung số liệu")
    mine = row_of(
        queries.agency_obligations(officer_a, officer_a.agency, timezone.localdate()), periods[2024]
    )
    theirs = row_of(
        queries.agency_obligations(oversight_reader, officer_a.agency, timezone.localdate()),
        periods[2024],
    )
    assert mine.label == "Bị trả lại" and mine.report_id == report.pk
    assert theirs.report_id is None and "trả lại" not in theirs.label


def test_another_agency_cannot_open_the_page_nor_the_calendar(officer_b, officer_a):
    client = client_for(officer_b)
    code = officer_a.agency.code
    assert client.get(reverse("dashboard:agency", args=[code])).status_code == 403
    assert client.get(reverse("dashboard:agency_ics", args=[code])).status_code == 403


def test_plan_tasks_and_deadlines_are_sorted_with_the_overdue_marked(periods, officer_a):
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    today = timezone.localdate()
    ob = queries.agency_obligations(officer_a, officer_a.agency, today)
    assert ob.plans and ob.plans[0].overdue  # the 2020 plan deadline passed with no plan
    task = services.tasks_for_report(officer_a.agency, periods[2024])[0][0][0]
    past = plan_task(
        officer_a.agency,
        programme,
        [task],
        "Ban hành quy chế",
        deadline=today - datetime.timedelta(days=10),
    )
    done = plan_task(
        officer_a.agency,
        programme,
        [task],
        "Tập huấn cán bộ",
        deadline=today - datetime.timedelta(days=20),
    )
    # A unit's accepted report says the second is done.
    unit = Unit.objects.create(agency=officer_a.agency, code="cuc-cntt", name_vi="Cục CNTT")
    report = AgencyReport.objects.create(
        agency=officer_a.agency, unit=unit, period=periods[2024], status=ReportStatus.ACCEPTED
    )
    ReportEntry.objects.create(report=report, task=done, status=TaskStatus.DONE_ON_TIME)
    ob = queries.agency_obligations(officer_a, officer_a.agency, today)
    actions = {a.task.pk: a for a in ob.actions}
    assert actions[past.pk].overdue and not actions[done.pk].overdue
    assert (actions[done.pk].state.progress, actions[past.pk].state.progress) == (100, 0)
    days = [d.day for d in ob.deadlines]
    assert days == sorted(days)
    by_uid = {d.uid: d for d in ob.deadlines}
    assert by_uid[f"action-{past.pk}@lotrinh"].overdue
    assert by_uid[f"action-{done.pk}@lotrinh"].done
    assert ob.plans and ob.plans[0].issued and not ob.plans[0].overdue
    html = (
        client_for(officer_a)
        .get(reverse("dashboard:agency", args=[officer_a.agency.code]))
        .content.decode()
    )
    assert "dash-overdue" in html and "Ban hành quy chế" in html
    # The share is written as the page's percentages are ("100%"), never split from its
    # sign at a line's end ("100" / "%" in a narrow column).
    assert "</progress> 100%</td>" in html and "</progress> 0%</td>" in html


def test_tasks_show_the_latest_status_the_viewer_may_read(
    periods, officer_a, approver_a, oversight_reader
):
    from tests.reporting.conftest import fill

    sent = submitted(services.ensure_report(officer_a.agency, periods[2023]), officer_a, approver_a)
    draft = services.ensure_report(officer_a.agency, periods[2024])
    fill(draft, officer_a, status="done_late")
    task_id = draft.entries.first().task_id
    today = timezone.localdate()
    own = {
        t.task.pk: t for t in queries.agency_obligations(officer_a, officer_a.agency, today).tasks
    }
    other = {
        t.task.pk: t
        for t in queries.agency_obligations(oversight_reader, officer_a.agency, today).tasks
    }
    assert own[task_id].status == "done_late" and own[task_id].year == 2024
    assert other[task_id].status == "in_progress" and other[task_id].year == 2023
    assert sent.pk


def test_the_page_needs_as_many_queries_with_six_years_of_reports(periods, officer_a):
    client = client_for(officer_a)
    url = reverse("dashboard:agency", args=[officer_a.agency.code])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    from lotrinh.reporting.demo import generate_demo_cycle

    generate_demo_cycle(seed=1, today=timezone.localdate())
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["ob"].reports) >= 5
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(large.captured_queries) <= 25


def test_the_agency_page_of_the_registry_leads_there_for_those_who_may_see_it(
    client, officer_a, officer_b, most_monitor
):
    url = reverse("agencies:detail", args=[officer_a.agency.code])
    target = reverse("dashboard:agency", args=[officer_a.agency.code])
    assert target in client_for(most_monitor).get(url).content.decode()
    assert target in client_for(officer_a).get(url).content.decode()
    assert target not in client_for(officer_b).get(url).content.decode()
    assert target not in client.get(url).content.decode()


def test_a_body_no_programme_asks_for_a_plan_is_not_told_its_plan_has_no_tasks(seeded_db):
    """The Commission's successor receives the Party committees' reports; no programme
    asks it for a plan: the page says that, and not that its published plan is empty."""
    from lotrinh.accounts.models import Role
    from tests.conftest import make_user

    monitor = make_user("bcscl_watch", "ban-chinh-sach-chien-luoc-trung-uong", Role.AGENCY_MONITOR)
    url = reverse("dashboard:agency", args=[monitor.agency.code])
    body = client_for(monitor).get(url).content.decode()
    assert "Không có chương trình nào yêu cầu kế hoạch thực hiện." in body
    assert "Kế hoạch đã công bố chưa có nhiệm vụ nào." not in body


def test_the_deadlines_speak_the_pages_language(periods, officer_a):
    """The deadlines' text is written in the page's language: "Year 2020" on the English
    page, "Năm 2020" on the Vietnamese one (and in the calendar feed)."""
    client = client_for(officer_a)
    url = reverse("dashboard:agency", args=[officer_a.agency.code])
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    table = html[html.index('id="deadlines"') : html.index('id="reports"')]
    assert "50/NQ-CP: Year 2020" in table and "Năm 2020" not in table
    assert '<span lang="vi">50/NQ-CP: Year' not in table
    client.cookies["django_language"] = "vi"
    html = client.get(url).content.decode()
    assert "50/NQ-CP: Năm 2020" in html[html.index('id="deadlines"') : html.index('id="reports"')]
    feed = client.get(reverse("dashboard:agency_ics", args=[officer_a.agency.code]))
    assert "50/NQ-CP: Năm 2020" in feed.content.decode()


def test_what_is_owed_comes_first_and_what_is_done_is_folded(periods, officer_a, approver_a):
    """Six years of done deadlines once stood between a leader's phone and the overdue one."""
    from tests.reporting.conftest import fill

    done = submitted(services.ensure_report(officer_a.agency, periods[2023]), officer_a, approver_a)
    fill(services.ensure_report(officer_a.agency, periods[2024]), officer_a, status="done_late")
    today = max(p.due_date for p in periods.values()) + datetime.timedelta(days=1)
    ob = queries.agency_obligations(officer_a, officer_a.agency, today)
    assert ob.open_deadlines and ob.done_deadlines
    assert all(not d.done for d in ob.open_deadlines) and all(d.done for d in ob.done_deadlines)
    assert [d.day for d in ob.done_deadlines] == sorted(
        (d.day for d in ob.done_deadlines), reverse=True
    )
    html = (
        client_for(officer_a)
        .get(reverse("dashboard:agency", args=[officer_a.agency.code]))
        .content.decode()
    )
    section = html[
        html.index('id="deadlines"') : html.index("</section>", html.index('id="deadlines"'))
    ]
    folded = section[section.index("<details") :]
    assert section.index("Quá hạn") < section.index("<details")
    assert f"{done.period.due_date:%d/%m/%Y}" in folded
    assert "Đã xong: " in folded[: folded.index("</summary>")]


def test_the_latest_report_comes_first(periods, officer_a):
    for year in (2023, 2024):
        services.ensure_report(officer_a.agency, periods[year])
    ob = queries.agency_obligations(officer_a, officer_a.agency, timezone.localdate())
    dues = [r.period.due_date for r in ob.reports]
    assert len(dues) > 1 and dues == sorted(dues, reverse=True)


def test_an_english_column_names_one_programme_per_row(periods, officer_a):
    """Each row of the reports' table is one programme's report: its column is
    "Programme" (the menu's "Programmes" lists them all)."""
    client = client_for(officer_a)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("dashboard:agency", args=[officer_a.agency.code])).content.decode()
    assert '<th scope="col">Programme</th>' in html
    assert '<th scope="col">Programmes</th>' not in html


def test_a_long_plan_lists_the_overdue_first_and_links_to_the_whole_list(periods, officer_a):
    # Walk of 2026-12-06: Bắc Ninh's dashboard listed all 179 tasks of its plan (a page
    # 13,500 px high at 1,366 px), the overdue ones wherever their deadline put them.
    from lotrinh.dashboard.queries import ACTIONS_SHOWN

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    task = programme.tasks.first()
    today = timezone.localdate()
    plan_task(officer_a.agency, programme, [task], "Nhiệm vụ sớm", deadline=today)
    for n in range(ACTIONS_SHOWN + 4):
        plan_task(
            officer_a.agency,
            programme,
            [task],
            f"Nhiệm vụ số {n}",
            deadline=today + datetime.timedelta(days=n + 1),
        )
    late = plan_task(
        officer_a.agency,
        programme,
        [task],
        "Nhiệm vụ trễ",
        deadline=today - datetime.timedelta(days=3),
    )
    ob = queries.agency_obligations(officer_a, officer_a.agency, today)
    assert len(ob.actions) == ACTIONS_SHOWN + 6
    shown = ob.actions_shown
    assert len(shown) == ACTIONS_SHOWN and shown[0].task.pk == late.pk
    html = (
        client_for(officer_a)
        .get(reverse("dashboard:agency", args=[officer_a.agency.code]))
        .content.decode()
    )
    more = html.split('id="plan-tasks-more"', 1)[1].split("</p>", 1)[0]
    assert f"Đang hiện {ACTIONS_SHOWN}/{ACTIONS_SHOWN + 6} nhiệm vụ" in more
    assert reverse("programmes:tasks", args=[late.programme.slug]) in more
    plan_list = html.split('id="plan-title"', 1)[1].split('id="plan-tasks-more"', 1)[0]
    assert "Nhiệm vụ số 18" not in plan_list and "Nhiệm vụ trễ" in plan_list
    # The deadlines: the overdue and the next ones unfolded, the later ones folded.
    assert len(ob.first_open_deadlines) == ACTIONS_SHOWN
    assert ob.first_open_deadlines[0].overdue
    assert ob.first_open_deadlines + ob.later_open_deadlines == ob.open_deadlines
    later = html.split('id="later-deadlines"', 1)[1].split("</details>", 1)[0]
    assert "Nhiệm vụ số 18" in later


def test_a_draft_nobody_has_written_yet_does_not_replace_the_latest_status(
    periods, officer_a, approver_a
):
    """Seen on 6 December 2026 as tu-hn-baocao: Thành ủy Hà Nội had reported 52-NQ/TW 4.3
    "Đang thực hiện" four times, and its page said "Chưa triển khai (2026)", the value a
    new report's entry starts with, from the two 2026 reports nobody had opened yet."""
    sent = submitted(services.ensure_report(officer_a.agency, periods[2023]), officer_a, approver_a)
    untouched = services.ensure_report(officer_a.agency, periods[2024])
    task_id = untouched.entries.first().task_id
    assert untouched.entries.get(task_id=task_id).status == TaskStatus.NOT_STARTED
    tasks = {
        t.task.pk: t
        for t in queries.agency_obligations(officer_a, officer_a.agency, timezone.localdate()).tasks
    }
    assert (tasks[task_id].status, tasks[task_id].year) == ("in_progress", 2023)
    assert sent.pk
