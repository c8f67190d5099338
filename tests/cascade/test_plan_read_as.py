"""An agency's imported plan says, on its draft's page, what its document was read as
(kind, number, date, issuer), marking what was not read: a plan whose issuer was not read
is recorded as the importing agency's, and the officer must see that (another agency's
plan is refused on import, `cascade.issued_by_another`). The page never writes."""

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from lotrinh.importer.service import parse_bytes
from lotrinh.programmes import cascade
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PLAN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Hà Nội, ngày 5 tháng 3 năm 2025
KẾ HOẠCH
PHÁT TRIỂN KINH TẾ SỐ THÀNH PHỐ HÀ NỘI NĂM 2025
I. NHIỆM VỤ
1. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu số của thành phố.
2. Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch.
"""


def imported(hanoi: Agency, text: str):
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    parsed = parse_bytes(text.encode(), "ke-hoach.txt")
    programme = cascade.child_from_parse(
        parsed, hanoi, current_programme("50/NQ-CP"), reporter, source="ke-hoach.txt"
    )
    return programme, reporter


def dd(page: str, ident: str) -> str:
    start = page.index(f'id="{ident}"')
    return page[start : page.index("</dd>", start)]


def test_the_draft_shows_what_the_document_was_read_as(hanoi) -> None:
    programme, reporter = imported(hanoi, PLAN)
    page = client_for(reporter).get(reverse("cascade:plan", args=[programme.pk]))
    text = page.content.decode()
    assert "Văn bản được đọc là" in text
    assert "Kế hoạch" in dd(text, "read-kind")
    assert "12/KH-UBND" in dd(text, "read-code")
    assert "05/03/2025" in dd(text, "read-date")
    assert "Thành phố Hà Nội" in dd(text, "read-issuer")
    assert "kế hoạch của chính cơ quan" in text
    assert "Chưa đọc được" not in text


def test_an_issuer_not_read_is_marked_and_the_plan_said_to_be_the_importers(hanoi) -> None:
    # The letterhead lost (a copy that starts at the kind): no issuer read.
    programme, reporter = imported(hanoi, PLAN.split("KẾ HOẠCH\n", 1)[1].join(["KẾ HOẠCH\n", ""]))
    text = client_for(reporter).get(reverse("cascade:plan", args=[programme.pk])).content.decode()
    assert "Chưa đọc được cơ quan ban hành" in dd(text, "read-issuer")
    assert "kế hoạch được ghi là của Thành phố Hà Nội" in text
    assert "Chưa đọc được số, ký hiệu" in dd(text, "read-code")


def test_an_issuer_the_registry_does_not_know_is_said_so(hanoi) -> None:
    programme, reporter = imported(
        hanoi, PLAN.replace("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "BAN CHỈ ĐẠO KHÔNG CÓ THẬT")
    )
    text = client_for(reporter).get(reverse("cascade:plan", args=[programme.pk])).content.decode()
    assert "chưa có trong danh mục cơ quan" in text


def test_the_page_never_writes(hanoi) -> None:
    programme, reporter = imported(hanoi, PLAN)
    before = AuditEvent.objects.count()
    client_for(reporter).get(reverse("cascade:plan", args=[programme.pk]))
    assert AuditEvent.objects.count() == before


def _plan_docx() -> bytes:
    import io

    from docx import Document

    document = Document()
    for line in PLAN.strip().splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_word_file_with_tracked_changes_is_said_to_be_read_as_accepted(
    hanoi, language, monkeypatch
) -> None:
    # The national importer's review page says it (tests/importer/test_word_files.py); an
    # agency's plan imported from the same kind of file must say it on its draft too.
    from tests.core.pending_english import add_pending_english
    from tests.importer.test_word_files import _with_tracked_change

    add_pending_english(monkeypatch, "docxnum")
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    pages = {}
    for name, data in (("plain", _plan_docx()), ("tracked", _with_tracked_change(_plan_docx()))):
        parsed = parse_bytes(data, f"ke-hoach-{name}.docx")
        parsed["programme"]["code"] = f"{12 if name == 'plain' else 13}/KH-UBND"
        programme = cascade.child_from_parse(
            parsed, hanoi, current_programme("50/NQ-CP"), reporter, source=f"{name}.docx"
        )
        client = client_for(reporter)
        client.cookies["django_language"] = language
        pages[name] = client.get(reverse("cascade:plan", args=[programme.pk])).content.decode()
    assert 'id="read-as"' in pages["plain"]
    assert 'id="tracked-changes"' not in pages["plain"]
    said = {
        "vi": "văn bản được đọc như khi đã chấp nhận mọi thay đổi",
        "en": "the document was read as if every change were accepted",
    }
    assert said[language] in pages["tracked"]
