"""The activity log (/nhat-ky/) and its spreadsheet: who reads which events, what an
event on a report says to someone who may not read that report, the filters, bad input,
the events' agency (new and older ones), and a page whose query count does not grow
with the events (docs/security.md, "The activity log")."""

import datetime
import importlib
import io
import re
from unittest import mock

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency, Unit
from lotrinh.core import activity
from lotrinh.core.audit import record_event
from lotrinh.core.history import DESCRIBERS
from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from lotrinh.reporting.models import ReportingPeriod
from tests.cascade.conftest import plan_of
from tests.conftest import AGENCY_A, AGENCY_B, MOST, OVERSIGHT, client_for, make_user

pytestmark = pytest.mark.django_db

PAGE = reverse("core:activity")
XLSX = reverse("core:activity_xlsx")
DRAFT_TEXT = "Nội dung nháp KHÔNG-RA-NGOÀI-7781"


@pytest.fixture
def world(db):
    """Bộ Y tế (A) with its people and two units (Vụ Khoa học và Công nghệ, with a Phòng
    under it, and Vụ Pháp chế), Bộ Tài chính (B), MOST, oversight; one account event on
    each side, named so the page shows whose it is."""
    a = Agency.objects.get(code=AGENCY_A)
    unit = Unit.objects.create(agency=a, code="vu-khcn", name_vi="Vụ Khoa học và Công nghệ")
    sub = Unit.objects.create(agency=a, code="phong-tn", name_vi="Phòng Thí nghiệm", parent=unit)
    other = Unit.objects.create(agency=a, code="vu-pc", name_vi="Vụ Pháp chế")
    people = {
        "most": make_user("most", MOST, Role.MOST_MONITOR),
        "system_admin": make_user("quantri", MOST, Role.ADMIN),
        "admin_a": make_user("quantri_a", AGENCY_A, Role.AGENCY_ADMIN),
        "leader_a": make_user("lanhdao_a", AGENCY_A, Role.APPROVER),
        "reporter_a": make_user("baocao_a", AGENCY_A, Role.REPORTER),
        "monitor_a": make_user("theodoi_a", AGENCY_A, Role.AGENCY_MONITOR),
        "admin_b": make_user("quantri_b", AGENCY_B, Role.AGENCY_ADMIN),
        "unit_leader_a": make_user("lanhdao_vu", AGENCY_A, Role.APPROVER),
        "unit_reporter_a": make_user("baocao_vu", AGENCY_A, Role.REPORTER),
        "sub_unit_leader_a": make_user("lanhdao_phong", AGENCY_A, Role.APPROVER),
        "other_unit_leader_a": make_user("lanhdao_pc", AGENCY_A, Role.APPROVER),
        "oversight": make_user("giamsat", OVERSIGHT, Role.OVERSIGHT),
    }
    for persona, its_unit in (
        ("unit_leader_a", unit),
        ("unit_reporter_a", unit),
        ("sub_unit_leader_a", sub),
        ("other_unit_leader_a", other),
    ):
        people[persona].unit = its_unit
        people[persona].save()
    for username, agency, its_unit, name in (
        ("moi_a", AGENCY_A, None, "Người Mới Của Bộ Y Tế"),
        ("moi_b", AGENCY_B, None, "Người Mới Của Bộ Tài Chính"),
        ("moi_vu", AGENCY_A, unit, "Người Mới Của Vụ Khoa Học"),
        ("moi_phong", AGENCY_A, sub, "Người Mới Của Phòng Thí Nghiệm"),
        ("moi_pc", AGENCY_A, other, "Người Mới Của Vụ Pháp Chế"),
    ):
        invited = make_user(username, agency, Role.REPORTER)
        invited.full_name = name
        invited.unit = its_unit
        invited.save()
        admin = people["admin_b" if agency == AGENCY_B else "admin_a"]
        record_event(admin, "account.invited", invited, after={"role": "reporter"})
    record_event(people["admin_a"], "unit.created", unit)
    # Vụ Pháp chế's leader changes her own password: she appears in her unit's log only.
    record_event(
        people["other_unit_leader_a"], "account.password_changed", people["other_unit_leader_a"]
    )
    return people


