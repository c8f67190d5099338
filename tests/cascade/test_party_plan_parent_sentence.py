"""The review page's reason for filing a Party committee's plan under 52-NQ/TW names the
committee as an English sentence does ("…: the Ha Noi City Party Committee reports
under …", `locale.agency_in_sentence`), and the Vietnamese sentence is unchanged."""

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.programmes.models import Programme
from tests.cascade.test_party_plan_parent import _import, _party_code, _plan
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def test_the_reason_names_the_committee_as_a_sentence_does(seeded_db: None) -> None:
    client = client_for(make_user("tu_hn_kehoach", _party_code(), Role.REPORTER))
    page = _import(client, _plan("16-KH/TU", "THÀNH ỦY HÀ NỘI"))
    assert "trong hệ thống: Thành ủy Hà Nội báo cáo theo chế độ" in page.content.decode()
    plan = Programme.objects.get(code="16-KH/TU")
    client.cookies["django_language"] = "en"
    english = client.get(reverse("cascade:plan", args=[plan.pk])).content.decode()
    assert "in the system: the Ha Noi City Party Committee reports under" in english
