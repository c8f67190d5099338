"""The same plan imported twice with the same number (the audit of 04/12/2026: two
drafts, version 1 and 2, of one plan): the second import is refused with a link to the
draft already there; a plan already published may be imported again as a new draft."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import views_cascade
from lotrinh.reporting.demo_cascade import MINISTRY_PLAN
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db
CODE = "99/KH-BYT"


def _import(client):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("ke-hoach.txt", "Kế hoạch".encode(), "text/plain")
    with mock.patch.object(views_cascade, "parse_bytes", return_value=MINISTRY_PLAN):
        return client.post(reverse("cascade:import"), {"document": upload, "code": CODE})


def test_importing_the_same_plan_twice_links_to_the_draft_instead_of_a_second_one(
    seeded_db: None,
) -> None:
    client = client_for(make_user("byt_kehoach", AGENCY_A, Role.REPORTER))
    first = _import(client)
    draft = Programme.objects.get(code=CODE)
    assert first.url == reverse("cascade:plan", args=[draft.pk])
    again = _import(client)
    assert again.url == reverse("cascade:plans")
    page = client.get(again.url).content.decode()
    assert "đã có một bản nháp chưa công bố (phiên bản 1)" in page
    assert f'<a href="{reverse("cascade:plan", args=[draft.pk])}">Mở bản nháp {CODE}</a>' in page
    assert list(Programme.objects.filter(code=CODE).values_list("version", flat=True)) == [1]

    # Once published, a new import is the plan's next version (a draft to review).
    Programme.objects.filter(pk=draft.pk).update(status=ProgrammeStatus.PUBLISHED)
    _import(client)
    assert sorted(Programme.objects.filter(code=CODE).values_list("version", flat=True)) == [1, 2]


def test_the_service_refuses_a_second_draft_of_the_same_issuer_only(seeded_db: None) -> None:
    national = current_programme("50/NQ-CP")
    ministry = Agency.objects.get(code=AGENCY_A)
    draft = cascade.child_from_parse(MINISTRY_PLAN, ministry, national, None, code=CODE)
    with pytest.raises(cascade.DraftExists) as refused:
        cascade.child_from_parse(MINISTRY_PLAN, ministry, national, None, code=CODE)
    assert refused.value.draft == draft
    other = Agency.objects.get(code="bo-tai-chinh")
    assert cascade.child_from_parse(MINISTRY_PLAN, other, national, None, code=CODE).version == 2
