"""The permission matrix for units (docs/cascade.md): a department sees its own reports
and its agency's plan, never another agency's drafts; an agency's monitor sees its units'
reports once sent, not another agency's; MOST does not receive a unit's report.

Personas of the cascade, added to the world: the reporter and the leader of agency A's
unit, agency A's monitor, agency B's monitor. Objects: unit A's reports in each state."""

import datetime
import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Unit
from lotrinh.documents.models import DocumentKind, GeneratedDocument, GenerationStatus
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import AgencyReport, ReportStatus
from tests.conftest import AGENCY_A, AGENCY_B, make_user

pytestmark = pytest.mark.django_db

UNIT_STATES = ("draft", "submitted", "accepted")


@pytest.fixture
def cascade(world: Any) -> dict[str, Any]:
    unit = world.extra["cascade"]["unit_a"]
    plan = world.extra["cascade"]["plans"]["a_published_plan"]
    from lotrinh.programmes import cascade as plans

    people: dict[str, User] = {
        "unit_reporter_a": make_user("cas_unit_reporter_a", AGENCY_A, Role.REPORTER),
        "unit_leader_a": make_user("cas_unit_leader_a", AGENCY_A, Role.APPROVER),
        "monitor_a": make_user("cas_monitor_a", AGENCY_A, Role.AGENCY_MONITOR),
        "monitor_b": make_user("cas_monitor_b", AGENCY_B, Role.AGENCY_MONITOR),
    }
    for key in ("unit_reporter_a", "unit_leader_a"):
        people[key].unit = unit
        people[key].save()
    # Another unit of the same agency: never reads unit A's report nor its document.
    people["other_unit_reporter_a"] = make_user("cas_other_unit_a", AGENCY_A, Role.REPORTER)
    people["other_unit_reporter_a"].unit = Unit.objects.create(
        agency=unit.agency, code="vu-phap-che", name_vi="Vụ Pháp chế", kind="ministry_department"
    )
    people["other_unit_reporter_a"].save()
    plan.reporting_regimes.all().delete()
    plan.status = "draft"
    plan.save()
    plan.tasks.get().links_up.update(confirmed=True)
    plans.publish_child(world.user("reporter_a"), plan)
    reports: dict[str, AgencyReport] = {}
    for offset, state in enumerate(UNIT_STATES):
        report = rollup.ensure_unit_report(unit, plan, 2021 + offset)
        if state != "draft":
            report = services.approve_report(report, people["unit_leader_a"])
            report = services.submit_report(report, people["unit_reporter_a"])
        if state == "accepted":
            report = services.accept_report(report, people["monitor_a"])
        assert report.status == state
        reports[state] = report
    # The unit's report document made in each state (its content's state decides).
    documents: dict[str, GeneratedDocument] = {}
    for state, report in reports.items():
        document = GeneratedDocument(
            kind=DocumentKind.AGENCY,
            programme=plan,
            agency=report.agency,
            unit=unit,
            year=report.period.year,
            period=report.period,
            cutoff=datetime.date(2024, 12, 31),
            fmt="docx",
            status=GenerationStatus.DONE,
            content_status=state,
        )
        document.file.save(document.download_name, ContentFile(b"unit document"), save=True)
        documents[state] = document
    return {
        "people": people,
        "reports": reports,
        "documents": documents,
        "plans": world.extra["cascade"]["plans"],
    }


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _who(world: Any, cascade: dict[str, Any], persona: str) -> User | None:
    return cascade["people"].get(persona) or world.user(persona)


# persona → the unit-report states it may read
READS_UNIT_REPORT = {
    "unit_reporter_a": {"draft", "submitted", "accepted"},
    "unit_leader_a": {"draft", "submitted", "accepted"},
    "monitor_a": {"submitted", "accepted"},
    "reporter_a": {"submitted", "accepted"},  # the agency's own staff, once sent to it
    "approver_a": {"submitted", "accepted"},
    "other_unit_reporter_a": set(),
    "monitor_b": set(),
    "reporter_b": set(),
    "most": {"accepted"},
    "oversight": {"accepted"},
    "admin": {"accepted"},
    "anonymous": set(),
}


