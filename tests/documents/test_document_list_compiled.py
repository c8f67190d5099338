"""The documents page's list, compiled once per connection and shape of the rule
(permissions.latest_readable_documents), is what `readable_documents` on the queryset it
replaced gives: every persona, documents of every owner and content state, a published
consolidated report, and more documents than the page shows. The worker heartbeat read
by the page (jobs.last_worker_seen) is the latest one."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.core import jobs
from lotrinh.core.models import WorkerHeartbeat
from lotrinh.documents.models import GeneratedDocument
from lotrinh.portal.models import Publication, PublicationKind
from lotrinh.programmes.models import Programme

pytestmark = pytest.mark.django_db
PERSONAS = ("officer_a", "approver_a", "officer_b", "most_monitor", "oversight_reader")


def _documents(officer_a, officer_b) -> list[GeneratedDocument]:
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    made = []
    start = timezone.now()
    for i in range(150):
        agency = (officer_a.agency, officer_b.agency, None)[i % 3]
        made.append(
            GeneratedDocument.objects.create(
                kind="consolidated" if agency is None else "agency",
                programme=programme,
                agency=agency,
                year=2024,
                cutoff=datetime.date(2024, 12, 31),
                fmt="docx",
                status="done",
                content_status=("draft", "submitted", "accepted", "")[i % 4],
                requested_by=officer_a if i % 2 else None,
                requested_at=start - datetime.timedelta(minutes=i % 9),
            )
        )
    return made


def _seen(documents: list[GeneratedDocument]) -> list[tuple]:
    return [
        (
            d.pk,
            d.content_status,
            d.agency and d.agency.code,
            d.requested_by and d.requested_by.username,
            d.programme.code,
            d.requested_at,
        )
        for d in documents
    ]


def test_each_persona_lists_what_the_rule_gives(request, officer_a, officer_b, most_monitor):
    made = _documents(officer_a, officer_b)
    published = next(d for d in made if d.agency is None and d.content_status == "submitted")
    # As publish_document records it (its checks need a generated file).
    Publication.objects.create(
        kind=PublicationKind.DOCUMENT,
        document=published,
        cutoff=published.cutoff,
        published_by=most_monitor,
        published_at=timezone.now(),
    )
    people = [request.getfixturevalue(p) for p in PERSONAS] + [AnonymousUser()]
    for user in people:
        expected = list(
            perms.readable_documents(
                user,
                GeneratedDocument.objects.select_related("agency", "requested_by", "programme"),
            )[:50]
        )
        for _ in range(2):  # compiled, then from the compiled form
            assert _seen(perms.latest_readable_documents(user)) == _seen(expected), user
    anonymous = perms.latest_readable_documents(AnonymousUser())
    assert [d.pk for d in anonymous] == [published.pk]
    assert len(perms.latest_readable_documents(most_monitor)) == 50


def test_the_latest_heartbeat_is_read() -> None:
    assert jobs.last_worker_seen() is None
    now = timezone.now()
    for i, seen in enumerate(
        (now - datetime.timedelta(minutes=5), now, now - datetime.timedelta(hours=1))
    ):
        WorkerHeartbeat.objects.create(
            worker_id=f"w{i}", host="h", pid=i, started_at=seen, last_seen=seen
        )
    assert jobs.last_worker_seen() == now
