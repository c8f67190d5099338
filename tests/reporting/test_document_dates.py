"""A document's date (an entry's evidence, a plan's issue, an imported document's issue)
is a day between 02/09/1945 and today in Vietnam (`core.dates.document_day_problem`):
0001-01-01 was accepted on the report form, the spreadsheet, the API
(tests/api/test_evidence_dates.py), the plan page and the importer's header. Refused with the field and both bounds in the reader's language,
nothing changed, what was typed given back."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from lotrinh.core.dates import EARLIEST_DOCUMENT_DAY, document_day_problem
from lotrinh.importer import review
from lotrinh.importer.models import DraftImport
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services, xlsx_form
from lotrinh.reporting.models import ReportEntry
from tests.conftest import client_for
from tests.core.pending_english import add_pending_english
from tests.importer.test_review import draft  # noqa: F401 - the fixture
from tests.reporting.test_xlsx import save, workbook

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)


def test_the_rule_takes_both_bounds_and_refuses_outside_them():
    assert document_day_problem(None, "Ngày văn bản", TODAY) == ""
    assert document_day_problem(EARLIEST_DOCUMENT_DAY, "Ngày văn bản", TODAY) == ""
    assert document_day_problem(TODAY, "Ngày văn bản", TODAY) == ""
    early = document_day_problem(datetime.date(1945, 9, 1), "Ngày văn bản", TODAY)
    assert early == (
        "Ngày văn bản không thể trước 02/09/1945: hãy nhập ngày từ 02/09/1945 đến hôm nay "
        "(06/12/2026)."
    )
    late = document_day_problem(datetime.date(2026, 12, 7), "Ngày văn bản", TODAY)
    assert late.startswith("Ngày văn bản không thể ở tương lai:") and "06/12/2026" in late


def test_the_rule_speaks_english_on_an_english_page(monkeypatch):
    add_pending_english(monkeypatch, "conform")
    with translation.override("en"):
        said = services.validate_entry(
            {"status": "in_progress", "evidence_date": datetime.date(1, 1, 1)}, TODAY
        )["evidence_date"]
    assert said == (
        "The document date cannot be before 02/09/1945: enter a date between 02/09/1945 "
        "and today (06/12/2026)."
    )


def test_today_is_vietnams_day_not_the_servers():
    """At 23:30 UTC on 5 December it is already 6 December in Hà Nội."""
    from unittest import mock

    from django.utils import timezone

    late_evening = datetime.datetime(2026, 12, 5, 23, 30, tzinfo=datetime.UTC)
    with mock.patch.object(timezone, "now", return_value=late_evening):
        assert document_day_problem(datetime.date(2026, 12, 6), "Ngày văn bản") == ""
        assert "06/12/2026" in document_day_problem(datetime.date(2026, 12, 7), "Ngày văn bản")


def test_an_evidence_date_of_year_one_is_refused_by_the_service(report_a, officer_a):
    entry = report_a.entries.first()
    with pytest.raises(services.EntryInvalid) as refused:
        services.save_entry(
            entry,
            officer_a,
            {"status": "in_progress", "evidence_date": datetime.date(1, 1, 1)},
            expected_version=entry.version,
        )
    assert "02/09/1945" in refused.value.problems["evidence_date"]
    entry.refresh_from_db()
    assert entry.version == 1 and entry.evidence_date is None


def test_the_report_form_keeps_what_was_typed_and_says_why_beside_the_date(report_a, officer_a):
    entry = report_a.entries.first()
    response = client_for(officer_a).post(
        reverse("reporting:save_entry", args=[report_a.pk, entry.pk]),
        {
            f"e{entry.pk}-status": "in_progress",
            f"e{entry.pk}-evidence_number": "12/QĐ-BYT",
            f"e{entry.pk}-evidence_date": "01/01/0001",
            f"e{entry.pk}-result": "Giữ lại",
            f"e{entry.pk}-version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["evidence_date"])
    assert "Ngày văn bản không thể trước 02/09/1945" in errors
    html = response.content.decode()
    assert 'value="01/01/0001"' in html and "Giữ lại" in html and 'value="12/QĐ-BYT"' in html
    entry.refresh_from_db()
    assert entry.version == 1 and entry.evidence_date is None


def test_the_spreadsheet_refuses_it_on_its_row(report_a, officer_a):
    book = workbook(report_a)
    sheet = book[xlsx_form.SHEET]
    sheet["C2"] = "Đang thực hiện, trong hạn"
    sheet["F2"] = "01/01/1900"
    before = list(ReportEntry.objects.filter(report=report_a).values_list("status", "version"))
    with pytest.raises(xlsx_form.FormErrors) as excinfo:
        xlsx_form.import_form(report_a, officer_a, save(book))
    problems = [str(p) for p in excinfo.value.problems]
    assert any("dòng 2" in p and "02/09/1945" in p for p in problems), problems
    assert (
        list(ReportEntry.objects.filter(report=report_a).values_list("status", "version")) == before
    )


def test_a_plan_dated_before_1945_comes_back_as_typed_with_the_message_beside_it(officer_a):
    body = {"number": "23/KH-BYT", "date": "01/01/0001", "note": "Ghi chú"}
    response = client_for(officer_a).post(reverse("reporting:plan_save"), body)
    assert response.status_code == 400
    assert not Programme.objects.filter(code="23/KH-BYT").exists()
    html = response.content.decode()
    assert 'id="date_error" role="alert">Ngày ban hành kế hoạch không thể trước 02/09/1945' in html
    assert 'value="23/KH-BYT"' in html and 'value="01/01/0001"' in html


def test_an_imported_documents_date_before_1945_is_refused(draft, most_monitor):  # noqa: F811
    before = DraftImport.objects.get(pk=draft.pk).data["programme"]
    with pytest.raises(review.ReviewError, match="không thể trước 02/09/1945"):
        review.set_header(
            draft,
            code="12/KH-BYT",
            title="Kế hoạch",
            issue_date="01/01/0001",
            implements="",
            user=most_monitor,
        )
    assert DraftImport.objects.get(pk=draft.pk).data["programme"] == before