@pytest.mark.parametrize("persona", list(READS_UNIT_REPORT))
@pytest.mark.parametrize("state", UNIT_STATES)
def test_who_reads_a_units_report_page(world, cascade, persona: str, state: str) -> None:
    report = cascade["reports"][state]
    response = _client(_who(world, cascade, persona)).get(
        reverse("reporting:report", args=[report.pk])
    )
    if state in READS_UNIT_REPORT[persona]:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("persona", list(READS_UNIT_REPORT))
@pytest.mark.parametrize("state", UNIT_STATES)
def test_who_reads_a_units_report_document(world, cascade, persona: str, state: str) -> None:
    """A unit's report document (DOCX, PDF) is read as the unit's report it was made
    from: never another unit's people, another agency, or the public."""
    document = cascade["documents"][state]
    client = _client(_who(world, cascade, persona))
    response = client.get(reverse("documents:download", args=[document.pk]))
    if state in READS_UNIT_REPORT[persona]:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 404
    if persona != "anonymous":
        listed = client.get(reverse("documents:list"))
        link = reverse("documents:download", args=[document.pk])
        if listed.status_code == 200:
            assert (link in listed.content.decode()) == (state in READS_UNIT_REPORT[persona])


# persona → the unit-report states whose document it may make: the unit's people, and
# the agency's staff who make documents once the report is sent to them.
MAKES_UNIT_DOCUMENT = {
    "unit_reporter_a": {"draft", "submitted", "accepted"},
    "unit_leader_a": {"draft", "submitted", "accepted"},
    "reporter_a": {"submitted", "accepted"},
    "approver_a": {"submitted", "accepted"},
}


@pytest.mark.parametrize("persona", list(READS_UNIT_REPORT))
@pytest.mark.parametrize("state", UNIT_STATES)
def test_who_makes_a_units_report_document(world, cascade, persona: str, state: str) -> None:
    report = cascade["reports"][state]
    before = GeneratedDocument.objects.count()
    response = _client(_who(world, cascade, persona)).post(
        reverse("documents:request"),
        {"kind": "unit", "report": report.pk, "cutoff": "2024-12-31", "fmt": "pdf"},
    )
    if state in MAKES_UNIT_DOCUMENT.get(persona, set()):
        assert response.status_code == 302
        assert response["Location"] == reverse("documents:list")
        made = GeneratedDocument.objects.order_by("-pk").first()
        assert made is not None and made.unit_id == report.unit_id
        assert made.period_id == report.period_id and made.content_status == state
        return
    assert GeneratedDocument.objects.count() == before
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("monitor_a", True), ("monitor_b", False), ("most", False), ("approver_a", False)],
)
def test_only_the_agencys_monitor_accepts_a_units_report(world, cascade, persona, allowed) -> None:
    report = cascade["reports"]["submitted"]
    user = _who(world, cascade, persona)
    if allowed:
        assert services.accept_report(report, user).status == ReportStatus.ACCEPTED
    else:
        with pytest.raises(services.WorkflowError):
            services.accept_report(report, user)
        assert AgencyReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


@pytest.mark.parametrize(
    ("persona", "plan", "status"),
    [
        ("unit_reporter_a", "a_published_plan", 200),
        ("unit_reporter_a", "a_draft_plan", 200),
        ("unit_reporter_a", "b_draft_plan", 404),
        ("monitor_a", "b_draft_plan", 404),
        ("monitor_b", "a_draft_plan", 404),
        ("monitor_b", "a_published_plan", 404),
        ("most", "a_draft_plan", 404),
    ],
)
def test_a_department_reads_its_agencys_plan_never_another_agencys_draft(
    world, cascade, persona, plan, status
) -> None:
    response = _client(_who(world, cascade, persona)).get(
        reverse("cascade:plan", args=[cascade["plans"][plan].pk])
    )
    assert response.status_code == status


