"""Every data note of the bundled reference data exists in Vietnamese and in English."""

import pytest

from lotrinh.agencies.models import Agency, AgencySuccession
from lotrinh.indicators.models import Indicator, Observation
from lotrinh.programmes.models import Programme, Task
from lotrinh.reporting.models import ReportingRegime

pytestmark = pytest.mark.django_db


def one_sided(rows, vietnamese: str, english: str) -> list[str]:
    return [
        str(row)
        for row in rows
        if bool(getattr(row, vietnamese).strip()) != bool(getattr(row, english).strip())
    ]


def test_agency_and_succession_notes_have_both_languages():
    assert not one_sided(Agency.objects.all(), "note", "note_en")
    assert not one_sided(AgencySuccession.objects.all(), "note", "note_en")
    assert AgencySuccession.objects.exclude(note="").count() >= 30


def test_indicator_texts_have_both_languages():
    for vietnamese in ("definition", "source_note", "producer"):
        assert not one_sided(Indicator.objects.all(), vietnamese, f"{vietnamese}_en")
    assert not one_sided(Indicator.objects.exclude(unit=""), "unit", "unit_en")
    for vietnamese in ("note", "citation", "release"):
        assert not one_sided(Observation.objects.all(), vietnamese, f"{vietnamese}_en")


def test_programme_notes_and_regime_names_have_both_languages():
    bundled = Programme.objects.filter(origin="bundled")
    assert not one_sided(bundled, "note", "note_en")
    assert not one_sided(bundled, "source", "source_en")
    assert not one_sided(Task.objects.filter(programme__in=bundled), "note", "note_en")
    assert not one_sided(ReportingRegime.objects.all(), "name", "name_en")
    assert not [p.source for p in bundled if "lotrinh/" in p.source or ".txt" in p.source]
