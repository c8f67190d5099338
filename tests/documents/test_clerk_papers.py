"""Documents a clerk would sign as they stand: a Party letterhead's parent line whole
(Hướng dẫn 36-HD/VPTW), every body signed by its head's real title (and "KT."/"Q."
for a deputy or an acting head), no "(Chưa có nội dung.)" in a draft, and MOST's
consolidated report quoting the agencies' accepted results, attributed and brief."""

import datetime
import io

import pypdfium2
import pytest
import time_machine
from django.template.loader import render_to_string
from docx import Document
from docx.oxml.ns import qn

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble, render
from lotrinh.documents.letterhead import text_width
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from lotrinh.reporting.models import AgencyReport
from lotrinh.signing.models import RegisterEntry
from lotrinh.signing.services import numbered
from tests.conftest import make_user
from tests.documents.papers import docx_text as _docx_text
from tests.documents.papers import pdf_text as _pdf_text
from tests.documents.test_period_documents import commission  # noqa: F401
from tests.party.test_party_reports import _period
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db
CUTOFF = datetime.date(2024, 12, 31)


def _agency_report(name: str) -> AgencyReport:
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    return reporting.ensure_report(Agency.objects.get(name_vi=name), period)


# ---------------------------------------------------------------- 1. Party letterhead


