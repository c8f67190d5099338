import re

import pytest
from django.urls import reverse

from lotrinh.core.models import AuditEvent
from lotrinh.importer import review
from lotrinh.importer.models import DraftImport
from lotrinh.importer.service import parse_bytes
from lotrinh.programmes.models import Programme, Task
from tests.conftest import client_for
from tests.importer.build_docx import appendix_docx

pytestmark = pytest.mark.django_db


HEADER = [
    "BỘ Y TẾ",
    "Số: 12/KH-BYT",
    "Hà Nội, ngày 05 tháng 3 năm 2021",
    "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 50/NQ-CP của Chính phủ về Cách mạng công nghiệp lần thứ tư",
    "DANH MỤC NHIỆM VỤ",
]


def plan_docx() -> bytes:
    return appendix_docx(
        HEADER,
        [
            [
                "1",
                "Xây dựng hồ sơ sức khoẻ điện tử toàn dân",
                "Bộ Y tế",
                "Bộ Công an",
                "Đề án",
                "Quý IV/2021",
            ],
            [
                "2",
                "Triển khai thanh toán không dùng tiền mặt trong bệnh viện",
                "Bộ Y tế",
                "Ngân hàng Nhà nước Việt Nam",
                "Kế hoạch",
                "năm 2022",
            ],
            [
                "3",
                "Đào tạo kỹ năng số cho nhân viên y tế",
                "Bộ Y tế",
                "Bộ Giáo dục và Đào tạo",
                "Báo cáo",
                "2021-2025",
            ],
        ],
    )


@pytest.fixture
def draft(most_monitor):
    return review.create_draft(
        parse_bytes(plan_docx(), "ke-hoach.docx"), "ke-hoach.docx", most_monitor
    )


def test_docx_header_and_rows(draft):
    meta = draft.data["programme"]
    assert (meta["code"], meta["issue_date"], meta["kind"]) == ("12/KH-BYT", "2021-03-05", "plan")
    first = draft.data["tasks"][0]
    assert first["lead"] == ["Bộ Y tế"] and first["coordinating"] == ["Bộ Công an"]
    assert first["deadline"]["date"] == "2021-12-31" and first["output"] == "Đề án"


def test_corrections_are_recorded_and_publishing_creates_the_programme(draft, most_monitor):
    ref = draft.data["tasks"][0]["ref"]
    draft = review.set_roles(
        draft,
        ref,
        lead=["Bộ Y tế"],
        coordinating=["Bộ Công an", "Bộ Thông tin và Truyền thông", "các bộ, ngành liên quan"],
        user=most_monitor,
    )
    task = draft.data["tasks"][0]
    assert task["coordinating"] == ["Bộ Công an", "Bộ Thông tin và Truyền thông"]
    assert task["addressees"] == [
        {"generic": "related_agencies", "role": "coordinating", "text": "các bộ, ngành liên quan"}
    ]
    programme = review.publish(draft, most_monitor)
    published = Task.objects.get(programme=programme, ref=ref)
    assert {
        a.agency.name_vi
        for a in published.assignments.filter(role="coordinating", agency__isnull=False)
    } == {"Bộ Công an", "Bộ Thông tin và Truyền thông"}
    actions = set(
        AuditEvent.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True)
    )
    assert {"import.parsed", "import.roles_corrected", "import.published"} <= actions


def test_unknown_names_block_publishing_and_offer_the_closest(draft, most_monitor):
    ref = draft.data["tasks"][1]["ref"]
    draft = review.set_roles(
        draft, ref, lead=["Bộ Y tế Việt Nam"], coordinating=[], user=most_monitor
    )
    unknown = review.unknown_names(draft)
    assert unknown[0].name == "Bộ Y tế Việt Nam" and "Bộ Y tế" in unknown[0].suggestions
    with pytest.raises(review.ReviewError, match="chưa có trong danh mục"):
        review.publish(draft, most_monitor)
    assert not Programme.objects.filter(code="12/KH-BYT").exists()


def test_merge_and_split(draft, most_monitor):
    first, second = draft.data["tasks"][0]["ref"], draft.data["tasks"][1]["ref"]
    draft = review.merge_with_next(draft, first, most_monitor)
    assert len(draft.data["tasks"]) == 2 and "thanh toán" in draft.data["tasks"][0]["text"]
    position = draft.data["tasks"][0]["text"].index("\n")
    draft = review.split_task(draft, first, position, most_monitor)
    assert len(draft.data["tasks"]) == 3
    assert draft.data["tasks"][1]["text"].startswith("Triển khai thanh toán")
    with pytest.raises(review.ReviewError):
        review.split_task(draft, first, 10_000, most_monitor)
    assert second


