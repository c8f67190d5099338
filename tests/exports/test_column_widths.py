"""Every workbook opens readable: each used column sized to its header and typical
content, and the header row frozen so the headings stay in view while scrolling."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from lotrinh.core import exports

pytestmark = pytest.mark.django_db


def assert_readable(blob: bytes, key_value: tuple[str, ...] = ("metadata",)) -> None:
    """`key_value`: sheets of name/value lines with no header row (not frozen)."""
    book = load_workbook(io.BytesIO(blob))
    checked = 0
    for sheet in book.worksheets:
        if sheet.sheet_state == "hidden":
            continue
        if sheet.max_row < 2:
            continue
        checked += 1
        assert (
            sheet.title in key_value
            or sheet.freeze_panes is not None
            and sheet.freeze_panes.endswith("2")
        ), (
            sheet.title,
            sheet.freeze_panes,
        )
        for cell in sheet[1]:
            if cell.value is None:
                continue
            letter = get_column_letter(cell.column)
            # Written to the file (else Excel's default of 8.43 characters applies).
            assert letter in sheet.column_dimensions, (sheet.title, cell.value)
            dimension = sheet.column_dimensions[letter]
            if dimension.hidden:
                continue
            # The header fits, up to the widest a column gets; a longer one wraps in its
            # cell, each word whole.
            longest = max(len(line) for line in str(cell.value).splitlines())
            if cell.alignment.wrap_text:
                longest = max(len(word) for word in str(cell.value).split())
            assert dimension.width >= min(longest, exports.MAX_WIDTH), (
                sheet.title,
                cell.value,
                dimension.width,
            )
            assert exports.MIN_WIDTH <= dimension.width <= 80, (sheet.title, cell.value)
    assert checked, "no sheet checked"


def test_fit_columns_sizes_to_content_caps_long_text_and_freezes_the_header():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    exports.append_row(sheet, ["Mã", "Tên chỉ tiêu rất dài để đọc", "Ngày"])
    exports.append_row(sheet, ["A1", "x" * 300, datetime.date(2025, 1, 2)])
    exports.append_row(sheet, [1234567.89, "ngắn", datetime.datetime(2025, 1, 2, 3, 4)])
    sheet.column_dimensions["D"].width = 33  # a width the writer chose is kept
    exports.fit_columns(sheet)
    widths = {k: sheet.column_dimensions[k].width for k in "ABCD"}
    assert widths["A"] >= len("1,234,567.89")
    assert widths["B"] == exports.MAX_WIDTH
    assert sheet["B2"].alignment.wrap_text  # the long text wraps in its cell
    assert widths["C"] >= len("dd/mm/yyyy hh:mm")
    assert widths["D"] == 33
    assert sheet.freeze_panes == "A2"


def test_the_report_form_is_readable(report):
    from lotrinh.reporting import xlsx_form

    assert_readable(xlsx_form.build_form(report))


def test_the_compliance_workbook_is_readable(report, programme):
    from lotrinh.reporting import compliance

    pic = compliance.picture(programme, today=datetime.date(2024, 12, 31), years=[2024])
    assert_readable(compliance.picture_xlsx(pic))


def test_the_activity_log_is_readable(report):
    from lotrinh.core import activity
    from lotrinh.core.audit import record_event
    from tests.conftest import make_user

    most = make_user("widths_most", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    actor = make_user("widths_admin", report.agency.code, "agency_admin")
    record_event(actor, "account.invited", most, after={"role": "reporter"})
    assert_readable(activity.export_xlsx(most, activity.ActivityFilter()))


def test_the_open_data_is_readable(report, programme):
    from lotrinh.portal import datasets, public
    from lotrinh.portal.services import publish_report
    from lotrinh.reporting import services
    from tests.conftest import make_user

    most = make_user("widths_most2", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    approver = make_user("widths_approver", report.agency.code, "approver")
    report = services.submit_report(services.approve_report(report, approver), approver)
    publish_report(most, services.accept_report(report, most))
    picture = public.picture(programme)
    for name in ("ket-qua", "chi-so"):
        dataset = datasets.DATASETS[name]
        rows = dataset.rows(picture)
        assert_readable(datasets.as_xlsx(dataset, rows, datasets.metadata(dataset)))


def test_the_document_annexes_are_readable(report, programme, indicator):
    from lotrinh.documents import assemble, render

    agency = assemble.agency_report(report, datetime.date(2024, 12, 31))
    assert_readable(render.render_xlsx("agency", agency))
    data = assemble.consolidated(programme, 2024, datetime.date(2024, 12, 31))
    assert_readable(render.render_xlsx("consolidated", data))


def test_the_indicator_workbook_and_the_matrix_are_readable(indicator, programme):
    from lotrinh.indicators import services
    from lotrinh.programmes.exporters import matrix_xlsx

    assert_readable(services.export_xlsx())
    assert_readable(matrix_xlsx(programme), key_value=("Chú giải",))