def test_a_department_cannot_edit_its_agencys_report_to_most(world, cascade) -> None:
    report = world.reports["a_draft"]
    entry = report.entries.order_by("pk").first()
    with pytest.raises(services.WorkflowError):
        services.save_entry(
            entry,
            cascade["people"]["unit_reporter_a"],
            {"status": "in_progress", "result": "x"},
            entry.version,
        )
    response = _client(cascade["people"]["unit_reporter_a"]).post(
        reverse("cascade:prefill", args=[report.pk])
    )
    assert response.status_code == 403


PROGRAMME_PAGES = (
    ("programmes:overview", {}),
    ("programmes:tasks", {}),
    ("programmes:timeline", {}),
    ("programmes:document", {}),
    ("programmes:versions", {}),
    ("programmes:export", {"fmt": "json"}),
    ("programmes:export", {"fmt": "xlsx"}),
    ("programmes:task", {"anchor": None}),
)


def _programme_url(name: str, kwargs: dict[str, Any], plan: Any) -> str:
    if "anchor" in kwargs:
        kwargs = {"anchor": plan.tasks.get().clause.anchor}
    return reverse(name, kwargs={"slug": plan.slug, **kwargs})


@pytest.mark.parametrize(("name", "kwargs"), PROGRAMME_PAGES)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("monitor_b", 404),
        ("unit_reporter_a", 200),
        ("monitor_a", 200),
        ("most", 200),
    ],
)
def test_an_agencys_published_plan_is_read_on_the_programme_pages_by_the_plans_own_rule(
    world, cascade, name, kwargs, persona, status
) -> None:
    """The programme pages show a published plan to whom its own page shows it
    (`cascade:plan`): before, anyone could read another agency's plan there."""
    plan = cascade["plans"]["a_published_plan"]
    user = None if persona == "anonymous" else _who(world, cascade, persona)
    response = _client(user).get(_programme_url(name, kwargs, plan))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    national = _client(user).get(reverse("programmes:overview", args=[world.programme.slug]))
    assert national.status_code == 200
    assert (plan.code in national.content.decode()) == (status == 200)


@pytest.mark.parametrize("persona", ["anonymous", "monitor_b", "unit_reporter_a", "most"])
def test_the_api_lists_an_agencys_plan_and_its_records_only_to_whom_may_read_it(
    world, cascade, persona
) -> None:
    plan = cascade["plans"]["a_published_plan"]
    user = None if persona == "anonymous" else _who(world, cascade, persona)
    client = _client(user)
    may = persona in ("unit_reporter_a", "most")
    codes = [p["code"] for p in _all(client, "/api/v1/programmes/")]
    assert (plan.code in codes) == may
    assert world.programme.code in codes
    for resource in ("tasks", "clauses", "task-groups", "regimes"):
        rows = _all(client, f"/api/v1/{resource}/?programme={plan.pk}")
        assert bool(rows) == may, resource
    task = plan.tasks.get()
    assert client.get(f"/api/v1/tasks/{task.pk}/").status_code == (200 if may else 404)
    assert client.get(f"/api/v1/programmes/{plan.pk}/").status_code == (200 if may else 404)


def _all(client: Client, url: str) -> list[dict[str, Any]]:
    body = client.get(url).json()
    return body["results"] if isinstance(body, dict) else body


def test_the_public_home_lists_national_programmes_not_agencies_plans(world, cascade) -> None:
    plan = cascade["plans"]["a_published_plan"]
    page = Client().get(reverse("portal:home")).content.decode()
    assert world.programme.code in page
    assert plan.code not in page


