"""The consolidated report counts reports as the compliance page does, and quotes only
what is in MOST's hands (audit of the 2025 demo: a document said "5 gửi muộn" where the
page said 2 late and 3 returned, and quoted a returned report's tasks).

One period with a report on time and accepted, one late and not yet accepted, one
returned and not resent, one returned and resent, and every other agency missing.
"""

import datetime
import io

import pytest
import time_machine
from docx import Document
from pdfminer.high_level import extract_text

from lotrinh.accounts.models import Role
from lotrinh.documents import assemble, render
from lotrinh.programmes.models import Programme
from lotrinh.reporting import compliance, rules
from lotrinh.reporting import services as reporting
from tests.conftest import make_user
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2024, 12, 31)  # due date of the 2024 period: 30/11/2024
RETURNED_TEXT = "Nội dung bị trả lại, không được trích"


def at(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day} 09:00"), tick=False)


@pytest.fixture
def programme() -> Programme:
    return Programme.objects.get(code="50/NQ-CP", status="published")


def _report(programme: Programme, code: str, difficulty: str):  # type: ignore[no-untyped-def]
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    officer = make_user(f"bc_{code}", code, Role.REPORTER)
    approver = make_user(f"ld_{code}", code, Role.APPROVER)
    report = reporting.ensure_report(officer.agency, period)
    fill(report, officer)
    entry = report.entries.first()
    reporting.save_entry(
        entry,
        officer,
        {"status": "in_progress", "result": "Đang làm", "difficulties": difficulty},
        expected_version=entry.version,
    )
    return report, officer, approver


def _send(report, approver, day: str):  # type: ignore[no-untyped-def]
    with at(day):
        reporting.approve_report(report, approver)
        return reporting.submit_report(report, approver)


@pytest.fixture
def period_reports(programme, most_monitor):  # type: ignore[no-untyped-def]
    """Bộ Y tế on time and accepted; Bộ Tài chính late, not accepted; Bộ Công an on time
    then returned (not resent); Thành phố Hà Nội returned, then resent (its first
    sending was on time)."""
    health, _o, approver = _report(programme, "bo-y-te", "Thiếu kinh phí (Bộ Y tế)")
    _send(health, approver, "2024-11-25")
    with at("2024-12-05"):
        reporting.accept_report(health, most_monitor)

    finance, _o, approver = _report(programme, "bo-tai-chinh", "Thiếu nhân lực (Bộ Tài chính)")
    _send(finance, approver, "2024-12-10")

    police, _o, approver = _report(programme, "bo-cong-an", RETURNED_TEXT)
    _send(police, approver, "2024-11-20")
    with at("2024-12-03"):
        reporting.return_report(police, most_monitor, "Bổ sung minh chứng")

    hanoi, officer, approver = _report(programme, "thanh-pho-ha-noi", "Bản đầu, đã thay")
    _send(hanoi, approver, "2024-11-28")
    with at("2024-12-02"):
        reporting.return_report(hanoi, most_monitor, "Bổ sung minh chứng")
    entry = hanoi.entries.first()
    entry.refresh_from_db()
    reporting.save_entry(
        entry,
        officer,
        {"status": "in_progress", "result": "Đang làm", "difficulties": "Bản gửi lại (Hà Nội)"},
        expected_version=entry.version,
    )
    _send(hanoi, approver, "2024-12-08")


