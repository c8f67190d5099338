"""A unit name typed on a plan's page that denotes none of the agency's units: the refusal
names the closest units in force (compared as the importer's closest names are:
`importer.names.rank_names`), where it only said to pick from the list."""

from typing import Any

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person, plan_of, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Sở Khoa học Công nghệ", "Sở Khoa học và Công nghệ"),
        ("Sở Tài chánh", "Sở Tài chính"),
        ("Sở VH-TT và DL", "Sở Văn hóa và Thể thao"),
    ],
)
def test_an_unknown_unit_name_is_refused_with_the_closest_units(
    hanoi: Agency, typed: str, first: str
) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    national = current_programme("50/NQ-CP")
    ref = national.tasks.order_by("position").values_list("ref", flat=True).first()
    draft = plan_of(hanoi, national, {"1": [ref]})
    for code, name in (
        ("so-khcn", "Sở Khoa học và Công nghệ"),
        ("so-tc", "Sở Tài chính"),
        ("so-vhtt", "Sở Văn hóa và Thể thao"),
        ("so-yt", "Sở Y tế"),
    ):
        unit(hanoi, code, name)
    task = draft.tasks.get()
    post: dict[str, Any] = {"what": "assign", "task": task.pk, "role": "lead", "unit_name": typed}
    client = client_for(reporter)
    page = client.post(reverse("cascade:plan_save", args=[draft.pk]), post, follow=True)
    text = page.content.decode()
    assert not task.unit_assignments.exists()
    assert "Không có đơn vị nào tên" in text
    assert f"Gần nhất: {first}" in text