def test_reimport_shows_changes_against_the_published_programme(draft, most_monitor):
    review.publish(draft, most_monitor)
    again = review.create_draft(
        parse_bytes(plan_docx(), "ke-hoach-v2.docx"), "ke-hoach-v2.docx", most_monitor
    )
    ref = again.data["tasks"][2]["ref"]
    again = review.set_roles(
        again, ref, lead=["Bộ Y tế"], coordinating=["Bộ Nội vụ"], user=most_monitor
    )
    changes = review.changes_against_published(again)
    assert [(c.ref, c.kind) for c in changes] == [(ref, "coordinating")]


def test_upload_page_refuses_bad_files_and_writes_nothing(most_monitor, officer_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lotrinh.importer.models import ImportJob

    client = client_for(most_monitor)
    for name, data in (
        ("rong.txt", b""),
        ("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ):
        response = client.post(
            reverse("importer:upload"), {"document": SimpleUploadedFile(name, data)}
        )
        assert response.status_code == 400 and 'id="upload-error"' in response.content.decode()
    assert not DraftImport.objects.exists() and not ImportJob.objects.exists()
    assert client_for(officer_a).get(reverse("importer:upload")).status_code == 403


def test_upload_and_review_pages(most_monitor, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(most_monitor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("importer:upload"),
            {"document": SimpleUploadedFile("ke-hoach.docx", plan_docx())},
        )
    draft = DraftImport.objects.get()
    assert response.status_code == 302
    followed = client.get(response["Location"], follow=True)
    assert followed.redirect_chain[-1][0] == reverse("importer:review", args=[draft.pk])
    page = followed.content.decode()
    assert '<mark class="hl-deadline">' in page or "Quý IV/2021" in page
    assert "Bộ Công an" in page


@pytest.mark.parametrize(
    ("filename", "source", "warned"),
    [
        ("ke-hoach.pdf", "kh7360-laichau.txt", True),
        ("ke-hoach.docx", "kh7360-laichau.txt", False),
        # Its task table was read (ruled tables are read from a PDF): no warning.
        ("ke-hoach.pdf", "kh310-hanoi.docx", False),
        ("ke-hoach.pdf", None, False),
    ],
)
def test_a_document_read_from_a_pdf_warns_when_no_table_was_read(
    most_monitor, filename, source, warned
):
    from pathlib import Path

    from django.urls import reverse

    from tests.conftest import client_for

    data = plan_docx() if source is None else (Path(__file__).parent / "eval" / source).read_bytes()
    draft = review.create_draft(
        parse_bytes(data, source or "ke-hoach.docx"), filename, most_monitor
    )
    page = client_for(most_monitor).get(reverse("importer:review", args=[draft.pk]))
    assert ('id="pdf-tables"' in page.content.decode()) is warned


@pytest.mark.parametrize(("language", "label"), [("vi", "Thường xuyên"), ("en", "Ongoing")])
def test_a_deadline_that_only_says_ongoing_is_one_badge_not_two(most_monitor, language, label):
    # The review page put the source's "Thường xuyên" and the recurrence it means,
    # "Thường xuyên", side by side in one task's heading (helper pdfcols, 2026-12-06).
    rows = [
        ["1", "Tuyên truyền về chuyển đổi số", "Bộ Y tế", "Bộ Công an", "Báo cáo", "Thường xuyên"],
        ["2", "Đào tạo kỹ năng số", "Bộ Y tế", "", "Báo cáo", "Thường xuyên, hằng năm"],
    ]
    data = appendix_docx(HEADER, rows)
    made = review.create_draft(parse_bytes(data, "ke-hoach.docx"), "ke-hoach.docx", most_monitor)
    client = client_for(most_monitor)
    client.cookies["django_language"] = language
    page = client.get(reverse("importer:review", args=[made.pk])).content.decode()
    headings = re.findall(r'<h3 class="flush">.*?</h3>', page, re.S)
    assert len(headings) == 2, headings
    first, second = headings
    assert first.count('class="badge') == 2, first  # the deadline's and the output's
    assert label in first
    # A deadline that says more than the recurrence keeps its own words beside it.
    assert "Thường xuyên, hằng năm" in second
