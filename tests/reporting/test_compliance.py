import datetime
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lotrinh.programmes.models import Programme
from lotrinh.reporting import compliance, services
from lotrinh.reporting.plans import create_recorded_plan
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db


def row_of(pic, agency):
    return next(r for r in pic.rows if r.agency == agency)


def test_the_picture_reflects_each_step(report_a, officer_a, approver_a, most_monitor):
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    today = datetime.date(2024, 12, 10)

    def cell():
        return row_of(
            compliance.picture(programme, today=today, years=[2024]), officer_a.agency
        ).cells[2024]

    assert cell().state == "missing"
    fill(report_a, officer_a)
    with time_machine.travel(datetime.datetime(2024, 11, 25, 9, 0), tick=False):
        services.approve_report(report_a, approver_a)
        services.submit_report(report_a, approver_a)
    assert cell().state == "on_time"
    services.return_report(report_a, most_monitor, "Bổ sung")
    assert cell().state == "returned"
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    services.accept_report(report_a, most_monitor)
    pic = compliance.picture(programme, today=today, years=[2024])
    assert row_of(pic, officer_a.agency).cells[2024].report.status == "accepted"
    assert pic.rates[2024].submitted == 1


def test_2025_periods_expect_34_provinces(regime):
    programme = regime.programme
    pic = compliance.picture(
        programme, today=datetime.date(2026, 1, 10), years=[2024, 2025], agency_kind=""
    )
    provinces_2024 = sum(1 for r in pic.rows if r.agency.is_province and 2024 in r.cells)
    provinces_2025 = sum(1 for r in pic.rows if r.agency.is_province and 2025 in r.cells)
    assert (provinces_2024, provinces_2025) == (63, 34)


def test_plan_states(officer_a, regime):
    create_recorded_plan(
        officer_a.agency, regime.programme, number="1/KH-BYT", date=datetime.date(2020, 7, 2)
    )
    pic = compliance.picture(regime.programme, today=datetime.date(2024, 1, 1))
    assert row_of(pic, officer_a.agency).plan_state == "late"