# Whose events each reads: the agency's own, the unit's, its sub-unit's, the other
# unit's, the other agency's (docs/security.md).
NAMES = (
    "Người Mới Của Bộ Y Tế",
    "Người Mới Của Vụ Khoa Học",
    "Người Mới Của Phòng Thí Nghiệm",
    "Người Mới Của Vụ Pháp Chế",
    "Người Mới Của Bộ Tài Chính",
)
ALL, NONE = (True,) * 5, (False,) * 5
MATRIX = {
    "most": (200, ALL),
    "system_admin": (200, ALL),
    "admin_a": (200, (True, True, True, True, False)),
    "leader_a": (200, (True, True, True, True, False)),
    "admin_b": (200, (False, False, False, False, True)),
    # A unit's leader: her unit and the unit under it, nothing of the agency's own, of
    # the other unit or of the other agency.
    "unit_leader_a": (200, (False, True, True, False, False)),
    "sub_unit_leader_a": (200, (False, False, True, False, False)),
    "other_unit_leader_a": (200, (False, False, False, True, False)),
    "reporter_a": (403, NONE),
    "unit_reporter_a": (403, NONE),
    "monitor_a": (403, NONE),
    "oversight": (403, NONE),
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_who_reads_whose_events(world, persona) -> None:
    status, reads = MATRIX[persona]
    client = client_for(world[persona])
    page = client.get(PAGE)
    sheet = client.get(XLSX)
    assert page.status_code == sheet.status_code == status
    if status != 200:
        return
    text = page.content.decode()
    cells = " ".join(str(c) for row in _rows(sheet.content) for c in row if c)
    for name, expected in zip(NAMES, reads, strict=True):
        assert (name in text) is expected, (persona, name)
        assert (name in cells) is expected, (persona, name)
    # The menu links the page for those who may open it.
    assert 'id="nav-activity"' in text


def test_a_units_leader_picks_only_the_people_of_her_units_log(world) -> None:
    client = client_for(world["unit_leader_a"])
    page = client.get(PAGE)
    assert [p.pk for p in page.context["people"]] == [world["admin_a"].pk]
    assert "Vụ Khoa học và Công nghệ" in page.content.decode()  # the page names her unit
    # Vụ Pháp chế's leader acts only in her own unit's events: not a choice here.
    refused = client.get(PAGE, {"nguoi": world["other_unit_leader_a"].pk})
    assert "Không có người này" in refused.content.decode()
    assert "Người Mới Của Vụ Pháp Chế" not in refused.content.decode()
    # Nor are the other agency or the agency's own filters open to her.
    assert 'id="activity-agency"' not in page.content.decode()
    mine = client.get(PAGE, {"nguoi": world["admin_a"].pk, "loai": "tai-khoan"})
    assert {row.event.object_repr for row in mine.context["rows"]} == {
        "Người Mới Của Vụ Khoa Học",
        "Người Mới Của Phòng Thí Nghiệm",
    }


def test_a_units_leader_reads_her_units_draft_and_the_agency_reads_that_it_was_saved(
    world,
) -> None:
    report = _unit_report(world)
    record_event(
        world["unit_reporter_a"],
        "report.entry_saved",
        report,
        before={"result": ""},
        after={"result": DRAFT_TEXT},
        note="1",
    )
    # Her unit's draft: she reads it, and what was typed.
    assert DRAFT_TEXT in client_for(world["unit_leader_a"]).get(PAGE).content.decode()
    # The unit above reads the draft of the unit under it? No: the report's rule says the
    # unit's own people only; the log says it was saved, by whom.
    report_sub = _unit_report(world, "phong-tn")
    record_event(
        world["unit_reporter_a"], "report.entry_saved", report_sub, after={"result": "PHONG-77"}
    )
    text = client_for(world["unit_leader_a"]).get(PAGE).content.decode()
    assert "PHONG-77" not in text and "Sửa nội dung báo cáo" in text
    # The agency's leader reads a unit's report once it is sent: not the draft.
    leader = client_for(world["leader_a"]).get(PAGE).content.decode()
    assert DRAFT_TEXT not in leader and "Sửa nội dung báo cáo" in leader
    # The other unit's leader reads none of it.
    other = client_for(world["other_unit_leader_a"]).get(PAGE).content.decode()
    assert "Sửa nội dung báo cáo" not in other and DRAFT_TEXT not in other


def _unit_report(world, code: str = "vu-khcn"):
    from lotrinh.reporting.models import AgencyReport

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    unit = Unit.objects.get(code=code)
    return AgencyReport.objects.create(agency=unit.agency, unit=unit, period=period)


@pytest.mark.parametrize("persona", ["reporter_a", "unit_reporter_a", "oversight", "monitor_a"])
def test_the_menu_has_no_log_link_for_those_it_refuses(world, persona) -> None:
    assert 'id="nav-activity"' not in client_for(world[persona]).get("/").content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world) -> None:
    for url in (PAGE, XLSX):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_refused_persons_post_is_refused_before_the_method(world) -> None:
    assert client_for(world["reporter_a"]).post(PAGE).status_code == 403
    assert client_for(world["most"]).post(PAGE).status_code == 405


