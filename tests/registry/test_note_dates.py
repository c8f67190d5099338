"""The reference data writes some notes' days as ISO ("merged; new local government
operates from 2025-07-01"), and the English agency pages showed them so. The notes
table (notes_vi.csv) gives each such note as an English reader reads it ("1 July 2025")
beside its Vietnamese ("01/7/2025", as the Vietnamese note was already written); the
loader stores those, so a database loaded before is corrected by `lotrinh init`."""

import re

import pytest
from django.urls import reverse

from lotrinh.agencies.loader import load_reference_data
from lotrinh.agencies.models import Agency, AgencySuccession

pytestmark = pytest.mark.django_db

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _english_notes() -> list[str]:
    notes = list(Agency.objects.values_list("note_en", flat=True))
    notes += AgencySuccession.objects.values_list("note_en", flat=True)
    return [n for n in notes if ISO.search(n)]


def test_no_english_agency_note_shows_an_iso_day():
    assert _english_notes() == []
    merged = AgencySuccession.objects.filter(note_en__contains="new local government").first()
    assert merged is not None
    assert merged.note_en == "merged; new local government operates from 1 July 2025"
    assert merged.note == "hợp nhất; chính quyền địa phương mới hoạt động từ ngày 01/7/2025"
    assumed = AgencySuccession.objects.filter(note_en__contains="Effective date not given")
    assert assumed.exists() and all("1 March 2025 assumed" in s.note_en for s in assumed)
    assert all("giả định ngày 01/3/2025" in s.note for s in assumed)


def test_a_database_loaded_with_iso_notes_is_corrected_by_the_loader():
    merged = AgencySuccession.objects.filter(note_en__contains="new local government").first()
    assert merged is not None
    AgencySuccession.objects.filter(pk=merged.pk).update(
        note_en="merged; new local government operates from 2025-07-01"
    )
    load_reference_data()
    merged.refresh_from_db()
    assert merged.note_en == "merged; new local government operates from 1 July 2025"


def test_the_english_agency_page_writes_the_day_in_english(client):
    merged = AgencySuccession.objects.filter(note_en__contains="new local government").first()
    assert merged is not None
    client.cookies["django_language"] = "en"
    body = client.get(reverse("agencies:detail", args=[merged.successor.code])).content.decode()
    assert "operates from 1 July 2025" in body and "2025-07-01" not in body
