"""One concurrency model: a version on each unit a person edits (an entry, a contribution,
the free-text sections), never moved by someone else's unrelated save, honoured by the
web form, htmx fragment saves and the XLSX upload."""

import threading
from io import BytesIO

import pytest
from django.db import connection
from openpyxl import load_workbook

from lotrinh.core.models import AuditEvent
from lotrinh.reporting import services, xlsx_form
from lotrinh.reporting.models import AgencyReport, ReportEntry
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(officer_a):
    return make_user("colleague_a", officer_a.agency.code, "reporter")


def entry_post(entry, **values):
    data = {
        f"e{entry.pk}-status": "in_progress",
        f"e{entry.pk}-result": "",
        f"e{entry.pk}-version": entry.version,
    }
    data.update({f"e{entry.pk}-{k}": v for k, v in values.items()})
    return data


def test_saving_a_task_then_the_sections_from_the_page_load_is_not_a_conflict(report_a, officer_a):
    client = client_for(officer_a)
    page = client.get(f"/bao-cao/{report_a.pk}/")
    loaded_version = page.context["sections_form"].initial["version"]
    entry = report_a.entries.first()
    saved = client.post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/",
        entry_post(entry, result="Đã ban hành kế hoạch"),
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    response = client.post(
        f"/bao-cao/{report_a.pk}/danh-gia/",
        {
            "general_assessment": "Cơ bản hoàn thành các nhiệm vụ năm 2024.",
            "proposals_to_government": "",
            "version": loaded_version,
        },
    )
    assert response.status_code == 302
    report_a.refresh_from_db()
    assert report_a.general_assessment == "Cơ bản hoàn thành các nhiệm vụ năm 2024."


def test_a_colleague_s_sections_save_is_a_conflict_that_keeps_her_text(
    report_a, officer_a, colleague
):
    loaded = report_a.sections_version
    services.save_sections(
        report_a,
        colleague,
        general_assessment="Bản của đồng nghiệp",
        proposals_to_government="",
        expected_version=loaded,
    )
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/danh-gia/",
        {"general_assessment": "Bản của tôi", "proposals_to_government": "", "version": loaded},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Bản của tôi" in body and "Bản của đồng nghiệp" in body
    assert "Colleague A" in body  # who changed it
    report_a.refresh_from_db()
    assert report_a.general_assessment == "Bản của đồng nghiệp"
    # The form now carries the current version: saving the merge goes through.
    assert response.context["sections_form"].data["version"] == str(report_a.sections_version)


def test_a_stale_entry_form_shows_both_texts_and_who_changed_it(report_a, officer_a, colleague):
    entry = report_a.entries.first()
    stale = entry_post(entry, result="Bản của tôi")
    services.save_entry(
        entry,
        colleague,
        {"status": "in_progress", "result": "Bản của đồng nghiệp"},
        expected_version=entry.version,
    )
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/", stale, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Bản của tôi" in body and "Bản của đồng nghiệp" in body and "Colleague A" in body
    entry.refresh_from_db()
    assert entry.result == "Bản của đồng nghiệp"


def test_saving_the_same_text_twice_is_not_a_conflict(report_a, officer_a):
    entry = report_a.entries.first()
    data = {"status": "in_progress", "result": "Một lần"}
    version = entry.version
    services.save_entry(entry, officer_a, data, expected_version=version)
    again = services.save_entry(entry, officer_a, data, expected_version=version)
    assert again.version == version + 1


def test_a_task_save_does_not_move_the_report_or_sections_version(report_a, officer_a):
    before = (report_a.version, report_a.sections_version)
    entry = report_a.entries.first()
    services.save_entry(entry, officer_a, {"status": "in_progress"}, expected_version=entry.version)
    report_a.refresh_from_db()
    assert (report_a.version, report_a.sections_version) == before


