"""A province's cycle: a department reports on the province's plan, the province's monitor
accepts it (level by level), the province's report to MOST is pre-filled from it."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import AgencyReport, ReportingPeriod, ReportStatus, TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for


def test_a_department_reports_to_its_province_and_only_the_province_accepts(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    assert report.unit.name_vi == "Sở Khoa học và Công nghệ"
    assert sorted(report.entries.values_list("task__ref", flat=True)) == ["1", "3"]
    with pytest.raises(services.WorkflowError):
        _fill(report, p["police_reporter"], TaskStatus.IN_PROGRESS, "x")  # another unit
    with pytest.raises(services.WorkflowError):
        _fill(report, p["reporter"], TaskStatus.IN_PROGRESS, "x")  # the province's own staff
    _fill(report, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Đã ban hành")
    report = _send(report, p["khcn_reporter"], p["khcn_leader"])
    assert report.status == ReportStatus.SUBMITTED
    for outsider in (p["most"], p["other_monitor"], p["leader"]):
        with pytest.raises(services.WorkflowError):
            services.accept_report(report, outsider)
    assert services.accept_report(report, p["monitor"]).status == ReportStatus.ACCEPTED
    # The monitor was told who sent it: the department, not the province.
    from lotrinh.reporting.models import Notification

    sent = Notification.objects.filter(user=p["monitor"], message__contains="đã gửi báo cáo")
    assert [n.message for n in sent] == [
        f"Sở Khoa học và Công nghệ đã gửi báo cáo kỳ {report.period.label[:1].lower()}"
        f"{report.period.label[1:]}."
    ]


def test_the_province_approves_its_report_only_when_no_unit_report_waits(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    _send(report, p["khcn_reporter"], p["khcn_leader"])
    with pytest.raises(services.WorkflowError, match="Sở Khoa học và Công nghệ"):
        services.approve_report(p["national"], p["leader"])
    assert AgencyReport.objects.get(pk=p["national"].pk).status == ReportStatus.DRAFT
    services.return_report(report, p["monitor"], "Bổ sung minh chứng")
    assert services.approve_report(p["national"], p["leader"]).status == ReportStatus.APPROVED


def test_the_report_to_most_is_prefilled_from_accepted_unit_entries_only(province) -> None:
    p = province
    first, second = p["lead_tasks"]
    khcn = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    police = rollup.start_unit_report(p["police_reporter"], p["child"], YEAR)
    _fill(khcn, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Sở KH&CN đã ban hành")
    _fill(police, p["police_reporter"], TaskStatus.IN_PROGRESS, "Công an đang triển khai")
    services.accept_report(_send(khcn, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    # The police's report is not accepted: it does not count yet.
    with pytest.raises(services.WorkflowError):
        rollup.prefill_report(p["national"], p["khcn_reporter"])  # a unit's person
    assert rollup.prefill_report(p["national"], p["reporter"]).filled == 2
    entries = {e.task.ref: e for e in p["national"].entries.all()}
    assert entries[first].status == TaskStatus.DONE_ON_TIME
    assert "Sở Khoa học và Công nghệ (1): Sở KH&CN đã ban hành 1" in entries[first].result
    assert "Công an" not in entries[first].result
    assert entries[first].evidence_number == "12/QĐ-SKHCN"
    assert entries[second].status == TaskStatus.DONE_ON_TIME
    # The agency edits before approval: a second pre-fill leaves written entries alone.
    services.save_entry(
        entries[first],
        p["reporter"],
        {"status": TaskStatus.IN_PROGRESS, "result": "Viết lại", "evidence_number": ""},
        entries[first].version,
    )
    assert rollup.prefill_report(p["national"], p["reporter"]).filled == 0
    assert p["national"].entries.get(task__ref=first).result == "Viết lại"
    rolled = rollup.rollup(p["national"].agency, current_programme("50/NQ-CP"), YEAR)
    assert [c.unit.name_vi for c in rolled[entries[first].task_id].contributions] == [
        "Sở Khoa học và Công nghệ"
    ]


def test_who_reads_a_units_report(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)

    def readable(user) -> bool:
        visible = perms.visible_reports(user, AgencyReport.objects.filter(pk=report.pk)).exists()
        assert visible == perms.may_read_report(
            user, report.agency_id, report.status, report.unit_id
        )
        return visible

    assert readable(p["khcn_reporter"]) and readable(p["khcn_leader"])
    for user in ("police_reporter", "monitor", "other_monitor", "most"):
        assert not readable(p[user]), user
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    report = _send(report, p["khcn_reporter"], p["khcn_leader"])
    assert readable(p["monitor"]) and readable(p["leader"])
    for user in ("police_reporter", "other_monitor", "most"):
        assert not readable(p[user]), user
    report = services.accept_report(report, p["monitor"])
    assert readable(p["most"]) and not readable(p["other_monitor"])
    assert not perms.may_read_report(None, report.agency_id, report.status, report.unit_id)


def test_the_commands_list_programmes_and_export_a_childs_links_and_units(province) -> None:
    import json
    from io import StringIO

    from django.core.management import call_command

    p = province
    out = StringIO()
    call_command("programmes", "--format", "json", stdout=out)
    rows = {(r["code"], r["version"]): r for r in json.loads(out.getvalue())}
    child = rows[(p["child"].code, 1)]
    assert (child["issuer"], child["parent"]) == ("Thành phố Hà Nội", "50/NQ-CP")
    assert rows[("50/NQ-CP", 1)]["parent"] == "52-NQ/TW"
    out = StringIO()
    call_command("export", p["child"].code, "--format", "json", stdout=out)
    tasks = {t["ref"]: t for t in json.loads(out.getvalue())["tasks"]}
    assert tasks["1"]["implements"] == [p["lead_tasks"][0]]
    assert tasks["2"]["lead_units"] == ["Công an Thành phố — Thành phố Hà Nội"]
    assert tasks["3"]["coordinating_units"] == []


def test_the_national_task_page_shows_the_provinces_progress_to_most_only(province, client) -> None:
    p = province
    khcn = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(khcn, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Xong")
    services.accept_report(_send(khcn, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    national = current_programme("50/NQ-CP")
    task = national.tasks.get(ref=p["lead_tasks"][0])
    spread = rollup.national_task_spread(task)
    assert (spread["ministries"], spread["provinces"]) == (0, 1)
    row = spread["rows"][0]
    assert (row["agency"].name_vi, row["actions"], row["status"]) == (
        "Thành phố Hà Nội",
        2,
        TaskStatus.DONE_ON_TIME,  # only accepted unit entries count (Công an's has none)
    )
    from django.urls import reverse

    url = reverse("programmes:task", args=[national.slug, task.clause.anchor])
    client.force_login(p["most"])
    page = client.get(url).content.decode()
    assert 'id="cascade"' in page
    assert "0 bộ, ngành và 1 tỉnh, thành phố đã đưa nhiệm vụ này vào kế hoạch" in page
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    # Each count with its own plural.
    assert "0 ministries or sectors and 1 province or city have put this task" in english
    del client.cookies["django_language"]
    client.force_login(p["other_monitor"])
    assert 'id="cascade"' not in client.get(url).content.decode()


def test_the_agencys_monitor_accepts_a_units_report_through_the_pages_and_most_cannot(
    province, client
) -> None:
    from django.urls import reverse

    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    report = _send(report, p["khcn_reporter"], p["khcn_leader"])
    confirm = reverse("reporting:confirm", args=[report.pk, "accept"])
    client.force_login(p["most"])
    assert client.get(confirm).status_code in (403, 404)
    client.force_login(p["monitor"])
    assert client.get(confirm).status_code == 200
    response = client.post(
        reverse("reporting:action", args=[report.pk, "accept"]), {"confirm": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


@pytest.mark.parametrize("year", ["2300", "2100"])
def test_a_department_cannot_open_a_report_for_a_year_to_come(province, year) -> None:
    # A forged year opened a unit's report for 2300 and stored 281 periods on the way.
    p = province
    stored = ReportingPeriod.objects.count()
    response = client_for(p["khcn_reporter"]).post(
        reverse("cascade:plan_save", args=[p["child"].pk]),
        {"what": "start_report", "year": year},
        follow=True,
    )
    assert response.status_code == 200
    assert "Chưa đến kỳ báo cáo này" in response.content.decode()
    assert ReportingPeriod.objects.count() == stored
    assert not AgencyReport.objects.filter(unit__isnull=False).exists()


def test_a_departments_officer_finds_her_units_reports_under_bao_cao(province) -> None:
    # She found the province's reports to MOST there, with a "start" button she may not
    # use, and not her unit's own.
    p = province
    page = client_for(p["khcn_reporter"]).get(reverse("reporting:my_reports"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Báo cáo của đơn vị: Sở Khoa học và Công nghệ" in html
    # On an English page her unit's Vietnamese name is marked as Vietnamese.
    english = client_for(p["khcn_reporter"])
    english.cookies["django_language"] = "en"
    assert (
        'Reports of the unit: <span lang="vi">Sở Khoa học và Công nghệ</span>'
        in english.get(reverse("reporting:my_reports")).content.decode()
    )
    assert [plan.pk for plan in page.context["unit_plans"]] == [p["child"].pk]
    assert not page.context["unit_reports"] and not page.context["may_start"]
    # She opens it from there; the page then lists it, and offers no second one.
    response = client_for(p["khcn_reporter"]).post(
        reverse("cascade:plan_save", args=[p["child"].pk]),
        {"what": "start_report", "year": str(timezone.localdate().year)},
    )
    report = AgencyReport.objects.get(unit__code="so-khcn")
    assert response.status_code == 302 and response["Location"].endswith(f"/{report.pk}/")
    again = client_for(p["khcn_reporter"]).get(reverse("reporting:my_reports"))
    assert list(again.context["unit_reports"]) == [report] and not again.context["unit_plans"]
    assert reverse("reporting:report", args=[report.pk]) in again.content.decode()
    # Another unit's officer sees none of it; the province's own reporter no unit section.
    police = client_for(p["police_reporter"]).get(reverse("reporting:my_reports"))
    assert not police.context["unit_reports"]
    province_page = client_for(p["reporter"]).get(reverse("reporting:my_reports"))
    assert "Báo cáo của đơn vị" not in province_page.content.decode()


def test_a_report_past_its_deadline_and_not_sent_is_marked_overdue(province) -> None:
    p = province
    with time_machine.travel(datetime.datetime(YEAR + 1, 1, 5, 9), tick=False):
        page = client_for(p["reporter"]).get(reverse("reporting:my_reports"))
    html = page.content.decode()
    row = html[html.index(p["national"].period.title) :].split("</tr>")[0]
    assert "Quá hạn" in row


def test_mosts_reading_list_names_the_unit_of_a_units_report(province) -> None:
    """A province's departments' accepted reports are each a row of MOST's reading list:
    each names its department, not only the province (nine rows "Tỉnh Bắc Ninh" read as
    the same report nine times)."""
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    report = _send(report, p["khcn_reporter"], p["khcn_leader"])
    services.accept_report(report, p["monitor"])
    page = client_for(p["most"]).get(reverse("dashboard:reading")).content.decode()
    link = f'href="{reverse("reporting:report", args=[report.pk])}"'
    assert link in page
    row = page.split(link, 1)[1].split("</a>", 1)[0]
    assert "Sở Khoa học và Công nghệ — Thành phố Hà Nội" in row


def test_a_year_before_the_plans_first_report_says_so(province) -> None:
    """Walk of 6 December 2026: a year before the plan's first report (2019 on a plan
    reported from 2020) was refused as "Chưa đến kỳ báo cáo này" (not due yet), which
    says the opposite; it names the plan's first year now, and opens nothing."""
    p = province
    first = rollup.unit_regime(p["child"]).first_year
    assert first is not None
    before = AgencyReport.objects.count()
    response = client_for(p["khcn_reporter"]).post(
        reverse("cascade:plan_save", args=[p["child"].pk]),
        {"what": "start_report", "year": str(first - 1)},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa đến kỳ báo cáo này" not in html
    assert f"Kế hoạch không có báo cáo năm {first - 1}: các đơn vị báo cáo từ năm {first}." in html
    assert AgencyReport.objects.count() == before


def test_a_stale_tab_saving_after_the_leaders_approval_is_told_it_was_approved(province) -> None:
    """Walk of 6 December 2026: the officer's tab left open while her leader approved
    said "Báo cáo đã gửi hoặc đã được tiếp nhận" (sent or accepted) on saving: it was
    neither. It says it was approved now, and that the leader may send it back."""
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    entry = report.entries.order_by("pk").first()
    assert entry is not None
    client = client_for(p["khcn_reporter"])
    page = client.get(reverse("reporting:report", args=[report.pk]))
    assert page.status_code == 200
    services.approve_report(report, p["khcn_leader"])
    response = client.post(
        reverse("reporting:save_all", args=[report.pk]),
        {
            f"e{entry.pk}-version": str(entry.version),
            f"e{entry.pk}-status": TaskStatus.IN_PROGRESS,
            f"e{entry.pk}-result": "Viết ở thẻ cũ",
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Lãnh đạo đã duyệt báo cáo: không sửa được nữa." in html
    assert "đã gửi hoặc đã được tiếp nhận" not in html
    entry.refresh_from_db()
    assert entry.result != "Viết ở thẻ cũ"


def test_the_reports_api_tells_a_units_report_from_the_agencys_own(province) -> None:
    # Before, a unit's report and its agency's report to MOST for the same year had the
    # same agency, year and regime fields: nothing said which was the unit's.
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    report = _send(report, p["khcn_reporter"], p["khcn_leader"])
    rows = client_for(p["reporter"]).get("/api/v1/reports/", {"year": YEAR}).json()["results"]
    by_id = {row["id"]: row for row in rows}
    assert by_id[report.pk]["unit"] == report.unit_id
    assert by_id[report.pk]["unit_code"] == "so-khcn"
    assert by_id[report.pk]["unit_name"] == "Sở Khoa học và Công nghệ"
    assert by_id[p["national"].pk]["unit"] is None
    assert by_id[p["national"].pk]["unit_code"] is None
    assert by_id[p["national"].pk]["unit_name"] is None


def test_the_reports_api_filters_by_unit(province) -> None:
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(report, p["khcn_reporter"], TaskStatus.IN_PROGRESS, "Đang làm")
    report = _send(report, p["khcn_reporter"], p["khcn_leader"])
    client = client_for(p["reporter"])

    def ids(**query) -> set[int]:
        answer = client.get("/api/v1/reports/", {"year": YEAR, **query})
        assert answer.status_code == 200
        return {row["id"] for row in answer.json()["results"]}

    assert ids(unit="so-khcn") == {report.pk}
    assert ids(unit="none") == {p["national"].pk}
    assert ids(unit="khong-co") == set()
    assert ids() == {report.pk, p["national"].pk}
