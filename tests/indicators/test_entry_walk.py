"""Data entry as its users meet it: the form opens clean, and indicators whose values the
system computes or cannot measure take no typed figure (their page, exports and open data
would otherwise publish a number the status does not use)."""

import pytest
from django.urls import reverse

from lotrinh.indicators import services
from lotrinh.indicators.models import Indicator, Observation
from lotrinh.indicators.validation import ObservationError
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

TASKS = "PARTY_STATE_DX_TASKS"  # computed from the linked tasks' reports
VISION = "VISION_SMART_HUB"  # not quantified


def test_the_entry_form_opens_without_errors(most_monitor):
    response = client_for(most_monitor).get(
        reverse("indicators:enter", args=["DIGITAL_ECONOMY_SHARE_GDP"])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "errorlist" not in page and 'aria-invalid="true"' not in page
    assert "Trường này là bắt buộc." not in page


@pytest.mark.parametrize("code", [TASKS, VISION])
def test_a_computed_or_unmeasured_indicator_takes_no_typed_value(code, most_monitor):
    indicator = Indicator.objects.get(code=code)
    with pytest.raises(ObservationError) as error:
        services.record_observation(
            indicator, year=2025, value=0.5, citation="Thử", user=most_monitor
        )
    assert "không nhập số liệu" in error.value.problems[0]
    client = client_for(most_monitor)
    url = reverse("indicators:enter", args=[code])
    response = client.post(url, {"year": 2025, "value": 0.5, "status": "final", "citation": "Thử"})
    assert response.status_code == 400
    assert "không nhập số liệu" in response.content.decode()
    assert not Observation.objects.filter(indicator=indicator).exists()
    # Neither the page nor the entry page offers a form that can only be refused.
    page = client.get(reverse("indicators:indicator", args=[code])).content.decode()
    assert url not in page
    entry = client.get(url).content.decode()
    assert 'name="citation"' not in entry and "không nhập số liệu" in entry


def test_a_computed_indicator_refuses_a_csv_import(most_monitor):
    indicator = Indicator.objects.get(code=TASKS)
    with pytest.raises(ObservationError):
        services.import_open_sdg_csv(
            indicator, b"Year,Value\n2025,99\n", citation="Thử", user=most_monitor
        )
    assert not Observation.objects.filter(indicator=indicator).exists()


def test_a_nul_byte_in_a_text_is_refused_in_vietnamese(most_monitor):
    response = client_for(most_monitor).post(
        reverse("indicators:enter", args=["DIGITAL_ECONOMY_SHARE_GDP"]),
        {"year": 2019, "value": "12", "status": "final", "citation": "Cục\x00Thống kê"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "ký tự NUL" in page and "Null characters" not in page
    assert not Observation.objects.filter(year=2019, citation__startswith="Cục").exists()


@pytest.mark.parametrize("reason", ["x" * 2001, "Sai\x00số"])
def test_a_rejection_reason_refused_says_why_not_that_it_is_missing(most_monitor, reason):
    from lotrinh.accounts.models import Role
    from tests.conftest import AGENCY_B, make_user

    proposed = services.record_observation(
        Indicator.objects.get(code="DIGITAL_ECONOMY_SHARE_GDP"),
        year=2019,
        value=14.2,
        citation="Cục Thống kê",
        user=make_user("officer_b", AGENCY_B, Role.REPORTER),
    )
    response = client_for(most_monitor).post(
        reverse("indicators:reject", args=["DIGITAL_ECONOMY_SHARE_GDP", proposed.pk]),
        {"reason": reason},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Cần nêu lý do từ chối" not in page
    assert "tối đa 2000" in page or "ký tự NUL" in page
    proposed.refresh_from_db()
    assert proposed.approval == "pending"


def test_the_indicators_workbook_is_vietnamese_whatever_the_page_language(client):
    """Its headers and yes/no cells are Vietnamese; the kind and status cells followed the
    visitor's language ("World rank", "Final" under "Loại", "Tình trạng")."""
    import io

    from openpyxl import load_workbook

    client.cookies["django_language"] = "en"
    book = load_workbook(io.BytesIO(client.get(reverse("indicators:export_all")).content))
    kinds = {row[0]: row[3] for row in book["Chỉ tiêu"].iter_rows(min_row=2, values_only=True)}
    assert kinds["GII_RANK_WORLD"] == "Thứ hạng thế giới"
    statuses = {row[5] for row in book["Số liệu"].iter_rows(min_row=2, values_only=True)}
    assert statuses <= {"Chính thức", "Sơ bộ"}
