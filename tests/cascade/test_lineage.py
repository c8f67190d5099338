"""One number, two lineages (docs/cascade.md): a programme row says whether it is a
national programme or an agency's own plan (`Programme.lineage`), set by whoever stored
it, and every reader decides on that field alone. A Party committee's "Kế hoạch" that MOST
imports on /nhap-van-ban/ has a plan's kind, an issuer and a parent, and is a national
programme for everyone; an agency's plan made by the cascade stays under the plan read
rule."""

import copy
import datetime
import importlib
import json
from io import StringIO
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.importer import review
from lotrinh.importer.models import DraftImport
from lotrinh.programmes.exporters import programme_to_data
from lotrinh.programmes.loader import ProgrammeFileError, load_data, programme_slug
from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage
from lotrinh.programmes.services import agency_plan_versions, current_programme, national_versions
from lotrinh.reporting.plans import create_recorded_plan
from tests.conftest import AGENCY_B, client_for, make_user
from tests.importer.test_review import draft  # noqa: F401 - the fixture
from tests.security.dbhash import WriteWatch

pytestmark = pytest.mark.django_db

HANOI_PARTY = "Thành ủy Hà Nội"
PARTY_CODE = "45-KH/TU"
fill = importlib.import_module("lotrinh.programmes.migrations.0012_programme_lineage")


def _with_header(imported: DraftImport, **fields: object) -> DraftImport:
    data = copy.deepcopy(imported.data)
    data["programme"].update(fields)
    code = {"code": fields["code"]} if "code" in fields else {}
    DraftImport.objects.filter(pk=imported.pk).update(data=data, **code)
    imported.refresh_from_db()
    return imported


def party_plan_published_by_most(imported: DraftImport, most_monitor: Any) -> Programme:
    """MOST imports the Hanoi Party Committee's plan for 52-NQ/TW as a national programme."""
    imported = _with_header(
        imported,
        code=PARTY_CODE,
        kind=ProgrammeKind.PLAN,
        issuer=HANOI_PARTY,
        implements="52-NQ/TW",
        title="Kế hoạch thực hiện Nghị quyết số 52-NQ/TW của Bộ Chính trị",
    )
    return review.publish(imported, most_monitor, expected=review.fingerprint(imported))


