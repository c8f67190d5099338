"""A programme's address takes letters, digits, "-" and "_" only (`<slug:…>`): a national
number with other characters ("15/QĐ-TTg (minh hoạ)") was stored at "15-qd-ttg-(minh-hoa)",
which no link could name (the home page failed with a 500). New numbers drop them, as an
agency's plan's address does; an address that worked is kept by the number's next
versions (docs/programme-format.md)."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.programmes.cascade import plan_slug
from lotrinh.programmes.loader import (
    ProgrammeFileError,
    load_data,
    new_programme_slug,
    programme_slug,
)
from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import current_programme

pytestmark = pytest.mark.django_db


def _file(code: str, title: str = "Quyết định phê duyệt Đề án") -> dict:
    return {
        "format": "lotrinh.programme/1",
        "programme": {
            "code": code,
            "kind": "pm_decision",
            "title": title,
            "issue_date": "2026-01-05",
        },
        "clauses": [{"ref": "I", "kind": "section", "label": "I.", "text": "Mục tiêu"}],
    }


@pytest.mark.parametrize(
    ("code", "slug"),
    [
        ("50/NQ-CP", "50-nq-cp"),
        ("52-NQ/TW", "52-nq-tw"),
        ("10- CTr/TU", "10--ctr-tu"),  # a working address, as before
        ("2138/QĐ-TTg", "2138-qd-ttg"),
        ("15/QĐ-TTg (minh hoạ)", "15-qd-ttg-minh-hoa"),
        ("15/QĐ-TTg, 16/QĐ-TTg", "15-qd-ttg-16-qd-ttg"),
        ("(", "chuong-trinh"),
    ],
)
def test_a_new_numbers_address_takes_only_what_an_address_may(code: str, slug: str) -> None:
    assert new_programme_slug(code) == slug


def test_a_number_with_parentheses_gets_a_page_and_a_link(seeded_db: None) -> None:
    programme, _created = load_data(_file("15/QĐ-TTg (minh hoạ)"), source="qd15.json")
    assert programme.slug == "15-qd-ttg-minh-hoa"
    assert Client().get(reverse("portal:home")).status_code == 200
    page = Client().get(reverse("programmes:overview", args=[programme.slug]))
    assert page.status_code == 200 and page.context["programme"] == programme


def test_the_next_version_keeps_a_working_address(seeded_db: None) -> None:
    first, _created = load_data(_file("10- CTr/TU"), source="ctr10.json")
    assert first.slug == "10--ctr-tu"
    second, created = load_data(_file("10- CTr/TU", "Chương trình (sửa đổi)"), source="ctr10b.json")
    assert created and second.version == 2 and second.slug == first.slug
    assert current_programme(first.slug) == second
    national = current_programme("50/NQ-CP")
    assert programme_slug("50/NQ-CP") == national.slug


def test_an_address_no_page_could_take_is_not_kept(seeded_db: None) -> None:
    """A version stored by the old rule at "16-qd-ttg-(minh-hoa)" (never reachable): the
    next version is at the new address, and the pages work."""
    old = Programme.objects.create(
        code="16/QĐ-TTg (minh hoạ)",
        slug="16-qd-ttg-(minh-hoa)",
        kind=ProgrammeKind.PM_DECISION,
        lineage=ProgrammeLineage.NATIONAL,
        title="Bản cũ",
        issue_date=datetime.date(2025, 1, 1),
        status=ProgrammeStatus.PUBLISHED,
        content_hash="x" * 64,
    )
    new, _created = load_data(_file(old.code), source="qd16.json")
    assert new.version == 2 and new.slug == "16-qd-ttg-minh-hoa"
    old.refresh_from_db()
    assert old.status == ProgrammeStatus.SUPERSEDED and old.slug == "16-qd-ttg-(minh-hoa)"
    assert Client().get(reverse("portal:home")).status_code == 200
    assert Client().get(reverse("programmes:versions", args=[new.slug])).status_code == 200


def test_a_plans_address_drops_them_too_and_the_two_lineages_never_share_one(
    seeded_db: None,
) -> None:
    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    assert plan_slug("144/KH-UBND (minh hoạ)", hanoi) == "144-kh-ubnd-minh-hoa"
    Programme.objects.create(
        code="45-KH/TU (minh hoạ)",
        slug=plan_slug("45-KH/TU (minh hoạ)", hanoi),
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Kế hoạch",
        issuer=hanoi,
        issue_date=datetime.date(2025, 1, 1),
        status=ProgrammeStatus.PUBLISHED,
    )
    # The national "45-KH-TU (minh hoạ)" would be at the plan's address: refused.
    with pytest.raises(ProgrammeFileError, match="45-kh-tu-minh-hoa"):
        load_data(_file("45-KH-TU (minh hoạ)"), source="kh45.json")


def test_two_numbers_folding_to_one_address_get_two(seeded_db: None) -> None:
    first, _created = load_data(_file("15/QĐ-TTg (a)"), source="a.json")
    second, _created = load_data(_file("15/QĐ-TTg a"), source="b.json")
    assert (first.slug, second.slug) == ("15-qd-ttg-a", "15-qd-ttg-a-2")
    assert current_programme(first.slug) == first and current_programme(second.slug) == second


repair = importlib.import_module("lotrinh.programmes.migrations.0016_repair_addresses")


def _stored(code: str, slug: str, version: int = 1, **fields) -> Programme:
    defaults = {
        "kind": ProgrammeKind.PM_DECISION,
        "lineage": ProgrammeLineage.NATIONAL,
        "title": "Bản cũ",
        "issue_date": datetime.date(2025, 1, 1),
        "status": ProgrammeStatus.PUBLISHED,
        "content_hash": str(version) * 64,
    }
    return Programme.objects.create(code=code, slug=slug, version=version, **defaults | fields)


def test_addresses_no_page_could_take_are_repaired(seeded_db: None) -> None:
    """Migration programmes 0016: a stored address a page refuses gets the new rule's; a
    later version already there is joined; another number's address is not taken; an
    address that worked is not touched."""
    lone = _stored("17/QĐ-TTg (minh hoạ)", "17-qd-ttg-(minh-hoa)")
    old = _stored("16/QĐ-TTg (minh hoạ)", "16-qd-ttg-(minh-hoa)", status=ProgrammeStatus.SUPERSEDED)
    new = _stored("16/QĐ-TTg (minh hoạ)", "16-qd-ttg-minh-hoa", version=2)
    other = _stored("18/QĐ-TTg b", "18-qd-ttg-b")
    clash = _stored("18/QĐ-TTg (b)", "18-qd-ttg-(b)")
    working = set(
        Programme.objects.exclude(pk__in=[lone.pk, old.pk, clash.pk]).values_list("pk", "slug")
    )

    repair.repair_addresses(django_apps, None)

    slugs = dict(Programme.objects.values_list("pk", "slug"))
    assert slugs[lone.pk] == "17-qd-ttg-minh-hoa"
    assert slugs[old.pk] == slugs[new.pk] == "16-qd-ttg-minh-hoa"
    assert slugs[clash.pk] == "18-qd-ttg-b-2" and slugs[other.pk] == "18-qd-ttg-b"
    assert {(pk, slugs[pk]) for pk, _slug in working} == working
    assert current_programme("16-qd-ttg-minh-hoa") == new
    assert Client().get(reverse("portal:home")).status_code == 200
    for slug in ("17-qd-ttg-minh-hoa", "18-qd-ttg-b-2"):
        assert Client().get(reverse("programmes:overview", args=[slug])).status_code == 200