# ---------------------------------------------------------------- a report's content


@pytest.fixture
def draft_a(world):
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    assert isinstance(period, ReportingPeriod)
    report = services.ensure_report(Agency.objects.get(code=AGENCY_A), period)
    entry = report.entries.first()
    services.save_entry(
        entry,
        world["reporter_a"],
        {"status": "in_progress", "result": DRAFT_TEXT},
        expected_version=entry.version,
    )
    return report


def test_a_drafts_content_stays_with_those_who_read_the_draft(world, draft_a) -> None:
    # The agency's leader reads the draft, and its text in the log.
    leader = client_for(world["leader_a"]).get(PAGE).content.decode()
    assert DRAFT_TEXT in leader
    # MOST and the agency's administrator read that it was saved, by whom, not what.
    for persona in ("most", "admin_a"):
        client = client_for(world[persona])
        text = client.get(PAGE).content.decode()
        assert DRAFT_TEXT not in text
        assert "Sửa nội dung báo cáo" in text and "Baocao A" in text
        cells = [c for row in _rows(client.get(XLSX).content) for c in row if c]
        assert DRAFT_TEXT not in " ".join(map(str, cells))
    # Once sent to MOST, MOST reads the report, and what was typed in it.
    services.approve_report(draft_a, world["leader_a"])
    services.submit_report(draft_a, world["leader_a"])
    most = client_for(world["most"]).get(PAGE).content.decode()
    assert DRAFT_TEXT in most
    assert "Gửi báo cáo tới cơ quan nhận" in most
    # The administrator reads reports as the public does: not yet.
    assert DRAFT_TEXT not in client_for(world["admin_a"]).get(PAGE).content.decode()


# ---------------------------------------------------------------- filters


def _at(moment: datetime.datetime, *args, **kwargs) -> AuditEvent:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return record_event(*args, **kwargs)


def test_days_are_viet_nams_days(world) -> None:
    subject = world["reporter_a"]
    # 23:30 on 4 March and 00:30 on 5 March in Ha Noi (both 4 March in UTC).
    late = timezone.make_aware(datetime.datetime(2025, 3, 4, 23, 30))
    early = timezone.make_aware(datetime.datetime(2025, 3, 5, 0, 30))
    _at(late, world["admin_a"], "account.role_changed", subject, note="late")
    _at(early, world["admin_a"], "account.deactivated", subject, note="early")
    client = client_for(world["admin_a"])
    page = client.get(PAGE, {"tu": "05/03/2025", "den": "05/03/2025"})
    shown = [row.event.note for row in page.context["rows"]]
    assert shown == ["early"]
    assert "05/03/2025 00:30" in page.content.decode()
    page = client.get(PAGE, {"den": "04/03/2025", "loai": "tai-khoan"})
    assert "late" in [row.event.note for row in page.context["rows"]]
    assert "early" not in [row.event.note for row in page.context["rows"]]


