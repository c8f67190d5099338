"""Two provinces may both number a plan "144/KH-UBND" (numbers restart per issuer and
year). Versions of an agency's plan count per (issuer, number): each province's first
plan is its version 1, its page says so, its versions are its own, and a lookup by the
number alone never gives one province's plan for the other's (docs/cascade.md, "One
number, two lineages")."""

import datetime
import importlib
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.http import Http404
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import (
    current_programme,
    programme_numbered,
    task_lineage,
    task_versions,
)
from lotrinh.reporting.demo_cascade import MINISTRY_PLAN
from lotrinh.reporting.plans import create_recorded_plan

pytestmark = pytest.mark.django_db
NUMBER = "144/KH-UBND"
PROVINCES = ("thanh-pho-ha-noi", "tinh-bac-ninh")


def _import(agency: Agency) -> Programme:
    return cascade.child_from_parse(
        MINISTRY_PLAN, agency, current_programme("50/NQ-CP"), None, code=NUMBER
    )


def _publish(plan: Programme) -> Programme:
    Programme.objects.filter(pk=plan.pk).update(status=ProgrammeStatus.PUBLISHED)
    Programme.objects.filter(
        code=plan.code, issuer=plan.issuer, status=ProgrammeStatus.PUBLISHED
    ).exclude(pk=plan.pk).update(status=ProgrammeStatus.SUPERSEDED)
    plan.refresh_from_db()
    return plan


def test_two_provinces_plans_of_one_number_are_each_version_1(seeded_db: None) -> None:
    hanoi, bac_ninh = (Agency.objects.get(code=c) for c in PROVINCES)
    first = _publish(_import(hanoi))
    second = _publish(_import(bac_ninh))
    assert (first.version, second.version) == (1, 1)
    assert first.slug != second.slug

    # Each page says "Phiên bản 1" and offers no versions link (one version only).
    most = Client()
    most.force_login(_most())
    for plan in (first, second):
        overview = most.get(reverse("programmes:overview", args=[plan.slug]))
        assert overview.status_code == 200
        assert overview.context["programme"].pk == plan.pk
        assert reverse("programmes:versions", args=[plan.slug]) not in overview.content.decode()
        page = most.get(reverse("cascade:plan", args=[plan.pk])).content.decode()
        assert "· Phiên bản 1 ·" in " ".join(page.split())

    # Bắc Ninh's next import is its version 2; Hà Nội's stays alone.
    third = _publish(_import(bac_ninh))
    assert third.version == 2 and third.slug == second.slug
    assert reverse("programmes:versions", args=[third.slug]) in (
        most.get(reverse("programmes:overview", args=[third.slug])).content.decode()
    )
    versions = most.get(reverse("programmes:versions", args=[third.slug]))
    assert [v.pk for v in versions.context["versions"]] == [third.pk, second.pk]
    hanoi_versions = most.get(reverse("programmes:versions", args=[first.slug]))
    assert [v.pk for v in hanoi_versions.context["versions"]] == [first.pk]


def test_recorded_plans_of_one_number_are_each_version_1(seeded_db: None) -> None:
    national = current_programme("50/NQ-CP")
    day = datetime.date(2025, 11, 24)
    plans = [
        create_recorded_plan(Agency.objects.get(code=c), national, number=NUMBER, date=day)
        for c in PROVINCES
    ]
    assert [p.version for p in plans] == [1, 1]


def test_the_issuer_numbering_is_unique_per_issuer_only(seeded_db: None) -> None:
    hanoi, bac_ninh = (Agency.objects.get(code=c) for c in PROVINCES)
    plan = _import(hanoi)
    # Another province's version 1 of the number is its own (the database agrees).
    other = Programme.objects.create(
        code=NUMBER,
        slug="144-kh-ubnd-bac-ninh",
        version=1,
        kind=plan.kind,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="x",
        issuer=bac_ninh,
        issue_date=plan.issue_date,
    )
    assert other.version == plan.version == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(
            code=NUMBER,
            slug=plan.slug,
            version=1,
            kind=plan.kind,
            lineage=ProgrammeLineage.AGENCY_PLAN,
            title="x",
            issuer=hanoi,
            issue_date=plan.issue_date,
        )


