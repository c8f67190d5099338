"""The publication date a source gives ("như nguồn ghi": 2025-01-06, or a month, 2022-09)
is shown as the site writes dates, dd/mm/yyyy (mm/yyyy for a month), on the indicator
page: it was shown raw ("· 2023-12-29"), and in the releases table a source date made
the date vanish ("Báo Mới (press, reporting GSO) · " with nothing after the dot: the
date filter read the text as no date)."""

import re

import pytest
from django.urls import reverse

from lotrinh.indicators.models import Observation

pytestmark = pytest.mark.django_db

ISO = re.compile(r"(?<![\d/])\d{4}-\d{2}(-\d{2})?(?![\d/])")


@pytest.mark.parametrize(
    ("text", "shown"),
    [("2025-01-06", "06/01/2025"), ("2022-09", "09/2022"), ("2021", "2021"), ("", "")],
)
def test_a_source_date_is_written_the_sites_way(text, shown):
    assert Observation(published_text=text).published_label == shown


def test_the_indicator_page_writes_every_source_date_day_first(client):
    observation = Observation.objects.filter(
        indicator__code="DIGITAL_ECONOMY_SHARE_GDP", year=2024
    ).exclude(published_text="")
    assert observation.exists(), "the seed's press figures carry their source's date"
    text = observation.first().published_text
    body = client.get(
        reverse("indicators:indicator", args=["DIGITAL_ECONOMY_SHARE_GDP"])
    ).content.decode()
    # The source dates the page shows (provenance cells, release rows) are day first; a
    # release's name too (tests/indicators/test_release_names_dates.py).
    shown = re.findall(r'<div class="(?:small )?muted">([^<]*)</div>', body)
    assert [s for s in shown if ISO.search(s)] == []
    assert Observation(published_text=text).published_label in body
    assert not re.search(r"· \s*</div>", body), "a release row without its date"
