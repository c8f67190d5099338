"""The units form sent twice (a double click), by two administrators at the same moment,
or with an id that is no number the database holds: one unit, a clear message, never a
500."""

import threading
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies import units as services
from lotrinh.agencies.models import Agency, Unit
from tests.cascade.conftest import person
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_double_click_on_add_unit_makes_one_unit_and_says_so(hanoi: Agency) -> None:
    client = client_for(person("admin_hn", hanoi, Role.AGENCY_ADMIN))
    form = {"what": "create", "name": "Sở Khoa học và Công nghệ", "kind": ""}
    url = reverse("agencies:units_save", args=[hanoi.code])
    client.post(url, form)
    again = client.post(url, form, follow=True)
    assert hanoi.units.filter(name_vi="Sở Khoa học và Công nghệ").count() == 1
    assert "đã có đơn vị" in again.content.decode()


@pytest.mark.parametrize(
    "form",
    [
        {"what": "create", "name": "Phòng A", "parent": "9" * 30},
        {"what": "confirm", "unit": "9" * 30, "version": "1"},
        {"what": "confirm", "unit": "1", "version": "9" * 30},
        {"what": "attach", "person": "9" * 30, "unit": ""},
        {"what": "attach", "person": "1", "unit": "9" * 30},
    ],
    ids=["parent", "unit", "version", "person", "attach-unit"],
)
def test_an_id_too_large_for_the_database_is_not_a_500(hanoi: Agency, form: dict) -> None:
    client = client_for(person("admin_hn", hanoi, Role.AGENCY_ADMIN))
    before = Unit.objects.count()
    response = client.post(reverse("agencies:units_save", args=[hanoi.code]), form)
    assert response.status_code in (302, 404)
    assert Unit.objects.count() == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
def test_two_administrators_adding_the_same_unit_at_once_make_one(
    seeded_live_server: Any,
) -> None:
    from django.db import connections

    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    admins = [person(f"admin_{n}", hanoi, Role.AGENCY_ADMIN) for n in (1, 2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def add(admin: Any) -> None:
        try:
            barrier.wait()
            services.create_unit(admin, hanoi, name="Sở Khoa học và Công nghệ")
            outcomes.append("created")
        except services.UnitError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(admin,)) for admin in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "refused"]
    assert hanoi.units.filter(name_vi="Sở Khoa học và Công nghệ").count() == 1


def test_the_same_units_file_sent_twice_says_it_brought_nothing_new(hanoi: Agency) -> None:
    """A units file sent again (a double click, or the same export) said "1 đơn vị cập
    nhật" and moved each unit's version, so an open form on a unit turned stale."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(person("admin_hn", hanoi, Role.AGENCY_ADMIN))
    url = reverse("agencies:units_save", args=[hanoi.code])
    data = "code,name_vi\nso-khcn,Sở Khoa học và Công nghệ\n".encode()

    def send() -> str:
        upload = SimpleUploadedFile("don-vi.csv", data, "text/csv")
        return client.post(url, {"what": "csv", "file": upload}, follow=True).content.decode()

    assert "1 đơn vị mới" in send()
    version = hanoi.units.get(code="so-khcn").version
    again = send()
    assert "Tệp không có gì mới" in again and "cập nhật" not in again
    assert hanoi.units.get(code="so-khcn").version == version


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
def test_the_same_units_file_sent_twice_at_once_makes_each_unit_once(
    seeded_live_server: Any,
) -> None:
    """A units file sent twice at the same moment (a double click, two administrators):
    both read the agency's units before either wrote, and the second's insert of the same
    code failed on the unique constraint (a 500). The import now takes the agency's row
    first, as adding one unit does: the second waits, then finds the units there."""
    from django.db import connections

    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    admins = [person(f"admin_{n}", hanoi, Role.AGENCY_ADMIN) for n in (1, 2)]
    data = "code,name_vi\n" + "".join(f"so-{n},Sở số {n}\n" for n in range(40))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send(admin: Any) -> None:
        try:
            barrier.wait()
            result = services.import_units_csv(admin, hanoi, data.encode())
            outcomes.append(f"created {result.created}")
        except Exception as exc:  # the failure itself is the finding
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(admin,)) for admin in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created 0", "created 40"]
    assert hanoi.units.filter(code__startswith="so-").count() == 40
