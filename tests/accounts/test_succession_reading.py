"""Trust after the 2025 reorganisation (docs/security.md, "Successions"): nothing lost,
nothing leaked. A successor's people read, read-only, what the bodies their agency
succeeded had sent (never a draft), by the one rule of `permissions.may_read_report` and
`visible_reports`; an ended receiving body's account reads what was sent to it before its
end as history and is no longer the receiving desk; a receiving body's monitor reads the
same plans through the API as on the pages."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.documents.services import annual_period
from lotrinh.programmes.models import Programme
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, Frequency, ReportingPeriod, ReportingRegime
from lotrinh.reporting.schedules import set_regime_schedule
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

MPI = "bo-ke-hoach-va-dau-tu"  # merged into Bộ Tài chính on 01/03/2025
FINANCE = "bo-tai-chinh"
COMMISSION = "ban-kinh-te-trung-uong"  # ended 23/01/2025
SUCCESSOR = "ban-chinh-sach-chien-luoc-trung-uong"


def _at(day: datetime.date) -> mock._patch:  # type: ignore[type-arg]
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _send(report: AgencyReport, prefix: str, day: datetime.date | None = None) -> AgencyReport:
    code = report.agency.code
    reporter = User.objects.filter(username=f"{prefix}-r").first() or make_user(
        f"{prefix}-r", code, Role.REPORTER
    )
    leader = User.objects.filter(username=f"{prefix}-l").first() or make_user(
        f"{prefix}-l", code, Role.APPROVER
    )

    def steps() -> AgencyReport:
        entry = report.entries.first()
        if entry is not None:
            data = {"status": "in_progress", "result": f"Kết quả của {report.agency.name_vi}"}
            services.save_entry(entry, reporter, data, expected_version=entry.version)
        services.approve_report(report, leader)
        return services.submit_report(report, reporter)

    if day is None:
        return steps()
    with _at(day):
        return steps()


@pytest.fixture
def mpi_reports(seeded_db: None) -> dict[str, AgencyReport]:
    """Bộ Kế hoạch và Đầu tư's report to MOST for 2024, sent; its 2023 report, a draft."""
    mpi = Agency.objects.get(code=MPI)
    programme = current_programme("50/NQ-CP")
    sent = services.ensure_report(mpi, annual_period(programme, 2024))
    sent = _send(sent, "mpi")
    draft = services.ensure_report(mpi, annual_period(programme, 2023))
    return {"sent": sent, "draft": draft}


@pytest.mark.parametrize("role", [Role.REPORTER, Role.APPROVER, Role.AGENCY_MONITOR])
def test_the_successor_reads_what_its_predecessor_sent_not_its_drafts(mpi_reports, role) -> None:
    """Before: 404 on the page and the API for Bộ Tài chính's people; history lost."""
    reader = make_user(f"fin_{role}", FINANCE, role)
    sent, draft = mpi_reports["sent"], mpi_reports["draft"]
    assert perms.may_read_report(reader, sent.agency_id, sent.status)
    assert not perms.may_read_report(reader, draft.agency_id, draft.status)
    readable = services.reports_for_user(reader)
    assert readable.filter(pk=sent.pk).exists()
    assert not readable.filter(pk=draft.pk).exists()
    client = client_for(reader)
    assert client.get(reverse("reporting:report", args=[sent.pk])).status_code == 200
    assert client.get(reverse("reporting:report", args=[draft.pk])).status_code == 404
    assert client.get(f"/api/v1/reports/{sent.pk}/").status_code == 200
    assert client.get(f"/api/v1/reports/{draft.pk}/").status_code == 404
    listed = {r["id"] for r in _api_list(client, "/api/v1/reports/")}
    assert sent.pk in listed and draft.pk not in listed
    # Read-only: she acts on none of them.
    for capability in (perms.EDIT_REPORT, perms.APPROVE_REPORT, perms.SUBMIT_REPORT):
        assert not perms.can(reader, capability, sent)
        assert not services.reports_for_user(reader, capability).filter(pk=sent.pk).exists()


