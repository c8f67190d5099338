"""The units page shows the tree by indenting each unit under its parent. The indent was
an inline style, which the Content-Security-Policy (style-src 'self') refuses: the browser
logged an error per row and drew every unit flush left."""

import re

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency, Unit
from tests.cascade.conftest import person
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_unit_is_indented_under_its_parent_without_an_inline_style(hanoi: Agency) -> None:
    office = Unit.objects.create(agency=hanoi, code="so-a", name_vi="Sở A", kind="")
    Unit.objects.create(agency=hanoi, code="phong-b", name_vi="Phòng B", kind="", parent=office)
    client = client_for(person("admin_hn", hanoi, Role.AGENCY_ADMIN))
    body = client.get(reverse("agencies:units", args=[hanoi.code])).content.decode()
    assert not re.search(r"<[^>]+\sstyle=", body)
    child = re.search(r'<span lang="vi" class="([^"]*)">Phòng B</span>', body)
    parent = re.search(r'<span lang="vi" class="([^"]*)">Sở A</span>', body)
    assert child and parent
    assert "unit-depth-1" in child.group(1).split()
    assert "unit-depth-0" in parent.group(1).split()