def _download(client, report):
    response = client.get(f"/bao-cao/{report.pk}/bieu-mau.xlsx")
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def _bytes(book) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client, report, data: bytes, capture):
    """Upload the form and let the worker process it (the queued job runs on commit);
    the answer is the upload's page once processed."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    with capture(execute=True):
        response = client.post(
            f"/bao-cao/{report.pk}/tai-len/",
            {"file": SimpleUploadedFile("bao-cao.xlsx", data)},
        )
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"])


def test_a_stale_spreadsheet_is_refused_with_each_conflict(
    report_a, officer_a, colleague, django_capture_on_commit_callbacks
):
    client = client_for(officer_a)
    book = _download(client, report_a)
    sheet = book[xlsx_form.SHEET]
    refs = [sheet["A2"].value, sheet["A3"].value]
    sheet["D2"] = "Kết quả trong tệp 1"
    sheet["D3"] = "Kết quả trong tệp 2"
    sheet["D4"] = "Dòng này không xung đột"
    # Meanwhile the colleague edits the first two tasks on the web.
    for ref, text in zip(refs, ("Trên web 1", "Trên web 2"), strict=True):
        entry = ReportEntry.objects.get(report=report_a, task__ref=ref)
        client_for(colleague).post(
            f"/bao-cao/{report_a.pk}/muc/{entry.pk}/",
            entry_post(entry, result=text),
            HTTP_HX_REQUEST="true",
        )
    versions = dict(ReportEntry.objects.filter(report=report_a).values_list("pk", "version"))
    events = AuditEvent.objects.count()
    response = _upload(client, report_a, _bytes(book), django_capture_on_commit_callbacks)
    body = response.content.decode()
    assert response.context["job"].status == "failed"
    assert "Biểu mẫu đã cũ: 2 nhiệm vụ đã được sửa trên hệ thống" in body
    for text in ("Kết quả trong tệp 1", "Trên web 1", "Kết quả trong tệp 2", "Trên web 2"):
        assert text in body
    assert all(ref in body for ref in refs) and "Colleague A" in body
    conflicts = response.context["conflicts"]
    assert [c.label for c in conflicts] == refs
    # Nothing written, not even the row without a conflict.
    assert AuditEvent.objects.count() == events
    assert dict(ReportEntry.objects.filter(report=report_a).values_list("pk", "version")) == (
        versions
    )
    assert not ReportEntry.objects.filter(result="Dòng này không xung đột").exists()


def test_an_unchanged_spreadsheet_saves_nothing(
    report_a, officer_a, django_capture_on_commit_callbacks
):
    client = client_for(officer_a)
    entry = report_a.entries.first()
    services.save_entry(
        entry, officer_a, {"status": "in_progress", "result": "  Có sẵn  "}, entry.version
    )
    book = _download(client, report_a)
    versions = dict(ReportEntry.objects.filter(report=report_a).values_list("pk", "version"))
    events = AuditEvent.objects.count()
    response = _upload(client, report_a, _bytes(book), django_capture_on_commit_callbacks)
    assert response.context["job"].status == "done" and response.context["job"].saved == 0
    assert "không lưu gì" in response.content.decode()
    assert AuditEvent.objects.count() == events
    assert dict(ReportEntry.objects.filter(report=report_a).values_list("pk", "version")) == (
        versions
    )


def test_only_changed_rows_of_a_spreadsheet_are_saved(report_a, officer_a):
    book = load_workbook(BytesIO(xlsx_form.build_form(report_a)))
    book[xlsx_form.SHEET]["D3"] = "Chỉ dòng này"
    events = AuditEvent.objects.filter(action="report.entry_saved").count()
    assert xlsx_form.import_form(report_a, officer_a, _bytes(book)) == 1
    assert AuditEvent.objects.filter(action="report.entry_saved").count() == events + 1


def test_a_form_without_version_columns_is_refused(report_a, officer_a):
    book = load_workbook(BytesIO(xlsx_form.build_form(report_a)))
    book[xlsx_form.SHEET].delete_cols(10, 2)
    with pytest.raises(xlsx_form.FormErrors, match="phiên bản"):
        xlsx_form.import_form(report_a, officer_a, _bytes(book))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL's row locks"
)
def test_parallel_saves_of_one_entry_one_wins_the_other_is_told(seeded_live_server, regime):
    from django.db import connections

    officer = make_user("officer_par", "bo-y-te", "reporter")
    twin = make_user("officer_par_twin", "bo-y-te", "reporter")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer.agency, period)
    entry = report.entries.first()
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def post(user, text):
        try:
            client = client_for(user)
            barrier.wait()
            response = client.post(
                f"/bao-cao/{report.pk}/muc/{entry.pk}/",
                entry_post(entry, result=text),
                HTTP_HX_REQUEST="true",
            )
            codes.append(response.status_code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=post, args=(officer, "A")),
        threading.Thread(target=post, args=(twin, "B")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200, 409]
    entry.refresh_from_db()
    assert entry.version == 2 and entry.result in ("A", "B")
    assert AgencyReport.objects.get(pk=report.pk).version == 1