def test_it_filters_by_person_and_kind(world) -> None:
    client = client_for(world["most"])
    by_admin_b = client.get(PAGE, {"nguoi": world["admin_b"].pk}).context["rows"]
    assert {row.event.actor_id for row in by_admin_b} == {world["admin_b"].pk}
    units = client.get(PAGE, {"loai": "don-vi"}).context["rows"]
    assert [row.event.action for row in units] == ["unit.created"]
    # The export follows the same filters.
    sheet = _rows(client.get(XLSX, {"loai": "don-vi"}).content)
    assert sheet[0] == tuple(activity.HEADINGS)
    assert len(sheet) == 2 and sheet[1][2] == Agency.objects.get(code=AGENCY_A).name_vi


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"tu": "31/02/2026"}, "không phải một ngày"),
        ({"den": "²⁰²⁶"}, "không phải một ngày"),
        ({"tu": "06/12/2026", "den": "01/12/2026"}, "trước ngày bắt đầu"),
        ({"nguoi": "①"}, "Không có người này"),
        ({"nguoi": "999999999999"}, "Không có người này"),
        ({"loai": "<script>"}, "Không có loại việc này"),
        ({"page": "²"}, None),
        ({"page": "99999"}, None),
    ],
)
def test_bad_parameters_get_a_message_and_an_unfiltered_list(world, query, message) -> None:
    response = client_for(world["most"]).get(PAGE, query)
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()
    assert len(response.context["rows"]) == AuditEvent.objects.count()


def test_another_agencys_person_cannot_be_picked(world) -> None:
    # An id of a person who acts only in B's events: A's administrator gets a message,
    # and no event of B.
    response = client_for(world["admin_a"]).get(PAGE, {"nguoi": world["admin_b"].pk})
    assert "Không có người này" in response.content.decode()
    assert "Người Mới Của Bộ Tài Chính" not in response.content.decode()


def test_most_filters_by_agency_and_an_agencys_reader_has_no_such_filter(world) -> None:
    # MOST reads the whole trail (2,314 events on the demo): it picks one agency's.
    client = client_for(world["most"])
    page = client.get(PAGE, {"co-quan": AGENCY_B})
    assert {row.event.agency.code for row in page.context["rows"]} == {AGENCY_B}
    assert 'id="activity-agency"' in page.content.decode()
    sheet = _rows(client.get(XLSX, {"co-quan": AGENCY_B}).content)
    assert [row[2] for row in sheet[1:]] == [Agency.objects.get(code=AGENCY_B).name_vi]
    # A code not among the log's agencies: a message and the whole list.
    wrong = client.get(PAGE, {"co-quan": "khong-co"})
    assert "Không có cơ quan này" in wrong.content.decode()
    assert len(wrong.context["rows"]) == AuditEvent.objects.count()
    # An agency's administrator reads one agency's log: no filter, and B's code is refused.
    own = client_for(world["admin_a"]).get(PAGE, {"co-quan": AGENCY_B})
    assert 'id="activity-agency"' not in own.content.decode()
    assert "Không có cơ quan này" in own.content.decode()
    assert "Người Mới Của Bộ Tài Chính" not in own.content.decode()


def test_every_described_action_has_a_kind() -> None:
    assert [a for a in DESCRIBERS if activity.kind_of(a) is None] == []


# ---------------------------------------------------------------- the events' agency


def test_an_event_knows_the_agency_of_its_object(world, draft_a) -> None:
    from lotrinh.signing.models import KeySource, SignerKey

    a = Agency.objects.get(code=AGENCY_A)
    national = Programme.objects.get(code="50/NQ-CP", status="published")
    # A signing key is its signer's (a one-to-one field: it was left without an agency).
    key = SignerKey.objects.create(user=world["leader_a"], source=KeySource.choices[0][0])
    cases = {
        key: a.pk,
        draft_a: a.pk,  # a report
        draft_a.entries.first(): a.pk,  # a row of a report
        world["admin_b"]: Agency.objects.get(code=AGENCY_B).pk,  # an account
        Unit.objects.get(code="vu-khcn"): a.pk,  # a unit
        a: a.pk,  # the agency itself
        national: None,  # MOST's programme
        national.tasks.first(): None,
    }
    for subject, expected in cases.items():
        event = record_event(world["most"], "check.agency", subject)
        assert event.agency_id == expected, subject


