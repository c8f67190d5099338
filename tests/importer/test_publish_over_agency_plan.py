"""An agency's own plan and a national programme are two lineages (docs/cascade.md): the
national importer never publishes a version of a number an agency's plan holds, and the
confirmation says what publishing will create (the version, drafts counted)."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.importer import review
from lotrinh.importer.models import DraftStatus
from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage, ProgrammeStatus
from tests.conftest import AGENCY_A, client_for, make_user
from tests.importer.test_review import draft  # noqa: F401 - the fixture
from tests.security.dbhash import WriteWatch

pytestmark = pytest.mark.django_db
CODE = "12/KH-BYT"  # the number of the fixture's draft


def agency_plan(status: str = ProgrammeStatus.DRAFT) -> Programme:
    """Bộ Y tế's own plan numbered as the draft, as the cascade makes it (no file hash)."""
    parent = Programme.objects.create(
        code="99/NQ-CP",
        slug="99-nq-cp",
        kind=ProgrammeKind.GOVERNMENT_RESOLUTION,
        lineage=ProgrammeLineage.NATIONAL,
        title="Nghị quyết mẹ",
        issue_date=datetime.date(2024, 1, 1),
        status=ProgrammeStatus.PUBLISHED,
    )
    return Programme.objects.create(
        code=CODE,
        slug="12-kh-byt",
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Kế hoạch của Bộ Y tế",
        issuer=Agency.objects.get(code=AGENCY_A),
        issue_date=datetime.date(2025, 1, 1),
        implements=parent,
        implements_code=parent.code,
        status=status,
    )


def test_the_confirmation_refuses_over_an_agency_plan_and_names_it(draft, most_monitor):  # noqa: F811
    plan = agency_plan()
    response = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    page = response.content.decode()
    assert response.context["summary"].agency_plan == plan
    assert 'id="summary-agency-plan"' in page
    assert "Kế hoạch của Bộ Y tế" in page and "Bộ Y tế" in page and "Bản nháp" in page
    assert "Chương trình mới" not in page
    assert 'id="confirm-publish" disabled' in page
    # A draft is its agency's only: MOST is not pointed to a page it may not open.
    assert reverse("cascade:plan", args=[plan.pk]) not in page


def test_the_agency_reads_the_link_to_its_own_plan(draft):  # noqa: F811
    plan = agency_plan()
    byt = make_user("byt_admin", AGENCY_A, Role.ADMIN)
    response = client_for(byt).get(reverse("importer:confirm_publish", args=[draft.pk]))
    if response.status_code == 200:  # whoever may open the confirmation at all
        assert reverse("cascade:plan", args=[plan.pk]) in response.content.decode()


def test_a_forced_publish_over_an_agency_plan_writes_nothing(draft, most_monitor):  # noqa: F811
    plan = agency_plan(ProgrammeStatus.PUBLISHED)
    watch = WriteWatch()
    with pytest.raises(review.ReviewError, match="Bộ Y tế"):
        review.publish(draft, most_monitor, expected=review.fingerprint(draft))
    assert watch.changed() == []
    assert list(Programme.objects.filter(code=CODE)) == [plan]
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT


def test_the_forced_post_is_refused_with_the_reason(draft, most_monitor):  # noqa: F811
    agency_plan()
    client = client_for(most_monitor)
    response = client.post(
        reverse("importer:publish", args=[draft.pk]), {"confirm": review.fingerprint(draft)}
    )
    assert response["Location"] == reverse("importer:review", args=[draft.pk])
    assert Programme.objects.filter(code=CODE).count() == 1


def test_the_confirmation_names_the_version_publishing_creates(draft, most_monitor):  # noqa: F811
    """A draft version of the number exists (loaded, not published): publishing makes
    version 2, and the page says so rather than "a new programme"."""
    Programme.objects.create(
        code=CODE,
        slug="12-kh-byt",
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.NATIONAL,
        title="Bản nháp trước",
        issue_date=datetime.date(2021, 3, 5),
        status=ProgrammeStatus.DRAFT,
        content_hash="x" * 64,  # stored by the loader: the national lineage
    )
    client = client_for(most_monitor)
    response = client.get(reverse("importer:confirm_publish", args=[draft.pk]))
    assert response.context["summary"].version == 2
    page = response.content.decode()
    assert "Công bố sẽ tạo phiên bản 2" in page
    assert "Chương trình mới" not in page
    programme = review.publish(draft, most_monitor, expected=review.fingerprint(draft))
    assert programme.version == 2


def test_a_new_programme_is_version_one(draft, most_monitor):  # noqa: F811
    response = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    assert response.context["summary"].version == 1
    assert "Công bố sẽ tạo phiên bản 1" in response.content.decode()
