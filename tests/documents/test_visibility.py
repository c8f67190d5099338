"""A generated document is read by exactly those who may read the report content it holds:
role × own/other agency × draft/submitted/accepted content, on the list and the download."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from lotrinh.accounts import permissions as perms
from lotrinh.documents import services
from lotrinh.documents.models import GeneratedDocument
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2024, 12, 31)
STATES = ("draft", "submitted", "accepted")

# (owner, content state) pairs each persona may read; "all" is the consolidated report.
# Another agency's accepted content is public only once MOST publishes it (docs/portal.md):
# an agency's generated document is not published, so other agencies do not read it.
EXPECTED = {
    "officer_a": {("a", "draft"), ("a", "submitted"), ("a", "accepted")},
    "approver_a": {("a", "draft"), ("a", "submitted"), ("a", "accepted")},
    "officer_b": {("b", "draft"), ("b", "submitted"), ("b", "accepted")},
    "most_monitor": {
        ("a", "submitted"),
        ("a", "accepted"),
        ("b", "submitted"),
        ("b", "accepted"),
        ("all", "submitted"),
    },
    "oversight_reader": {
        ("a", "submitted"),
        ("a", "accepted"),
        ("b", "submitted"),
        ("b", "accepted"),
        ("all", "submitted"),
    },
    "admin_user": {
        ("a", "submitted"),
        ("a", "accepted"),
        ("b", "submitted"),
        ("b", "accepted"),
        ("all", "submitted"),
    },
}


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


@pytest.fixture
def documents(programme, officer_a, officer_b, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    made = {}
    for owner, agency in (("a", officer_a.agency), ("b", officer_b.agency)):
        for state in STATES:
            made[(owner, state)] = _document(programme, "agency", agency, state)
    made[("all", "submitted")] = _document(programme, "consolidated", None, "submitted")
    return made


def _document(programme, kind, agency, state):
    document = GeneratedDocument.objects.create(
        kind=kind,
        programme=programme,
        agency=agency,
        year=2024,
        cutoff=CUTOFF,
        fmt="docx",
        status="done",
        content_status=state,
    )
    document.file.save(f"{kind}-{document.pk}.docx", ContentFile(b"PK"), save=True)
    return document


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_lists_and_downloads_only_the_documents_of_content_it_may_read(
    request, persona, documents
):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    listed = {d.pk for d in client.get(reverse("documents:list")).context["documents"]}
    for key, document in documents.items():
        allowed = key in EXPECTED[persona]
        assert (document.pk in listed) == allowed, (persona, key)
        status = client.get(reverse("documents:download", args=[document.pk])).status_code
        assert status == (200 if allowed else 404), (persona, key, status)
        # The queryset helper and the one report rule agree.
        assert perms.may_read_report(user, document.agency_id, document.content_status) == allowed


def test_anonymous_visitors_get_no_document(client, documents):
    for document in documents.values():
        response = client.get(reverse("documents:download", args=[document.pk]))
        assert response.status_code == 302  # to the login page


def test_a_document_of_a_draft_report_stays_with_its_agency_until_the_report_is_sent(
    programme, officer_a, approver_a, most_monitor, oversight_reader, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    report = reporting.ensure_report(officer_a.agency, period)
    fill(report, officer_a, status="done_on_time")

    def generate():
        document = services.request_document(
            officer_a,
            kind="agency",
            programme=programme,
            year=2024,
            cutoff=CUTOFF,
            fmt="xlsx",
            agency=officer_a.agency,
        )
        services.generate_document.call(document.pk)
        document.refresh_from_db()
        return document

    draft = generate()
    assert draft.status == "done" and draft.content_status == "draft"
    with time_machine.travel(datetime.datetime(2024, 11, 25, 9, 0), tick=False):
        reporting.approve_report(report, approver_a)
        reporting.submit_report(report, approver_a)
    sent = generate()
    assert sent.content_status == "submitted"
    for reader in (most_monitor, oversight_reader):
        client = client_for(reader)
        assert client.get(reverse("documents:download", args=[draft.pk])).status_code == 404
        assert client.get(reverse("documents:download", args=[sent.pk])).status_code == 200
    own = client_for(officer_a)
    assert own.get(reverse("documents:download", args=[draft.pk])).status_code == 200


def test_the_consolidated_report_is_not_for_agencies(programme, officer_a, most_monitor):
    document = services.request_document(
        most_monitor,
        kind="consolidated",
        programme=programme,
        year=2024,
        cutoff=CUTOFF,
        fmt="xlsx",
    )
    assert document.content_status == "submitted"
    assert not perms.readable_documents(officer_a, GeneratedDocument.objects.filter(pk=document.pk))
    assert perms.readable_documents(most_monitor, GeneratedDocument.objects.filter(pk=document.pk))
