"""A programme's versions page lists its own lineage's versions that the reader may read:
an agency's plan numbered like another agency's ("144/KH-UBND" exists in many provinces,
each province's plan a version of the number) shows only its own issuer's versions, and a
national draft is listed to no one there (docs/cascade.md, "One number, two lineages")."""

import pytest
from django.test import Client
from django.urls import reverse

from lotrinh.programmes.models import Programme, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import plan_of

pytestmark = pytest.mark.django_db

NUMBER = "144/KH-UBND"


def _versions(client: Client, programme: Programme) -> list[int]:
    response = client.get(reverse("programmes:versions", args=[programme.slug]))
    assert response.status_code == 200
    return [v.version for v in response.context["versions"]]


def test_a_plan_lists_its_own_issuer_versions_only(province, merged_provinces) -> None:
    national = current_programme("50/NQ-CP")
    hanoi_plan = province["child"]
    Programme.objects.filter(pk=hanoi_plan.pk).update(code=NUMBER, version=1)
    bac_ninh = merged_provinces[1]
    other = plan_of(bac_ninh, national, {"1": []})
    # The other province's plan of the same number: version 2 of the number, a draft.
    Programme.objects.filter(pk=other.pk).update(code=NUMBER, version=2)
    other.refresh_from_db()
    assert other.status == ProgrammeStatus.DRAFT

    hanoi_monitor = Client()
    hanoi_monitor.force_login(province["monitor"])
    hanoi_plan.refresh_from_db()
    assert _versions(hanoi_monitor, hanoi_plan) == [1]

    most = Client()
    most.force_login(province["most"])
    assert _versions(most, hanoi_plan) == [1]


def test_a_national_draft_is_not_listed(seeded_db: None) -> None:
    national = current_programme("50/NQ-CP")
    Programme.objects.create(
        code=national.code,
        slug=national.slug,
        version=national.version + 1,
        kind=national.kind,
        lineage=ProgrammeLineage.NATIONAL,
        title=national.title,
        issue_date=national.issue_date,
        status=ProgrammeStatus.DRAFT,
    )
    assert _versions(Client(), national) == [national.version]
