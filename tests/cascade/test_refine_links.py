"""A plan imported through the page gets its link suggestions from the words at once, and
from the meaning of the texts in a job afterwards (embedding a long plan takes tens of
seconds: not in a web request). The job leaves alone every task whose links the agency
has touched meanwhile, and a published plan."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.importer.service import parse_file
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, TaskLink
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person
from tests.conftest import client_for

CORPUS = Path(settings.LOTRINH_CORPUS_DIR)
ANNOTATION = json.loads(
    (Path(__file__).parent / "links_kh308_hanoi.json").read_text(encoding="utf-8")
)
pytestmark = pytest.mark.skipif(
    not (CORPUS / ANNOTATION["document"]).exists(), reason="corpus not available"
)


def links(programme: Programme) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for task_ref, parent_ref, method in TaskLink.objects.filter(
        task__programme=programme
    ).values_list("task__ref", "parent_task__ref", "method"):
        out.setdefault(task_ref, []).append((parent_ref, method))
    return {ref: sorted(pairs) for ref, pairs in out.items()}


def test_the_page_imports_with_words_and_the_job_gives_what_one_import_gives(
    hanoi: Agency, django_capture_on_commit_callbacks
) -> None:
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    national = current_programme("50/NQ-CP")
    whole = cascade.child_from_parse(
        parse_file(CORPUS / ANNOTATION["document"]), hanoi, national, None, code="A/KH"
    )
    upload = SimpleUploadedFile(
        "ke-hoach.txt", (CORPUS / ANNOTATION["document"]).read_bytes(), "text/plain"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(reporter).post(
            reverse("cascade:import"), {"document": upload, "code": "B/KH"}
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=False) as refine:
        callbacks[0]()  # the worker parses the file: the draft, linked by words
    page = Programme.objects.get(code="B/KH")
    words = links(page)
    assert TaskLink.objects.filter(task__programme=page).exists()
    assert len(refine) == 1
    refine[0]()  # the worker runs the refining job
    refined = links(page)
    assert refined == links(whole)
    assert refined != words  # the meaning changed some first suggestions on this plan


def test_the_job_leaves_what_the_agency_touched(
    hanoi: Agency, django_capture_on_commit_callbacks
) -> None:
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    national = current_programme("50/NQ-CP")
    data = parse_file(CORPUS / ANNOTATION["document"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan = cascade.child_from_parse(
            data, hanoi, national, reporter, code="C/KH", refine_later=True
        )
    suggested = list(
        TaskLink.objects.filter(task__programme=plan).order_by("task__position", "-score")
    )
    rejected, confirmed = (
        suggested[0],
        next(link for link in suggested if link.task_id != suggested[0].task_id),
    )
    cascade.reject_link(reporter, rejected)
    cascade.confirm_link(reporter, confirmed)
    kept = set(
        TaskLink.objects.filter(task_id__in=[rejected.task_id, confirmed.task_id]).values_list(
            "pk", "parent_task_id", "confirmed"
        )
    )
    callbacks[0]()
    assert (
        set(
            TaskLink.objects.filter(task_id__in=[rejected.task_id, confirmed.task_id]).values_list(
                "pk", "parent_task_id", "confirmed"
            )
        )
        == kept
    )
    assert not TaskLink.objects.filter(
        task_id=rejected.task_id, parent_task_id=rejected.parent_task_id
    ).exists()


def test_a_published_plan_is_not_suggested_again(
    hanoi: Agency, django_capture_on_commit_callbacks
) -> None:
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    data = parse_file(CORPUS / ANNOTATION["document"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan = cascade.child_from_parse(
            data, hanoi, current_programme("50/NQ-CP"), reporter, code="D/KH", refine_later=True
        )
    before = links(plan)
    Programme.objects.filter(pk=plan.pk).update(status="published")
    callbacks[0]()
    assert links(plan) == before