def test_an_event_knows_the_unit_of_its_object(world, draft_a) -> None:
    from lotrinh.documents.models import GeneratedDocument
    from lotrinh.programmes import cascade
    from lotrinh.reporting.models import Comment
    from lotrinh.signing.models import KeySource, SignerKey

    unit = Unit.objects.get(code="vu-khcn")
    report = _unit_report(world)
    national = Programme.objects.get(code="50/NQ-CP", status="published")
    key = SignerKey.objects.create(user=world["unit_leader_a"], source=KeySource.choices[0][0])
    document = GeneratedDocument.objects.create(
        kind="agency",
        programme=national,
        agency=unit.agency,
        unit=unit,
        year=2024,
        cutoff=datetime.date(2024, 12, 31),
        requested_by=world["unit_reporter_a"],
    )
    comment = Comment.objects.create(report=report, author=world["unit_leader_a"], text="x")
    cases = {
        unit: unit.pk,  # the unit itself
        report: unit.pk,  # a unit's report
        comment: unit.pk,  # a row of it
        world["unit_reporter_a"]: unit.pk,  # a unit's person
        key: unit.pk,  # her signing key
        document: unit.pk,  # a unit's document
        draft_a: None,  # the agency's own report
        world["leader_a"]: None,  # the agency's own person
        national: None,
    }
    for subject, expected in cases.items():
        assert record_event(world["most"], "check.unit", subject).unit_id == expected, subject
    # A plan task given to the unit: the event is on the task and says the unit.
    task = plan_of(unit.agency, national, {"1": []}).tasks.get()
    cascade.assign_unit(world["reporter_a"], task, unit, "lead")
    event = AuditEvent.objects.filter(action="cascade.unit_assigned").get()
    assert (event.unit_id, event.agency_id) == (unit.pk, unit.agency_id)


def test_older_events_get_their_unit_from_the_migration(world) -> None:
    """As for the agency: the rule on the migration's models, a task given to a unit by
    the unit's name, the trigger back on after (PostgreSQL)."""
    from types import SimpleNamespace

    from django.db.migrations.loader import MigrationLoader

    unit = Unit.objects.get(code="vu-khcn")
    report = _unit_report(world)
    user_type = ContentType.objects.get_for_model(User)
    national = Programme.objects.get(code="50/NQ-CP", status="published")
    task = plan_of(unit.agency, national, {"1": []}).tasks.get()
    kwargs = {"agency": unit.agency}
    old = AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                action="report.approved",
                content_type=ContentType.objects.get_for_model(report),
                object_id=str(report.pk),
                **kwargs,
            ),
            AuditEvent(
                action="account.invited",
                content_type=user_type,
                object_id=str(world["unit_reporter_a"].pk),
                **kwargs,
            ),
            AuditEvent(
                action="account.invited",
                content_type=user_type,
                object_id=str(world["leader_a"].pk),  # the agency's own person
                **kwargs,
            ),
            AuditEvent(
                action="cascade.unit_assigned",
                content_type=ContentType.objects.get_for_model(task),
                object_id=str(task.pk),
                after={"unit": "Vụ Pháp chế", "role": "lead"},
                **kwargs,
            ),
            AuditEvent(
                action="unit.user_attached",
                content_type=user_type,
                object_id="987654",  # gone, but the event names the unit she left
                before={"unit": "Phòng Thí nghiệm"},
                after={"unit": None},
                **kwargs,
            ),
        ]
    )
    migration = importlib.import_module("lotrinh.core.migrations.0008_audit_unit_backfill")
    state = MigrationLoader(connection).project_state(
        ("core", "0008_audit_unit_backfill"), at_end=False
    )
    migration.backfill(state.apps, SimpleNamespace(connection=connection))
    units = list(
        AuditEvent.objects.filter(pk__in=[e.pk for e in old])
        .order_by("pk")
        .values_list("unit__code", flat=True)
    )
    assert units == ["vu-khcn", "vu-khcn", None, "vu-pc", "phong-tn"]
    if connection.vendor == "postgresql":
        from django.db import DatabaseError, transaction

        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("UPDATE core_auditevent SET note = 'x'")