@pytest.mark.parametrize(
    ("persona", "own"),
    [("unit_reporter_a", True), ("other_unit_reporter_a", False), ("reporter_a", False)],
)
def test_a_units_draft_is_worked_on_by_its_own_people_only(world, cascade, persona, own) -> None:
    """The spreadsheet form of a unit's draft (download, upload) follows the report
    page: another department of the same agency, and the agency's own staff, get 404,
    as for the draft itself; its own department works on it. (Until 4 December 2026
    another department downloaded the draft's unsaved text and could queue an upload.)"""
    from lotrinh.agencies.models import Unit

    other_unit = Unit.objects.create(
        agency=cascade["reports"]["draft"].agency,
        code="vu-tccb",
        name_vi="Vụ Tổ chức cán bộ",
        kind="ministry_department",
    )
    other = make_user("cas_other_unit_reporter_a", AGENCY_A, Role.REPORTER)
    other.unit = other_unit
    other.save()
    user = other if persona == "other_unit_reporter_a" else _who(world, cascade, persona)
    report = cascade["reports"]["draft"]
    client = _client(user)
    page = client.get(reverse("reporting:report", args=[report.pk]))
    form = client.get(reverse("reporting:download_form", args=[report.pk]))
    upload = client.post(reverse("reporting:upload_form", args=[report.pk]), {})
    if own:
        assert page.status_code == 200 and form.status_code == 200
        assert upload.status_code == 302  # no file chosen: back to the report, said so
    else:
        assert (page.status_code, form.status_code, upload.status_code) == (404, 404, 404)
    assert services.reports_for_user(user, "edit_report").filter(pk=report.pk).exists() == own


# ---------------------------------------------------------------- units' progress
# One rule (permissions.may_read_units_progress, units_results_rule): a unit's person reads
# her own unit's work and her agency's plan, never the other units' results or progress,
# on any page; the agency's staff and those who follow compliance read every unit's.
# Until 6 December 2026 the dashboard ("Đơn vị báo cáo hoàn thành"), the timeline's bars
# and the plan's overview showed every unit's accepted results to any unit's officer.

from tests.cascade.conftest import (  # noqa: E402  (fixtures of the cascade's province)
    YEAR,
    fill_unit_report,
    hanoi,  # noqa: F401
    merged_provinces,  # noqa: F401
    province,  # noqa: F401
    send_report,
)

# persona → the plan's tasks (by reference) whose progress it reads, and the figure: the
# Sở KH&CN (leading tasks 1 and 3) reported them done; Công an (task 2) reported nothing.
READS_PROGRESS: dict[str, dict[str, int]] = {
    "khcn_reporter": {"1": 100, "3": 100},
    "khcn_leader": {"1": 100, "3": 100},
    "police_reporter": {"2": 0},
    "reporter": {"1": 100, "2": 0, "3": 100},
    "leader": {"1": 100, "2": 0, "3": 100},
    "monitor": {"1": 100, "2": 0, "3": 100},
    "most": {"1": 100, "2": 0, "3": 100},
    "other_monitor": {},
}