def _json_programmes() -> list[dict[str, Any]]:
    out = StringIO()
    call_command("programmes", "--format", "json", stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def _api_codes(client: Client, path: str) -> list[str]:
    body = client.get(path).json()
    rows = body["results"] if isinstance(body, dict) else body
    return [row["code"] for row in rows]


# ---------------------------------------------------------------- a national "Kế hoạch"


def test_a_party_plan_imported_by_most_is_national_for_every_reader(draft, most_monitor):  # noqa: F811
    programme = party_plan_published_by_most(draft, most_monitor)
    # It reads as a plan: a plan's kind, an issuer in the registry, a parent.
    assert programme.kind == ProgrammeKind.PLAN
    assert programme.issuer is not None and programme.issuer.name_vi == HANOI_PARTY
    assert programme.implements == current_programme("52-NQ/TW")
    # Stored by the loader: the national lineage, whatever it reads as.
    assert programme.lineage == ProgrammeLineage.NATIONAL
    assert not perms.is_agency_plan(programme)
    assert list(national_versions(PARTY_CODE)) == [programme]
    assert not agency_plan_versions(PARTY_CODE).exists()

    # The public page, for a visitor not signed in and for another agency's officer.
    page = reverse("programmes:overview", args=[programme.slug])
    other = make_user("btc_officer", AGENCY_B, Role.REPORTER)
    for client in (Client(), client_for(other)):
        response = client.get(page)
        assert response.status_code == 200, response.status_code
        assert PARTY_CODE in response.content.decode()
    # The public home lists it; the page of 52-NQ/TW names it among those carrying it out.
    assert PARTY_CODE in Client().get(reverse("portal:home")).content.decode()
    parent_page = Client().get(reverse("programmes:overview", args=["52-nq-tw"]))
    assert PARTY_CODE in parent_page.content.decode()
    # The API: among the public programmes, not among agencies' plans.
    assert PARTY_CODE in _api_codes(Client(), "/api/v1/programmes/")
    assert PARTY_CODE not in _api_codes(client_for(most_monitor), "/api/v1/plans/")
    # The command line says the lineage.
    rows = [r for r in _json_programmes() if r["code"] == PARTY_CODE]
    assert [(r["lineage"], r["kind"], r["parent"]) for r in rows] == [
        ("national", "plan", "52-NQ/TW")
    ]


def test_the_importer_says_publishing_makes_a_national_programme(draft):  # noqa: F811
    draft = _with_header(draft, kind=ProgrammeKind.PLAN, issuer=HANOI_PARTY, implements="52-NQ/TW")
    outcome = review.header_reading(draft.data).outcome
    assert "chương trình quốc gia" in outcome and "không phải kế hoạch riêng" in outcome


@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(
    kind=st.sampled_from(ProgrammeKind.values),
    issuer=st.sampled_from(["", HANOI_PARTY, "Bộ Y tế", "Ủy ban nhân dân Thành phố Hà Nội"]),
    implements=st.sampled_from(["", "52-NQ/TW", "50/NQ-CP"]),
)
def test_the_loader_stores_national_whatever_the_document_reads_as(
    seeded_db: None, kind: str, issuer: str, implements: str
) -> None:
    data = programme_to_data(current_programme("50/NQ-CP"))
    data["programme"].update(
        code="77/KH-TEST", kind=kind, issuer=issuer or None, implements=implements or None
    )
    with transaction.atomic():  # each example rolled back
        programme, _created = load_data(data, source="77-KH-TEST.json")
        assert programme.lineage == ProgrammeLineage.NATIONAL
        assert perms.may_read_programme(AnonymousUser(), programme)
        transaction.set_rollback(True)


# ---------------------------------------------------------------- an agency's own plan


def test_an_agency_plan_stays_under_the_plan_read_rule(seeded_db: None) -> None:
    hanoi = Agency.objects.get(name_vi=HANOI_PARTY)
    plan = create_recorded_plan(
        hanoi, current_programme("52-NQ/TW"), number=PARTY_CODE, date=datetime.date(2025, 3, 1)
    )
    assert plan.lineage == ProgrammeLineage.AGENCY_PLAN and perms.is_agency_plan(plan)
    assert list(agency_plan_versions(PARTY_CODE)) == [plan]
    page = reverse("programmes:overview", args=[plan.slug])
    # Not public: a visitor is asked to sign in, another agency's officer does not find it.
    assert Client().get(page).status_code == 302
    assert (
        client_for(make_user("btc_officer", AGENCY_B, Role.REPORTER)).get(page).status_code == 404
    )
    # Its agency's people read it.
    own = make_user("tu_hn_officer", hanoi.code, Role.REPORTER)
    assert client_for(own).get(page).status_code == 200
    assert PARTY_CODE not in Client().get(reverse("portal:home")).content.decode()
    assert PARTY_CODE not in _api_codes(Client(), "/api/v1/programmes/")
    rows = [r for r in _json_programmes() if r["code"] == PARTY_CODE]
    assert [r["lineage"] for r in rows] == ["agency_plan"]


# ---------------------------------------------------------------- one address, two spellings


@pytest.mark.parametrize("national_code", ["45-KH-TU", "45/KH/TU", "45-kh/tu"])
def test_the_loader_refuses_a_number_at_an_agency_plans_address(
    seeded_db: None, national_code: str
) -> None:
    """Stop 39 refused it from the plan's side (`cascade.plan_slug`); the loader refuses a
    national number written otherwise that would take the plan's address."""
    hanoi = Agency.objects.get(name_vi=HANOI_PARTY)
    plan = create_recorded_plan(
        hanoi, current_programme("52-NQ/TW"), number=PARTY_CODE, date=datetime.date(2025, 3, 1)
    )
    assert programme_slug(national_code) == plan.slug
    data = programme_to_data(current_programme("50/NQ-CP"))
    data["programme"]["code"] = national_code
    watch = WriteWatch()
    with pytest.raises(ProgrammeFileError, match=f"/chuong-trinh/{plan.slug}/"):
        load_data(data, source="x.json")
    assert watch.changed() == []


def test_the_national_importer_refuses_the_other_spelling_and_says_why(draft, most_monitor):  # noqa: F811
    hanoi = Agency.objects.get(name_vi=HANOI_PARTY)
    plan = create_recorded_plan(
        hanoi, current_programme("52-NQ/TW"), number=PARTY_CODE, date=datetime.date(2025, 3, 1)
    )
    draft = _with_header(draft, code="45-KH-TU", issuer=HANOI_PARTY, implements="52-NQ/TW")
    response = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    page = response.content.decode()
    assert response.context["summary"].agency_plan == plan
    assert 'id="confirm-publish" disabled' in page
    assert "45-KH-TU" in page and f"/chuong-trinh/{plan.slug}/" in page
    with pytest.raises(review.ReviewError, match="chỉ khác cách viết"):
        review.publish(draft, most_monitor, expected=review.fingerprint(draft))
    assert not Programme.objects.filter(code="45-KH-TU").exists()


# ---------------------------------------------------------------- the migration


def test_the_migration_fills_existing_rows_from_the_old_rule(seeded_db: None) -> None:
    national = current_programme("50/NQ-CP")
    hanoi = Agency.objects.get(name_vi=HANOI_PARTY)
    common = {"kind": ProgrammeKind.PLAN, "issue_date": datetime.date(2025, 3, 1)}
    # Each row stored with the wrong lineage, to see the function decide on the old rule.
    cascade_made = Programme.objects.create(
        code="1/KH-X", slug="1-kh-x", issuer=hanoi, implements=national, **common,
        lineage=ProgrammeLineage.NATIONAL,
    )  # fmt: skip
    loaded_party_plan = Programme.objects.create(
        code="2-KH/TU", slug="2-kh-tu", issuer=hanoi, implements=national, **common,
        content_hash="f" * 64, lineage=ProgrammeLineage.AGENCY_PLAN,
    )  # fmt: skip
    no_parent = Programme.objects.create(
        code="3/KH-X", slug="3-kh-x", issuer=hanoi, **common,
        lineage=ProgrammeLineage.AGENCY_PLAN,
    )  # fmt: skip
    no_issuer = Programme.objects.create(
        code="4/KH-X", slug="4-kh-x", implements=national, **common,
        lineage=ProgrammeLineage.AGENCY_PLAN,
    )  # fmt: skip
    Programme.objects.filter(code="50/NQ-CP").update(lineage=ProgrammeLineage.AGENCY_PLAN)

    fill.fill_lineage(django_apps, None)

    lineage = dict(Programme.objects.values_list("pk", "lineage"))
    assert lineage[cascade_made.pk] == ProgrammeLineage.AGENCY_PLAN
    for row in (loaded_party_plan, no_parent, no_issuer, national):
        assert lineage[row.pk] == ProgrammeLineage.NATIONAL, row.code
    # Every bundled programme (loaded, a resolution implementing another) is national.
    assert set(Programme.objects.filter(content_hash__gt="").values_list("lineage", flat=True)) == {
        ProgrammeLineage.NATIONAL
    }