def test_older_events_get_their_agency_from_the_migration(world, draft_a) -> None:
    """Events recorded before the column existed (inserted here without it) are filled by
    the migration, the PostgreSQL trigger notwithstanding; the trigger is back after."""
    from types import SimpleNamespace

    from django.db.migrations.loader import MigrationLoader

    old = AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                action="report.approved",
                content_type=ContentType.objects.get_for_model(draft_a),
                object_id=str(draft_a.pk),
            ),
            AuditEvent(
                action="account.invited",
                content_type=ContentType.objects.get_for_model(User),
                object_id=str(world["admin_b"].pk),
            ),
            AuditEvent(
                action="account.invited",
                content_type=ContentType.objects.get_for_model(User),
                object_id="987654",  # an account no longer there
            ),
        ]
    )
    migration = importlib.import_module("lotrinh.core.migrations.0006_audit_agency_backfill")
    # The models as the migration sees them (the live ones refuse an update).
    state = MigrationLoader(connection).project_state(
        ("core", "0006_audit_agency_backfill"), at_end=False
    )
    migration.backfill(state.apps, SimpleNamespace(connection=connection))
    agencies = dict(
        AuditEvent.objects.filter(pk__in=[e.pk for e in old]).values_list("object_id", "agency")
    )
    assert agencies == {
        str(draft_a.pk): draft_a.agency_id,
        str(world["admin_b"].pk): world["admin_b"].agency_id,
        "987654": None,
    }
    if connection.vendor == "postgresql":
        from django.db import DatabaseError, transaction

        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("UPDATE core_auditevent SET note = 'x'")


# ---------------------------------------------------------------- cost


def _events(world, draft_a, n: int) -> None:
    entry = draft_a.entries.first()
    unit_report = (
        _unit_report(world) if n == 1 else draft_a.__class__.objects.get(unit__code="vu-khcn")
    )
    for i in range(n):
        # On her unit's report and its person: a unit's leader's page fills up too.
        record_event(
            world["unit_reporter_a"],
            "report.entry_saved",
            unit_report,
            after={"result": f"{i}"},
            note="1",
        )
        record_event(world["admin_a"], "account.role_changed", world["unit_reporter_a"])
        record_event(
            world["reporter_a"],
            "report.entry_saved",
            draft_a,
            after={"result": f"{i}"},
            note=entry.task.ref,
        )
        record_event(world["leader_a"], "report.approved", draft_a)
        record_event(
            world["admin_a"],
            "account.role_changed",
            world["reporter_a"],
            before={"role": "reporter"},
            after={"role": "approver"},
        )


@pytest.mark.parametrize("persona", ["most", "admin_a", "unit_leader_a"])
def test_the_page_costs_the_same_queries_for_few_and_many_events(
    world, draft_a, persona, pages_rendered
) -> None:
    client = client_for(world[persona])
    _events(world, draft_a, 1)
    client.get(PAGE)  # caches (content types) warmed
    with CaptureQueriesContext(connection) as few:
        assert client.get(PAGE).status_code == 200
    _events(world, draft_a, 25)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(PAGE).context["rows"]) == activity.EVENTS_PER_PAGE
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    assert len(few) <= 13  # the unit picker reads its units once


def _rows(content: bytes) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def test_a_page_of_saved_assessments_costs_no_query_per_event(world, draft_a) -> None:
    """Each "general assessment saved" sentence named the proposals field after the
    report's receiver, reading the report again: one query per event."""
    client = client_for(world["most"])

    def saved(report, n: int) -> None:
        for i in range(n):
            record_event(
                world["reporter_a"],
                "report.sections_saved",
                report,
                before={"general_assessment": ""},
                after={"general_assessment": f"Đánh giá {i}", "proposals_to_government": f"{i}"},
            )

    saved(draft_a, 1)
    client.get(PAGE)  # caches warmed
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    saved(draft_a, 30)
    saved(_unit_report(world), 30)
    with CaptureQueriesContext(connection) as many:
        page = client.get(PAGE)
    assert len(page.context["rows"]) == activity.EVENTS_PER_PAGE
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    # The field is still named after its receiver: the Government for an agency's report
    # to MOST, the agency for a unit's.
    from lotrinh.core.history import describe_all

    texts = {
        s.text for s in describe_all(AuditEvent.objects.filter(action="report.sections_saved"))
    }
    a = Agency.objects.get(code=AGENCY_A)
    assert any(
        t.startswith("Đánh giá chung: ") and "; Kiến nghị với Chính phủ: " in t for t in texts
    )
    assert any(f"; Kiến nghị, đề xuất với {a.name_vi}: " in t for t in texts)


