"""A report reopened for a revision after acceptance: those who read it when it was
accepted (MOST, oversight) still read its accepted copy, read-only and labelled, with
its entries and evidence files, never the draft being revised; another agency's people
still get 404, the public a login page, and the report stays off the public pages."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role
from lotrinh.reporting import services
from lotrinh.reporting.models import ReportStatus
from tests.conftest import AGENCY_A, AGENCY_B, OVERSIGHT, client_for, make_user
from tests.portal.conftest import cycle  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEW_TEXT = "NOIDUNGDANGSUA7Q"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _text(page: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.decode()))


def _revising(cycle):  # noqa: F811
    """Bộ Y tế's 2023 report accepted with a file on its first entry, then reopened and
    rewritten: its first entry now says NEW_TEXT and carries another file."""
    report = cycle.report(AGENCY_A, 2023, "BANDAUX1")
    reporter = cycle.reporters[AGENCY_A]
    entry = report.entries.order_by("pk").first()
    services.save_entry(
        entry,
        reporter,
        {
            "status": "in_progress",
            "result": "Kết quả BANDAUX1",
            "evidence_number": "BANDAUX1/QĐ",
            "evidence_file": SimpleUploadedFile("minh-chung-goc.pdf", PDF),
        },
        expected_version=entry.version,
    )
    report = cycle.to_state(report, "accepted")
    accepted_revision = report.revision
    report = services.revise_accepted_report(report, reporter, "Sửa số liệu")
    entry.refresh_from_db()
    services.save_entry(
        entry,
        reporter,
        {
            "status": "in_progress",
            "result": NEW_TEXT,
            "evidence_number": "MOI/QĐ",
            "evidence_file": SimpleUploadedFile("minh-chung-moi.pdf", PDF + b"%moi\n"),
        },
        expected_version=entry.version,
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.revision == accepted_revision + 1
    return report


def test_most_lands_on_the_accepted_copy_not_the_draft(cycle) -> None:  # noqa: F811
    report = _revising(cycle)
    most = client_for(cycle.most)
    # Any link MOST holds (a notice, the reading list) leads to the accepted copy.
    answer = most.get(reverse("reporting:report", args=[report.pk]))
    assert answer.status_code == 302
    assert answer["Location"] == reverse("reporting:accepted_copy", args=[report.pk])
    page = most.get(answer["Location"])
    assert page.status_code == 200
    text = _text(page.content)
    accepted = report.snapshots.get(status=ReportStatus.ACCEPTED)
    day = f"{timezone.localtime(accepted.created_at):%d/%m/%Y}"
    assert f"Bản đã được tiếp nhận ngày {day} (lần điều chỉnh {accepted.revision})" in text
    assert f"Cơ quan đang điều chỉnh báo cáo (lần điều chỉnh {report.revision})" in text
    assert "Kết quả BANDAUX1" in text and "BANDAUX1/QĐ" in text
    assert NEW_TEXT not in text and "MOI/QĐ" not in text
    assert "minh-chung-goc.pdf" in text and "minh-chung-moi.pdf" not in text
    # Read-only: no form, no link to the draft.
    assert "<form" not in page.content.decode().split('id="accepted-copy-label"')[1]
    assert reverse("reporting:report", args=[report.pk]) + '"' not in page.content.decode()


def test_most_downloads_the_evidence_file_the_accepted_copy_refers_to(cycle) -> None:  # noqa: F811
    report = _revising(cycle)
    accepted = report.snapshots.get(status=ReportStatus.ACCEPTED)
    most = client_for(cycle.most)
    answer = most.get(reverse("reporting:snapshot_evidence", args=[report.pk, accepted.pk, 0]))
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    assert "minh-chung-goc.pdf" in answer["Content-Disposition"]
    # Not the copy as it was submitted: only the accepted copy is read beyond the agency.
    submitted = report.snapshots.get(status=ReportStatus.SUBMITTED)
    answer = most.get(reverse("reporting:snapshot_evidence", args=[report.pk, submitted.pk, 0]))
    assert answer.status_code == 404


def test_oversight_reads_the_accepted_copy(cycle) -> None:  # noqa: F811
    report = _revising(cycle)
    reader = make_user("copy_oversight", OVERSIGHT, Role.OVERSIGHT)
    page = client_for(reader).get(reverse("reporting:accepted_copy", args=[report.pk]))
    assert page.status_code == 200 and "Kết quả BANDAUX1" in _text(page.content)


def test_another_agencys_person_still_gets_404(cycle) -> None:  # noqa: F811
    report = _revising(cycle)
    other = client_for(cycle.reporters[AGENCY_B])
    accepted = report.snapshots.get(status=ReportStatus.ACCEPTED)
    for url in (
        reverse("reporting:report", args=[report.pk]),
        reverse("reporting:accepted_copy", args=[report.pk]),
        reverse("reporting:snapshot_evidence", args=[report.pk, accepted.pk, 0]),
    ):
        assert other.get(url).status_code == 404, url
    assert not perms.may_read_accepted_copy(cycle.reporters[AGENCY_B], report)


def test_an_anonymous_visitor_is_sent_to_sign_in(cycle, client) -> None:  # noqa: F811
    report = _revising(cycle)
    answer = client.get(reverse("reporting:accepted_copy", args=[report.pk]))
    assert answer.status_code == 302 and reverse("accounts:login") in answer["Location"]


def test_a_published_report_reopened_for_revision_still_leaves_the_public(cycle) -> None:  # noqa: F811
    report = cycle.accepted(AGENCY_A, 2023, "CONGKHAI1")
    cycle.publish(report)
    assert perms.is_public_report(report)
    report = services.revise_accepted_report(report, cycle.reporters[AGENCY_A], "Sửa số liệu")
    assert not perms.is_public_report(report)
    assert services.accepted_copies(cycle.programme.code) == []
    # A signed-in person without a role reads what the public reads: not the copy.
    nobody = make_user("copy_nobody", AGENCY_B, Role.REPORTER)
    assert (
        client_for(nobody).get(reverse("reporting:accepted_copy", args=[report.pk])).status_code
        == 404
    )


def test_the_agency_still_works_on_its_draft(cycle) -> None:  # noqa: F811
    report = _revising(cycle)
    page = client_for(cycle.reporters[AGENCY_A]).get(reverse("reporting:report", args=[report.pk]))
    assert page.status_code == 200 and NEW_TEXT in page.content.decode()
    assert (
        'href="{}" id="accepted-copy-link"'.format(
            reverse("reporting:accepted_copy", args=[report.pk])
        )
        in page.content.decode()
    )
    # and may read its accepted copy, with a way back to the draft.
    page = client_for(cycle.reporters[AGENCY_A]).get(
        reverse("reporting:accepted_copy", args=[report.pk])
    )
    assert page.status_code == 200
    assert reverse("reporting:report", args=[report.pk]) in page.content.decode()


def test_a_report_never_accepted_has_no_accepted_copy(cycle) -> None:  # noqa: F811
    report = cycle.to_state(cycle.report(AGENCY_A, 2023, "CHUANHAN"), "submitted")
    page = client_for(cycle.most).get(reverse("reporting:accepted_copy", args=[report.pk]))
    assert page.status_code == 404


def test_the_compliance_pages_link_most_to_the_accepted_copy(cycle) -> None:  # noqa: F811
    report = _revising(cycle)
    copy_url = reverse("reporting:accepted_copy", args=[report.pk])
    most = client_for(cycle.most)
    page = most.get(reverse("reporting:compliance"), {"year": 2023})
    assert f'href="{copy_url}"' in page.content.decode()
    page = most.get(
        reverse("reporting:regime_compliance", args=[report.period.regime_id]), {"ky": "2023"}
    )
    assert f'href="{copy_url}"' in page.content.decode()


def test_the_agency_page_shows_most_the_report_as_sent_and_being_revised(cycle) -> None:  # noqa: F811
    """MOST's page of Bộ Y tế said "Quá hạn, chưa nộp" of a report whose accepted copy
    counts as sent (the compliance page counts it)."""
    from lotrinh.dashboard.queries import agency_obligations

    report = _revising(cycle)
    rows = agency_obligations(cycle.most, report.agency, timezone.localdate()).reports
    row = next(r for r in rows if r.period.pk == report.period_id)
    assert row.label == "Đang điều chỉnh sau khi tiếp nhận" and not row.overdue
    assert row.report_id == report.pk  # its link leads to the accepted copy
    page = client_for(cycle.most).get(reverse("dashboard:agency", args=[report.agency.code]))
    assert "Quá hạn, chưa nộp" not in _text(page.content).split("2023")[1][:80]
    # Another agency's people still see it as not sent, without a link.
    rows = agency_obligations(cycle.reporters[AGENCY_B], report.agency, timezone.localdate())
    row = next(r for r in rows.reports if r.period.pk == report.period_id)
    assert row.report_id is None and "điều chỉnh" not in row.label