def _pdf_line_whole(pdf: bytes, text: str) -> bool:
    """Whether `text` is set on one line of the first page (every character on the
    first's baseline), read from the PDF's text layer."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        layer = page.get_textpage()
        searcher = layer.search(text, match_case=True)
        hit = searcher.get_next()
        if hit is None:
            return False
        first, count = hit
        bottoms = {
            round(layer.get_charbox(i, loose=True)[1])
            for i in range(first, first + count)
            if layer.get_text_range(i, 1).strip()
        }
        return len(bottoms) == 1
    finally:
        document.close()


def _party_documents(period) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    today = datetime.date.today()
    draft = assemble.consolidated_of_period(period, today)
    hcm = AgencyReport.objects.get(agency__name_vi="Thành ủy Thành phố Hồ Chí Minh", period=period)
    return [
        ("consolidated", draft),
        ("agency", assemble.agency_report(hcm, today, live=True)),
    ]


def test_a_party_letterhead_holds_its_parent_line_whole(seeded_db: None, commission) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    period = _period()
    documents = _party_documents(period)
    parents = [data["header"]["parent"] for _kind, data in documents]
    assert parents == ["BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"]
    for kind, data in documents:
        parent = data["header"]["parent"]
        document = Document(io.BytesIO(render.render(kind, "docx", data)))
        left = document.tables[0].rows[0].cells[0]
        # The parent line is one paragraph without a break, and its column is wide
        # enough for it (the cell's width less its margins, in the documents' font).
        assert left.paragraphs[0].text == parent
        width = int(left._tc.find(qn("w:tcPr") + "/" + qn("w:tcW")).get(qn("w:w")))
        inside = (width - 2 * render.CELL_MARGIN) / 20
        assert text_width(parent, 12, bold=False) < inside
        # The issuer stays readable: its longest line fits the same column.
        issuer_lines = left.paragraphs[1].text.split("\n")
        assert max(text_width(line, 12, bold=True) for line in issuer_lines) < inside
        assert "*" in [p.text for p in left.paragraphs]
        pdf = render.render(kind, "pdf", data)
        assert _pdf_line_whole(pdf, parent), parent
        assert _pdf_line_whole(pdf, "ĐẢNG CỘNG SẢN VIỆT NAM")


def test_a_party_committees_own_report_has_a_party_letterhead(seeded_db: None) -> None:
    period = _period()
    report = AgencyReport.objects.get(agency__name_vi="Tỉnh ủy Bắc Ninh", period=period)
    data = assemble.agency_report(report, datetime.date(2025, 7, 10), live=True)
    head = data["header"]
    assert (head["parent"], head["issuer"], head["national_title"], head["motto"]) == (
        "ĐẢNG BỘ TỈNH BẮC NINH",
        "TỈNH ỦY",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "",
    )
    assert head["number"] == "Số      -BC/TU"
    assert head["place_date"] == "Bắc Ninh, ngày 10 tháng 7 năm 2025"
    text = _pdf_text(render.render("agency", "pdf", data))
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    assert "T/M BAN THƯỜNG VỤ BÍ THƯ" in text


# ---------------------------------------------------------------- 2. Signature titles


@pytest.mark.parametrize(
    ("name", "kind", "authority"),
    [
        ("Bộ Y tế", None, "BỘ TRƯỞNG"),
        ("Tỉnh Bắc Ninh", None, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
        ("Ngân hàng Nhà nước Việt Nam", None, "THỐNG ĐỐC"),
        ("Thanh tra Chính phủ", None, "TỔNG THANH TRA"),
        ("Ủy ban Dân tộc", None, "BỘ TRƯỞNG, CHỦ NHIỆM"),
        ("Văn phòng Chính phủ", None, "BỘ TRƯỞNG, CHỦ NHIỆM"),
        ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", None, "CHỦ TỊCH"),
        ("Viện Hàn lâm Khoa học xã hội Việt Nam", None, "CHỦ TỊCH"),
        ("Đài Truyền hình Việt Nam", None, "TỔNG GIÁM ĐỐC"),
        ("Đài Tiếng nói Việt Nam", None, "TỔNG GIÁM ĐỐC"),
        ("Thông tấn xã Việt Nam", None, "TỔNG GIÁM ĐỐC"),
        ("Bảo hiểm xã hội Việt Nam", None, "TỔNG GIÁM ĐỐC"),
        ("Học viện Chính trị quốc gia Hồ Chí Minh", None, "GIÁM ĐỐC"),
        ("Ban Quản lý Lăng Chủ tịch Hồ Chí Minh", None, "TRƯỞNG BAN"),
        ("Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", None, "CHỦ TỊCH"),
        ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", None, "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH"),
        ("Văn phòng Quốc hội", None, "CHỦ NHIỆM"),
        ("Ủy ban Kinh tế", None, "TM. ỦY BAN KINH TẾ\nCHỦ NHIỆM"),
        ("Ban Cơ yếu Chính phủ", None, "TRƯỞNG BAN"),
        ("Kiểm toán Nhà nước", "state_body", "TỔNG KIỂM TOÁN"),
        ("Tòa án nhân dân tối cao", "state_body", "CHÁNH ÁN"),
        ("Toà án nhân dân tối cao", "state_body", "CHÁNH ÁN"),
        ("Viện kiểm sát nhân dân tối cao", "state_body", "VIỆN TRƯỞNG"),
        ("Tỉnh ủy Bắc Ninh", None, "T/M BAN THƯỜNG VỤ\nBÍ THƯ"),
        ("Đảng ủy Chính phủ", None, "T/M BAN THƯỜNG VỤ\nBÍ THƯ"),
        ("Ban cán sự đảng Bộ Y tế", None, "T/M BAN CÁN SỰ ĐẢNG\nBÍ THƯ"),
        ("Đảng đoàn Quốc hội", None, "T/M ĐẢNG ĐOÀN\nBÍ THƯ"),
        ("Ban Kinh tế Trung ương", None, "TRƯỞNG BAN"),
    ],
)
def test_each_kind_of_body_signs_with_its_heads_title(
    seeded_db: None, name: str, kind: str | None, authority: str
) -> None:
    agency = Agency.objects.get(name_vi=name) if kind is None else Agency(name_vi=name, kind=kind)
    assert assemble.authority_of(agency) == authority


@pytest.mark.parametrize(
    ("name", "position", "authority"),
    [
        ("Bộ Y tế", "Thứ trưởng", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"),
        ("Bộ Y tế", "Quyền Bộ trưởng", "Q. BỘ TRƯỞNG"),
        ("Bộ Y tế", "Bộ trưởng", "BỘ TRƯỞNG"),
        ("Ngân hàng Nhà nước Việt Nam", "Phó Thống đốc", "KT. THỐNG ĐỐC\nPHÓ THỐNG ĐỐC"),
        (
            "Tỉnh Bắc Ninh",
            "Phó Chủ tịch",
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        ),
        ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Quyền Chủ tịch", "Q. CHỦ TỊCH"),
        ("Đài Truyền hình Việt Nam", "Phó Tổng Giám đốc", "KT. TỔNG GIÁM ĐỐC\nPHÓ TỔNG GIÁM ĐỐC"),
        ("Ban Kinh tế Trung ương", "Phó Trưởng ban", "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"),
        ("Tỉnh ủy Bắc Ninh", "Phó Bí thư", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"),
    ],
)
def test_a_deputy_signs_for_the_head_and_an_acting_head_as_acting(
    seeded_db: None, name: str, position: str, authority: str
) -> None:
    assert assemble.authority_of(Agency.objects.get(name_vi=name), position) == authority


def test_the_state_banks_report_is_signed_by_the_governor(seeded_db: None) -> None:
    data = assemble.agency_report(_agency_report("Ngân hàng Nhà nước Việt Nam"), CUTOFF, live=True)
    docx = Document(io.BytesIO(render.render("agency", "docx", data, when=CUTOFF)))
    signer = docx.tables[-1].rows[0].cells[1].text
    assert signer.startswith("THỐNG ĐỐC")
    pdf = _pdf_text(render.render("agency", "pdf", data))
    assert "THỐNG ĐỐC" in pdf and "THỦ TRƯỞNG CƠ QUAN" not in pdf
    # Signed by a deputy governor: "KT. THỐNG ĐỐC / PHÓ THỐNG ĐỐC" over the name.
    agency = Agency.objects.get(name_vi="Ngân hàng Nhà nước Việt Nam")
    entry = RegisterEntry(
        agency=agency,
        year=2024,
        kind="BC",
        number=7,
        symbol="BC-NHNN",
        issued_on=CUTOFF,
        signer_name="Nguyễn Văn A",
        signer_position="Phó Thống đốc",
        recipients=[],
    )
    signed = numbered(data, entry)
    assert signed["signature"]["authority"] == "KT. THỐNG ĐỐC\nPHÓ THỐNG ĐỐC"
    text = _pdf_text(render.render("agency", "pdf", signed))
    assert "KT. THỐNG ĐỐC PHÓ THỐNG ĐỐC" in text and "Nguyễn Văn A" in text


# ---------------------------------------------------------------- 3. Empty sections


def test_an_empty_section_leaves_a_dotted_line_not_a_note(seeded_db: None) -> None:
    data = assemble.agency_report(_agency_report("Bộ Y tế"), CUTOFF, live=True)
    assert data["general_assessment"] == ""
    data["contributions"] = [{"task": "1.1", "contribution": ""}]
    for text in (
        _docx_text(render.render("agency", "docx", data, when=CUTOFF)),
        _pdf_text(render.render("agency", "pdf", data)),
    ):
        assert "Chưa có nội dung" not in text and "chưa báo cáo" not in text
        # The heading stays, numbered as before, over a line of dots to fill.
        assert f"I. ĐÁNH GIÁ CHUNG {render.FILL}" in text
        assert f"- Nhiệm vụ 1.1: {render.FILL_AFTER_LABEL}" in text
        assert "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ" in text


# ---------------------------------------------------------------- 4. Quoted results


def _sent(code: str, result: str, day: str):  # type: ignore[no-untyped-def]
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    officer = make_user(f"bc_{code}", code, Role.REPORTER)
    approver = make_user(f"ld_{code}", code, Role.APPROVER)
    report = reporting.ensure_report(officer.agency, period)
    fill(report, officer)
    entry = report.entries.order_by("task__position").first()
    reporting.save_entry(
        entry, officer, {"status": "in_progress", "result": result}, expected_version=entry.version
    )
    with time_machine.travel(datetime.datetime.fromisoformat(f"{day} 09:00"), tick=False):
        reporting.approve_report(report, approver)
        report = reporting.submit_report(report, approver)
    return report, entry.task.ref


LONG = "Đã ban hành Kế hoạch số 12/KH-BYT về chuyển đổi số ngành y tế, " + " ".join(
    f"triển khai bệnh án điện tử tại bệnh viện số {n}," for n in range(1, 30)
)


def test_mosts_report_quotes_the_accepted_results_attributed_and_brief(
    seeded_db: None, most_monitor
) -> None:  # type: ignore[no-untyped-def]
    health, task = _sent("bo-y-te", LONG, "2024-11-25")
    with time_machine.travel(datetime.datetime(2024, 12, 5, 9), tick=False):
        reporting.accept_report(health, most_monitor)
    _sent("bo-tai-chinh", "Kết quả chưa được tiếp nhận", "2024-11-26")
    police = make_user("bc_bca", "bo-cong-an", Role.REPORTER)
    draft = reporting.ensure_report(police.agency, health.period)
    entry = draft.entries.order_by("task__position").first()
    reporting.save_entry(
        entry,
        police,
        {"status": "in_progress", "result": "Kết quả nháp chưa gửi"},
        expected_version=entry.version,
    )
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    data = assemble.consolidated(programme, 2024, CUTOFF)
    quoted = [r for g in data["groups"] for r in g["results"]]
    assert [r["agency"] for r in quoted if r["task"] == task] == ["Bộ Y tế"]
    (said,) = [r["text"] for r in quoted if r["agency"] == "Bộ Y tế" and r["task"] == task]
    assert len(said) <= assemble.QUOTE_CHARS and said.endswith("…")
    assert said.startswith("Đã ban hành Kế hoạch số 12/KH-BYT về chuyển đổi số ngành y tế")
    for text in (
        _docx_text(render.render("consolidated", "docx", data, when=CUTOFF)),
        _pdf_text(render.render("consolidated", "pdf", data)),
    ):
        assert "Kết quả do các cơ quan báo cáo (báo cáo đã được tiếp nhận):" in text
        assert f"- Bộ Y tế (nhiệm vụ {task}): {said}" in text
        # Neither a report not yet accepted nor a draft is quoted as a result.
        assert "Kết quả chưa được tiếp nhận" not in text and "Kết quả nháp" not in text
    # The line introducing the quotes is never left alone at the foot of a page.
    docx = Document(io.BytesIO(render.render("consolidated", "docx", data, when=CUTOFF)))
    leads = [p for p in docx.paragraphs if p.text.startswith("Kết quả do các cơ quan")]
    assert leads and all(p.paragraph_format.keep_with_next for p in leads)
    assert '<p class="lead">Kết quả do các cơ quan' in render_to_string(
        "documents/print.html",
        {
            "kind": "consolidated",
            "d": data,
            "words": render.wording(data),
            "n": render.numerals("consolidated"),
        },
    )


def test_a_quote_is_cut_at_a_word() -> None:
    assert assemble.brief("Một  câu\nngắn.") == "Một câu\nngắn."  # its lines kept
    cut = assemble.brief("tiếng " * 100, 40)
    assert cut == ("tiếng " * 6).strip() + "…" and len(cut) <= 40


# ---------------------------------------------------------------- 5. What a clerk sends back


def test_a_party_committees_report_goes_to_the_commission_not_to_most(seeded_db: None) -> None:
    period = _period()
    report = AgencyReport.objects.get(agency__name_vi="Tỉnh ủy Bắc Ninh", period=period)
    data = assemble.agency_report(report, datetime.date(2025, 7, 10), live=True)
    assert (
        data["header"]["title"] == "Tình hình thực hiện Nghị quyết số 52-NQ/TW 6 tháng đầu năm 2025"
    )
    assert data["recipients"] == [
        "Ban Chính sách, chiến lược Trung ương (để tổng hợp)",
        "Lưu Văn phòng Tỉnh ủy",
    ]
    text = _pdf_text(render.render("agency", "pdf", data))
    assert "Văn phòng Chính phủ" not in text and "Bộ Khoa học và Công nghệ" not in text


def test_a_table_row_is_never_cut_across_pages(seeded_db: None) -> None:
    data = assemble.agency_report(_agency_report("Bộ Y tế"), CUTOFF, live=True)
    assert len(data["entries"]) >= 5
    # Every other task's text short (a few lines), the others as long as the programme's.
    for entry in data["entries"][::2]:
        entry["text"] = " ".join(entry["text"].split()[:20])
    document = pypdfium2.PdfDocument(render.render("agency", "pdf", data))
    try:
        pages = [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()
    assert len(pages) > 1
    short = [e for e in data["entries"] if e["ref"] not in render.splittable_rows("agency", data)]
    assert short
    for entry in short:
        text = " ".join(entry["text"].split())
        # A row's whole task text on one page (a very long one may go on to the next);
        # every page the table goes on to starts with its header row again.
        assert any(text in page for page in pages), entry["ref"]
    for page in pages[1:]:
        if any(e["ref"] in page.split() for e in data["entries"]):
            assert "Nhiệm vụ Nội dung Tình trạng Kết quả Minh chứng" in page
    docx = Document(io.BytesIO(render.render("agency", "docx", data, when=CUTOFF)))
    widths = [render.Cm(w).pt - render.DOCX_CELL_PADDING_PT for w in (1.6, 5.5, 2.5, 4.5, 2.5)]
    for table in docx.tables[1:-1]:
        for index, row in enumerate(table.rows):
            properties = row._tr.trPr
            lines = render.row_lines([c.text for c in row.cells], widths, render.DOCX_TABLE_PT)
            assert properties is not None
            whole = properties.find(qn("w:cantSplit")) is not None
            assert whole == (index == 0 or lines <= render.KEEP_LINES), row.cells[0].text
            assert (properties.find(qn("w:tblHeader")) is not None) == (index == 0)
    headings = [p for p in docx.paragraphs if p.text.startswith(("I.", "II.", "III."))]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)


def test_a_task_quotes_five_reporters_then_counts_the_others() -> None:
    quotes = [{"agency": f"Bộ {n}", "text": f"Kết quả {n}"} for n in range(7)]
    shown = assemble._task_quotes("1.2", quotes)
    assert [s.get("agency") for s in shown[:5]] == [f"Bộ {n}" for n in range(5)]
    assert shown[5] == {"task": "1.2", "more": 2} and len(shown) == 6
    words = assemble.consolidated_wording(party=False)
    assert render.results_more(shown[5], words) == (
        "- Nhiệm vụ 1.2: 2 cơ quan khác cũng báo cáo kết quả."
    )
    assert assemble._task_quotes("1.2", quotes[:5]) == [{"task": "1.2", **q} for q in quotes[:5]]


def test_a_party_committee_asks_for_its_own_report_of_a_period(
    seeded_db: None,
    settings,  # type: ignore[no-untyped-def]
    tmp_path,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    """Thành ủy Hà Nội reports six-monthly on 52-NQ/TW: its form offers its periods (a
    year of 50/NQ-CP's yearly regime, which it does not report on, found no report and
    the document failed)."""
    from django.urls import reverse

    from lotrinh.documents.models import GeneratedDocument
    from tests.conftest import client_for

    settings.MEDIA_ROOT = tmp_path
    period = _period()
    reporter = make_user("tu_hn_own", "thanh-uy-ha-noi", Role.REPORTER)
    page = client_for(reporter).get(reverse("documents:list")).content.decode()
    assert f'<option value="{period.pk}"' in page and "52-NQ/TW — 6 tháng đầu năm 2025" in page
    with django_capture_on_commit_callbacks(execute=True):
        client_for(reporter).post(
            reverse("documents:request"),
            {
                "kind": "agency",
                "period": period.pk,
                "cutoff": datetime.date.today().isoformat(),
                "fmt": "docx",
            },
        )
    document = GeneratedDocument.objects.get()
    assert document.status == "done", document.error
    assert document.period == period and document.agency.name_vi == "Thành ủy Hà Nội"
    text = _docx_text(document.file.read())
    assert "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in text and "THÀNH ỦY" in text
    assert "Tình hình thực hiện Nghị quyết số 52-NQ/TW 6 tháng đầu năm 2025" in text
    # Another body's period is not this agency's to ask for.
    own = AgencyReport.objects.filter(agency__name_vi="Thành ủy Hà Nội").values("period_id")
    foreign = (
        AgencyReport.objects.exclude(period_id__in=own).values_list("period_id", flat=True).first()
    )
    if foreign is not None:
        refused = client_for(reporter).post(
            reverse("documents:request"),
            {"kind": "agency", "period": foreign, "cutoff": "2025-07-10", "fmt": "docx"},
        )
        assert refused.status_code == 404


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (datetime.date(2026, 12, 5), "Hà Nội, ngày 05 tháng 12 năm 2026"),
        (datetime.date(2025, 1, 9), "Hà Nội, ngày 09 tháng 01 năm 2025"),
        (datetime.date(2025, 2, 28), "Hà Nội, ngày 28 tháng 02 năm 2025"),
        (datetime.date(2025, 7, 10), "Hà Nội, ngày 10 tháng 7 năm 2025"),
        (datetime.date(2024, 3, 1), "Hà Nội, ngày 01 tháng 3 năm 2024"),
    ],
)
def test_the_date_line_writes_a_leading_zero_only_where_decree_30_does(
    day: datetime.date, written: str
) -> None:
    assert assemble.place_date(day) == written


def test_the_signature_goes_under_a_block_of_several_lines(seeded_db: None) -> None:
    """ "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the visible signature is
    placed under the block's last line (the text layer has no "\\n" between its lines)."""
    from lotrinh.signing.sign import signature_box

    data = assemble.agency_report(_agency_report("Tỉnh Bắc Ninh"), CUTOFF, live=True)
    data["signature"]["authority"] = assemble.authority_of(
        Agency.objects.get(name_vi="Tỉnh Bắc Ninh"), "Phó Chủ tịch"
    )
    data["signing"] = True
    pdf = render.render("agency", "pdf", data)
    _page, (x1, _y1, x2, top) = signature_box(pdf, data["signature"]["authority"])
    _page, (_a, _b, _c, under_first) = signature_box(pdf, "TM. ỦY BAN NHÂN DÂN")
    assert x2 > x1 and top < under_first  # below the last line, not the first