# ---------------------------------------------------------------- objects' names


def test_an_english_page_names_objects_in_english_and_keeps_proper_names(world, draft_a) -> None:
    """'Tệp PKCS#12 (.p12/.pfx)' and 'Năm 2024' were shown as stored on English pages."""
    from django.utils import translation

    from lotrinh.signing.models import KeySource, SignerKey

    key = SignerKey.objects.create(user=world["leader_a"], source=KeySource.PKCS12)
    # Recorded on an English page: the stored name is still Vietnamese (the spreadsheet's).
    with translation.override("en"):
        event = record_event(world["admin_a"], "signer.configured", key)
    assert event.object_repr == "Lanhdao A (Tệp PKCS#12 (.p12/.pfx))"
    # An event recorded before (its name as the old code stored it) reads the same.
    AuditEvent.objects.create(
        action="report.approved",
        content_type=ContentType.objects.get_for_model(draft_a),
        object_id=str(draft_a.pk),
        object_repr="Bộ Y tế — 6 tháng cuối năm 2024",
        agency=draft_a.agency,
    )
    client = client_for(world["most"])
    client.cookies["django_language"] = "en"
    page = client.get(PAGE)
    names = [row.object_name for row in page.context["rows"]]
    assert "Lanhdao A (PKCS#12 file (.p12/.pfx))" in names
    assert "Bộ Y tế — Second half of 2024" in names
    assert "Người Mới Của Bộ Y Tế" in names  # a person's name, as written
    text = page.content.decode()
    assert "Tệp PKCS#12" not in text and "6 tháng cuối năm" not in text
    # A translated name is not marked as Vietnamese; a proper name is.
    assert '<td data-label="On" class="small">Lanhdao A (PKCS#12 file' in text
    assert 'lang="vi" class="small">Người Mới Của Bộ Y Tế</td>' in text
    # A translated name keeps the agency's name in Vietnamese, marked so (day46).
    assert '<td data-label="On" class="small"><span lang="vi">Bộ Y tế</span> — Second half' in text
    # The Vietnamese page and the spreadsheet keep the stored name.
    client.cookies["django_language"] = "vi"
    assert "Lanhdao A (Tệp PKCS#12 (.p12/.pfx))" in client.get(PAGE).content.decode()
    cells = [c for row in _rows(client.get(XLSX).content) for c in row if c]
    assert "Bộ Y tế — 6 tháng cuối năm 2024" in cells


def test_a_row_works_out_its_objects_english_name_once(world) -> None:
    """A row named its object twice (in its sentence and in its own column), each time
    reading the stored name again for labels to translate."""
    from lotrinh.core import object_names
    from lotrinh.signing.models import KeySource, SignerKey

    key = SignerKey.objects.create(user=world["leader_a"], source=KeySource.PKCS12)
    event = record_event(world["admin_a"], "signer.configured", key)
    with mock.patch.object(object_names, "_kind", wraps=object_names._kind) as worked_out:
        (row,) = activity.rows(world["most"], [AuditEvent.objects.get(pk=event.pk)], "en")
    assert row.object_name == "Lanhdao A (PKCS#12 file (.p12/.pfx))"
    assert "Lanhdao A (PKCS#12 file (.p12/.pfx))" in row.sentence
    assert worked_out.call_count == 1


