"""The pre-fill keeps each unit's result as the unit wrote it, line by line, under the
line that names the unit: a unit's list does not become one run-on line, and its "- "
lines do not read as other units' (docs/cascade.md, "Pre-filling"). Before (2026-12-07)
the work beyond the report was joined on spaces into one line, and an entry's further
lines stood at the margin like the next unit's."""

from lotrinh.agencies.models import Unit
from lotrinh.programmes.models import Task
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import AgencyReport, TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import send_report as _send

RESULT = "Đã ban hành Kế hoạch số 12/KH-SKHCN.\r\n- Nền tảng dữ liệu dùng chung.\r\n\r\n- Đào tạo 200 cán bộ.  "


def _rolled() -> rollup.RolledTask:
    national = Task(ref="II.1.a", text="Tuyên truyền về Cách mạng công nghiệp lần thứ tư")
    units = [Unit(name_vi="Sở Khoa học và Công nghệ"), Unit(name_vi="Công an Thành phố")]
    return rollup.RolledTask(
        national,
        TaskStatus.IN_PROGRESS,
        [
            rollup.UnitContribution(
                units[0], Task(ref="1"), TaskStatus.IN_PROGRESS, RESULT, "12/KH-SKHCN", None
            ),
            rollup.UnitContribution(
                units[1], Task(ref="2"), TaskStatus.NOT_STARTED, "Chưa triển khai.", "", None
            ),
        ],
    )


def test_an_entrys_prefill_keeps_each_units_lines_under_its_name() -> None:
    assert _rolled().prefill_text(with_evidence=True) == (
        "- Sở Khoa học và Công nghệ (1): Đã ban hành Kế hoạch số 12/KH-SKHCN.\n"
        "  - Nền tảng dữ liệu dùng chung.\n"
        "  - Đào tạo 200 cán bộ.\n"
        "- Công an Thành phố (2): Chưa triển khai.\n"
        "Căn cứ: Sở Khoa học và Công nghệ: 12/KH-SKHCN"
    )


def test_the_work_beyond_the_report_keeps_each_units_lines_under_its_name() -> None:
    assert rollup.beyond_block(_rolled()) == (
        "- Nhiệm vụ II.1.a: Tuyên truyền về Cách mạng công nghiệp lần thứ tư\n"
        "  + Sở Khoa học và Công nghệ (1) — Đang thực hiện, trong hạn: Đã ban hành Kế hoạch"
        " số 12/KH-SKHCN.\n"
        "    - Nền tảng dữ liệu dùng chung.\n"
        "    - Đào tạo 200 cán bộ. (căn cứ: 12/KH-SKHCN)\n"
        "  + Công an Thành phố (2) — Chưa triển khai: Chưa triển khai."
    )


def test_the_prefilled_entry_of_the_agencys_report_keeps_the_lines(province) -> None:
    p = province
    khcn = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    for entry in khcn.entries.all():
        services.save_entry(
            entry,
            p["khcn_reporter"],
            {"status": TaskStatus.IN_PROGRESS, "result": RESULT},
            entry.version,
        )
    services.accept_report(_send(khcn, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    rollup.prefill_report(AgencyReport.objects.get(pk=p["national"].pk), p["reporter"])
    first = p["national"].entries.get(task__ref=p["lead_tasks"][0])
    assert first.result == (
        "- Sở Khoa học và Công nghệ (1): Đã ban hành Kế hoạch số 12/KH-SKHCN.\n"
        "  - Nền tảng dữ liệu dùng chung.\n"
        "  - Đào tạo 200 cán bộ."
    )
    # A second pre-fill knows its own text: nothing counted as the agency's writing.
    again = rollup.prefill_report(AgencyReport.objects.get(pk=p["national"].pk), p["reporter"])
    assert (again.filled, again.kept) == (0, 0)
