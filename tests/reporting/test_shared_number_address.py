"""An address that names a programme by number (`?programme=` of the compliance page, its
downloads, the API's compliance/ and targets/) given a number two provinces' plans share
(144/KH-UBND) answers a clear 400 in the reader's language, listing by their own address
the plans the reader may read when she may read two or more; the one she may read when it
is one (as if the number were unique); never a plan the reader may not read (none: not
found). No value answers 500 (docs/cascade.md, "One number, two lineages")."""

from typing import Any

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme
from lotrinh.programmes.services import SharedNumber, current_programme, programme_for_reader
from tests.cascade.conftest import person
from tests.cascade.test_shared_number_lookups import NUMBER, shared_number_plan

pytestmark = pytest.mark.django_db
COMPLIANCE = reverse("reporting:compliance")


@pytest.fixture
def plans(seeded_db: None) -> dict[str, Any]:
    national = current_programme("50/NQ-CP")
    found: dict[str, Any] = {}
    for key, code, slug in (
        ("hn", "thanh-pho-ha-noi", "144-kh-ubnd"),
        ("bn", "tinh-bac-ninh", "144-kh-ubnd-tinh-bac-ninh"),
    ):
        agency = Agency.objects.get(code=code)
        plan = shared_number_plan(agency, national, slug)
        cascade.publish_child(person(f"{key}_addr_reporter", agency, Role.REPORTER), plan)
        plan.refresh_from_db()
        found[key] = plan
        found[f"{key}_monitor"] = person(f"{key}_addr_monitor", agency, Role.AGENCY_MONITOR)
    found["most"] = person(
        "most_addr", Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe"), Role.MOST_MONITOR
    )
    return found


def _client(user: Any = None, language: str = "vi") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("path", ["", ".json", ".xlsx"])
def test_the_compliance_page_lists_both_plans_by_their_addresses(plans, language, path) -> None:
    """Before: 404, as if no programme had the number."""
    url = reverse(f"reporting:compliance{path.replace('.', '_')}")
    response = _client(plans["most"], language).get(url, {"programme": NUMBER, "year": "2025"})
    assert response.status_code == 400
    page = response.content.decode()
    for plan in (plans["hn"], plans["bn"]):
        href = f'href="{url}?programme={plan.slug}&amp;year=2025"'
        assert href in page
        issuer = plan.issuer.name_vi if language == "vi" else plan.issuer.name_en
        assert issuer in page
    with translation.override(language):
        said = str(SharedNumber(NUMBER, []))
    assert escape(said) in page
    followed = _client(plans["most"], language).get(url, {"programme": plans["bn"].slug})
    assert followed.status_code == 200


def test_the_api_names_only_the_plans_the_caller_may_read(plans) -> None:
    hn, bn = plans["hn"], plans["bn"]
    # MOST reads both.
    answer = _client(plans["most"]).get("/api/v1/targets/", {"programme": NUMBER})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "ambiguous"
    assert sorted(c["slug"] for c in error["candidates"]) == sorted([hn.slug, bn.slug])
    # Hà Nội's monitor reads Hà Nội's only: the number is hers as if unique, and Bắc
    # Ninh's is never named nor hinted at (before: a 400 listing Hà Nội's alone).
    answer = _client(plans["hn_monitor"]).get("/api/v1/targets/", {"programme": NUMBER})
    assert answer.status_code == 200
    body = answer.content.decode()
    assert (
        body
        == _client(plans["hn_monitor"])
        .get("/api/v1/targets/", {"programme": hn.slug})
        .content.decode()
    )
    assert bn.slug not in body and bn.issuer.code not in body and "tinh-bac-ninh" not in body
    assert "ambiguous" not in body
    # Anonymous reads neither: not found, as a number nobody has.
    anonymous = _client().get("/api/v1/targets/", {"programme": NUMBER})
    assert anonymous.status_code == 404
    assert bn.slug not in anonymous.content.decode() and hn.slug not in anonymous.content.decode()
    # Another province's plan by its own address: not found for who may not read it.
    assert _client().get("/api/v1/targets/", {"programme": hn.slug}).status_code == 404
    assert _client(plans["bn_monitor"]).get(
        "/api/v1/targets/", {"programme": hn.slug}
    ).status_code == (404)
    assert _client(plans["hn_monitor"]).get(
        "/api/v1/targets/", {"programme": hn.slug}
    ).status_code == (200)
    compliance = _client(plans["most"]).get("/api/v1/compliance/", {"programme": NUMBER})
    assert compliance.status_code == 400 and compliance.json()["error"]["code"] == "ambiguous"


def test_the_lookup_names_only_readable_plans(plans) -> None:
    with pytest.raises(SharedNumber) as both:
        programme_for_reader(plans["most"], NUMBER)
    assert [p.pk for p in both.value.candidates] == [plans["hn"].pk, plans["bn"].pk]
    # One readable: hers, as if the number were unique (before: SharedNumber naming it).
    assert programme_for_reader(plans["bn_monitor"], NUMBER) == plans["bn"]
    assert programme_for_reader(plans["hn_monitor"], NUMBER) == plans["hn"]
    with pytest.raises(Http404):
        programme_for_reader(None, NUMBER)
    assert programme_for_reader(plans["bn_monitor"], plans["bn"].slug) == plans["bn"]
    assert programme_for_reader(None, "50/NQ-CP") == current_programme("50/NQ-CP")


@pytest.mark.parametrize(
    "value",
    ["", " ", "x" * 5000, "144/KH-UBND\x01\x1f", "\u200b", "../../", "%00", "50/NQ-CP\n"],
)
def test_no_value_answers_500(plans, value) -> None:
    client = _client(plans["most"])
    for url in (COMPLIANCE, "/api/v1/compliance/", "/api/v1/targets/"):
        response = client.get(url, {"programme": value})
        assert response.status_code in (200, 400, 404), (url, value, response.status_code)


def test_a_draft_plans_address_is_not_found(plans) -> None:
    """A draft (a new version of Bắc Ninh's plan, not published) is no page's programme."""
    draft = Programme.objects.get(pk=plans["bn"].pk)
    draft.pk = None
    draft.version = 2
    draft.status = "draft"
    draft.slug = "144-kh-ubnd-nhap"
    draft.save()
    assert _client(plans["most"]).get(COMPLIANCE, {"programme": draft.slug}).status_code == 404
    for user in (plans["most"], plans["bn_monitor"]):
        response = _client(user).get("/api/v1/targets/", {"programme": draft.slug})
        assert response.status_code == 404
