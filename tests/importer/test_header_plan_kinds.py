"""The team's choice (docs/importer.md, "Kind of document"): a body's own programme is read
as its plan. A "CHƯƠNG TRÌNH (HÀNH ĐỘNG)" (a Party committee's programme carrying out a
resolution, Hướng dẫn 36-HD/VPTW's "CTr") and a decision of a body other than the Prime
Minister that adopts its plan or programme ("QUYẾT ĐỊNH Ban hành Kế hoạch …", the plan
annexed) are kind "plan"; both were "other" ("kind not read" on the review). A decision
adopting anything else (a Đề án, a Quy hoạch, a Quy chế) stays "other"; the Prime
Minister's decisions and the Government's resolutions keep their kinds."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.parser import read_header
from lotrinh.importer.service import parse_bytes
from tests.importer import pdf_renderings as pr

pytestmark = pytest.mark.django_db
EVAL = Path(__file__).parent / "eval"

PARTY = [
    "BAN CHẤP HÀNH ĐẢNG BỘ",
    "TỈNH NGHỆ AN",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Số 42-CTr/TU",
    "Nghệ An, ngày 12 tháng 5 năm 2025",
]
MINISTRY = [
    "BỘ Y TẾ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 3125/QĐ-BYT",
    "Hà Nội, ngày 15 tháng 10 năm 2025",
]
PM = [
    "THỦ TƯỚNG CHÍNH PHỦ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 2597/QĐ-TTg",
    "Hà Nội, ngày 27 tháng 11 năm 2025",
]
SUBJECT = "thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("g2-ctr-tu", "plan"), ("g2-qd-byt", "plan"), ("g2-kh-tinh", "plan"), ("g2-kh-xa", "plan")],
)
def test_the_eval_programmes_and_adopted_plans_read_as_plans(name: str, kind: str) -> None:
    source = EVAL / f"{name}.docx"
    assert parse_bytes(source.read_bytes(), source.name)["programme"]["kind"] == kind
    printed = pr.render_docx_pdf(source)
    assert parse_bytes(printed, f"{name}.pdf")["programme"]["kind"] == kind


def test_a_ministrys_decision_adopting_its_plan_as_found_is_a_plan() -> None:
    source = EVAL / "qd4385-bvhttdl.txt"
    assert parse_bytes(source.read_bytes(), source.name)["programme"]["kind"] == "plan"


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(("CHƯƠNG TRÌNH HÀNH ĐỘNG", "CHƯƠNG TRÌNH")),
    upper=st.booleans(),
)
def test_a_party_committees_programme_is_a_plan(name: str, upper: bool) -> None:
    subject = SUBJECT.upper() if upper else SUBJECT
    assert read_header([*PARTY, "", name, subject, "-----"])["kind"] == "plan"


@settings(max_examples=60, deadline=None)
@given(
    lead=st.sampled_from(("", "Về việc ", "VỀ VIỆC ")),
    verb=st.sampled_from(("Ban hành", "Phê duyệt")),
    adopted=st.sampled_from(
        (
            ("Kế hoạch hành động", "plan"),
            ("Kế hoạch", "plan"),
            ("Chương trình hành động", "plan"),
            ("Đề án", "other"),
            ("Quy hoạch", "other"),
            ("Quy chế", "other"),
        )
    ),
    upper=st.booleans(),
)
def test_a_decision_adopting_a_plan_is_a_plan(lead, verb, adopted, upper) -> None:
    what, kind = adopted
    title = f"{lead}{verb} {what} của Bộ Y tế thực hiện Nghị quyết số 71/NQ-CP"
    title = title.upper() if upper else title
    assert (
        read_header([*MINISTRY, "", "QUYẾT ĐỊNH", title, "", "BỘ TRƯỞNG BỘ Y TẾ"])["kind"] == kind
    )
    # The Prime Minister's decisions keep their kind, whatever they adopt.
    assert (
        read_header([*PM, "", "QUYẾT ĐỊNH", title, "", "THỦ TƯỚNG CHÍNH PHỦ"])["kind"]
        == "pm_decision"
    )


PROGRAMME = "\n".join(
    [
        *PARTY,
        "",
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        SUBJECT,
        "-----",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Quán triệt Nghị quyết.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Đổi mới công tác xây dựng pháp luật của tỉnh.",
        "2. Tăng cường kiểm tra, giám sát việc thi hành pháp luật.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Ủy ban Kiểm tra Tỉnh ủy chủ trì thực hiện nhiệm vụ tại mục 2 phần II của Chương trình.",
        "",
    ]
)


def test_a_programme_read_as_a_plan_still_reads_its_own_positions() -> None:
    """A programme's "tại mục 2 phần II của Chương trình" is its own position (the
    reference's document is the programme itself, not another's), though its kind is
    "plan"."""
    parsed = parse_bytes(PROGRAMME.encode(), "42-ctr.txt")
    assert parsed["programme"]["kind"] == "plan"
    (task,) = [t for t in parsed["tasks"] if t["text"].startswith("Tăng cường")]
    assert task["lead"] == ["Ủy ban Kiểm tra Tỉnh ủy"]
