"""A release is named by its publisher and the day it was published; the day was the
source's ISO text ("vietnam.vn (press, reporting GSO) 2023-12-04" on Vietnamese and
English pages alike). It is now written as the pages write a day, dd/mm/yyyy in both
languages (docs/architecture.md): 04/12/2023; a month as 12/2023.
A database loaded before is renamed by the next `lotrinh init` (the loader)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from lotrinh.indicators.models import Indicator, Observation
from lotrinh.indicators.primary import load_primary

pytestmark = pytest.mark.django_db

ISO = re.compile(r"\d{4}-\d{2}(-\d{2})?")
PUBLISHER = "vietnam.vn (press, reporting GSO)"


def _release() -> Observation:
    observation = Observation.objects.filter(publisher=PUBLISHER, published_text="2023-12-04")
    assert observation.exists(), "the seed's press figure of 2023-12-04"
    return observation.get()


def test_no_release_name_carries_an_iso_day():
    names = Observation.objects.values_list("release", "release_en")
    assert [n for pair in names for n in pair if ISO.search(n)] == []
    release = _release()
    assert release.release == f"{PUBLISHER} 04/12/2023"
    assert release.release_en == f"{PUBLISHER} 04/12/2023"


def test_a_month_is_written_in_each_language():
    with translation.override("en"):
        assert Observation(published_text="2022-09").published_label == "09/2022"
        assert Observation(published_text="2025-01-06").published_label == "06/01/2025"
    with translation.override("vi"):
        assert Observation(published_text="2022-09").published_label == "09/2022"


def test_a_release_loaded_with_its_iso_day_is_renamed_by_the_loader():
    release = _release()
    Observation.objects.filter(pk=release.pk).update(
        release=f"{PUBLISHER} 2023-12-04", release_en=f"{PUBLISHER} 2023-12-04"
    )
    load_primary({i.code: i for i in Indicator.objects.all()})
    release.refresh_from_db()
    assert (release.release, release.release_en) == (
        f"{PUBLISHER} 04/12/2023",
        f"{PUBLISHER} 04/12/2023",
    )


@pytest.mark.parametrize(("language", "day"), [("vi", "04/12/2023"), ("en", "04/12/2023")])
def test_the_indicator_page_names_the_release_in_its_language(client, language, day):
    release = _release()
    client.cookies["django_language"] = language
    body = client.get(reverse("indicators:indicator", args=[release.indicator.code])).content
    text = body.decode()
    assert f"{PUBLISHER} 2023-12-04" not in text
    assert day in text
