"""The /phan-cap/ pages speak of a Party committee's plan in the Party's words (2026-12-07):
before, a Thành ủy's plan page said "các đơn vị báo cáo cơ quan", "Kế hoạch của các cơ
quan" and "Mỗi bộ, ngành, địa phương … Chương trình hành động". A government agency's
pages keep their words (guard)."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def _draft(agency: Agency, parent: str) -> Programme:
    return Programme.objects.create(
        code="12-KH/TU" if agency.is_party else "12/KH-UBND",
        slug="ke-hoach-12",
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Kế hoạch thực hiện",
        issuer=agency,
        issue_date=datetime.date(2025, 3, 1),
        implements=current_programme(parent),
        status=ProgrammeStatus.DRAFT,
    )


def test_a_party_committee_reads_party_words(seeded_db: None) -> None:
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    client = client_for(make_user("tu_hn", committee.code, Role.REPORTER))
    plans = client.get(reverse("cascade:plans")).content.decode()
    assert "Chương trình, kế hoạch của cấp ủy" in plans
    assert "Mỗi bộ, ngành, địa phương" not in plans
    assert "Kế hoạch của các cơ quan" not in plans
    assert "Nhập kế hoạch của cơ quan" not in plans
    # The programme taken when the plan cites none: the resolution it reports on.
    assert "thì là 52-NQ/TW" in plans
    assert "thì là 50/NQ-CP" not in plans
    draft = _draft(committee, "52-NQ/TW")
    page = client.get(reverse("cascade:plan", args=[draft.pk])).content.decode()
    assert "báo cáo cấp ủy trước ngày 15 tháng 11" in page
    assert "báo cáo cơ quan trước ngày" not in page


def test_a_government_agency_keeps_its_words(seeded_db: None) -> None:
    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    client = client_for(make_user("hn_kh", hanoi.code, Role.REPORTER))
    plans = client.get(reverse("cascade:plans")).content.decode()
    assert "Kế hoạch của các cơ quan" in plans
    assert "Mỗi bộ, ngành, địa phương" in plans
    assert "thì là 50/NQ-CP" in plans
    draft = _draft(hanoi, "50/NQ-CP")
    page = client.get(reverse("cascade:plan", args=[draft.pk])).content.decode()
    assert "các đơn vị báo cáo cơ quan trước ngày 15 tháng 11" in page
