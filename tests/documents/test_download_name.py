"""A generated document downloads under a name that says what it is (kind, whose,
programme, period, cut-off), never the storage's name: the second document of the same
report was stored as "…_AbC1234.docx" and downloaded so."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.documents.models import DocumentKind, GeneratedDocument, GenerationStatus
from lotrinh.programmes.models import Programme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _document(agency=None, fmt="docx") -> GeneratedDocument:
    document = GeneratedDocument.objects.create(
        kind=DocumentKind.AGENCY if agency else DocumentKind.CONSOLIDATED,
        programme=Programme.objects.get(code="50/NQ-CP", status="published"),
        agency=agency,
        year=2024,
        cutoff=datetime.date(2024, 12, 31),
        fmt=fmt,
        status=GenerationStatus.DONE,
        content_status="accepted",
    )
    document.file.save(document.download_name, ContentFile(b"PK"), save=True)
    return document


def _filename(response) -> str:
    assert response.status_code == 200
    return response["Content-Disposition"].split("filename=")[1].strip('"')


def test_two_versions_of_one_document_download_under_its_name(
    most_monitor, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    first, second = _document(), _document()
    assert first.file.name != second.file.name  # the storage had to rename the second
    client = client_for(most_monitor)
    names = {
        _filename(client.get(reverse("documents:download", args=[d.pk]))) for d in (first, second)
    }
    assert names == {"bao-cao-tong-hop-50-nq-cp-2024-chot-20241231.docx"}


def test_an_agencys_document_is_named_for_the_agency(officer_a, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    agency = Agency.objects.get(pk=officer_a.agency_id)
    document = _document(agency, fmt="pdf")
    response = client_for(officer_a).get(reverse("documents:download", args=[document.pk]))
    assert _filename(response) == f"bao-cao-{agency.code}-50-nq-cp-2024-chot-20241231.pdf"
