"""The same plan imported twice with the same number (the audit of 04/12/2026: two
drafts, version 1 and 2, of one plan): the second import is refused with a link to the
draft already there; a plan already published may be imported again as a new draft."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.importer import service as import_service
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.demo_cascade import MINISTRY_PLAN
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db
CODE = "99/KH-BYT"


def _import(client):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("ke-hoach.txt", "Kế hoạch".encode(), "text/plain")
    # The parse runs on the worker, after the request commits (`plan_import`).
    with (
        mock.patch.object(import_service, "parse_bytes", return_value=MINISTRY_PLAN),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.post(reverse("cascade:import"), {"document": upload, "code": CODE})
    return client.get(response.url, follow=True)


def test_importing_the_same_plan_twice_links_to_the_draft_instead_of_a_second_one(
    seeded_db: None,
) -> None:
    client = client_for(make_user("byt_kehoach", AGENCY_A, Role.REPORTER))
    first = _import(client)
    draft = Programme.objects.get(code=CODE)
    assert first.redirect_chain == [(reverse("cascade:plan", args=[draft.pk]), 302)]
    # The same file again is the same job (a double click): it leads to the draft.
    again = _import(client)
    assert again.redirect_chain == [(reverse("cascade:plan", args=[draft.pk]), 302)]
    # Another file of the same number: its job fails, linking to the draft.
    upload = SimpleUploadedFile("ke-hoach-2.txt", "Kế hoạch khác".encode(), "text/plain")
    with (
        mock.patch.object(import_service, "parse_bytes", return_value=MINISTRY_PLAN),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        again = client.post(reverse("cascade:import"), {"document": upload, "code": CODE})
    page = client.get(again.url).content.decode()
    assert "đã có một bản nháp chưa công bố (phiên bản 1)" in page
    assert (
        f'<a href="{reverse("cascade:plan", args=[draft.pk])}" lang="vi">Mở bản nháp {CODE}</a>'
        in page
    )
    assert 'id="retry"' not in page  # the same file would fail the same way
    assert list(Programme.objects.filter(code=CODE).values_list("version", flat=True)) == [1]

    # Once published, a new import is the plan's next version (a draft to review).
    Programme.objects.filter(pk=draft.pk).update(status=ProgrammeStatus.PUBLISHED)
    _import(client)  # the same file: its first job's draft is published, so a new job
    assert sorted(Programme.objects.filter(code=CODE).values_list("version", flat=True)) == [1, 2]


def test_the_service_refuses_a_second_draft_of_the_same_issuer_only(seeded_db: None) -> None:
    national = current_programme("50/NQ-CP")
    ministry = Agency.objects.get(code=AGENCY_A)
    draft = cascade.child_from_parse(MINISTRY_PLAN, ministry, national, None, code=CODE)
    with pytest.raises(cascade.DraftExists) as refused:
        cascade.child_from_parse(MINISTRY_PLAN, ministry, national, None, code=CODE)
    assert refused.value.draft == draft
    other = Agency.objects.get(code="bo-tai-chinh")
    assert cascade.child_from_parse(MINISTRY_PLAN, other, national, None, code=CODE).version == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are only real on PostgreSQL",
)
def test_two_files_of_one_plan_on_two_workers_make_one_draft(transactional_db: None) -> None:
    """Two workers at the same moment: one draft; the other is told where it is (it failed
    on the version's uniqueness before, with no link)."""
    import threading

    from django.db import connections

    from tests.conftest import load_seed

    load_seed()  # an earlier transactional test on this worker may have flushed it
    agency = Agency.objects.get(code=AGENCY_A, valid_to__isnull=True)
    user = make_user("byt_kehoach", AGENCY_A, Role.REPORTER)
    parent = current_programme("50/NQ-CP")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            cascade.child_from_parse(MINISTRY_PLAN, agency, parent, user, code=CODE)
            outcomes.append("draft")
        except cascade.DraftExists:
            outcomes.append("linked")
        except Exception as exc:  # noqa: BLE001 — the outcome is what the test reads
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["draft", "linked"]
    assert list(Programme.objects.filter(code=CODE).values_list("version", flat=True)) == [1]