def test_page_filters_exports_and_is_for_most_and_oversight(
    most_monitor, oversight_reader, officer_a, django_assert_max_num_queries
):
    client = client_for(most_monitor)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("reporting:compliance"), {"kind": "ministry"})
    assert response.status_code == 200
    assert all(r.agency.kind == "ministry" for r in response.context["pic"].rows)
    assert client_for(oversight_reader).get(reverse("reporting:compliance")).status_code == 200
    assert client_for(officer_a).get(reverse("reporting:compliance")).status_code == 403
    xlsx = client.get(reverse("reporting:compliance_xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.usefixtures("pages_rendered")
def test_query_count_does_not_grow_with_the_data(
    most_monitor, regime, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lotrinh.reporting import services

    services.generate_periods(regime, timezone.localdate().year)  # the daily cycle opened them
    client = client_for(most_monitor)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reporting:compliance"))
    from lotrinh.reporting.demo import generate_demo_cycle

    generate_demo_cycle(seed=1, today=datetime.date(2026, 1, 10))
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("reporting:compliance"))
    assert len(large.captured_queries) <= len(small.captured_queries) + 2


def test_compliance_command_json(report_a, officer_a, approver_a):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    out = StringIO()
    call_command("compliance", "50/NQ-CP", "--year", "2024", "--format", "json", stdout=out)
    rows = {r["agency"]: r for r in json.loads(out.getvalue())}
    mine = rows[officer_a.agency.name_vi]["periods"]["2024"]
    assert mine["status"] == "submitted" and mine["first_submitted"]


def test_downloads_keep_every_year_and_the_kind_filter(most_monitor, officer_a, period_2024):
    from io import BytesIO

    from openpyxl import load_workbook

    client = client_for(most_monitor)
    with time_machine.travel(datetime.datetime(2024, 12, 10, 9, 0), tick=False):
        rows = client.get(reverse("reporting:compliance_json"), {"kind": "ministry"}).json()
        xlsx = client.get(reverse("reporting:compliance_xlsx"), {"year": "2024"})
    mine = next(r for r in rows if r["agency"] == officer_a.agency.name_vi)
    assert sorted(mine["periods"]) == [str(y) for y in range(2020, 2025)]
    assert mine["periods"]["2024"]["report"] == "missing"
    assert {r["kind"] for r in rows} == {"ministry"}
    sheet = load_workbook(BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Cơ quan", "Kế hoạch", "Báo cáo 2024"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == officer_a.agency.name_vi)
    assert row[2] == "Chưa nộp"


def test_the_page_reads_the_current_cycle_and_other_years_on_demand(most_monitor, regime):
    services.generate_periods(regime, 2025)
    client = client_for(most_monitor)
    url = reverse("reporting:compliance")
    with time_machine.travel(datetime.datetime(2025, 12, 10, 9, 0), tick=False):
        default = client.get(url)
        asked = client.get(url, {"year": "2021"})
        every = client.get(url, {"years": "all", "sort": "-late"})
    every_year = default.context["pic"].all_years
    assert len(every_year) > 3 and every_year[-1] == 2025
    # By default: the year being chased (the current cycle) only; the choice lists all.
    assert [p.year for p in default.context["pic"].periods] == [2025]
    body = default.content.decode()
    assert all(f'<option value="{y}"' in body for y in every_year)
    assert 'id="years-scope"' in body and "years=all" in default.context["scope_url"]
    # Another year on demand: that year (shown) and the current cycle.
    assert sorted(p.year for p in asked.context["pic"].periods) == [2021, 2025]
    assert asked.context["year"] == 2021
    # Every year on demand, kept by the form and the sort links.
    assert [p.year for p in every.context["pic"].periods] == every_year
    assert '<input type="hidden" name="years" value="all">' in every.content.decode()
    assert all("years=all" in c["href"] for c in every.context["columns"])
    assert "years" not in every.context["scope_url"]


@pytest.mark.parametrize(("utc_hour", "state"), [(16, "on_time"), (18, "late")])
def test_a_report_is_late_by_vietnams_calendar_not_utcs(
    report_a, officer_a, approver_a, utc_hour, state
):
    """Sent on the deadline day at 16:00 UTC is 23:00 in Hà Nội (on time); at 18:00 UTC
    it is 01:00 the next day there (late), although the UTC date is still the deadline."""
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    due = report_a.period.due_date
    fill(report_a, officer_a)
    sent = datetime.datetime.combine(due, datetime.time(utc_hour), tzinfo=datetime.UTC)
    with time_machine.travel(sent, tick=False):
        services.approve_report(report_a, approver_a)
        services.submit_report(report_a, approver_a)
    today = due + datetime.timedelta(days=10)
    year = report_a.period.year
    cell = row_of(compliance.picture(programme, today=today, years=[year]), officer_a.agency)
    assert cell.cells[year].state == state


def test_the_years_rates_are_written_as_every_percentage_of_the_site() -> None:
    """ "24,6%" on Vietnamese pages (as the portal, the overview and the documents write it),
    "24.6%" on English ones; no rate, nothing."""
    from django.utils import translation

    from lotrinh.reporting.views_compliance import _percent

    with translation.override("vi"):
        assert _percent(0.246) == "24,6%"
        assert _percent(1) == "100%"
    with translation.override("en"):
        assert _percent(0.246) == "24.6%"
    assert _percent(None) == ""


def test_the_workbook_reads_vietnamese_when_downloaded_from_an_english_page(
    most_monitor, officer_a, period_2024
):
    # Its headers, sheet and agency names are Vietnamese; the states came out in the
    # page's language ("Cơ quan | Báo cáo 2024" above "Not sent").
    from io import BytesIO

    from openpyxl import load_workbook

    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    with time_machine.travel(datetime.datetime(2024, 12, 10, 9, 0), tick=False):
        xlsx = client.get(reverse("reporting:compliance_xlsx"), {"year": "2024"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]][:3] == ["Cơ quan", "Kế hoạch", "Báo cáo 2024"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == officer_a.agency.name_vi)
    assert row[1] == "Chưa nộp" and row[2] == "Chưa nộp"


def test_overdue_tasks_name_the_agency_in_the_page_language(
    report_a, officer_a, approver_a, most_monitor
):
    """The list of overdue tasks named agencies by their Vietnamese names on English pages
    (marked lang="vi"), though they have English ones; and sorted them in Vietnamese order."""
    agency = officer_a.agency
    assert agency.name_en
    fill(report_a, officer_a, status="overdue")
    report = services.approve_report(report_a, approver_a)
    report = services.submit_report(report, approver_a)
    assert report.status == "submitted"
    year = report.period.year
    english = client_for(most_monitor)
    english.cookies["django_language"] = "en"
    page = english.get(reverse("reporting:compliance"), {"year": year}).content.decode()
    overdue = page.split('id="overdue"')[-1] if 'id="overdue"' in page else page
    assert f"— {agency.name_en} (" in overdue
    assert f'<span lang="vi">{agency.name_vi}</span>' not in overdue
    vietnamese = client_for(most_monitor).get(reverse("reporting:compliance"), {"year": year})
    # The page is Vietnamese: its name needs no mark of its own.
    assert f"— {agency.name_vi} (" in vietnamese.content.decode()
