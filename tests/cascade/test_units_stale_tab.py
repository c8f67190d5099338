"""The units page opened in two tabs (two administrators, or one in two windows): attaching
a person to a unit carries the person's version from the page. A tab opened before a
colleague moved her changes nothing and says where she is now; the same choice sent
twice (a double click) is harmless. Confirming a unit a colleague already confirmed is
no refusal: what is asked is what is stored."""

import re

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from tests.cascade.conftest import person, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _version_on_page(html: str, person_pk: int) -> str:
    """The person's version the attach form of the page carries."""
    form = re.search(rf'name="person" value="{person_pk}">(.*?)</form>', html, flags=re.DOTALL)
    assert form is not None
    found = re.search(r'name="version" value="(\d+)"', html[: form.end()].rsplit("<form", 1)[1])
    assert found is not None, "the attach form carries no version"
    return found.group(1)


def test_a_stale_tab_does_not_move_a_person_a_colleague_has_just_moved(hanoi: Agency) -> None:
    khcn = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    police = unit(hanoi, "cong-an", "Công an Thành phố", "police")
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    first = client_for(person("admin_one", hanoi, Role.AGENCY_ADMIN))
    second = client_for(person("admin_two", hanoi, Role.AGENCY_ADMIN))
    page = reverse("agencies:units", args=[hanoi.code])
    url = reverse("agencies:units_save", args=[hanoi.code])
    stale = _version_on_page(first.get(page).content.decode(), reporter.pk)
    fresh = _version_on_page(second.get(page).content.decode(), reporter.pk)
    second.post(url, {"what": "attach", "person": reporter.pk, "unit": khcn.pk, "version": fresh})
    answer = first.post(
        url,
        {"what": "attach", "person": reporter.pk, "unit": police.pk, "version": stale},
        follow=True,
    )
    reporter.refresh_from_db()
    assert reporter.unit_id == khcn.pk
    html = answer.content.decode()
    assert "Sở Khoa học và Công nghệ" in html
    assert "đã được đổi đơn vị" in html


def test_the_same_attachment_sent_twice_is_harmless(hanoi: Agency) -> None:
    khcn = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    client = client_for(person("admin_one", hanoi, Role.AGENCY_ADMIN))
    page = reverse("agencies:units", args=[hanoi.code])
    url = reverse("agencies:units_save", args=[hanoi.code])
    version = _version_on_page(client.get(page).content.decode(), reporter.pk)
    form = {"what": "attach", "person": reporter.pk, "unit": khcn.pk, "version": version}
    client.post(url, form)
    again = client.post(url, form, follow=True)
    reporter = User.objects.get(pk=reporter.pk)
    assert reporter.unit_id == khcn.pk
    assert "Đã cập nhật đơn vị của người dùng." in again.content.decode()
    assert AuditEvent.objects.filter(action="unit.user_attached").count() == 1


def test_a_unit_confirmed_in_another_tab_is_confirmed_again_without_a_refusal(
    hanoi: Agency,
) -> None:
    proposed = unit(hanoi, "so-tc", "Sở Tài chính", proposed=True)
    first = client_for(person("admin_one", hanoi, Role.AGENCY_ADMIN))
    second = client_for(person("admin_two", hanoi, Role.AGENCY_ADMIN))
    url = reverse("agencies:units_save", args=[hanoi.code])
    form = {"what": "confirm", "unit": proposed.pk, "version": proposed.version}
    second.post(url, form)
    answer = first.post(url, form, follow=True)
    html = answer.content.decode()
    assert "Đã xác nhận đơn vị." in html
    assert "đã được thay đổi" not in html
    assert AuditEvent.objects.filter(action="unit.confirmed").count() == 1


@pytest.mark.parametrize("version", ["9" * 30, "-1", "²", "", "abc"])
def test_a_forged_version_moves_nobody_and_is_not_a_500(hanoi: Agency, version: str) -> None:
    khcn = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    client = client_for(person("admin_one", hanoi, Role.AGENCY_ADMIN))
    answer = client.post(
        reverse("agencies:units_save", args=[hanoi.code]),
        {"what": "attach", "person": reporter.pk, "unit": khcn.pk, "version": version},
        follow=True,
    )
    assert answer.status_code == 200
    reporter.refresh_from_db()
    assert reporter.unit_id is None
    html = answer.content.decode()
    assert "Yêu cầu không hợp lệ." in html or "đã được đổi đơn vị" in html
