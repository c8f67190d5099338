"""The old implementation plans carried into child programmes, then removed: migrations
reporting 0007 (copy), 0010 (carry what changed or came after, idempotent) and 0011
(drop the tables), run forward on the database under test (SQLite or PostgreSQL) with
data, through Django's migration executor."""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lotrinh.programmes.models import Programme, ProgrammeStatus
from tests.conftest import load_seed

pytestmark = pytest.mark.django_db(transaction=True)

# The schema as it stood then, the sort keys of names included (added later; a
# historical model without them could not write a unit or a person).
BEFORE = [
    ("reporting", "0009_unit_reminders"),
    ("programmes", "0006_unit_addressees_recorded_plans"),
    ("agencies", "0004_party_committee_kinds"),
    ("accounts", "0004_user_people_manager"),
]
CARRY = [("reporting", "0010_carry_remaining_plans")]
copy_0007 = importlib.import_module("lotrinh.reporting.migrations.0007_plans_into_child_programmes")
carry_0010 = importlib.import_module("lotrinh.reporting.migrations.0010_carry_remaining_plans")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_old_plans_are_carried_into_child_programmes_and_their_tables_removed() -> None:
    # A transactional test: an earlier one on this worker may have flushed the seed.
    if not Programme.objects.filter(code="50/NQ-CP").exists():
        load_seed()
    apps = _migrate(BEFORE)
    Plan = apps.get_model("reporting", "ImplementationPlan")
    Action = apps.get_model("reporting", "PlanAction")
    Agency = apps.get_model("agencies", "Agency")
    OldProgramme = apps.get_model("programmes", "Programme")
    national = OldProgramme.objects.get(code="50/NQ-CP", status="published")
    health = Agency.objects.get(code="bo-y-te")
    finance = Agency.objects.get(code="bo-tai-chinh")
    justice = Agency.objects.get(code="bo-tu-phap")
    industry = Agency.objects.get(code="bo-cong-thuong")
    tasks = {t.ref: t for t in national.tasks.filter(ref__in=["II.6.a", "II.8.a", "II.6.c"])}

    # A draft plan with one action, copied by 0007 as it stood then ...
    draft = Plan.objects.create(agency=health, programme=national, note="đang soạn")
    first = Action.objects.create(
        plan=draft, text="Nền tảng y tế số", owner_unit="Cục Công nghệ thông tin", progress=10
    )
    first.tasks.set([tasks["II.6.a"]])
    Plan.objects.create(agency=finance, programme=national)  # empty: nothing to carry
    copy_0007.forwards(apps, None)
    copied = OldProgramme.objects.get(issuer=health, source=copy_0007.MARK)
    assert (copied.code, copied.status, copied.tasks.count()) == ("KH-bo-y-te", "draft", 1)

    # ... then changed after 0007 ran: issued, its action edited, another one added.
    Plan.objects.filter(pk=draft.pk).update(
        document_number="123/KH-BYT", document_date=datetime.date(2021, 3, 5), note=""
    )
    Action.objects.filter(pk=first.pk).update(progress=60, deadline=datetime.date(2022, 6, 30))
    second = Action.objects.create(
        plan=draft, text="Bệnh án điện tử", owner_unit="Cục Công nghệ thông tin", progress=0
    )
    second.tasks.set([tasks["II.6.c"], tasks["II.8.a"]])
    # Plans issued without actions, one made after 0007: recorded by number and date.
    Plan.objects.create(
        agency=justice,
        programme=national,
        document_number="77/KH-BTP",
        document_date=datetime.date(2020, 9, 1),
        note="Ban hành kèm Quyết định 1",
    )
    # An issued plan the agency had also imported on /phan-cap/: not duplicated.
    Plan.objects.create(
        agency=industry,
        programme=national,
        document_number="9/KH-BCT",
        document_date=datetime.date(2020, 8, 1),
    )
    OldProgramme.objects.create(
        code="9/KH-BCT",
        slug="9-kh-bct",
        kind="plan",
        title="Kế hoạch",
        issuer=industry,
        issue_date=datetime.date(2020, 8, 1),
        implements=national,
        status="published",
    )

    # The carry is idempotent: run once by hand, then by the executor.
    carry_0010.forwards(apps, None)
    _migrate(CARRY)
    _migrate(_leaves())

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "reporting_implementationplan" not in tables
    assert "reporting_planaction" not in tables
    # The units the old migrations made got their sort keys when agencies 0005 ran again.
    from lotrinh.agencies.models import Unit
    from lotrinh.core.text import vi_sort_key

    made = Unit.objects.filter(agency__code="bo-y-te", name_vi="Cục Công nghệ thông tin")
    assert [u.name_sort for u in made] == [vi_sort_key("Cục Công nghệ thông tin")]

    child = Programme.objects.get(issuer__code="bo-y-te", implements__code="50/NQ-CP")
    # programmes 0012 ran after them: the carried plans are agencies' plans, 50/NQ-CP national.
    assert child.lineage == "agency_plan"
    assert Programme.objects.get(code="50/NQ-CP", status="published").lineage == "national"
    assert (child.code, child.issue_date, child.status) == (
        "123/KH-BYT",
        datetime.date(2021, 3, 5),
        ProgrammeStatus.PUBLISHED,
    )
    rows = [
        (
            t.ref,
            t.text,
            t.deadline,
            t.note,
            sorted(t.links_up.filter(confirmed=True).values_list("parent_task__ref", flat=True)),
            [a.unit.name_vi for a in t.unit_assignments.all()],
        )
        for t in child.tasks.order_by("position")
    ]
    assert rows == [
        (
            "1",
            "Nền tảng y tế số",
            datetime.date(2022, 6, 30),
            "Tiến độ đã báo: 60%",
            ["II.6.a"],
            ["Cục Công nghệ thông tin"],
        ),
        (
            "2",
            "Bệnh án điện tử",
            None,
            "Tiến độ đã báo: 0%",
            ["II.6.c", "II.8.a"],
            ["Cục Công nghệ thông tin"],
        ),
    ]
    recorded = Programme.objects.get(issuer__code="bo-tu-phap")
    assert (recorded.code, recorded.issue_date, recorded.status, recorded.tasks.count()) == (
        "77/KH-BTP",
        datetime.date(2020, 9, 1),
        ProgrammeStatus.PUBLISHED,
        0,
    )
    assert recorded.note == "Ban hành kèm Quyết định 1"
    assert Programme.objects.filter(issuer__code="bo-cong-thuong").count() == 1
    assert not Programme.objects.filter(issuer__code="bo-tai-chinh").exists()

    from lotrinh.reporting.plans import issued_plans

    found = issued_plans(programme=Programme.objects.get(code="50/NQ-CP", status="published"))
    assert {(p.child.issuer.code, p.document_number) for p in found.values() if p.is_issued} >= {
        ("bo-y-te", "123/KH-BYT"),
        ("bo-tu-phap", "77/KH-BTP"),
        ("bo-cong-thuong", "9/KH-BCT"),
    }
