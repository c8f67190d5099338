"""A day in a workbook we hand out is Excel's own date, shown dd/mm/yyyy (dd/mm/yyyy hh:mm
for a moment, in Vietnam's time), so a monitoring officer sorts and filters it as a date:
as text "01/12/2025" sorts before "02/01/2024". What is not a day ("Trước 31/12",
"Quý IV/2025") stays text; a CSV keeps its text. The report form's round trip reads back
the date cells it hands out, a day typed as text and a date cell typed by the clerk."""

import datetime
import io
import re

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lotrinh.core import exports
from lotrinh.core.dates import EARLIEST_DOCUMENT_DAY
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services, xlsx_form
from lotrinh.reporting.models import AgencyReport

pytestmark = pytest.mark.django_db
TEXT_DAY = re.compile(r"\d{1,2}/\d{1,2}/\d{4}( \d\d:\d\d(:\d\d)?)?")
# 20:30 in UTC is 03:30 the next day in Vietnam: the day a page shows is the local one.
EVENING_UTC = datetime.datetime(2025, 1, 14, 20, 30, tzinfo=datetime.UTC)


def book_of(blob: bytes):
    return load_workbook(io.BytesIO(blob))


def column(sheet, heading: str) -> list:
    """The cells under `heading` (row 1), blank ones left out."""
    headings = [c.value for c in sheet[1]]
    index = headings.index(heading)
    return [row[index] for row in sheet.iter_rows(min_row=2) if row[index].value not in (None, "")]


def assert_days(cells: list, fmt: str = "dd/mm/yyyy") -> list:
    assert cells, "no dated cell: the test would pass vacuously"
    for cell in cells:
        assert isinstance(cell.value, datetime.datetime), (cell.coordinate, cell.value)
        assert cell.number_format == fmt, (cell.coordinate, cell.number_format)
    return [c.value for c in cells]


def assert_no_text_day(blob: bytes) -> None:
    """No text cell of the workbook is only a day (it would sort as text)."""
    for sheet in book_of(blob).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not TEXT_DAY.fullmatch(cell.value.strip()), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


@pytest.fixture
def period(programme):
    regime = programme.reporting_regimes.get(code="annual-report")
    return next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)


@pytest.fixture
def report(period, officer_a):
    return services.ensure_report(officer_a.agency, period)


# ---------------------------------------------------------------- the helper


def test_a_moment_with_a_zone_leaves_as_vietnams_local_time_without_a_zone():
    assert exports.safe_cell(EVENING_UTC) == datetime.datetime(2025, 1, 15, 3, 30)
    naive = datetime.datetime(2025, 1, 15, 3, 30, 16)
    assert exports.safe_cell(naive) == naive
    # Cut to the second, as the text was: Excel would round 16.6 s up to 17.
    assert exports.safe_cell(naive.replace(microsecond=606000)) == naive


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/03/2024", datetime.date(2024, 3, 15)),
        ("31/02/2024", "31/02/2024"),  # not a day: kept as written
        ("Trước 31/12", "Trước 31/12"),
        ("Quý IV/2025", "Quý IV/2025"),
        ("15/03/2024 (muộn)", "15/03/2024 (muộn)"),
        ("", ""),
        (None, None),
    ],
)
def test_only_a_whole_day_written_dd_mm_yyyy_becomes_a_date(value, expected):
    assert exports.day_or_text(value) == expected


# ---------------------------------------------------------------- each workbook


def test_the_period_workbook_dates_the_first_sending_and_the_acceptance(period, report):
    from lotrinh.reporting import compliance

    AgencyReport.objects.filter(pk=report.pk).update(
        status="accepted",
        first_submitted_at=EVENING_UTC,
        accepted_at=EVENING_UTC + datetime.timedelta(days=3),
    )
    rows, rates = compliance.period_picture(period.regime, period, today=datetime.date(2025, 3, 1))
    blob = compliance.period_xlsx(period, rows, rates)
    sheet = book_of(blob).active
    heading = sheet["A1"].value
    assert f"hạn {period.due_date:%d/%m/%Y}" in heading  # a heading stays words
    assert assert_days(column(sheet, "Gửi lần đầu")) == [datetime.datetime(2025, 1, 15)]
    assert assert_days(column(sheet, "Tiếp nhận")) == [datetime.datetime(2025, 1, 18)]
    assert_no_text_day(blob)


def test_the_report_form_hands_out_the_evidence_date_as_a_date(report):
    entry = report.entries.select_related("task").order_by("task__position").first()
    entry.evidence_date = datetime.date(2024, 12, 1)
    entry.save()
    blob = xlsx_form.build_form(report)
    sheet = book_of(blob)[xlsx_form.SHEET]
    assert assert_days(column(sheet, "Ngày văn bản (dd/mm/yyyy)")) == [
        datetime.datetime(2024, 12, 1)
    ]
    # A blank one is ready to show a typed day the same way.
    assert {row[5].number_format for row in sheet.iter_rows(min_row=2)} == {"dd/mm/yyyy"}
    assert_no_text_day(blob)


