"""The documents list's period column names the programme too ("50/NQ-CP — Năm 2024"):
a reader sees documents of several programmes (50/NQ-CP, 52-NQ/TW, 57-NQ/TW), and "Năm
2024" alone did not say which."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.documents.models import DocumentKind, GeneratedDocument, GenerationStatus
from lotrinh.programmes.models import Programme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_each_row_names_its_programme(seeded_db, most_monitor):
    for code in ("50/NQ-CP", "52-NQ/TW"):
        GeneratedDocument.objects.create(
            kind=DocumentKind.CONSOLIDATED,
            programme=Programme.objects.get(code=code, status="published"),
            year=2024,
            cutoff=datetime.date(2024, 12, 31),
            fmt="docx",
            status=GenerationStatus.DONE,
            content_status="submitted",
            requested_by=most_monitor,
        )
    page = client_for(most_monitor).get(reverse("documents:list")).content.decode()
    assert "<td>50/NQ-CP — 2024</td>" in page
    assert "<td>52-NQ/TW — 2024</td>" in page
