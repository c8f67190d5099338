"""A successor reads the published plans of every body it succeeded, through each step of
the chain (A → B → C: C reads A's plan), and a cycle in the registry ends the walk
(issue 14, "Not done": only one step was followed)."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency, AgencyKind, AgencySuccession, SuccessionKind
from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 1, 24)


def _body(code: str, name: str) -> Agency:
    return Agency.objects.create(code=code, name_vi=name, kind=AgencyKind.PARTY_BOARD)


def _succeeds(predecessor: Agency, successor: Agency) -> None:
    AgencySuccession.objects.create(
        predecessor=predecessor,
        successor=successor,
        kind=SuccessionKind.RENAMED,
        effective_date=DAY,
    )


def _plan(issuer: Agency) -> Programme:
    return Programme.objects.create(
        code="9-KH/BCSĐ",
        slug="ke-hoach-9",
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Kế hoạch thực hiện Nghị quyết số 52-NQ/TW",
        issuer=issuer,
        issue_date=datetime.date(2021, 3, 1),
        implements=current_programme("52-NQ/TW"),
        status=ProgrammeStatus.PUBLISHED,
    )


@pytest.fixture
def chain(seeded_db: None) -> tuple[Agency, Agency, Agency]:
    first = _body("chain-a", "Ban cán sự đảng A")
    second = _body("chain-b", "Ban cán sự đảng B")
    third = _body("chain-c", "Đảng ủy C")
    _succeeds(first, second)
    _succeeds(second, third)
    return first, second, third


def test_the_last_successor_reads_the_first_bodys_plan(chain) -> None:  # type: ignore[no-untyped-def]
    first, second, third = chain
    plan = _plan(first)
    page = reverse("cascade:plan", args=[plan.pk])
    for holder in (second, third):
        user = make_user(f"reader_{holder.code[-1]}", holder.code, Role.REPORTER)
        assert perms.may_read_child_programme(user, plan), holder.name_vi
        visible = perms.visible_child_programmes(user, Programme.objects.filter(pk=plan.pk))
        assert list(visible) == [plan], holder.name_vi
        assert client_for(user).get(page).status_code == 200, holder.name_vi
    # A body outside the chain does not.
    other = make_user("reader_x", _body("chain-x", "Ban cán sự đảng X").code, Role.REPORTER)
    assert not perms.may_read_child_programme(other, plan)
    assert client_for(other).get(page).status_code == 404


def test_the_chain_is_followed_forwards_only(chain) -> None:  # type: ignore[no-untyped-def]
    first, second, third = chain
    assert perms.succeeded_ids(third.pk) == {first.pk, second.pk}
    assert perms.succeeded_ids(second.pk) == {first.pk}
    assert perms.succeeded_ids(first.pk) == frozenset()
    # The predecessor does not read its successor's plan.
    user = make_user("reader_a", first.code, Role.REPORTER)
    assert not perms.may_read_child_programme(user, _plan(third))


def test_a_cycle_in_the_registry_ends_the_walk(chain) -> None:  # type: ignore[no-untyped-def]
    first, second, third = chain
    _succeeds(third, first)  # a wrong row: A → B → C → A
    assert perms.succeeded_ids(third.pk) == {first.pk, second.pk}
    assert perms.succeeded_ids(first.pk) == {second.pk, third.pk}


def test_a_receiving_bodys_monitor_receives_through_the_chain(chain) -> None:  # type: ignore[no-untyped-def]
    first, second, third = chain
    monitor = make_user("monitor_c", third.code, Role.AGENCY_MONITOR)
    assert perms.received_recipient_ids(monitor) == {first.pk, second.pk, third.pk}