def test_the_activity_log_dates_each_event_to_the_second_in_vietnams_time(report):
    from lotrinh.core import activity
    from lotrinh.core.audit import record_event
    from tests.conftest import make_user

    most = make_user("dates_most", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    actor = make_user("dates_admin", report.agency.code, "agency_admin")
    invited = make_user("dates_invited", report.agency.code, "reporter")
    with time_machine.travel(EVENING_UTC + datetime.timedelta(seconds=7.9), tick=False):
        record_event(actor, "account.invited", invited, after={"role": "reporter"})
    blob = activity.export_xlsx(most, activity.ActivityFilter())
    sheet = book_of(blob).active
    moments = assert_days(column(sheet, "Thời điểm (giờ Việt Nam)"), "dd/mm/yyyy hh:mm:ss")
    assert datetime.datetime(2025, 1, 15, 3, 30, 7) in moments
    assert_no_text_day(blob)


def test_the_consolidated_annex_dates_the_submission_and_keeps_words_as_words(programme):
    from lotrinh.documents import assemble, render

    data = assemble.consolidated(programme, 2024, datetime.date(2024, 12, 31))
    data["compliance"] = [
        {"agency": "Bộ Y tế", "plan": "Có", "report": "Muộn", "submitted": "15/03/2025"},
        {"agency": "Bộ Tài chính", "plan": "Có", "report": "Chưa nộp", "submitted": ""},
        {"agency": "Bộ Công an", "plan": "Có", "report": "Đúng hạn", "submitted": "Trước 31/12"},
    ]
    blob = render.render_xlsx("consolidated", data)
    sheet = book_of(blob)["Tình hình báo cáo"]
    submitted = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert assert_days([submitted[0]]) == [datetime.datetime(2025, 3, 15)]
    assert submitted[1].value in (None, "")
    assert submitted[2].value == "Trước 31/12"


def test_the_consolidated_annex_as_assembled_from_reports_carries_dates(programme, report):
    from lotrinh.documents import assemble, render

    AgencyReport.objects.filter(pk=report.pk).update(
        status="accepted", first_submitted_at=EVENING_UTC, accepted_at=EVENING_UTC
    )
    data = assemble.consolidated(programme, 2024, datetime.date(2025, 3, 1))
    assert any(r["submitted"] for r in data["compliance"])
    blob = render.render_xlsx("consolidated", data)
    assert_days(column(book_of(blob)["Tình hình báo cáo"], sheet_heading(blob)))
    assert_no_text_day(blob)


def sheet_heading(blob: bytes) -> str:
    """The annex's fourth heading (its words follow the document's reporters)."""
    return book_of(blob)["Tình hình báo cáo"]["D1"].value


@pytest.fixture
def published(report, programme, officer_a):
    from lotrinh.portal.services import publish_report
    from tests.conftest import make_user

    most = make_user("dates_most_pub", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    approver = make_user("dates_approver", report.agency.code, "approver")
    entry = report.entries.select_related("task").order_by("task__position").first()
    services.save_entry(
        entry,
        officer_a,
        {
            "status": "done_on_time",
            "result": "Đã ban hành",
            "evidence_number": "12/QĐ-BYT",
            "evidence_date": datetime.date(2024, 6, 1),
        },
        expected_version=entry.version,
    )
    report.refresh_from_db()
    report = services.submit_report(services.approve_report(report, approver), approver)
    publish_report(most, services.accept_report(report, most))
    return report


def test_the_open_data_workbooks_date_the_evidence_and_the_publication(published, programme):
    from lotrinh.portal import datasets, public

    picture = public.picture(programme)
    results = datasets.DATASETS["ket-qua"]
    rows = results.rows(picture)
    blob = datasets.as_xlsx(results, rows, datasets.metadata(results))
    sheet = book_of(blob)["data"]
    assert datetime.datetime(2024, 6, 1) in assert_days(column(sheet, "evidence_date"))
    assert assert_days(column(sheet, "published"))
    tasks = datasets.DATASETS["nhiem-vu"]
    blob_tasks = datasets.as_xlsx(tasks, tasks.rows(picture), datasets.metadata(tasks))
    assert assert_days(column(book_of(blob_tasks)["data"], "updated"))
    # CSV and JSON keep the ISO day they always wrote (unambiguous: year first).
    csv_text = datasets.as_csv(results, rows)
    assert ",2024-06-01," in csv_text
    assert '"evidence_date": "2024-06-01"' in datasets.as_json(
        results, rows, datasets.metadata(results)
    )


# ---------------------------------------------------------------- the form's round trip

DAYS = st.dates(min_value=EARLIEST_DOCUMENT_DAY, max_value=datetime.date(2024, 12, 31))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stored=st.one_of(st.none(), DAYS), typed=DAYS, how=st.sampled_from(["cell", "text"]))
def test_the_report_form_reads_back_any_day_it_hands_out_or_a_clerk_types(
    report, stored, typed, how
):
    entry = report.entries.select_related("task").order_by("task__position").first()
    entry.evidence_date = stored
    entry.save()
    blob = xlsx_form.build_form(report)
    # Handed out and sent back untouched: the same day, and the row is unchanged.
    back = xlsx_form.parse_form(report, blob)[entry.task.ref]
    assert back["evidence_date"] == stored and back["_unchanged"]
    # The clerk types a day: as a date cell (Excel turns "15/03/2026" into one) or as text.
    book = book_of(blob)
    sheet = book[xlsx_form.SHEET]
    sheet["F2"] = typed if how == "cell" else typed.strftime("%d/%m/%Y")
    out = io.BytesIO()
    book.save(out)
    back = xlsx_form.parse_form(report, out.getvalue())[entry.task.ref]
    assert back["evidence_date"] == typed
    assert back["_unchanged"] == (typed == stored)


def test_the_report_form_still_refuses_a_day_that_is_not_one(report):
    book = book_of(xlsx_form.build_form(report))
    book[xlsx_form.SHEET]["F2"] = "31/02/2024"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(xlsx_form.FormErrors, match="31/02/2024"):
        xlsx_form.parse_form(report, out.getvalue())