def test_the_signature_block_never_stands_alone_on_the_last_page(seeded_db: None) -> None:
    period = _period()
    report = AgencyReport.objects.get(agency__name_vi="Tỉnh ủy Bắc Ninh", period=period)
    data = assemble.agency_report(report, datetime.date(2025, 7, 10), live=True)
    document = pypdfium2.PdfDocument(render.render("agency", "pdf", data))
    try:
        pages = len(document)
        last = " ".join(document[pages - 1].get_textpage().get_text_range().split())
    finally:
        document.close()
    # Some of the body goes over with it ("Không có kiến nghị khác."), as a clerk lays out.
    assert not last.startswith("Nơi nhận:") and "Nơi nhận:" in last
    assert pages > 1 and last.split("Nơi nhận:")[0].strip() not in ("", str(pages))
    docx = Document(io.BytesIO(render.render("agency", "docx", data)))
    body = docx.element.body
    sign = docx.tables[-1]._tbl
    before = sign.getprevious()
    while before is not None and not "".join(before.itertext()).strip():
        before = before.getprevious()
    assert before is not None and before.find(qn("w:pPr") + "/" + qn("w:keepNext")) is not None
    assert body is not None


@pytest.mark.parametrize("forged", ["abc", "1.5", "-3", "9" * 40, "\u0661"])
def test_a_forged_period_is_refused_without_an_error(seeded_db: None, forged: str) -> None:
    """A period field that is not one of the agency's period ids is refused (a message, or
    404 for an id that is not hers), never a 500, and nothing is queued (a guard: the
    request's checks already hold)."""
    from django.urls import reverse

    from lotrinh.documents.models import GeneratedDocument
    from tests.conftest import client_for

    reporter = make_user("tu_hn_forged", "thanh-uy-ha-noi", Role.REPORTER)
    client = client_for(reporter)
    client.raise_request_exception = False
    response = client.post(
        reverse("documents:request"),
        {"kind": "agency", "period": forged, "cutoff": "2025-07-10", "fmt": "docx"},
    )
    assert response.status_code in (400, 404)  # 400: the form again, with a message
    assert not GeneratedDocument.objects.exists()
