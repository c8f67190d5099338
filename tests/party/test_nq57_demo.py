"""A Party body's own plan in the demo: 57-NQ/TW imported from the corpus with the
six-monthly regime its text states (IV.6), the National Assembly Party Delegation's plan
3260-KH/ĐĐQH15 as its child programme, one six-monthly period of reports; the commands
list both and export the plan's links."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import holder_at
from lotrinh.programmes.models import Programme, ProgrammeStatus, TaskLink
from lotrinh.reporting import demo_nq57
from lotrinh.reporting.demo_cascade import corpus_dir
from lotrinh.reporting.models import AgencyReport, Frequency, ReportStatus

pytestmark = pytest.mark.skipif(
    not all((corpus_dir() / f).exists() for f in (demo_nq57.PARENT_FILE, demo_nq57.CHILD_FILE)),
    reason="the corpus (setting LOTRINH_CORPUS_DIR) is not available",
)


@pytest.fixture
def demo(seeded_db: None) -> str:
    return demo_nq57.generate_nq57_demo()


def test_the_imported_resolution_has_its_six_monthly_regime_with_recipients_and_periods(
    demo: str,
) -> None:
    parent = Programme.objects.get(code="57-NQ/TW", status=ProgrammeStatus.PUBLISHED)
    regime = parent.reporting_regimes.get(code=demo_nq57.REGIME)
    assert regime.frequency == Frequency.SEMIANNUAL
    assert regime.clause_ref == "IV.6"
    assert regime.recipient is not None and regime.recipient.name_vi == "Bộ Chính trị"
    assert regime.recipient_text == "Ban Chỉ đạo Trung ương, Bộ Chính trị"
    assert [a.name_vi for a in regime.reporters.all()] == ["Văn phòng Trung ương Đảng"]
    assert regime.first_year == 2025  # issued 22 December 2024: the window of 2025's first half
    periods = {(p.year, p.part): p for p in regime.periods.all()}
    assert (2025, 1) in periods and (2024, 2) not in periods
    assert periods[(2025, 1)].label == "6 tháng đầu năm 2025"


def test_the_delegations_plan_is_a_published_child_with_confirmed_links(demo: str) -> None:
    child = Programme.objects.get(code="3260-KH/ĐĐQH15", status=ProgrammeStatus.PUBLISHED)
    assert child.implements is not None and child.implements.code == "57-NQ/TW"
    assert child.issuer is not None and child.issuer.name_vi == "Đảng đoàn Quốc hội"
    assert child.title.startswith("Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW")
    tasks = child.tasks.count()
    assert tasks == 45
    confirmed = TaskLink.objects.filter(task__programme=child, confirmed=True)
    assert confirmed.values("task").distinct().count() == tasks
    # The Party Delegation ended on 24 January 2025: its successor holds the plan.
    assert holder_at(child.issuer, datetime.date(2025, 7, 1)).name_vi == "Đảng ủy Quốc hội"
    assert holder_at(child.issuer, datetime.date(2025, 1, 10)).name_vi == "Đảng đoàn Quốc hội"
    # National Assembly bodies the plan addresses are agencies of the registry, not units
    # of the Delegation (docs/cascade.md).
    assert Agency.objects.filter(name_vi="Văn phòng Quốc hội").exists()
    assert not child.issuer.units.filter(name_vi="Văn phòng Quốc hội").exists()


def test_one_six_monthly_report_goes_up_and_is_accepted_by_the_politburo(demo: str) -> None:
    report = AgencyReport.objects.get(period__regime__code=demo_nq57.REGIME)
    assert report.agency.name_vi == "Văn phòng Trung ương Đảng"
    assert (report.period.year, report.period.part) == (2025, 1)
    assert report.status == ReportStatus.ACCEPTED
    assert report.entries.filter(task__ref="IV.6").exists()
    assert "vptw-baocao" in demo and "bct-theodoi" in demo


def test_the_demo_is_idempotent(demo: str) -> None:
    again = demo_nq57.generate_nq57_demo()
    assert Programme.objects.filter(code="57-NQ/TW").count() == 1
    assert Programme.objects.filter(code="3260-KH/ĐĐQH15").count() == 1
    assert AgencyReport.objects.filter(period__regime__code=demo_nq57.REGIME).count() == 1
    assert again == demo


def test_the_demo_says_where_it_looked_without_the_corpus(
    seeded_db: None, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.LOTRINH_CORPUS_DIR = str(tmp_path)
    assert demo_nq57.generate_nq57_demo().startswith("bỏ qua")
    assert not Programme.objects.filter(code="57-NQ/TW").exists()


def test_the_commands_list_both_and_export_implements_per_task(demo: str) -> None:
    out = StringIO()
    call_command("programmes", "--format", "json", stdout=out)
    rows = {r["code"]: r for r in json.loads(out.getvalue())}
    assert rows["57-NQ/TW"]["issuer"] == "Bộ Chính trị"
    assert rows["57-NQ/TW"]["parent"] in (None, "")
    assert (rows["3260-KH/ĐĐQH15"]["issuer"], rows["3260-KH/ĐĐQH15"]["parent"]) == (
        "Đảng đoàn Quốc hội",
        "57-NQ/TW",
    )
    out = StringIO()
    call_command("export", "3260-KH/ĐĐQH15", "--format", "json", stdout=out)
    exported = json.loads(out.getvalue())
    parent_refs = set(Programme.objects.get(code="57-NQ/TW").tasks.values_list("ref", flat=True))
    assert len(exported["tasks"]) == 45
    for task in exported["tasks"]:
        assert task["implements"], task["ref"]
        assert set(task["implements"]) <= parent_refs
    by_ref = {t["ref"]: t for t in exported["tasks"]}
    assert "IV.2" in {ref for t in by_ref.values() for ref in t["implements"]}
    out = StringIO()
    call_command("export", "57-NQ/TW", "--format", "json", stdout=out)
    regimes = json.loads(out.getvalue())["reporting_regimes"]
    assert any(r["frequency"] == "semiannual" for r in regimes)


def test_the_programme_page_shows_the_regime_with_its_recipients_as_written(
    demo: str, client
) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/chuong-trinh/57-nq-tw/")
    assert page.status_code == 200
    html = page.content.decode()
    section = html[html.index("Chế độ báo cáo") :]
    section = section[: section.index("</table>")]
    assert "Báo cáo định kỳ 6 tháng" in section
    assert "Văn phòng Trung ương Đảng" in section
    assert "Bộ Chính trị" in section and "Ban Chỉ đạo Trung ương, Bộ Chính trị" in section
    assert "None" not in section


def test_the_delegations_successor_reads_its_published_plan_and_others_do_not(
    demo: str, client
) -> None:  # type: ignore[no-untyped-def]
    from lotrinh.accounts.models import User

    child = Programme.objects.get(code="3260-KH/ĐĐQH15", status=ProgrammeStatus.PUBLISHED)
    client.force_login(User.objects.get(username="duqh-baocao"))
    assert "3260-KH/ĐĐQH15" in client.get("/phan-cap/").content.decode()
    page = client.get(f"/phan-cap/ke-hoach/{child.pk}/")
    assert page.status_code == 200 and "IV.2" in page.content.decode()
    client.force_login(User.objects.get(username="vptw-baocao"))
    assert "3260-KH/ĐĐQH15" not in client.get("/phan-cap/").content.decode()
    assert client.get(f"/phan-cap/ke-hoach/{child.pk}/").status_code == 404
