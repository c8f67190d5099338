"""The national importer looks a number up among national versions only (docs/cascade.md,
"One number, two lineages"): an agency's plan numbered as the draft is another lineage,
never the programme the draft would replace, nor the programme a document implements."""

import copy

import pytest
from django.urls import reverse

from lotrinh.importer import review
from lotrinh.programmes.models import ProgrammeStatus
from tests.conftest import client_for
from tests.importer.test_publish_over_agency_plan import CODE, agency_plan
from tests.importer.test_review import draft  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_a_published_agency_plan_of_the_number_is_not_what_the_draft_replaces(
    draft,  # noqa: F811
    most_monitor,
) -> None:
    """Before, the confirmation compared the draft with Bộ Y tế's own plan (its tasks
    "added", "replaces version 1") and the fingerprint held for that plan's version."""
    agency_plan(ProgrammeStatus.PUBLISHED)
    summary = review.publish_summary(draft)
    assert summary.agency_plan is not None  # publishing is refused, and says why
    assert summary.replaces_version is None
    assert summary.changes == {}
    assert review.changes_against_published(draft) == []
    assert review.fingerprint(draft).endswith("-0")
    page = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    assert page.context["summary"].replaces_version is None


def test_a_document_implementing_a_plans_number_implements_no_programme(
    draft,  # noqa: F811
) -> None:
    """A national programme is read by everyone: it never implements an agency's plan
    (its page would show the plan's title and groups). The number is kept as written."""
    plan = agency_plan(ProgrammeStatus.PUBLISHED)
    data = copy.deepcopy(draft.data)
    data["programme"]["code"] = "15/QĐ-BYT"
    data["programme"]["implements"] = CODE
    reading = review.header_reading(data, "quyet-dinh.docx")
    assert reading.implements == CODE
    assert plan.title not in reading.outcome and CODE not in reading.outcome