def _docx_text(blob: bytes) -> str:
    document = Document(io.BytesIO(blob))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_the_document_counts_and_lists_reports_as_the_compliance_page(programme, period_reports):  # type: ignore[no-untyped-def]
    data = assemble.consolidated(programme, 2024, CUTOFF)
    page = compliance.picture(programme, today=CUTOFF, years=[2024])
    (summary,) = compliance.year_summaries(page)
    o = data["overview"]
    assert (
        o["expected"],
        o["reports_submitted"],
        o["reports_on_time"],
        o["reports_late"],
        o["reports_returned"],
    ) == (summary.expected, summary.submitted, summary.on_time, summary.late, summary.returned)
    assert (summary.submitted, summary.on_time, summary.late, summary.returned) == (4, 2, 1, 1)
    # The annex: the page's rows, in the page's order, with the page's states.
    assert [(r["agency"], r["report"]) for r in data["compliance"]] == [
        (row.agency.name_vi, assemble.CELL_LABELS[row.cells[2024].state]) for row in page.rows
    ]
    annex = {r["agency"]: r for r in data["compliance"]}
    assert annex["Bộ Công an"]["report"] == "Bị trả lại"
    assert annex["Bộ Công an"]["state"] == "Trả lại ngày 03/12/2024"
    assert annex["Bộ Y tế"]["state"] == "Đã tiếp nhận (05/12/2024)"
    assert annex["Bộ Tài chính"]["report"] == "Muộn"
    assert annex["Bộ Tài chính"]["state"] == "Chưa tiếp nhận"
    # Resent after a return: on time by its first sending, as on the page.
    assert annex["Thành phố Hà Nội"]["report"] == "Đúng hạn"
    assert annex["Thành phố Hà Nội"]["submitted"] == "28/11/2024"
    # Ministries and other central bodies first, then the provinces and cities.
    names = [r["agency"] for r in data["compliance"]]
    assert names.index("Bộ Y tế") < names.index("Đài Truyền hình Việt Nam")
    assert names.index("Văn phòng Chính phủ") < names.index("Thành phố Hà Nội")
    assert names.index("Thành phố Hà Nội") < names.index("Tỉnh Cao Bằng")

    missing = summary.expected - 4
    sentence = (
        f"Có 4/{summary.expected} cơ quan đã gửi báo cáo (tỷ lệ {o['reporting_rate']}), "
        f"trong đó 2 đúng hạn (tỷ lệ {o['timeliness_rate']}), 1 gửi muộn, 1 bị trả lại, "
        f"chưa gửi lại; {missing} cơ quan chưa gửi."
    )
    assert o["reporting_rate"] == f"{4 / summary.expected * 100:.1f}%".replace(".", ",")
    docx = _docx_text(render.render("consolidated", "docx", data, when=CUTOFF))
    pdf = " ".join(extract_text(io.BytesIO(render.render("consolidated", "pdf", data))).split())
    for text in (docx, pdf):
        assert sentence in " ".join(text.split())
        # Returned content is not the agency's word: never quoted.
        assert RETURNED_TEXT not in text and "Bản đầu, đã thay" not in text
        assert "Thiếu kinh phí (Bộ Y tế)" in text and "Bản gửi lại (Hà Nội)" in text
        # Sent, not accepted yet: quoted, and said so.
        assert "Bộ Tài chính (báo cáo chưa được tiếp nhận) (nhiệm vụ" in " ".join(text.split())
        assert "Bộ Y tế (nhiệm vụ" in text
        assert "1 báo cáo bị trả lại, chưa gửi lại (Bộ Công an)" in " ".join(text.split())
    assert "Bộ Công an | Muộn" not in docx
    assert "Bộ Công an | Chưa gửi | Bị trả lại | 20/11/2024 | Trả lại ngày 03/12/2024" in docx


def test_a_past_cut_off_reads_each_report_as_it_stood_that_day(programme, period_reports):  # type: ignore[no-untyped-def]
    # 1 December: Bộ Y tế and Bộ Công an sent on time, Hà Nội on time, none accepted,
    # none returned yet; Bộ Tài chính had sent nothing.
    early = assemble.consolidated(programme, 2024, datetime.date(2024, 12, 1))
    rows = {r["agency"]: r for r in early["compliance"]}
    assert [rows[n]["report"] for n in ("Bộ Y tế", "Bộ Công an", "Thành phố Hà Nội")] == [
        "Đúng hạn"
    ] * 3
    assert rows["Bộ Tài chính"]["report"] == "Chưa gửi" and rows["Bộ Tài chính"]["submitted"] == ""
    assert early["overview"]["reports_returned"] == 0
    assert early["content"]["not_accepted"] == ["Bộ Công an", "Bộ Y tế", "Thành phố Hà Nội"]
    text = " ".join(_docx_text(render.render("consolidated", "docx", early)).split())
    assert RETURNED_TEXT in text  # not returned yet on that day: it was in MOST's hands
    assert "Bản đầu, đã thay" in text
    # 3 December: Bộ Công an and Hà Nội returned, so neither is quoted.
    mid = assemble.consolidated(programme, 2024, datetime.date(2024, 12, 3))
    states = {r["agency"]: r["report"] for r in mid["compliance"]}
    assert states["Bộ Công an"] == states["Thành phố Hà Nội"] == "Bị trả lại"
    assert mid["content"]["returned"] == ["Bộ Công an", "Thành phố Hà Nội"]
    quoted = {d["agency"] for d in mid["difficulties"]}
    assert quoted == {"Bộ Y tế (báo cáo chưa được tiếp nhận)"}
    # The same cut-off gives the same figures whatever happened after it.
    cells = [r["report"] for r in mid["compliance"]]
    assert cells.count("Đúng hạn") == 1 and cells.count("Muộn") == 0


