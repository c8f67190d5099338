"""A unit takes away its own report: the documents page offers a unit's people (and the
agency's staff, once the report is sent to them) the unit's report to its agency as a
DOCX and a PDF, on the Decree 30 letterhead of a province's department ("UBND THÀNH PHỐ
HÀ NỘI" over "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: …/BC-SKHCN"), sent to the agency, each
plan task with its status, result and evidence.

Walk of 2026-12-06: Hà Nội's departments' clerks (hn-dv1-baocao) found only the agency's
national periods on /van-ban-bao-cao/: no paper of their unit's report to file or sign.
Never another unit's report, nor another agency's (docs/cascade.md, "Who reads a unit's
report")."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.documents.models import GeneratedDocument, GenerationStatus
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR, person
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for
from tests.documents.papers import docx_text as _docx_text
from tests.documents.papers import pdf_text as _pdf_text

pytestmark = pytest.mark.django_db
EVIDENCE_DAY = datetime.date(2025, 3, 5)


def _khcn_report(p):
    report = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    for entry in report.entries.select_related("task"):
        services.save_entry(
            entry,
            p["khcn_reporter"],
            {
                "status": TaskStatus.DONE_ON_TIME,
                "result": f"Đã ban hành quy chế {entry.task.ref}",
                "evidence_number": "12/QĐ-SKHCN",
                "evidence_date": EVIDENCE_DAY,
                "evidence_link": "",
                "difficulties": "",
                "proposals": "",
            },
            entry.version,
        )
    return report


def _ask(client, report, fmt: str, capture):
    with capture(execute=True):
        return client.post(
            reverse("documents:request"),
            {
                "kind": "unit",
                "report": report.pk,
                "cutoff": timezone.localdate().isoformat(),
                "fmt": fmt,
            },
        )


def _download(client, document: GeneratedDocument) -> bytes:
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_documents_page_offers_a_unit_person_her_units_report(province) -> None:
    p = province
    report = _khcn_report(p)
    page = client_for(p["khcn_reporter"]).get(reverse("documents:list")).content.decode()
    assert 'id="unit-form"' in page
    assert f'<option value="{report.pk}"' in page
    assert "Sở Khoa học và Công nghệ — " in page
    # The agency's own report is named as the agency's: "cơ quan tôi" is not the unit.
    assert 'id="agency-form"' in page
    assert "Báo cáo của Thành phố Hà Nội</h2>" in page
    assert "Báo cáo của cơ quan tôi" not in page
    # Another unit's officer is not offered it.
    other = client_for(p["police_reporter"]).get(reverse("documents:list")).content.decode()
    assert f'<option value="{report.pk}"' not in other


def test_the_unit_document_holds_the_units_report_on_its_letterhead(
    province, django_capture_on_commit_callbacks
) -> None:
    p = province
    report = _khcn_report(p)
    client = client_for(p["khcn_reporter"])
    texts = {}
    for fmt in ("docx", "pdf"):
        response = _ask(client, report, fmt, django_capture_on_commit_callbacks)
        assert response.status_code == 302, response.content.decode()[:2000]
        document = GeneratedDocument.objects.get(fmt=fmt)
        assert document.status == GenerationStatus.DONE, document.error
        assert document.unit == report.unit and document.period == report.period
        assert document.download_name.startswith(
            f"bao-cao-thanh-pho-ha-noi-so-khcn-{p['child'].slug}"
        )
        blob = _download(client, document)
        texts[fmt] = _docx_text(blob) if fmt == "docx" else _pdf_text(blob)
    today = timezone.localdate()
    month = f"{today.month:02d}" if today.month <= 2 else str(today.month)
    for fmt, text in texts.items():
        assert "UBND THÀNH PHỐ HÀ NỘI" in text, fmt
        assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text, fmt
        assert "/BC-SKHCN" in text, fmt
        assert f"Hà Nội, ngày {today.day:02d} tháng {month} năm {today.year}" in text, fmt
        assert f"Kết quả thực hiện Kế hoạch số {p['child'].code}" in text, fmt
        assert "Ủy ban nhân dân thành phố Hà Nội (để tổng hợp)" in text, fmt
        assert "Đã ban hành quy chế 1" in text, fmt
        assert "Đã ban hành quy chế 3" in text, fmt
        # Only the unit's own tasks: task 2 is the police's.
        assert "quy chế 2" not in text, fmt
        assert "Hoàn thành đúng hạn" in text, fmt
        assert "12/QĐ-SKHCN" in text and "05/03/2025" in text, fmt
        assert "GIÁM ĐỐC" in text, fmt
        # Not the province's letterhead nor its report to MOST.
        assert "TM. ỦY BAN NHÂN DÂN" not in text, fmt
        assert "Bộ Khoa học và Công nghệ (để tổng hợp)" not in text, fmt


def test_no_other_unit_nor_other_agency_takes_or_reads_it(
    province, django_capture_on_commit_callbacks
) -> None:
    p = province
    report = _khcn_report(p)
    _ask(client_for(p["khcn_reporter"]), report, "docx", django_capture_on_commit_callbacks)
    document = GeneratedDocument.objects.get()
    bac_ninh = person("bn_reporter", Agency.objects.get(code="tinh-bac-ninh"), Role.REPORTER)
    for who in (p["police_reporter"], bac_ninh, p["reporter"]):
        client = client_for(who)
        # The agency's staff read it once sent, not while the unit drafts it.
        response = _ask(client, report, "pdf", django_capture_on_commit_callbacks)
        assert response.status_code == 404, who
        assert GeneratedDocument.objects.count() == 1
        get = client.get(reverse("documents:download", args=[document.pk]))
        assert get.status_code == 404, who
        listed = client.get(reverse("documents:list")).content.decode()
        assert reverse("documents:download", args=[document.pk]) not in listed, who
    # Once sent to the agency, its staff make and read it (the copy made from the draft
    # stays the unit's); the other unit still not.
    _send(report, p["khcn_reporter"], p["khcn_leader"])
    staff = client_for(p["reporter"])
    assert staff.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert _ask(staff, report, "pdf", django_capture_on_commit_callbacks).status_code == 302
    sent = GeneratedDocument.objects.get(fmt="pdf")
    assert sent.content_status == "submitted"
    assert staff.get(reverse("documents:download", args=[sent.pk])).status_code == 200
    for who in (p["police_reporter"], bac_ninh, p["most"]):
        get = client_for(who).get(reverse("documents:download", args=[sent.pk]))
        assert get.status_code == 404, who


def test_a_get_writes_nothing(province) -> None:
    p = province
    _khcn_report(p)
    client = client_for(p["khcn_reporter"])
    assert client.get(reverse("documents:list")).status_code == 200
    assert client.get(reverse("documents:request")).status_code == 405
    assert GeneratedDocument.objects.count() == 0
