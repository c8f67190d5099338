"""An evidence link is an http(s) URL on every path: the web form, the spreadsheet upload
and the service they share refuse anything else with the same message; and a link stored
before that rule is shown as text, never put in an href (the report page, the public task
page, the indicator pages)."""

import datetime
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lotrinh.core.links import is_web_link
from lotrinh.indicators.models import Approval, Indicator, Observation
from lotrinh.reporting import services, xlsx_form
from lotrinh.reporting.entry_html import entry_rows_html
from lotrinh.reporting.models import ReportEntry
from tests.conftest import client_for
from tests.reporting.conftest import fill
from tests.reporting.test_versions import entry_post
from tests.reporting.test_xlsx import post_form, save, workbook

pytestmark = pytest.mark.django_db

SCRIPT = "javascript:alert(1)"
REFUSED = ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>", "ftp://a.vn/x"]


@pytest.mark.parametrize("link", REFUSED)
def test_the_service_refuses_a_link_that_is_not_http(link, report_a, officer_a):
    entry = report_a.entries.first()
    with pytest.raises(services.EntryInvalid) as excinfo:
        services.save_entry(
            entry, officer_a, {"status": "in_progress", "evidence_link": link}, entry.version
        )
    assert excinfo.value.problems == {"evidence_link": "Nhập một URL hợp lệ."}
    entry.refresh_from_db()
    assert entry.evidence_link == "" and entry.version == 1


def test_the_service_takes_an_http_or_https_link(report_a, officer_a):
    entry = report_a.entries.first()
    for link in ("https://chinhphu.vn/van-ban?id=1", "http://moh.gov.vn/a"):
        entry = services.save_entry(
            entry, officer_a, {"status": "in_progress", "evidence_link": link}, entry.version
        )
        assert entry.evidence_link == link


def test_the_web_form_and_the_spreadsheet_refuse_a_script_link_with_one_message(
    report_a, officer_a, django_capture_on_commit_callbacks
):
    entry = report_a.entries.select_related("task").order_by("task__position").first()
    client = client_for(officer_a)
    page = client.post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/",
        entry_post(entry, evidence_link=SCRIPT),
        HTTP_HX_REQUEST="true",
    )
    assert page.status_code == 400 and "Nhập một URL hợp lệ." in page.content.decode()

    book = workbook(report_a)
    sheet = book[xlsx_form.SHEET]
    assert sheet["A2"].value == entry.task.ref
    sheet["G2"] = SCRIPT
    with pytest.raises(xlsx_form.FormErrors) as excinfo:
        xlsx_form.import_form(report_a, officer_a, save(book))
    assert [str(p) for p in excinfo.value.problems] == [
        "dòng 2, cột “Đường dẫn minh chứng”: Nhập một URL hợp lệ."
    ]
    # The upload page (the worker's run) says the same and writes nothing.
    response = post_form(client, report_a, save(book), django_capture_on_commit_callbacks)
    shown = client.get(response["Location"]).content.decode()
    assert "Nhập một URL hợp lệ." in shown and "Đã cập nhật" not in shown
    entry.refresh_from_db()
    assert entry.evidence_link == "" and entry.version == 1


def test_the_spreadsheet_reads_a_link_without_scheme_as_the_web_form_does(report_a, officer_a):
    book = workbook(report_a)
    sheet = book[xlsx_form.SHEET]
    sheet["G2"] = "moh.gov.vn/vb/12"
    assert xlsx_form.import_form(report_a, officer_a, save(book)) == 1
    entry = ReportEntry.objects.get(report=report_a, task__ref=sheet["A2"].value)
    assert entry.evidence_link == "https://moh.gov.vn/vb/12"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_stored_script_link_is_text_on_the_report_page(
    language, report_a, officer_a, approver_a, most_monitor
):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    first, second = report_a.entries.order_by("task__position")[:2]
    # As stored by the upload before the rule (the service is not asked).
    ReportEntry.objects.filter(pk=first.pk).update(evidence_link=SCRIPT)
    ReportEntry.objects.filter(pk=second.pk).update(evidence_link="https://moh.gov.vn/a")
    response = client_for(most_monitor).get(
        reverse("reporting:report", args=[report_a.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    body = response.content.decode()
    assert 'href="javascript' not in body.lower()
    assert '<span class="link-text break">javascript:alert(1)</span>' in body
    assert '<a href="https://moh.gov.vn/a" rel="noreferrer">' in body
    # The template the rows were written from says the same (its test compares the two).
    entries = list(response.context["view"].entries)
    with translation.override(language):
        rows = render_to_string(
            "reporting/_entry_rows.html",
            {"view": SimpleNamespace(entries=entries), "report": report_a},
        )
    assert 'href="javascript' not in rows and "javascript:alert(1)</span>" in rows
    with translation.override(language):
        assert str(entry_rows_html(entries, report_a.pk)) == rows


def test_only_http_links_are_web_links():
    assert is_web_link("https://a.vn/x?y=1") and is_web_link("http://a.vn")
    for value in [*REFUSED, "", None, "a.vn", "vbscript:x", "//a.vn/x", "https://"]:
        assert not is_web_link(value), value


def test_a_stored_script_link_is_text_on_the_public_task_page():
    statement = SimpleNamespace(
        year=2024,
        agency=None,
        status_label="Hoàn thành",
        result="",
        evidence_number="1/QĐ",
        evidence_date=datetime.date(2024, 3, 1),
        evidence_link=SCRIPT,
    )
    item = SimpleNamespace(
        task=SimpleNamespace(ref="I.1", text="", deadline=None, deadline_text=""),
        statements=[statement],
        statements_as_shown=[statement],  # what the page lists (`PublicTask`'s order)
        lead_pairs=[],
        coordinating_pairs=[],
    )
    html = render_to_string("portal/body/task.html", {"item": item})
    assert 'href="javascript' not in html and "javascript:alert(1)</span>" in html
    statement.evidence_link = "https://moh.gov.vn/a"
    html = render_to_string("portal/body/task.html", {"item": item})
    assert '<a href="https://moh.gov.vn/a" rel="noopener nofollow">' in html


def test_a_stored_script_source_is_text_on_the_indicator_page(officer_a):
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    Observation.objects.create(
        indicator=indicator,
        year=2030,
        value=7,
        citation="Nguồn MARKSRC",
        source_url=SCRIPT,
        recorded_by=officer_a,
        approval=Approval.APPROVED,
        is_current=True,
        known_on=datetime.date(2024, 1, 2),
    )
    body = (
        client_for(officer_a)
        .get(reverse("indicators:indicator", args=[indicator.code]))
        .content.decode()
    )
    assert "MARKSRC" in body
    assert 'href="javascript' not in body.lower()