@pytest.fixture
def khcn_done(province: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    p = province
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    fill_unit_report(report, p["khcn_reporter"], "done_on_time", "Kết quả của Sở KH&CN")
    services.accept_report(send_report(report, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    return p


@pytest.mark.parametrize("persona", list(READS_PROGRESS))
def test_who_reads_a_plan_tasks_progress(khcn_done, persona: str) -> None:
    from lotrinh.reporting.plans import plan_task_states

    p = khcn_done
    tasks = {t.pk: t.ref for t in p["child"].tasks.all()}
    states = plan_task_states(list(tasks), p[persona])
    assert {tasks[pk]: s.progress for pk, s in states.items()} == READS_PROGRESS[persona]


@pytest.mark.parametrize("persona", [k for k in READS_PROGRESS if k != "other_monitor"])
def test_the_dashboard_shows_a_unit_person_her_own_units_progress_only(
    khcn_done, persona: str
) -> None:
    p = khcn_done
    page = _client(p[persona]).get(reverse("dashboard:agency", args=[p["child"].issuer.code]))
    assert page.status_code == 200
    html = page.content.decode()
    bars = html.count('<progress class="bar" max="100" value="100"')
    expected = READS_PROGRESS[persona]
    assert bars == sum(1 for v in expected.values() if v == 100)
    assert html.count('<progress class="bar" max="100" value="0"') == sum(
        1 for v in expected.values() if v == 0
    )
    # Said once, to whoever reads her own unit's figures only.
    own_only = "chỉ tính báo cáo của đơn vị bạn" in html
    assert own_only == (len(expected) < 3)


@pytest.mark.parametrize("persona", list(READS_PROGRESS))
def test_the_timeline_shows_a_unit_person_her_own_units_bars_only(khcn_done, persona) -> None:
    p = khcn_done
    page = _client(p[persona]).get(
        reverse("programmes:timeline", args=[p["child"].implements.slug]),
        {"agency": p["child"].issuer.code},  # Hà Nội's plan alone (MOST reads them all)
    )
    assert page.status_code == 200
    html = page.content.decode()
    # Each action is drawn twice (its row and its bar): the figures, once per drawing.
    figures = sorted(int(f) for f in re.findall(r"tiến độ (\d+)%", html))
    drawn = html.count(f"{p['child'].code} 1: ")
    assert (drawn >= 1) == (persona != "other_monitor")  # another agency: no plan at all
    assert figures == sorted(list(READS_PROGRESS[persona].values()) * drawn)


@pytest.mark.parametrize("persona", list(READS_PROGRESS))
def test_the_plans_overview_counts_the_units_reports_for_the_agency_staff_only(
    khcn_done, persona
) -> None:
    """The plan's overview said "1/2 reports accepted" (its units') to any unit's officer."""
    from django.utils import timezone

    from lotrinh.programmes.progress import programme_progress

    p = khcn_done
    cycle = programme_progress(p["child"], p[persona], timezone.localdate()).cycle
    assert cycle is not None and cycle.year == YEAR
    whole = len(READS_PROGRESS[persona]) == 3
    # To the others the period is said, not its counts (not "no period yet" either).
    assert cycle.hidden == (not whole)
    assert (cycle.accepted, cycle.expected) == ((1, 2) if whole else (0, 0))
    if persona == "khcn_reporter":
        page = _client(p[persona]).get(reverse("programmes:overview", args=[p["child"].slug]))
        html = page.content.decode()
        assert f"Báo cáo năm {YEAR} của các đơn vị" in html
        card = html.split('id="progress-cycle"', 1)[1].split("</div>", 1)[0]
        assert "Chưa có kỳ báo cáo nào" not in card, card
        assert 'class="stat"' not in card  # no "1/2" count


def test_a_units_monitor_does_not_follow_the_other_units(khcn_done) -> None:
    """A monitoring role given to a unit's person (the role list allows it) reads her
    unit's work, not which of the other units are late (the plan page's table)."""
    from lotrinh.accounts import permissions as perms
    from tests.cascade.conftest import person

    p = khcn_done
    unit_monitor = person("khcn_monitor", p["child"].issuer, Role.AGENCY_MONITOR)
    unit_monitor.unit = p["khcn_reporter"].unit
    unit_monitor.save()
    agency = p["child"].issuer
    assert not perms.may_view_unit_compliance(unit_monitor, agency)
    assert perms.may_view_unit_compliance(p["monitor"], agency)
    year = {"year": YEAR}
    for who, shown in ((unit_monitor, False), (p["monitor"], True)):
        page = _client(who).get(reverse("cascade:plan", args=[p["child"].pk]), year)
        assert page.status_code == 200
        assert ("<td>Công an Thành phố</td>" in page.content.decode()) == shown


def test_a_units_report_sent_is_announced_to_the_agency_staff_not_to_a_unit_monitor(
    province,  # noqa: F811
) -> None:
    """The notice of a unit's report sent named it and linked it to every monitor of the
    agency, one attached to another unit too (who gets 404 on it)."""
    from lotrinh.reporting.models import Notification
    from tests.cascade.conftest import person

    p = province
    unit_monitor = person("police_monitor", p["child"].issuer, Role.AGENCY_MONITOR)
    unit_monitor.unit = p["police_reporter"].unit
    unit_monitor.save()
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    fill_unit_report(report, p["khcn_reporter"], "in_progress", "Đang làm")
    send_report(report, p["khcn_reporter"], p["khcn_leader"])
    link = reverse("reporting:report", args=[report.pk])
    assert Notification.objects.filter(user=p["monitor"], link=link).exists()
    assert not Notification.objects.filter(user=unit_monitor, link=link).exists()
    assert _client(unit_monitor).get(link).status_code == 404
