"""The documents the API lists carry a download link the caller can follow.

A published consolidated report is downloaded by the public from the portal
(`/cong-khai/van-ban/<id>/tai-ve/`, `permissions.public_documents`); a person signed in
who may read a document keeps the internal link (`documents:download`,
`permissions.readable_documents`), which needs a session.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.documents.models import GeneratedDocument
from lotrinh.portal.models import Publication, PublicationKind
from lotrinh.programmes.models import Programme
from tests.api.conftest import token_client
from tests.conftest import AGENCY_A, client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Any) -> Iterator[None]:
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        yield


def make_document(content: bytes, agency: Agency | None = None, status: str = "accepted") -> Any:
    document = GeneratedDocument(
        kind="consolidated" if agency is None else "agency",
        programme=Programme.objects.filter(status="published").first(),
        agency=agency,
        year=2024,
        cutoff=timezone.localdate(),
        fmt="docx",
        status="done",
        content_status=status,
    )
    document.file.save("van-ban.docx", ContentFile(content), save=True)
    return document


def publish(document: Any, by: Any) -> Publication:
    return Publication.objects.create(
        kind=PublicationKind.DOCUMENT,
        document=document,
        cutoff=document.cutoff,
        published_by=by,
        published_at=timezone.now(),
    )


def internal(pk: int) -> str:
    return reverse("documents:download", args=[pk])


def links(client: Client) -> dict[int, str | None]:
    answer = client.get("/api/v1/documents/")
    assert answer.status_code == 200, answer.content
    return {row["id"]: row["download"] for row in answer.json()["results"]}


def content(client: Client, url: str) -> bytes:
    answer = client.get(url)
    assert answer.status_code == 200, (url, answer.status_code)
    return b"".join(answer.streaming_content)


def test_an_anonymous_client_gets_the_public_download_of_a_published_document(most_monitor):
    document = make_document(b"PK published")
    publish(document, most_monitor)
    anonymous = Client()
    assert links(anonymous) == {document.pk: f"/cong-khai/van-ban/{document.pk}/tai-ve/"}
    detail = anonymous.get(f"/api/v1/documents/{document.pk}/").json()
    assert detail["download"] == f"/cong-khai/van-ban/{document.pk}/tai-ve/"
    # The link works without logging in.
    assert content(anonymous, detail["download"]) == b"PK published"


def test_a_signed_in_reader_keeps_the_internal_download(most_monitor):
    published = make_document(b"PK published")
    publish(published, most_monitor)
    private = make_document(b"PK private")  # accepted content, not published
    signed_in = client_for(most_monitor)
    found = links(signed_in)
    assert found == {
        published.pk: internal(published.pk),
        private.pk: internal(private.pk),
    }
    assert content(signed_in, found[published.pk]) == b"PK published"
    assert content(signed_in, found[private.pk]) == b"PK private"
    # The anonymous client sees only the published one.
    assert set(links(Client())) == {published.pk}


def test_an_agency_system_gets_the_link_it_can_follow_for_a_published_document(
    most_monitor, reporter_token
):
    """A token carries no session: the internal link would send it to the login page."""
    document = make_document(b"PK published")
    publish(document, most_monitor)
    system = token_client(reporter_token.secret)
    url = links(system)[document.pk]
    assert url == f"/cong-khai/van-ban/{document.pk}/tai-ve/"
    assert content(system, url) == b"PK published"


def test_a_withdrawn_document_leaves_the_public_and_the_reader_keeps_the_internal_link(
    most_monitor,
):
    document = make_document(b"PK withdrawn")
    publication = publish(document, most_monitor)
    Publication.objects.filter(pk=publication.pk).update(withdrawn_at=timezone.now())
    assert links(Client()) == {}
    assert links(client_for(most_monitor)) == {document.pk: internal(document.pk)}


def test_an_agency_reader_of_its_own_unpublished_document_keeps_the_internal_link():
    officer = make_user("officer_docs", AGENCY_A, Role.REPORTER)
    own = make_document(b"PK own", agency=officer.agency, status="draft")
    client = client_for(officer)
    assert links(client) == {own.pk: internal(own.pk)}
    assert content(client, internal(own.pk)) == b"PK own"


def test_the_document_list_costs_the_same_whatever_its_size(most_monitor):
    for index in range(12):
        document = make_document(b"PK %d" % index)
        if index % 2:
            publish(document, most_monitor)

    def queries(client: Client, size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/documents/?page_size={size}").status_code == 200
        return len(captured)

    for client in (Client(), client_for(most_monitor)):
        small, large = queries(client, 2), queries(client, 12)
        assert small == large, (small, large)


def test_an_agency_system_downloads_its_unpublished_document_with_its_token(reporter_token):
    """The web page's download needs a session; a token is given the API's own file
    address, which follows the same reading rule as the list."""
    agency = Agency.objects.get(code=AGENCY_A)
    own = make_document(b"PK own draft", agency=agency, status="draft")
    other_agency = Agency.objects.exclude(pk=agency.pk).filter(kind="ministry").first()
    other = make_document(b"PK other draft", agency=other_agency, status="draft")
    system = token_client(reporter_token.secret)
    found = links(system)
    assert found == {own.pk: f"/api/v1/documents/{own.pk}/file/"}
    assert content(system, found[own.pk]) == b"PK own draft"
    # Another agency's draft is not listed, and its file address answers 404.
    assert system.get(f"/api/v1/documents/{other.pk}/file/").status_code == 404
    assert Client().get(f"/api/v1/documents/{own.pk}/file/").status_code in (401, 403, 404)
    # A person signed in keeps the web page's download.
    person = make_user("officer_file", AGENCY_A, Role.REPORTER)
    assert links(client_for(person)) == {own.pk: internal(own.pk)}