def test_the_classification_is_the_compliance_rule(programme, period_reports):  # type: ignore[no-untyped-def]
    """Each annex cell is what `rules.classify_report` says of the report's own fields on
    the cut-off day (the inputs the compliance page gives it)."""
    data = assemble.consolidated(programme, 2024, CUTOFF)
    labels = {r["agency"]: r["report"] for r in data["compliance"]}
    for report in reporting.AgencyReport.objects.filter(period__year=2024, unit__isnull=True):
        state = rules.classify_report(
            due=report.period.due_date,
            first_submitted=report.first_submitted_at.date() if report.first_submitted_at else None,
            status=report.status,
            today=CUTOFF,
        )
        assert labels[report.agency.name_vi] == assemble.CELL_LABELS[state]


def test_indicator_values_carry_their_unit() -> None:
    assert assemble.with_unit("14,02", "% GDP") == "14,02% GDP"
    assert assemble.with_unit("6,5", "%/năm") == "6,5%/năm"
    assert assemble.with_unit("80", "%") == "80%"
    assert assemble.with_unit("12", "đô thị") == "12 đô thị"
    assert assemble.with_unit("3", "vị trí") == "vị trí 3"
    assert assemble.with_unit("5", "") == "5"


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", ("BỘ KHOA HỌC", "VÀ CÔNG NGHỆ")),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH")),
        ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", ("ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH")),
        ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", ("BỘ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG")),
        ("HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH", ("HỌC VIỆN CHÍNH TRỊ", "QUỐC GIA HỒ CHÍ MINH")),
        ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", ("NGÂN HÀNG NHÀ NƯỚC", "VIỆT NAM")),
        ("THANH TRA CHÍNH PHỦ", ("THANH TRA CHÍNH PHỦ",)),
    ],
)
def test_letterhead_names_break_between_word_groups(name: str, lines: tuple[str, ...]) -> None:
    from lotrinh.documents.letterhead import COLUMN_PT, letterhead_lines, text_width

    assert letterhead_lines(name) == lines
    assert all(text_width(line) <= COLUMN_PT for line in lines)


def test_a_name_too_long_for_two_lines_keeps_its_word_groups() -> None:
    from lotrinh.documents.letterhead import COLUMN_PT, letterhead_lines, text_width

    lines = letterhead_lines("ỦY BAN QUẢN LÝ VỐN NHÀ NƯỚC TẠI DOANH NGHIỆP")
    assert all(text_width(line) <= COLUMN_PT for line in lines)
    assert not any(line.endswith("NHÀ") or line.startswith("NƯỚC") for line in lines)
    assert " ".join(lines) == "ỦY BAN QUẢN LÝ VỐN NHÀ NƯỚC TẠI DOANH NGHIỆP"


def test_the_docx_and_pdf_letterheads_break_the_issuer_alike(programme) -> None:  # type: ignore[no-untyped-def]
    data = assemble.consolidated(programme, 2024, CUTOFF)
    document = Document(io.BytesIO(render.render("consolidated", "docx", data, when=CUTOFF)))
    letterhead = document.tables[0].rows[0].cells[0].text
    assert "BỘ KHOA HỌC\nVÀ CÔNG NGHỆ" in letterhead
    # The number keeps its blank for the clerk.
    assert "Số:      /BC-BKHCN" in letterhead
    pdf = extract_text(io.BytesIO(render.render("consolidated", "pdf", data)))
    lines = [line.strip() for line in pdf.splitlines() if line.strip()]
    assert "BỘ KHOA HỌC" in lines and "VÀ CÔNG NGHỆ" in lines
    assert data["header"]["issuer"] == "BỘ KHOA HỌC VÀ CÔNG NGHỆ"  # the placeholder's value
