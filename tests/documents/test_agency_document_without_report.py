"""An agency's document is made from its own report of the year: a year it has no report
of is refused when asked, with a sentence saying why, and nothing is queued.

Walk (helper walkx): Thành ủy Hà Nội's reporter asked for "Báo cáo của cơ quan" of 2025;
the job was queued, then failed, and the list showed "Lỗi — AgencyReport matching query
does not exist." (the exception's English text) on a Vietnamese page. A ministry's
reporter asking for a year before its first report met the same.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from lotrinh.documents.models import GeneratedDocument
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _ask(user, year: int):
    client = client_for(user)
    client.cookies["django_language"] = "vi"
    return client.post(
        reverse("documents:request"),
        {"kind": "agency", "year": year, "cutoff": timezone.localdate().isoformat(), "fmt": "docx"},
        follow=True,
    )


def _open_2024(agency):
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    reporting.ensure_report(agency, period)
    return period


def test_it_refuses_a_year_the_agency_has_no_report_of_and_queues_nothing(officer_a):
    _open_2024(officer_a.agency)
    response = _ask(officer_a, 2023)
    assert GeneratedDocument.objects.count() == 0
    text = response.content.decode()
    assert f"{officer_a.agency.name_vi} không có báo cáo 50/NQ-CP năm 2023" in text
    assert "Chọn năm khác" in text
    assert "matching query does not exist" not in text


def test_an_agency_with_no_yearly_report_at_all_is_not_sent_to_another_year(officer_a):
    # A Party committee (Thành ủy Hà Nội) reports half-yearly under 52-NQ/TW: no year of
    # this form has its report, "choose another year" would send it round in circles.
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    reporting.generate_periods(programme.reporting_regimes.get(code="annual-report"), 2025)
    text = _ask(officer_a, 2025).content.decode()
    assert GeneratedDocument.objects.count() == 0
    assert f"{officer_a.agency.name_vi} chưa có báo cáo năm nào theo 50/NQ-CP" in text
    assert "Chọn năm khác" not in text


def test_a_year_with_the_agencys_report_is_still_queued(officer_a):
    period = _open_2024(officer_a.agency)
    _ask(officer_a, 2024)
    document = GeneratedDocument.objects.get()
    assert (document.agency, document.year, document.period) == (officer_a.agency, 2024, period)


def test_retrying_a_failed_document_of_a_year_without_report_says_why(officer_a):
    from lotrinh.documents.models import GenerationStatus

    _open_2024(officer_a.agency)
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    failed = GeneratedDocument.objects.create(
        kind="agency",
        programme=programme,
        agency=officer_a.agency,
        year=2023,
        cutoff=timezone.localdate(),
        fmt="docx",
        requested_by=officer_a,
        status=GenerationStatus.FAILED,
        error="AgencyReport matching query does not exist.",
    )
    client = client_for(officer_a)
    client.cookies["django_language"] = "vi"
    response = client.post(reverse("documents:retry", args=[failed.pk]), follow=True)
    assert response.status_code == 200
    assert GeneratedDocument.objects.count() == 1  # no second attempt bound to fail
    assert "không có báo cáo 50/NQ-CP năm 2023" in response.content.decode()
