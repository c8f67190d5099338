"""The publication step: who publishes what and when, withdrawal, and their record."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.core.audit import events_for
from lotrinh.core.history import describe
from lotrinh.portal import services
from lotrinh.portal.models import Publication, PublishedReport
from tests.conftest import AGENCY_A, AGENCY_B, client_for
from tests.portal.conftest import STATES

pytestmark = pytest.mark.django_db


def test_most_publishes_a_period_up_to_its_cut_off_with_a_record(cycle):
    first = cycle.accepted(AGENCY_A, 2023, "one")
    second = cycle.accepted(AGENCY_B, 2023, "two")
    type(second).objects.filter(pk=second.pk).update(
        accepted_at=timezone.now() + datetime.timedelta(days=2)
    )
    cutoff = timezone.localdate()
    publication = services.publish_period(cycle.most, first.period, cutoff, "Công bố năm 2023")
    assert publication.published_by == cycle.most and publication.cutoff == cutoff
    assert list(publication.published_reports.values_list("report_id", "revision")) == [
        (first.pk, first.revision)
    ]
    assert perms.is_public_report(first) and not perms.is_public_report(second)
    (event,) = events_for(publication)
    assert event.action == "publication.published" and event.actor == cycle.most
    assert describe(event, "vi").known and "Công bố năm 2023" in describe(event, "vi").text


@pytest.mark.parametrize("state", [s for s in STATES if s != "accepted"])
def test_a_report_not_accepted_cannot_be_published(cycle, state):
    report = cycle.to_state(cycle.report(AGENCY_A, 2022, "x"), state)
    with pytest.raises(services.PublicationError):
        services.publish_report(cycle.most, report)
    assert not Publication.objects.exists()


def test_only_most_and_administrators_publish(cycle, officer_a, oversight_reader, admin_user):
    report = cycle.accepted(AGENCY_A, 2022, "x")
    for user in (officer_a, oversight_reader, cycle.approvers[AGENCY_A]):
        with pytest.raises(services.PublicationError):
            services.publish_report(user, report)
    assert services.publish_report(admin_user, report).published_by == admin_user


def test_a_cut_off_in_the_future_or_a_period_with_nothing_accepted_is_refused(cycle):
    report = cycle.accepted(AGENCY_A, 2022, "x")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(services.PublicationError):
        services.publish_period(cycle.most, report.period, tomorrow)
    with pytest.raises(services.PublicationError):
        services.publish_period(cycle.most, cycle.periods[2020])
    assert not Publication.objects.exists()


def test_withdrawal_needs_a_reason_and_the_current_version_and_is_recorded(cycle):
    report = cycle.accepted(AGENCY_A, 2022, "x")
    publication = services.publish_report(cycle.most, report)
    with pytest.raises(services.PublicationError):
        services.withdraw_publication(cycle.most, publication, "  ", publication.version)
    with pytest.raises(services.PublicationConflict):
        services.withdraw_publication(cycle.most, publication, "Sai", publication.version + 1)
    assert perms.is_public_report(report)
    done = services.withdraw_publication(cycle.most, publication, "Sai số liệu", 1)
    assert done.withdrawn_by == cycle.most and done.withdrawal_reason == "Sai số liệu"
    assert not perms.is_public_report(report)
    with pytest.raises(services.PublicationConflict):
        services.withdraw_publication(cycle.most, done, "Lần nữa", done.version)
    actions = sorted(e.action for e in events_for(publication))
    assert actions == ["publication.published", "publication.withdrawn"]
    assert PublishedReport.objects.filter(report=report).exists()  # the record stays


def test_a_consolidated_document_with_content_not_yet_accepted_is_not_published(cycle, tmp_path):
    from django.core.files.base import ContentFile
    from django.test import override_settings

    from lotrinh.documents.models import GeneratedDocument

    pending = cycle.to_state(cycle.report(AGENCY_A, 2023, "x"), "submitted")
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        document = GeneratedDocument(
            kind="consolidated",
            programme=cycle.programme,
            year=2023,
            cutoff=timezone.localdate(),
            fmt="docx",
            status="done",
            content_status="submitted",
        )
        document.file.save("tong-hop.docx", ContentFile(b"PK tong hop"), save=True)
        with pytest.raises(services.PublicationError) as refused:
            services.publish_document(cycle.most, document)
        assert pending.agency.name_vi in str(refused.value)
        from lotrinh.reporting.services import accept_report

        accept_report(pending, cycle.most)
        publication = services.publish_document(cycle.most, document, "Báo cáo năm 2023")
        assert publication.cutoff == document.cutoff
        from django.test import Client

        listing = Client().get("/cong-khai/van-ban/").content.decode()
        assert f"/cong-khai/van-ban/{document.pk}/tai-ve/" in listing
        download = Client().get(f"/cong-khai/van-ban/{document.pk}/tai-ve/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"PK tong hop"
        # The API lists it to anonymous callers too (the same rule, permissions.py).
        assert Client().get(f"/api/v1/documents/{document.pk}/").status_code == 200
        services.withdraw_publication(cycle.most, publication, "Thay bằng bản mới", 1)
        assert Client().get(f"/cong-khai/van-ban/{document.pk}/tai-ve/").status_code == 404
        assert Client().get(f"/api/v1/documents/{document.pk}/").status_code in (401, 403, 404)


def test_the_publication_page_publishes_and_withdraws_and_says_what_went_wrong(cycle):
    report = cycle.accepted(AGENCY_A, 2022, "x")
    client = client_for(cycle.most)
    page = client.get("/cong-khai/quan-ly/")
    assert page.status_code == 200
    answer = client.post(
        "/cong-khai/quan-ly/cong-bo/", {"kind": "period", "period": report.period_id}, follow=True
    )
    assert "Đã công bố số liệu của 1 báo cáo" in answer.content.decode()
    assert perms.is_public_report(report)
    bad = client.post(
        "/cong-khai/quan-ly/cong-bo/",
        {"kind": "period", "period": report.period_id, "cutoff": "31/02/2024"},
        follow=True,
    )
    # Beside the cutoff of the form that was sent, what was typed still in it.
    assert bad.status_code == 400
    assert 'id="pub-cutoff_error" role="alert">“31/02/2024” không phải một ngày' in (
        bad.content.decode()
    )
    assert Publication.objects.count() == 1
    publication = Publication.objects.get()
    answer = client.post(
        f"/cong-khai/quan-ly/{publication.pk}/rut-lai/",
        {"reason": "Kiểm tra lại", "version": publication.version},
        follow=True,
    )
    assert "Đã rút lại" in answer.content.decode()
    assert not perms.is_public_report(report)
    assert client_for(cycle.reporters[AGENCY_A]).get("/cong-khai/quan-ly/").status_code == 403


def test_the_demo_publishes_its_accepted_2024_reports(cycle):
    from lotrinh.portal.demo import publish_demo_year

    report = cycle.accepted(AGENCY_A, 2024, "x")
    assert "1" in publish_demo_year(2024)
    assert perms.is_public_report(report)
    assert "đã được công bố" in publish_demo_year(2024)
    assert Publication.objects.count() == 1


def test_the_publication_page_costs_the_same_number_of_queries_whatever_the_data(cycle):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cycle.most)
    cycle.publish(cycle.accepted(AGENCY_A, 2020, "x"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cong-khai/quan-ly/").status_code == 200
        return len(queries)

    small = count()
    for year in (2021, 2022):
        cycle.publish(cycle.accepted(AGENCY_A, year, "x"))
        cycle.accepted(AGENCY_B, year, "y")
    assert count() == small


def test_every_choice_of_the_publication_forms_names_its_programme_and_period(
    seeded_db: None, most_monitor
) -> None:
    """A Party committee's two half-years of one year were two identical choices
    ("2025 — Tỉnh ủy Bắc Ninh" twice), and so were their consolidated drafts."""
    import re

    from lotrinh.accounts.models import Role
    from lotrinh.agencies.models import Agency
    from lotrinh.documents.models import DocumentKind, GeneratedDocument, GenerationStatus
    from lotrinh.reporting import services as reporting
    from tests.conftest import make_user
    from tests.party.test_party_reports import SUCCESSOR, _period

    first = _period()
    halves = [p for p in reporting.generate_periods(first.regime, 2025) if p.year == 2025]
    assert len(halves) == 2
    agency = Agency.objects.get(name_vi="Tỉnh ủy Bắc Ninh")
    reporter = make_user("tu_bn_r", agency.code, Role.REPORTER)
    leader = make_user("tu_bn_l", agency.code, Role.APPROVER)
    monitor = make_user("bcscl_pub", SUCCESSOR, Role.AGENCY_MONITOR)
    for period in halves:
        report = reporting.ensure_report(agency, period)
        for entry in report.entries.all()[:2]:
            data = {"status": "in_progress", "result": f"Kết quả {period.part}"}
            reporting.save_entry(entry, reporter, data, expected_version=entry.version)
        report = reporting.approve_report(report, leader)
        report = reporting.submit_report(report, reporter)
        reporting.accept_report(report, monitor)
        GeneratedDocument.objects.create(
            kind=DocumentKind.CONSOLIDATED,
            programme=period.regime.programme,
            agency=monitor.agency,
            period=period,
            year=2025,
            cutoff=datetime.date(2026, 1, 31),
            fmt="pdf",
            status=GenerationStatus.DONE,
            content_status="accepted",
        )
    page = client_for(most_monitor).get("/cong-khai/quan-ly/").content.decode()
    for select in ("pub-report", "pub-document"):
        block = page.split(f'id="{select}"')[1].split("</select>")[0]
        labels = re.findall(r'<option value="\d+">([^<]*)</option>', block)
        assert len(labels) == 2 and len(set(labels)) == 2, labels
        for label in labels:
            # A report's choice names its agency first (a narrow select cuts the end off).
            programme_first = label if select == "pub-document" else label.split(" — ", 1)[1]
            assert programme_first.startswith("52-NQ/TW — "), label
        assert sorted(p.title for p in halves) == sorted(
            next(p.title for p in halves if p.title in label) for label in labels
        ), labels


def _consolidated_document(cycle: Any, tmp_path: Any) -> Any:
    from django.core.files.base import ContentFile
    from django.test import override_settings

    from lotrinh.documents.models import GeneratedDocument

    with override_settings(MEDIA_ROOT=str(tmp_path)):
        document = GeneratedDocument(
            kind="consolidated",
            programme=cycle.programme,
            year=2023,
            period=cycle.periods[2023],
            cutoff=timezone.localdate(),
            fmt="docx",
            status="done",
            content_status="submitted",
        )
        document.file.save("tong-hop.docx", ContentFile(b"PK tong hop"), save=True)
    return document


def test_a_consolidated_document_cut_off_after_a_return_can_be_published(cycle, tmp_path):
    # The document names the returned report but does not quote it: nothing unaccepted in it.
    cycle.accepted(AGENCY_A, 2023, "a")
    returned = cycle.to_state(cycle.report(AGENCY_B, 2023, "b"), "returned")
    document = _consolidated_document(cycle, tmp_path)
    assert services.unaccepted_content(document) == []
    publication = services.publish_document(cycle.most, document)
    assert publication.document_id == document.pk
    assert returned.snapshots.get().status == "submitted"  # its last copy, not quoted


def test_a_consolidated_document_that_quoted_a_report_not_yet_accepted_is_refused(cycle, tmp_path):
    cycle.accepted(AGENCY_A, 2023, "a")
    pending = cycle.to_state(cycle.report(AGENCY_B, 2023, "b"), "submitted")
    document = _consolidated_document(cycle, tmp_path)
    assert services.unaccepted_content(document) == [pending.agency.name_vi]
    with pytest.raises(services.PublicationError) as refused:
        services.publish_document(cycle.most, document)
    assert pending.agency.name_vi in str(refused.value)
