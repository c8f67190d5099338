"""The reverse of tests/importer/test_publish_over_agency_plan.py: an agency's plan whose
number is already a national programme's (imported by MOST on /nhap-van-ban/, even one
that reads as a plan: a "Kế hoạch" issued by the same agency, implementing a resolution)
is refused, naming that programme, and nothing is made."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.importer.models import ImportJob, JobStatus
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from tests.cascade.test_plan_import_job import HANOI, PLAN, _post, planner  # noqa: F401
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
CODE = "41/KH-UBND"


def national_copy() -> Programme:
    """MOST's import of the same document: loaded (a content hash), issuer and parent set."""
    parent = Programme.objects.filter(status=ProgrammeStatus.PUBLISHED).first()
    return Programme.objects.create(
        code=CODE,
        slug="41-kh-ubnd",
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.NATIONAL,
        title="Phát triển hạ tầng dữ liệu số của Thành phố năm 2025",
        issuer=Agency.objects.get(code=HANOI),
        issue_date=datetime.date(2025, 3, 5),
        implements=parent,
        status=ProgrammeStatus.PUBLISHED,
        content_hash="h" * 64,
    )


def test_the_plan_import_is_refused_naming_the_national_programme(
    planner: Any,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    national = national_copy()
    client = client_for(planner)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, "ke-hoach.txt", PLAN.encode())
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED, job.error
    assert "chương trình quốc gia" in job.error and "/chuong-trinh/41-kh-ubnd/" in job.error
    assert "Đã công bố" in job.error and "phiên bản 1" in job.error
    # The status in English (the sentence is English once i18n-pending/codes41.json is in).
    assert "Published" in job.error_en and "Đã công bố" not in job.error_en
    assert list(Programme.objects.filter(code=CODE)) == [national]
    page = client.get(reverse("cascade:import_job", args=[job.pk])).content.decode()
    assert 'id="job-error"' in page and "41-kh-ubnd" in page


def test_the_plan_slug_refuses_a_national_number_that_reads_as_a_plan(planner: Any) -> None:  # noqa: F811
    national_copy()
    with pytest.raises(cascade.CascadeError, match="chương trình quốc gia"):
        cascade.plan_slug(CODE, planner.agency)


def test_the_two_lineages_are_told_apart_by_the_rows_lineage(planner: Any) -> None:  # noqa: F811
    from lotrinh.programmes.services import agency_plan_versions, national_versions

    national = national_copy()
    assert not agency_plan_versions(CODE).exists()
    assert list(national_versions(CODE)) == [national]
    # The same row said to be an agency's plan (its hash kept): the field alone decides.
    Programme.objects.filter(pk=national.pk).update(lineage=ProgrammeLineage.AGENCY_PLAN)
    assert list(agency_plan_versions(CODE)) == [national]
    assert not national_versions(CODE).exists()
    assert current_programme("41-kh-ubnd") == national