def test_a_lookup_by_the_shared_number_gives_neither_province(seeded_db: None) -> None:
    hanoi, bac_ninh = (Agency.objects.get(code=c) for c in PROVINCES)
    first = _publish(_import(hanoi))
    assert current_programme(NUMBER) == first  # one issuer: the number is unambiguous
    # What a national programme implements is national: never a plan, even one alone.
    assert programme_numbered(NUMBER) is None
    second = _publish(_import(bac_ninh))
    with pytest.raises(Http404):
        current_programme(NUMBER)
    assert programme_numbered(NUMBER) is None
    assert current_programme(first.slug) == first
    assert current_programme(second.slug) == second
    # A task's versions and history: its own province's plan only.
    task = first.tasks.order_by("position").first()
    assert task is not None
    assert [t.programme_id for t in task_versions(task)] == [first.pk]
    assert set(task_lineage(task).values_list("programme_id", flat=True)) == {first.pk}


def test_the_command_and_the_api_tell_the_two_plans_apart(seeded_db: None) -> None:
    hanoi, bac_ninh = (Agency.objects.get(code=c) for c in PROVINCES)
    _publish(_import(hanoi))
    _publish(_import(bac_ninh))
    with pytest.raises(CommandError) as refused:
        call_command("export", NUMBER, "--format", "json", stdout=StringIO())
    assert f"--issuer {hanoi.code}: {hanoi.name_vi}, phiên bản 1" in str(refused.value)
    assert f"--issuer {bac_ninh.code}: {bac_ninh.name_vi}, phiên bản 1" in str(refused.value)

    out = StringIO()
    call_command("programmes", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith(NUMBER)]
    assert len(lines) == 2 and all(line.startswith(f"{NUMBER} v1 ") for line in lines)

    client = Client()
    client.force_login(_most())
    rows = client.get("/api/v1/programmes/", {"code": NUMBER}).json()
    rows = rows.get("results", rows)
    assert sorted((r["issuer"], r["version"], r["lineage"]) for r in rows) == sorted(
        [(bac_ninh.code, 1, "agency_plan"), (hanoi.code, 1, "agency_plan")]
    )
    only = client.get("/api/v1/programmes/", {"code": NUMBER, "issuer": hanoi.code}).json()
    only = only.get("results", only)
    assert [r["issuer"] for r in only] == [hanoi.code]


def _most():  # type: ignore[no-untyped-def]
    from lotrinh.accounts.models import Role
    from tests.conftest import make_user

    return make_user("most_versions", "bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(order=st.lists(st.sampled_from(PROVINCES), min_size=1, max_size=5))
def test_each_issuer_counts_its_own_versions(seeded_db: None, order: list[str]) -> None:
    """Whatever the order the two provinces import and publish plans of the number, each
    province's versions are 1, 2, … in its own order."""
    with transaction.atomic():
        made: dict[str, list[int]] = {c: [] for c in PROVINCES}
        for code in order:
            made[code].append(_publish(_import(Agency.objects.get(code=code))).version)
        for versions in made.values():
            assert versions == list(range(1, len(versions) + 1))
        transaction.set_rollback(True)


def test_the_migration_renumbers_existing_plans_per_issuer(seeded_db: None) -> None:
    """The data migration: plans numbered by the old rule (across agencies) are each
    issuer's 1, 2, …; national versions keep theirs; going back numbers per number."""
    migration = importlib.import_module("lotrinh.programmes.migrations.0014_versions_per_lineage")
    hanoi, bac_ninh = (Agency.objects.get(code=c) for c in PROVINCES)
    first = _publish(_import(hanoi))
    second = _publish(_import(bac_ninh))
    third = _publish(_import(hanoi))
    # The old numbering: 1, 2, 3 across the two provinces.
    for plan, old in ((first, 11), (second, 12), (third, 13)):
        Programme.objects.filter(pk=plan.pk).update(version=old)
    national = current_programme("50/NQ-CP")
    migration.renumber_per_issuer(django_apps, None)
    got = dict(Programme.objects.filter(code=NUMBER).values_list("pk", "version"))
    assert got == {first.pk: 1, second.pk: 1, third.pk: 2}
    assert Programme.objects.get(pk=national.pk).version == national.version

    with transaction.atomic():
        migration.renumber_per_number(django_apps, None)
        back = dict(Programme.objects.filter(code=NUMBER).values_list("pk", "version"))
        assert sorted(back.values()) == [1, 2, 3]
        assert back[first.pk] < back[third.pk]
        transaction.set_rollback(True)