@pytest.mark.parametrize(
    ("model", "stored", "english"),
    [
        ("agencyreport", "Huyện Năm Căn — Năm 2024", "Huyện Năm Căn — Year 2024"),
        ("agencyreport", "Sở Y tế — Quý III năm 2025", "Sở Y tế — Quarter III of 2025"),
        ("agencyreport", "Bộ Y tế — Một lần (hạn 31/12/2025)", "Bộ Y tế — Once (due 31/12/2025)"),
        ("user", "Năm 2024", "Năm 2024"),  # a person's name is a name, whatever it says
        ("signerkey", "Lê Văn Duyệt (Thiết bị PKCS#11 (USB token, HSM))", None),
    ],
)
def test_a_stored_name_translates_its_labels_only(model, stored, english) -> None:
    from django.utils import translation

    from lotrinh.core.object_names import shown_name

    content_type = ContentType.objects.get(model=model)
    event = AuditEvent(content_type=content_type, object_repr=stored)
    assert shown_name(event, "vi") == stored
    with translation.override("en"):
        shown = shown_name(event)
    if english is None:  # the label's English, whatever the catalogue says
        assert shown != stored and shown.startswith("Lê Văn Duyệt (")
    else:
        assert shown == english


def test_an_agencys_reader_picks_one_of_its_units_and_the_export_names_each_unit(world) -> None:
    # A ministry with twenty departments read its whole trail at once: no way to see one
    # department's, and the spreadsheet did not say which department an event was on.
    client = client_for(world["admin_a"])
    text = client.get(PAGE).content.decode()
    picker = re.search(r'<select id="activity-unit" name="don-vi">(.*?)</select>', text, re.S)
    assert picker is not None
    offered = re.findall(r">([^<]+)</option>", picker.group(1))
    assert offered[1:] == ["Phòng Thí nghiệm", "Vụ Khoa học và Công nghệ", "Vụ Pháp chế"]
    vu = Unit.objects.get(code="vu-khcn")
    one = client.get(PAGE, {"don-vi": vu.pk}).content.decode()
    assert "Người Mới Của Vụ Khoa Học" in one
    for name in ("Người Mới Của Bộ Y Tế", "Người Mới Của Phòng Thí Nghiệm"):
        assert name not in one
    sheet = _rows(client.get(XLSX, {"don-vi": vu.pk}).content)
    assert sheet[0][3] == "Đơn vị"
    assert {row[3] for row in sheet[1:]} == {"Vụ Khoa học và Công nghệ"}
    # A unit outside her log (another agency's, or a forged id) is said, not applied.
    stranger = Unit.objects.create(
        agency=Agency.objects.get(code=AGENCY_B), code="vu-x", name_vi="Vụ Ngân sách"
    )
    for forged in (stranger.pk, "abc", "9" * 40):
        refused = client.get(PAGE, {"don-vi": forged})
        assert refused.status_code == 200
        body = refused.content.decode()
        assert "Không có đơn vị này trong nhật ký bạn được xem" in body
        assert "Người Mới Của Bộ Y Tế" in body  # the list is not filtered
    # A unit's leader whose log is one unit's gets no unit picker; MOST picks the agency.
    assert (
        'id="activity-unit"'
        not in client_for(world["sub_unit_leader_a"]).get(PAGE).content.decode()
    )
    assert 'id="activity-unit"' not in client_for(world["most"]).get(PAGE).content.decode()
    # Her unit and the one under it: she picks between them.
    assert 'id="activity-unit"' in client_for(world["unit_leader_a"]).get(PAGE).content.decode()


def test_an_english_page_marks_a_vietnamese_persons_name_only(world) -> None:
    """The person's column was marked `lang="vi"` whatever it held ("System" included), and
    a signer's name in the sentence was not marked at all (day45)."""
    from lotrinh.signing.models import KeySource, SignerKey

    world["leader_a"].full_name = "Lê Văn Duyệt"
    world["leader_a"].save()
    key = SignerKey.objects.create(user=world["leader_a"], source=KeySource.PKCS12)
    record_event(world["admin_a"], "signer.configured", key)
    record_event(None, "signer.configured", key)
    client = client_for(world["most"])
    client.cookies["django_language"] = "en"
    text = client.get(PAGE).content.decode()
    assert '<td data-label="Person">System</td>' in text
    assert (
        'Signing key configured: <span lang="vi">Lê Văn Duyệt</span> (PKCS#12 file (.p12/.pfx))'
        in text
    )
    # The "On" column names the same key: the signer's name marked there too (day46).
    assert (
        '<td data-label="On" class="small"><span lang="vi">Lê Văn Duyệt</span>'
        " (PKCS#12 file (.p12/.pfx))</td>" in text
    )