def _api_list(client, url: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    body = client.get(url, {"page_size": 500}).json()
    return body["results"] if isinstance(body, dict) else body


def test_others_read_no_more_than_before(mpi_reports) -> None:
    """The rule reads the successor's history only: another ministry, the predecessor's
    successor's administrator (who reads no report) and the public read no more."""
    sent = mpi_reports["sent"]
    others = [
        make_user("moh_reporter", "bo-y-te", Role.REPORTER),
        make_user("fin_admin", FINANCE, Role.AGENCY_ADMIN),
    ]
    for user in others:
        assert not perms.may_read_report(user, sent.agency_id, sent.status)
        assert not services.reports_for_user(user).filter(pk=sent.pk).exists()
    assert not perms.may_read_report(None, sent.agency_id, sent.status)


def test_the_predecessor_does_not_read_its_successors_reports(mpi_reports) -> None:
    finance = Agency.objects.get(code=FINANCE)
    report = services.ensure_report(finance, annual_period(current_programme("50/NQ-CP"), 2025))
    report = _send(report, "fin")
    old = make_user("mpi_reader", MPI, Role.REPORTER)
    assert not perms.may_read_report(old, report.agency_id, report.status)
    assert not services.reports_for_user(old).filter(pk=report.pk).exists()


def test_a_succession_not_yet_in_effect_gives_nothing(mpi_reports) -> None:
    """The rule follows successions in effect today: before 01/03/2025, Bộ Tài chính did
    not hold Bộ Kế hoạch và Đầu tư's work."""
    sent = mpi_reports["sent"]
    reader = make_user("fin_early", FINANCE, Role.REPORTER)
    with _at(datetime.date(2025, 2, 28)):
        assert not perms.may_read_report(reader, sent.agency_id, sent.status)
        assert not services.reports_for_user(reader).filter(pk=sent.pk).exists()
    assert perms.may_read_report(reader, sent.agency_id, sent.status)


# ---------------------------------------------------------------- an ended receiving body


def _regime() -> ReportingRegime:
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    set_regime_schedule(
        make_user("admin_succ", SUCCESSOR, Role.ADMIN),
        regime,
        frequency=Frequency.SEMIANNUAL,
        deadline_day=20,
        first_year=2024,
        recipient=Agency.objects.get(code=COMMISSION),
        today=datetime.date(2024, 3, 1),
    )
    regime.refresh_from_db()
    return regime


@pytest.fixture
def party_reports(seeded_db: None) -> dict[str, AgencyReport]:
    """Thành ủy Hà Nội's report for the first half of 2024, sent to the Commission on
    15/07/2024 (before its end); its report for the first half of 2025, sent to the
    successor (today)."""
    regime = _regime()
    hanoi = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    services.generate_periods(regime, 2025)
    before = ReportingPeriod.objects.get(regime=regime, year=2024, part=1)
    after = ReportingPeriod.objects.get(regime=regime, year=2025, part=1)
    old_report = _send(services.ensure_report(hanoi, before), "tuhn", datetime.date(2024, 7, 15))
    new_report = _send(services.ensure_report(hanoi, after), "tuhn")
    return {"before": old_report, "after": new_report}


def test_an_ended_body_keeps_its_history_and_is_no_longer_the_receiving_desk(
    party_reports,
) -> None:
    """Before: bkt-theodoi read and listed the 2025 report sent to the successor."""
    before, after = party_reports["before"], party_reports["after"]
    old = make_user("bkt_theodoi", COMMISSION, Role.AGENCY_MONITOR)
    new = make_user("bcscl_theodoi", SUCCESSOR, Role.AGENCY_MONITOR)
    assert perms.received_recipient_ids(old) == frozenset()
    readable = services.reports_for_user(old)
    assert readable.filter(pk=before.pk).exists()
    assert not readable.filter(pk=after.pk).exists()
    assert not services.reports_for_user(old, perms.REVIEW_REPORT).exists()
    client = client_for(old)
    assert client.get(reverse("reporting:report", args=[before.pk])).status_code == 200
    assert client.get(reverse("reporting:report", args=[after.pk])).status_code == 404
    assert client.get(f"/api/v1/reports/{after.pk}/").status_code == 404
    assert client.get(f"/api/v1/reports/{before.pk}/").status_code == 200
    page = client.get(reverse("reporting:my_reports")).content.decode()
    assert f"/bao-cao/{after.pk}/" not in page
    assert not perms.can(old, perms.REVIEW_REPORT, before)
    # The successor reads both and receives the new one.
    assert {before.pk, after.pk} <= set(services.reports_for_user(new).values_list("pk", flat=True))
    assert services.reports_for_user(new, perms.REVIEW_REPORT).filter(pk=after.pk).exists()
    assert perms.can(new, perms.REVIEW_REPORT, after)


def test_an_ended_bodys_reports_page_lists_its_history_and_names_who_receives_now(
    party_reports,
) -> None:
    """Before: "Báo cáo" showed the ended body's account nothing but its old notifications
    ("Không có báo cáo nào cần xử lý."): the reports sent to it were reachable only through
    them. Now a section lists them, read-only, and says who receives since its end."""
    before, after = party_reports["before"], party_reports["after"]
    old = make_user("bkt_page", COMMISSION, Role.AGENCY_MONITOR)
    page = client_for(old).get(reverse("reporting:my_reports"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="received-before"' in html
    assert f"/bao-cao/{before.pk}/" in html and f"/bao-cao/{after.pk}/" not in html
    assert "hoạt động đến hết ngày 23/01/2025" in html
    assert "từ ngày 24/01/2025, báo cáo do Ban Chính sách, chiến lược Trung ương tiếp nhận" in html
    assert "Không có báo cáo nào cần xử lý." not in html
    english = client_for(old)
    english.cookies["django_language"] = "en"
    text = english.get(reverse("reporting:my_reports")).content.decode()
    assert 'id="received-before"' in text and f"/bao-cao/{before.pk}/" in text
    assert (
        "Your body operated until 23/01/2025; since 24/01/2025, the recipient of the reports is"
        in text
    )
    # The successor, still the desk, has no such section.
    new = make_user("bcscl_page", SUCCESSOR, Role.AGENCY_MONITOR)
    assert (
        'id="received-before"'
        not in client_for(new).get(reverse("reporting:my_reports")).content.decode()
    )


def test_a_report_sent_again_after_the_end_is_the_successors(party_reports) -> None:
    """Returned by the Commission before its end and sent again after: the sending the
    ended body never received is not its history."""
    before = party_reports["before"]
    old = make_user("bkt_resent", COMMISSION, Role.AGENCY_MONITOR)
    AgencyReport.objects.filter(pk=before.pk).update(submitted_at=timezone.now())
    assert not services.reports_for_user(old).filter(pk=before.pk).exists()


def test_the_ended_body_is_still_the_desk_while_it_exists(party_reports) -> None:
    before = party_reports["before"]
    old = make_user("bkt_then", COMMISSION, Role.AGENCY_MONITOR)
    with _at(datetime.date(2024, 8, 1)):
        assert perms.received_recipient_ids(old) == {old.agency_id}
        assert services.reports_for_user(old, perms.REVIEW_REPORT).filter(pk=before.pk).exists()


def test_a_body_named_its_own_successor_has_not_ended(seeded_db: None) -> None:
    """Bộ Tài chính "absorbs" Bộ Kế hoạch và Đầu tư: a row names it as its own successor."""
    finance = Agency.objects.get(code=FINANCE)
    assert perms.ended_on(finance, datetime.date(2026, 1, 1)) is None
    commission = Agency.objects.get(code=COMMISSION)
    assert perms.ended_on(commission, datetime.date(2026, 1, 1)) == datetime.date(2025, 1, 24)
    assert perms.ended_on(commission, datetime.date(2025, 1, 23)) is None


# ---------------------------------------------------------------- plans: pages and API


def test_the_api_lists_the_plans_a_receiving_bodys_monitor_reads_on_the_pages(
    seeded_db: None,
) -> None:
    """Before: the plan page opened (`may_read_child_programme`) and the API said 404."""
    from lotrinh.programmes import cascade
    from tests.cascade.test_shared_number_lookups import shared_number_plan

    _regime()
    hanoi = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    plan = shared_number_plan(hanoi, current_programme("52-NQ/TW"), "ctr-thanh-uy-ha-noi")
    cascade.publish_child(make_user("tuhn_plan", hanoi.code, Role.REPORTER), plan)
    plan.refresh_from_db()
    monitor = make_user("bcscl_plans", SUCCESSOR, Role.AGENCY_MONITOR)
    other = make_user("byt_plans", "bo-y-te", Role.AGENCY_MONITOR)
    old = make_user("bkt_plans", COMMISSION, Role.AGENCY_MONITOR)
    plans = Programme.objects.filter(pk=plan.pk)
    for user, reads in ((monitor, True), (other, False), (old, False)):
        assert perms.may_read_child_programme(user, plan) is reads
        assert perms.visible_child_programmes(user, plans).exists() is reads
        assert perms.readable_programmes(user, plans).exists() is reads
        client = client_for(user)
        listed = {p["id"] for p in _api_list(client, "/api/v1/plans/")}
        assert (plan.pk in listed) is reads
        detail = client.get(f"/api/v1/plans/{plan.pk}/")
        assert detail.status_code == (200 if reads else 404)
        page = client.get(reverse("programmes:overview", args=[plan.slug]))
        assert page.status_code == (200 if reads else 404)
