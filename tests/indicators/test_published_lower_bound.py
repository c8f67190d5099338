"""A value's publication day has the lower bound of every typed document day
(`core.dates.document_day_problem`: not before 02/09/1945, not after today), in the
form, the CSV and the workbook alike. Data years start in 1900, so a figure of 1944
"published" on 01/06/1944 was accepted."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from lotrinh.indicators import services
from lotrinh.indicators.models import Indicator, Observation
from lotrinh.indicators.validation import ObservationError
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

SHARE = "DIGITAL_ECONOMY_SHARE_GDP"  # % of GDP, 0–100


def test_the_form_refuses_a_publication_day_before_1945(most_monitor):
    response = client_for(most_monitor).post(
        reverse("indicators:enter", args=[SHARE]),
        {
            "year": 1944,
            "value": "5",
            "status": "final",
            "citation": "x",
            "published_on": "01/06/1944",
        },
    )
    assert response.status_code == 400
    assert "Ngày công bố không thể trước 02/09/1945" in response.content.decode()
    assert not Observation.objects.filter(indicator__code=SHARE, year=1944).exists()


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "kind, data",
    [
        ("csv", b"Year,Published,Value\n1944,1944-06-01,5\n"),
        ("xlsx", _xlsx([["Year", "Published", "Value"], [1944, "1944-06-01", 5]])),
    ],
)
def test_an_import_refuses_a_publication_day_before_1945(most_monitor, kind, data):
    indicator = Indicator.objects.get(code=SHARE)
    with pytest.raises(ObservationError) as refused:
        services.import_open_sdg_csv(
            indicator, data, citation="thử", user=most_monitor, workbook=kind == "xlsx"
        )
    assert any("Published" in p and "02/09/1945" in p for p in refused.value.problems)
    assert not Observation.objects.filter(indicator__code=SHARE, year=1944).exists()


def test_the_first_day_is_accepted(most_monitor):
    """A guard on the bound itself: 02/09/1945 may be typed."""
    indicator = Indicator.objects.get(code=SHARE)
    services.import_open_sdg_csv(
        indicator, b"Year,Published,Value\n1945,1945-09-02,5\n", citation="thử", user=most_monitor
    )
    assert Observation.objects.filter(indicator__code=SHARE, year=1945).exists()
